using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Messaging;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Core.Requests;

/// <summary>
/// Sends what a request owes exactly once, from its outbox entry: the ask to each recipient (prompt) and the
/// summary to the requester. Same rules as <see cref="DeliverFeedback"/>: a short lease stops two runs sending at
/// once; the attempt is recorded on the request before the message leaves; a later attempt first asks the
/// platform whether the message with this delivery key arrived; transient failures are retried with backoff
/// planned in storage; after the last attempt the person concerned is told (a requester learns who could not be
/// reached). Safe to run any number of times, from any host, after any crash.
/// </summary>
public sealed class DeliverRequestNotice(
    IRequestStore requests,
    IOnceStore once,
    ChatMessengers messengers,
    IOptions<DeliveryOptions> options,
    TimeProvider time,
    ILogger<DeliverRequestNotice> logger)
{
    /// <summary>The invisible marker of the ask to <paramref name="recipient"/>.</summary>
    public static string PromptKey(string requestId, PersonRef recipient) => $"prompt:{requestId}:{recipient.Key}";

    /// <summary>The invisible marker of a request's summary.</summary>
    public static string SummaryKey(string requestId) => $"summary:{requestId}";

    /// <summary>
    /// Asks <paramref name="recipient"/>. With <paramref name="requesterWaiting"/> (the request use case, whose
    /// answer names who could not be reached) a permanent failure is not also sent to the requester as a message.
    /// </summary>
    public Task<DeliveryOutcome> PromptAsync(string requestId, PersonRef recipient, bool requesterWaiting, CancellationToken ct) =>
        RunAsync(new PromptPart(requestId, recipient, requesterWaiting), ct);

    /// <summary>Sends the summary of a closed request to its requester.</summary>
    public Task<DeliveryOutcome> SummaryAsync(string requestId, CancellationToken ct) => RunAsync(new SummaryPart(requestId), ct);

    private async Task<DeliveryOutcome> RunAsync(Part part, CancellationToken ct)
    {
        var request = await requests.GetAsync(part.RequestId, ct);
        if (request is null || part.State(request) is not { } state)
        {
            return DeliveryOutcome.Missing;
        }

        if (!state.IsPending)
        {
            return DeliveryOutcome.AlreadyDone;
        }

        if (!part.StillWanted(request))
        {
            await FinishAsync(part, SendStatus.Skipped, null, ct);
            return DeliveryOutcome.AlreadyDone;
        }

        var o = options.Value;
        var lease = "send:" + part.Key;
        if (!await once.TryClaimAsync(lease, o.Lease, ct))
        {
            return DeliveryOutcome.Busy;
        }

        try
        {
            return await SendOnceAsync(part, request, state, o, ct);
        }
        finally
        {
            // Every path below has recorded its result in storage (or failed to, and the sweep retries after the
            // entry's lease); the run lease only has to cover the send itself.
            await TryReleaseAsync(lease);
        }
    }

    private async Task<DeliveryOutcome> SendOnceAsync(Part part, FeedbackRequest request, SendState state, DeliveryOptions o, CancellationToken ct)
    {
        var to = part.To(request);
        try
        {
            if (state.StartedAt is { } started && await messengers.FindSentAsync(to, part.Key, started, ct) is not null)
            {
                // An earlier attempt reached them after all (crash mid-send, timeout, 5xx).
                logger.LogInformation("{Part} had been delivered by an earlier attempt", part);
                await FinishAsync(part, SendStatus.Sent, null, ct);
                return DeliveryOutcome.FoundDelivered;
            }

            var now = time.GetUtcNow();
            var marked = await requests.UpdateAsync(part.RequestId, r => part.State(r) is { IsPending: true } s
                ? part.With(r, s with { Attempts = s.Attempts + 1, StartedAt = s.StartedAt ?? now })
                : null, ct);
            if (marked is null || part.State(marked) is not { IsPending: true } sending || sending.StartedAt is null)
            {
                return DeliveryOutcome.AlreadyDone;
            }

            state = sending;
            await messengers.SendAsync(to, part.Notice(marked), part.Key, ct);
        }
        catch (ChatDeliveryException ex) when (ex.WorkspaceGone)
        {
            // Uninstalled while this ran: a quiet no-op (see DeliverFeedback); the uninstall dropped the queued entry.
            logger.LogInformation("{Part} skipped: the app is no longer installed in that workspace", part);
            await requests.RescheduleWorkAsync(part.Entry, time.GetUtcNow() + DeliverFeedback.NotInstalledRecheck, ct);
            return DeliveryOutcome.NotInstalled;
        }
        catch (ChatDeliveryException ex) when (!ex.Permanent && state.Attempts < o.MaxAttempts)
        {
            var due = time.GetUtcNow() + o.RetryDelay(Math.Max(1, state.Attempts));
            logger.LogWarning(ex, "{Part} failed (attempt {Attempt} of {Max}, maybe sent: {MaybeSent}); next try at {Due}",
                part, state.Attempts, o.MaxAttempts, ex.MaybeSent, due);
            await requests.RescheduleWorkAsync(part.Entry, due, ct);
            return DeliveryOutcome.Retrying;
        }
        catch (ChatDeliveryException ex)
        {
            logger.LogWarning(ex, "Giving up on {Part} after {Attempts} attempt(s)", part, state.Attempts);
            if (await FinishAsync(part, SendStatus.Failed, ex.Message, ct) is { } failed && part.FailureNotice(failed, ex.Message) is { } notice)
            {
                await TryTellAsync(failed.Requester, notice, ct);
            }

            return DeliveryOutcome.Failed;
        }

        await FinishAsync(part, SendStatus.Sent, null, ct);
        return DeliveryOutcome.Delivered;
    }

    // Moves the part out of Pending (which takes its outbox entry away in the same write); the stored request when
    // this call made the move, null when another run got there first.
    private async Task<FeedbackRequest?> FinishAsync(Part part, SendStatus status, string? error, CancellationToken ct)
    {
        var moved = false;
        var stored = await requests.UpdateAsync(part.RequestId, r =>
        {
            moved = part.State(r) is { IsPending: true };
            return moved ? part.With(r, part.State(r)! with { Status = status, Error = error }) : null;
        }, ct);
        return moved ? stored : null;
    }

    private async Task TryTellAsync(PersonRef to, ChatNotice notice, CancellationToken ct)
    {
        try
        {
            await messengers.SendAsync(to, notice, ct);
        }
        catch (ChatDeliveryException ex)
        {
            logger.LogWarning(ex, "Could not tell {Person} about {Notice}", to, notice.GetType().Name);
        }
    }

    private async Task TryReleaseAsync(string key)
    {
        try
        {
            await once.ReleaseAsync(key, CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogDebug(ex, "Could not release {Lease}; it expires by itself", key);
        }
    }

    /// <summary>One keyed message a request owes: where its state lives, whom it goes to, what it says.</summary>
    private abstract record Part(string RequestId)
    {
        public abstract OutboxEntry Entry { get; }

        public abstract string Key { get; }

        public abstract SendState? State(FeedbackRequest r);

        public abstract FeedbackRequest With(FeedbackRequest r, SendState state);

        public abstract PersonRef To(FeedbackRequest r);

        public abstract bool StillWanted(FeedbackRequest r);

        public abstract ChatNotice Notice(FeedbackRequest r);

        public abstract ChatNotice? FailureNotice(FeedbackRequest r, string reason);

        public override string ToString() => Entry.ToString();
    }

    private sealed record PromptPart(string RequestId, PersonRef Recipient, bool RequesterWaiting) : Part(RequestId)
    {
        public override OutboxEntry Entry => OutboxEntry.ForPrompt(RequestId, Recipient);

        public override string Key => PromptKey(RequestId, Recipient);

        public override SendState? State(FeedbackRequest r) => r.RecipientFor(Recipient)?.Prompt;

        public override FeedbackRequest With(FeedbackRequest r, SendState state) =>
            r.WithRecipient(Recipient, x => x with { Prompt = state });

        public override PersonRef To(FeedbackRequest r) => Recipient;

        // Someone who already answered or declined (from /feedback pending) or a request past due needs no ask.
        public override bool StillWanted(FeedbackRequest r) => r.RecipientFor(Recipient) is { IsOpen: true };

        public override ChatNotice Notice(FeedbackRequest r) =>
            new FeedbackRequestedNotice(r.Id, r.Requester, r.Question, r.Source, r.DueAt);

        public override ChatNotice? FailureNotice(FeedbackRequest r, string reason) =>
            RequesterWaiting ? null : new RequestNotReachedNotice(r.Id, r.Question, Recipient, reason);
    }

    private sealed record SummaryPart(string RequestId) : Part(RequestId)
    {
        public override OutboxEntry Entry => OutboxEntry.ForSummary(RequestId);

        public override string Key => SummaryKey(RequestId);

        // A closed request owes its summary even if no state was recorded yet (closed before summaries were queued).
        public override SendState? State(FeedbackRequest r) => r.Summary ?? (r.SummaryOwed ? new SendState() : new SendState(SendStatus.Sent));

        // Leaving Pending also marks the summary as no longer owed.
        public override FeedbackRequest With(FeedbackRequest r, SendState state) =>
            r with { Summary = state, SummarySent = !state.IsPending };

        public override PersonRef To(FeedbackRequest r) => r.Requester;

        public override bool StillWanted(FeedbackRequest r) => !r.IsOpen;

        public override ChatNotice Notice(FeedbackRequest r) => new RequestSummaryNotice(r.Id, r.Question, r.DueAt, r.Tally());

        // The requester is the one who could not be reached: nobody else to tell.
        public override ChatNotice? FailureNotice(FeedbackRequest r, string reason) => null;
    }
}
