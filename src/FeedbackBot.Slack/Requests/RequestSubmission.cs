using FeedbackBot.Core.Requests;
using FeedbackBot.Slack.Api;
using FeedbackBot.Slack.Background;
using FeedbackBot.Slack.Inbound;

namespace FeedbackBot.Slack.Requests;

/// <summary>
/// Request modal submit. Core's checks that need no lookup answer with <c>response_action: errors</c> at once;
/// Core's ValidateAsync (users.info: bots, unknown people) runs within the ack budget so those show as field
/// errors too. Storing and asking (one DM per recipient) run in RunAsync; the requester gets the outcome by DM.
/// </summary>
public sealed class RequestSubmission(SlackBackgroundQueue queue, AckDeadline deadline, RequestRunner runner, SlackApiClient api)
    : IViewSubmissionHandler
{
    public async ValueTask<SlackAck> AckAsync(Interaction interaction, SlackView view, CancellationToken ct)
    {
        var command = RequestModal.Read(view, interaction).ToCommand(interaction.Person);
        if (RequestFeedback.Check(command) is { Count: > 0 } quick)
        {
            return Errors(quick, view);
        }

        var validated = await queue.RunWithinAsync<RequestRunner, IReadOnlyList<RequestProblem>>(
            (r, validateCt) => r.ValidateAsync(command, validateCt), deadline);
        return validated.InTime is { Count: > 0 } problems ? Errors(problems, view) : SlackAck.Ok.ThenRun(command);
    }

    public async Task RunAsync(Interaction interaction, SlackView view, object? state, CancellationToken ct)
    {
        if (state is not RequestFeedbackCommand command)
        {
            return;
        }

        var outcome = await runner.RequestAsync(command, ct);
        await api.SendDmAsync(interaction.TeamId, interaction.UserId, RequestService.Describe(outcome), null, ct);
    }

    private static SlackAck Errors(IReadOnlyList<RequestProblem> problems, SlackView view)
    {
        var errors = new Dictionary<string, string>();
        foreach (var problem in problems)
        {
            var block = RequestModal.BlockFor(problem.Code, view);
            var message = problem.Code == RequestProblemCode.UnknownPerson ? "One of these people isn't in this workspace." : problem.Message;
            errors[block] = errors.TryGetValue(block, out var existing) ? $"{existing} {message}" : message;
        }

        return SlackAck.ViewErrors(errors);
    }
}
