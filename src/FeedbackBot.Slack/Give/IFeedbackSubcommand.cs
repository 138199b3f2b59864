using FeedbackBot.Slack.Inbound;

namespace FeedbackBot.Slack.Give;

/// <summary>
/// One <c>/feedback</c> subcommand, keyed in SlackRoutes by the intent type <see cref="FeedbackCommandParser"/>
/// returns. Same shape as a slash command handler: a fast ack, and a RunAsync after it in its own scope.
/// </summary>
public interface IFeedbackSubcommand
{
    ValueTask<SlackAck> AckAsync(SlashCommand command, FeedbackCommandIntent intent, CancellationToken ct);

    Task RunAsync(SlashCommand command, FeedbackCommandIntent intent, object? state, CancellationToken ct) => Task.CompletedTask;
}
