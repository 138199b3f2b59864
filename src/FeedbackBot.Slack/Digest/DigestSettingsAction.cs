using FeedbackBot.Slack.Inbound;
using FeedbackBot.Slack.Settings;

namespace FeedbackBot.Slack.Digest;

/// <summary>"Change day/time": the settings modal.</summary>
public sealed class DigestSettingsAction(SettingsOpener settings) : IBlockActionHandler
{
    public const string ActionId = "digest_settings";

    public ValueTask<SlackAck> AckAsync(Interaction interaction, BlockAction action, CancellationToken ct) =>
        ValueTask.FromResult(SlackAck.Ok.ThenRun());

    public Task RunAsync(Interaction interaction, BlockAction action, object? state, CancellationToken ct) =>
        settings.OpenAsync(SlackRequester.Of(interaction), interaction.TriggerId, ct);
}
