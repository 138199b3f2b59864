using FeedbackBot.Slack.Give;
using FeedbackBot.Slack.Inbound;

namespace FeedbackBot.Slack.Settings;

/// <summary><c>/feedback settings</c>: the settings modal (opened first, filled in after; see <see cref="SettingsOpener"/>).</summary>
public sealed class SettingsSubcommand(SettingsOpener settings) : IFeedbackSubcommand
{
    public ValueTask<SlackAck> AckAsync(SlashCommand command, FeedbackCommandIntent intent, CancellationToken ct) =>
        ValueTask.FromResult(SlackAck.Ok.ThenRun());

    public Task RunAsync(SlashCommand command, FeedbackCommandIntent intent, object? state, CancellationToken ct) =>
        settings.OpenAsync(SlackRequester.Of(command), command.TriggerId, ct);
}
