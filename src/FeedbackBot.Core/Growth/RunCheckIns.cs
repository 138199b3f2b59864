using FeedbackBot.Core.Messaging;
using FeedbackBot.Core.Nudges;
using FeedbackBot.Core.Ports;
using Microsoft.Extensions.Logging;

namespace FeedbackBot.Core.Growth;

/// <summary>What one check-in run did for one commitment.</summary>
public enum CheckInOutcome
{
    /// <summary>Sent now.</summary>
    Sent,
    /// <summary>An earlier attempt had arrived after all (found on the platform); recorded, not sent again.</summary>
    FoundSent,
    /// <summary>Nothing to do: the commitment is gone (erased), done, or has no check-in planned.</summary>
    NothingDue,
    /// <summary>Another run holds this check-in, or it ran already.</summary>
    AlreadyRunning,
    /// <summary>Taken before its time; put back at its planned instant.</summary>
    TooEarly,
    /// <summary>Outside the owner's working hours (a late run); moved to their next working moment.</summary>
    OutsideWorkingHours,
    /// <summary>The platform failed for now; planned again a little later.</summary>
    RetryLater,
    /// <summary>The platform refused for good; counted as done.</summary>
    NotReached,
}

/// <summary>
/// The recurring check-in job (every minute, on every host): takes due check-ins from the stored schedule with a
/// lease and sends each once, in the owner's working hours. Once only, even when two hosts or two runs overlap: the
/// take leases an entry to one run, a short once-claim per planned instant covers runs that overlap anyway, the
/// attempt is recorded on the commitment before the message leaves (a later attempt asks the platform first), and the
/// sent check-in clears <see cref="Commitment.CheckInAt"/>, so any rerun finds nothing due. Restart-safe: a run that
/// dies leaves the entry leased, and it comes back after the lease.
/// </summary>
public sealed class RunCheckIns(
    IGrowthStore store,
    GrowthBook growth,
    IOnceStore once,
    PersonClock clock,
    ChatMessengers messengers,
    TimeProvider time,
    ILogger<RunCheckIns> logger)
{
    public const int BatchSize = 200;
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan RunClaimTtl = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan EarlyStartTolerance = TimeSpan.FromSeconds(5);

    /// <summary>The delivery key of the check-in planned at <paramref name="plannedAt"/> (message metadata on Slack).</summary>
    public static string DeliveryKey(string commitmentId, DateTimeOffset plannedAt) =>
        $"checkin:{commitmentId}:{plannedAt.ToUnixTimeMilliseconds()}";

    /// <summary>One pass: every due check-in; returns how many were sent.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var sent = 0;
        foreach (var id in await store.TakeDueCheckInsAsync(time.GetUtcNow(), Lease, BatchSize, ct))
        {
            try
            {
                sent += await RunOneAsync(id, ct) == CheckInOutcome.Sent ? 1 : 0;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The entry stays leased and comes back after the lease; the next one still runs.
                logger.LogError(ex, "Check-in {CommitmentId} failed; it comes back after the lease", id);
            }
        }

        return sent;
    }

    /// <summary>Sends the commitment's due check-in, at most once per planned instant.</summary>
    public async Task<CheckInOutcome> RunOneAsync(string commitmentId, CancellationToken ct)
    {
        var commitment = await store.GetCommitmentAsync(commitmentId, ct);
        if (commitment is not { IsOpen: true, CheckInAt: { } planned })
        {
            await store.SetCheckInEntryAsync(commitmentId, null, ct);
            return CheckInOutcome.NothingDue;
        }

        var now = time.GetUtcNow();
        if (planned - now > EarlyStartTolerance)
        {
            await store.SetCheckInEntryAsync(commitmentId, planned, ct);
            return CheckInOutcome.TooEarly;
        }

        var claim = DeliveryKey(commitmentId, planned);
        if (!await once.TryClaimAsync(claim, RunClaimTtl, ct))
        {
            return CheckInOutcome.AlreadyRunning;
        }

        try
        {
            return await RunClaimedAsync(commitment, planned, claim, now, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await once.ReleaseAsync(claim, CancellationToken.None);
            throw;
        }
    }

    private async Task<CheckInOutcome> RunClaimedAsync(Commitment commitment, DateTimeOffset planned, string claim, DateTimeOffset now, CancellationToken ct)
    {
        var owner = commitment.Owner;
        var calendar = (await clock.LoadAsync(owner, ct)).Calendar;
        if (!WorkingTime.IsWithinWorkingHours(now, calendar))
        {
            await MoveAsync(commitment.Id, planned, WorkingTime.NextWorkingInstant(now, calendar), ct);
            await once.ReleaseAsync(claim, ct);
            return CheckInOutcome.OutsideWorkingHours;
        }

        // One delivery key per check-in, kept across retries: the first attempt's planned instant.
        var attempt = commitment.CheckInAttemptFor ?? planned;
        var key = DeliveryKey(commitment.Id, attempt);
        if (commitment.CheckInAttemptFor is not null && await messengers.FindSentAsync(owner, key, attempt, ct) is not null)
        {
            await MarkSentAsync(commitment.Id, planned, now, ct);
            return CheckInOutcome.FoundSent;
        }

        // Recorded before the message leaves: a crash after the send makes the next attempt look first.
        await store.UpdateCommitmentAsync(commitment.Id, c => c.CheckInAt == planned ? c with { CheckInAttemptFor = attempt } : null, ct);
        var daysAgo = calendar.LocalDate(now).DayNumber - calendar.LocalDate(commitment.CreatedAt).DayNumber;
        var notice = new CommitmentCheckInNotice(commitment.Id, commitment.Text, daysAgo, await growth.GiverOfAsync(commitment, ct));
        try
        {
            await messengers.SendAsync(owner, notice, key, ct);
        }
        catch (ChatDeliveryException ex) when (!ex.Permanent)
        {
            logger.LogWarning(ex, "Check-in {CommitmentId} for {Person} failed for now; retrying later", commitment.Id, owner);
            await MoveAsync(commitment.Id, planned, WorkingTime.NextWorkingInstant(now + RetryDelay, calendar), ct);
            await once.ReleaseAsync(claim, ct);
            return CheckInOutcome.RetryLater;
        }
        catch (ChatDeliveryException ex)
        {
            logger.LogWarning(ex, "Check-in {CommitmentId} for {Person} cannot be delivered", commitment.Id, owner);
            await MarkSentAsync(commitment.Id, planned, now, ct, counted: false);
            return CheckInOutcome.NotReached;
        }

        await MarkSentAsync(commitment.Id, planned, now, ct);
        return CheckInOutcome.Sent;
    }

    // The check-in planned at `planned` is over: nothing further is planned until the owner answers it.
    private Task MarkSentAsync(string id, DateTimeOffset planned, DateTimeOffset now, CancellationToken ct, bool counted = true) =>
        store.UpdateCommitmentAsync(id, c => c.CheckInAt != planned
            ? null
            : c with
            {
                CheckInAt = null,
                CheckInAttemptFor = null,
                CheckInsSent = c.CheckInsSent + (counted ? 1 : 0),
                LastCheckInAt = counted ? now : c.LastCheckInAt,
            }, ct);

    private Task MoveAsync(string id, DateTimeOffset planned, DateTimeOffset to, CancellationToken ct) =>
        store.UpdateCommitmentAsync(id, c => c.CheckInAt == planned ? c with { CheckInAt = to } : null, ct);
}
