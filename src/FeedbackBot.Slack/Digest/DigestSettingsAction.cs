using FeedbackBot.Core.Insights;
using FeedbackBot.Slack.Inbound;
using FeedbackBot.Slack.Settings;

namespace FeedbackBot.Slack.Digest;

/// <summary>"Change day/time": the settings modal.</summary>
public sealed class DigestSettingsAction(SettingsOpener settings, IInsightsRecorder? insights = null) : IBlockActionHandler
{
    public const string ActionId = "digest_settings";

    public ValueTask<SlackAck> AckAsync(Interaction interaction, BlockAction action, CancellationToken ct) =>
        ValueTask.FromResult(SlackAck.Ok.ThenRun());

    public async Task RunAsync(Interaction interaction, BlockAction action, object? state, CancellationToken ct)
    {
        // The modal first: its trigger_id lives 3 seconds; the count can wait.
        await settings.OpenAsync(SlackRequester.Of(interaction), interaction.TriggerId, ct);
        await (insights ?? NoInsightsRecorder.Instance).DigestActionAsync(interaction.Person, DigestAction.Settings, ct);
    }
}
