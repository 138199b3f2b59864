using FeedbackBot.Core.Messaging;
using FeedbackBot.Core.Ports;
using FeedbackBot.Core.Requests;
using FeedbackBot.Core.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Core.Feedback;

/// <summary>How a delivery attempt ended.</summary>
public enum DeliveryOutcome
{
    /// <summary>Sent now.</summary>
    Delivered,
    /// <summary>Already delivered earlier (a rerun): nothing sent.</summary>
    AlreadyDone,
    /// <summary>An earlier attempt had reached the recipient after all (found on the platform): recorded, nothing sent.</summary>
    FoundDelivered,
    /// <summary>Another run owns this delivery right now: nothing done; the sweeper comes back if that run dies.</summary>
    Busy,
    /// <summary>No such item: nothing to do.</summary>
    Missing,
    /// <summary>A transient failure: the delivery stays pending and is due again after a backoff.</summary>
    Retrying,
    /// <summary>Gave up for good; the giver was told and the item stays stored.</summary>
    Failed,
    /// <summary>
    /// The app is no longer installed in the recipient's workspace (an uninstall raced the run): nothing sent,
    /// nothing marked; the item stays pending and stored, its queued work is not put back.
    /// </summary>
    NotInstalled,
}

/// <summary>
/// Delivers one stored feedback item to its recipient exactly once, then confirms to the giver and, when it
/// answers a request, records the answer (which stops that person's nudges and tells the requester).
/// <para>
/// Safe to run any number of times, from any host, after any crash: a short lease stops two runs sending at
/// once; the first send attempt is recorded before the message leaves, and every later attempt first asks the
/// platform whether a message with this item's delivery key arrived (a crash mid-send, a timeout or a 5xx after
/// Slack acted). Retries are planned in storage (the item stays pending with a later due time), so they survive
/// restarts too.
/// </para>
/// </summary>
public sealed class DeliverFeedback(
    IFeedbackStore feedback,
    IRequestStore requests,
    IOnceStore once,
    ChatMessengers messengers,
    AnswerRequest answers,
    IOptions<DeliveryOptions> options,
    TimeProvider time,
    ILogger<DeliverFeedback> logger)
{
    /// <summary>How long a delivery whose workspace lost the app waits before it is looked at again (when still queued).</summary>
    public static readonly TimeSpan NotInstalledRecheck = TimeSpan.FromDays(1);

    /// <summary>The invisible marker a delivered message carries; the platform search looks for it.</summary>
    public static string DeliveryKey(string feedbackId) => $"feedback:{feedbackId}";

    /// <summary>One attempt. Never throws for platform failures; storage failures propagate (the sweeper retries).</summary>
    public async Task<DeliveryOutcome> RunAsync(string feedbackId, CancellationToken ct)
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

        var o = options.Value;
        var lease = $"deliver:{feedbackId}";
        if (!await once.TryClaimAsync(lease, o.Lease, ct))
        {
            return DeliveryOutcome.Busy;
        }

        try
        {
            return await SendOnceAsync(item, o, ct);
        }
        catch (Exception ex) when (ex is not ChatDeliveryException)
        {
            // Storage trouble mid-run: free the lease if we can, so the sweeper's next pass need not wait for it.
            await TryReleaseAsync(lease);
            throw;
        }

        async Task TryReleaseAsync(string key)
        {
            try
            {
                await once.ReleaseAsync(key, CancellationToken.None);
            }
            catch (Exception releaseError)
            {
                logger.LogDebug(releaseError, "Could not release the delivery lease of {FeedbackId}; it expires by itself", feedbackId);
            }
        }
    }

    private async Task<DeliveryOutcome> SendOnceAsync(FeedbackItem item, DeliveryOptions o, CancellationToken ct)
    {
        var key = DeliveryKey(item.Id);
        try
        {
            if (item.SendStartedAt is { } started)
            {
                // An earlier attempt may have reached the recipient (crash mid-send, timeout, 5xx): look first.
                if (await messengers.FindSentAsync(item.Recipient, key, started, ct) is not null)
                {
                    logger.LogInformation("Feedback {FeedbackId} had been delivered by an earlier attempt", item.Id);
                    await CompleteAsync(item, ct);
                    return DeliveryOutcome.FoundDelivered;
                }
            }

            var sending = await feedback.MarkSendingAsync(item.Id, time.GetUtcNow(), ct);
            if (sending is null)
            {
                return DeliveryOutcome.AlreadyDone;
            }

            item = sending;
            string? question = null;
            if (item.RequestId is not null)
            {
                question = (await requests.GetAsync(item.RequestId, ct))?.Question;
            }

            await messengers.SendAsync(item.Recipient, FeedbackReceivedNotice.For(item, question), key, ct);
        }
        catch (ChatDeliveryException ex) when (ex.WorkspaceGone)
        {
            // Uninstalled while this ran: not a failure to report (the giver cannot be told there either), and the
            // uninstall already dropped the queued entry. Moving it only if it is still there (a token that stopped
            // working with no uninstall event) keeps it from coming back every lease.
            logger.LogInformation("Delivery of feedback {FeedbackId} skipped: the app is no longer installed in that workspace", item.Id);
            await feedback.RescheduleDeliveryAsync(item.Id, time.GetUtcNow() + NotInstalledRecheck, ct);
            await once.ReleaseAsync($"deliver:{item.Id}", ct);
            return DeliveryOutcome.NotInstalled;
        }
        catch (ChatDeliveryException ex) when (!ex.Permanent && item.DeliveryAttempts < o.MaxAttempts)
        {
            var due = time.GetUtcNow() + o.RetryDelay(Math.Max(1, item.DeliveryAttempts));
            logger.LogWarning(ex, "Delivery of feedback {FeedbackId} failed (attempt {Attempt} of {Max}, maybe sent: {MaybeSent}); next try at {Due}",
                item.Id, item.DeliveryAttempts, o.MaxAttempts, ex.MaybeSent, due);
            await feedback.RescheduleDeliveryAsync(item.Id, due, ct);
            await once.ReleaseAsync($"deliver:{item.Id}", ct);
            return DeliveryOutcome.Retrying;
        }
        catch (ChatDeliveryException ex)
        {
            logger.LogWarning(ex, "Giving up on delivering feedback {FeedbackId} after {Attempts} attempt(s)", item.Id, item.DeliveryAttempts);
            await feedback.SetDeliveryAsync(item.Id, DeliveryStatus.Failed, time.GetUtcNow(), ex.Message, ct);
            FeedbackMetrics.FeedbackFailed(item.Recipient);
            await TryTellGiverAsync(item, new FeedbackNotDeliveredNotice(item.Id, item.Recipient, ex.Message), ct);
            // The giver did answer; the request must stop nudging them even though the message did not arrive.
            await answers.RecordAsync(item, ct);
            return DeliveryOutcome.Failed;
        }

        await CompleteAsync(item, ct);
        return DeliveryOutcome.Delivered;
    }

    private async Task CompleteAsync(FeedbackItem item, CancellationToken ct)
    {
        if (await feedback.SetDeliveryAsync(item.Id, DeliveryStatus.Delivered, time.GetUtcNow(), null, ct))
        {
            FeedbackMetrics.FeedbackDelivered(item.Recipient);
            await TryTellGiverAsync(item, new FeedbackSentNotice(item.Id, item.Recipient, item.Anonymous), ct);
        }

        // After the feedback itself, so the requester reads the answer before the tally that mentions it.
        await answers.RecordAsync(item, ct);
    }

    // The recipient already has the feedback; a failed confirmation must not make the delivery resend it.
    private async Task TryTellGiverAsync(FeedbackItem item, ChatNotice notice, CancellationToken ct)
    {
        try
        {
            await messengers.SendAsync(item.Giver, notice, ct);
        }
        catch (ChatDeliveryException ex)
        {
            // The giver is not named: this line carries the item's id, and the item may be anonymous.
            logger.LogWarning(ex, "Could not tell the giver about feedback {FeedbackId}", item.Id);
        }
    }
}
