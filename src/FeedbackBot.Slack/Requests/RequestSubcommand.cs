using FeedbackBot.Core.Requests;
using FeedbackBot.Slack.Background;
using FeedbackBot.Slack.Give;
using FeedbackBot.Slack.Inbound;

namespace FeedbackBot.Slack.Requests;

/// <summary>
/// <c>/feedback request [@a @b] [question…]</c>. Without a question, the request modal (opened in RunAsync). With
/// one: Core's checks that need no lookup answer at once; then Core's request runs within the ack budget and
/// the ack says its outcome, or "sending…" with the outcome following by response_url from RunAsync.
/// </summary>
public sealed class RequestSubcommand(SlackBackgroundQueue queue, AckDeadline deadline, RequestModalOpener opener, PrivateReply reply)
    : IFeedbackSubcommand
{
    public async ValueTask<SlackAck> AckAsync(SlashCommand command, FeedbackCommandIntent intent, CancellationToken ct)
    {
        var ask = (RequestIntent)intent;
        if (ask.Question.Length == 0)
        {
            return SlackAck.Ok.ThenRun();
        }

        var request = new RequestFeedbackCommand(command.Person,
            ask.Recipients.Select(r => SlackIds.Person(command.TeamId, r)).ToArray(), ask.Question);
        if (RequestFeedback.Check(request) is { Count: > 0 } problems)
        {
            return SlackAck.Ephemeral(string.Join("\n", problems.Select(RequestService.ProblemText)) + "\n\n" + RequestCommandParser.Usage);
        }

        // Storing is quick, but each recipient's DM is a Web API round trip: wait only as long as the ack allows.
        var started = await queue.RunWithinAsync<RequestRunner, RequestOutcome>((runner, runCt) => runner.RequestAsync(request, runCt), deadline);
        return started.InTime is { } outcome
            ? SlackAck.Ephemeral(RequestService.Describe(outcome))
            : SlackAck.Ephemeral("Sending your request…").ThenRun(started);
    }

    public async Task RunAsync(SlashCommand command, FeedbackCommandIntent intent, object? state, CancellationToken ct)
    {
        if (state is Budgeted<RequestOutcome> started)
        {
            await reply.TellAsync(SlackRequester.Of(command), RequestService.Describe(await started.Running), ct);
            return;
        }

        var draft = RequestDraft.Empty with { Recipients = ((RequestIntent)intent).Recipients.Where(r => r != command.UserId).ToArray() };
        await opener.OpenAsync(SlackRequester.Of(command), command.TriggerId, draft, ct);
    }
}
