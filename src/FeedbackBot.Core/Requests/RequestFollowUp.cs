using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Messaging;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using Microsoft.Extensions.Logging;

namespace FeedbackBot.Core.Requests;

/// <summary>Keeps the requester informed: one notice per answer or decline, and one summary when nobody is pending.</summary>
public sealed class RequestFollowUp(DeliverRequestNotice summaries, ChatMessengers messengers, ILogger<RequestFollowUp> logger)
{
    /// <summary>
    /// Sends the summary if the request is closed and it did not go out yet. The change that closed the request
    /// stored "summary owed" and its outbox entry in the same write (see <see cref="FeedbackRequest.PendingWork"/>);
    /// this is the fast path of that entry, exactly once however many answers, declines and expiry checks race.
    /// A storage failure here is logged, not thrown: the entry is stored and the sweeper sends it.
    /// </summary>
    public async Task<bool> SummarizeIfDoneAsync(string requestId, CancellationToken ct)
    {
        try
        {
            return await summaries.SummaryAsync(requestId, ct) is DeliveryOutcome.Delivered;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Summary of request {RequestId} not sent now; the sweep will send it", requestId);
            return false;
        }
    }

    /// <summary>
    /// Best effort: the state change it reports is already stored, and a failed courtesy message must not make a
    /// caller (or a job retry) undo or repeat it.
    /// </summary>
    public async Task TellRequesterAsync(PersonRef requester, ChatNotice notice, CancellationToken ct)
    {
        try
        {
            await messengers.SendAsync(requester, notice, ct);
        }
        catch (ChatDeliveryException ex)
        {
            logger.LogWarning(ex, "Could not tell {Requester} about {Notice}", requester, notice.GetType().Name);
        }
    }
}
