using FeedbackBot.Slack.Inbound;
using FeedbackBot.Slack.Text;

namespace FeedbackBot.Slack.Give;

/// <summary><c>/feedback help</c>, and anything not understood: the usage, with the problem first.</summary>
public sealed class HelpSubcommand : IFeedbackSubcommand
{
    public ValueTask<SlackAck> AckAsync(SlashCommand command, FeedbackCommandIntent intent, CancellationToken ct) =>
        ValueTask.FromResult(intent is FeedbackCommandIntent.Invalid invalid
            ? SlackAck.Ephemeral($"{Mrkdwn.Escape(invalid.Problem)}\n\n{FeedbackCommandParser.Usage}")
            : SlackAck.Ephemeral("*Give and get feedback*\n" + FeedbackCommandParser.Usage));
}
