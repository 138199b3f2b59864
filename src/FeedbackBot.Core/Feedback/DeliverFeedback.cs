using FeedbackBot.Core.Messaging;
using FeedbackBot.Core.Ports;
using FeedbackBot.Core.Requests;
using Microsoft.Extensions.Logging;

namespace FeedbackBot.Core.Feedback;

/// <summary>How a delivery attempt ended.</summary>
public enum DeliveryOutcome
{
    /// <summary>Sent now.</summary>
    Delivered,
    /// <summary>Already delivered earlier (a retried job): nothing sent.</summary>
    AlreadyDone,
    /// <summary>No such item: nothing to do.</summary>
    Missing,
    /// <summary>Gave up for good; the giver was told and the item stays stored.</summary>
    Failed,
}

/// <summary>
/// Delivers one stored feedback item to its recipient, then confirms to the giver and, when it answers a request, records
/// the answer (which stops that person's nudges and tells the requester). Safe to run more than once:
/// the first successful send wins a once-claim, and a delivered item is never sent again.
/// </summary>
public sealed class DeliverFeedback(
    IFeedbackStore feedback,
    IRequestStore requests,
    IOnceStore once,
    ChatMessengers messengers,
    AnswerRequest answers,
    TimeProvider time,
    ILogger<DeliverFeedback> logger)
{
    // Long enough to outlive every retry of the job; the item's own Delivered status is the lasting record.
    private static readonly TimeSpan ClaimTtl = TimeSpan.FromDays(7);

    /// <summary>
    /// One attempt. A transient failure throws (the job system retries); when <paramref name="lastAttempt"/> is
    /// true, or the failure is permanent, the item is marked failed and the giver is told.
    /// </summary>
    public async Task<DeliveryOutcome> RunAsync(string feedbackId, bool lastAttempt, CancellationToken ct)
    {
        var item = await feedback.GetAsync(feedbackId, ct);
        if (item is null)
        {
            return DeliveryOutcome.Missing;
        }

        if (item.Delivery is DeliveryStatus.Delivered or DeliveryStatus.Failed)
        {
            // A rerun after a crash between sending and recording the answer finishes the job (idempotent).
            await answers.RecordAsync(item, ct);
            return DeliveryOutcome.AlreadyDone;
        }

        var claim = $"deliver:{feedbackId}";
        if (!await once.TryClaimAsync(claim, ClaimTtl, ct))
        {
            // Another worker is sending it right now, or sent it and crashed before recording it.
            return DeliveryOutcome.AlreadyDone;
        }

        string? question = null;
        if (item.RequestId is not null)
        {
            question = (await requests.GetAsync(item.RequestId, ct))?.Question;
        }

        try
        {
            await messengers.SendAsync(item.Recipient, FeedbackReceivedNotice.For(item, question), ct);
        }
        catch (ChatDeliveryException ex) when (!ex.Permanent && !lastAttempt)
        {
            // Nothing reached the recipient: give the claim back so the retry can send.
            await once.ReleaseAsync(claim, ct);
            throw;
        }
        catch (ChatDeliveryException ex)
        {
            logger.LogWarning(ex, "Giving up on delivering feedback {FeedbackId}", feedbackId);
            await feedback.SetDeliveryAsync(feedbackId, DeliveryStatus.Failed, time.GetUtcNow(), ex.Message, ct);
            await TryTellGiverAsync(item, new FeedbackNotDeliveredNotice(item.Id, item.Recipient, ex.Message), ct);
            // The giver did answer; the request must stop nudging them even though the message did not arrive.
            await answers.RecordAsync(item, ct);
            return DeliveryOutcome.Failed;
        }

        await feedback.SetDeliveryAsync(feedbackId, DeliveryStatus.Delivered, time.GetUtcNow(), null, ct);
        await TryTellGiverAsync(item, new FeedbackSentNotice(item.Id, item.Recipient, item.Anonymous), ct);
        // After the feedback itself, so the requester reads the answer before the tally that mentions it.
        await answers.RecordAsync(item, ct);
        return DeliveryOutcome.Delivered;
    }

    // The recipient already has the feedback; a failed confirmation must not make the job resend it.
    private async Task TryTellGiverAsync(FeedbackItem item, ChatNotice notice, CancellationToken ct)
    {
        try
        {
            await messengers.SendAsync(item.Giver, notice, ct);
        }
        catch (ChatDeliveryException ex)
        {
            logger.LogWarning(ex, "Could not tell {Giver} about feedback {FeedbackId}", item.Giver, item.Id);
        }
    }
}
