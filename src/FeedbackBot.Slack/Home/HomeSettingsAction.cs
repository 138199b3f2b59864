using FeedbackBot.Slack.Inbound;
using FeedbackBot.Slack.Settings;

namespace FeedbackBot.Slack.Home;

/// <summary>Home "Settings" button: the per-person settings modal (see <see cref="SettingsOpener"/>).</summary>
public sealed class HomeSettingsAction(SettingsOpener settings) : IBlockActionHandler
{
    public const string ActionId = "home_settings";

    public ValueTask<SlackAck> AckAsync(Interaction interaction, BlockAction action, CancellationToken ct) =>
        ValueTask.FromResult(SlackAck.Ok.ThenRun());

    public Task RunAsync(Interaction interaction, BlockAction action, object? state, CancellationToken ct) =>
        settings.OpenAsync(SlackRequester.Of(interaction), interaction.TriggerId, ct);
}
