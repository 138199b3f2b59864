using FeedbackBot.Core.Messaging;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using Microsoft.Extensions.Logging;

namespace FeedbackBot.Core.Requests;

/// <summary>Keeps the requester informed: one notice per answer or decline, and one summary when nobody is pending.</summary>
public sealed class RequestFollowUp(IRequestStore requests, ChatMessengers messengers, ILogger<RequestFollowUp> logger)
{
    /// <summary>
    /// Sends the summary if the request just became closed and no summary went out yet. Marking
    /// <see cref="FeedbackRequest.SummarySent"/> in the same atomic update that checks it makes exactly one caller
    /// the sender, however many answers, declines and expiry jobs race.
    /// </summary>
    public async Task<bool> SummarizeIfDoneAsync(string requestId, CancellationToken ct)
    {
        var claimed = false;
        var stored = await requests.UpdateAsync(requestId, request =>
        {
            claimed = false;
            if (request.SummarySent || request.IsOpen)
            {
                return null;
            }

            claimed = true;
            return request with { SummarySent = true };
        }, ct);

        if (!claimed || stored is null)
        {
            return false;
        }

        await TellRequesterAsync(
            stored.Requester, new RequestSummaryNotice(stored.Id, stored.Question, stored.DueAt, stored.Tally()), ct);
        return true;
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
