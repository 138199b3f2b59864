using FeedbackBot.Core.Requests;
using Microsoft.Extensions.Logging;

namespace FeedbackBot.Slack.Requests;

/// <summary>Core's request; any failure (a lookup, storage) becomes an outcome the requester is told about.</summary>
public sealed class RequestRunner(RequestFeedback requests, ILogger<RequestRunner> logger)
{
    public async Task<RequestOutcome> RequestAsync(RequestFeedbackCommand command, CancellationToken ct)
    {
        try
        {
            return new RequestOutcome(await requests.RequestAsync(command, ct), null);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Request from {Requester} was not saved", command.Requester);
            return new RequestOutcome(null, ex);
        }
    }

    /// <summary>
    /// Core's full check for the modal's field errors (a directory that cannot answer is one: "try again"). A store
    /// that cannot answer is none: <see cref="RequestAsync"/> checks again and reports to the requester. It never throws, so a check that
    /// outlives the ack budget ends unobserved without a fault.
    /// </summary>
    public async Task<IReadOnlyList<RequestProblem>> ValidateAsync(RequestFeedbackCommand command, CancellationToken ct)
    {
        try
        {
            return await requests.ValidateAsync(command, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogInformation(ex, "Request from {Requester}: recipients not checked before the ack", command.Requester);
            return [];
        }
    }
}
