using FeedbackBot.Core.Insights;
using FeedbackBot.Core.Messaging;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Core.Requests;
using FeedbackBot.Core.Telemetry;
using Microsoft.Extensions.Logging;

namespace FeedbackBot.Core.Nudges;

/// <summary>What one nudge check did.</summary>
public enum NudgeRunOutcome
{
    /// <summary>A check planned for the same person and instant already ran (or is running): nothing done.</summary>
    AlreadyRan,
    /// <summary>The job system started the check well before its planned instant; it was planned again, unclaimed.</summary>
    TooEarly,
    /// <summary>Nothing was due; the next check is planned.</summary>
    NothingDue,
    /// <summary>One nudge was sent, listing every pending request.</summary>
    Sent,
    /// <summary>Something was due but today's cap is used up; retried at the next working day's start.</summary>
    Capped,
    /// <summary>Something was due but now is outside working hours (a late job); retried at the next opening.</summary>
    OutsideWorkingHours,
    /// <summary>The platform failed for now; retried a little later.</summary>
    RetryLater,
    /// <summary>The platform refused for good (e.g. account removed); the nudge is counted as done.</summary>
    NotReached,
    /// <summary>The app is no longer installed in the person's workspace: nothing sent, and no next check planned.</summary>
    NotInstalled,
}

/// <summary>What one check did, how many requests it expired, and when the next check is planned.</summary>
public sealed record NudgeRunResult(NudgeRunOutcome Outcome, int Listed, int Expired, DateTimeOffset? NextCheckAt);

/// <summary>
/// The nudge job for one person. It re-reads everything the person owes, expires what is past due (and
/// summarises for the requester when nobody is left), and when at least one request is due for a nudge sends
/// ONE nudge listing every pending request, inside the person's working hours and within their daily cap. It
/// then plans its own next run at the earliest next nudge or expiry, in the stored nudge schedule (one entry per
/// person). The delivery sweep takes due entries with a lease and runs them; a run that dies leaves its entry to
/// come back after the lease, so no crash and no lost job can end a person's chain of checks.
/// </summary>
public sealed class RunNudges(
    IRequestStore requests,
    IOnceStore once,
    PersonClock clock,
    NudgePolicy policy,
    RequestFollowUp followUp,
    ChatMessengers messengers,
    TimeProvider time,
    ILogger<RunNudges> logger,
    IInsightsRecorder? insights = null)
{
    // Only has to cover runs that overlap (two copies of one job, two paths planning the same instant). After
    // that, a rerun finds LastNudgedAt stored and nothing due. Kept short so a run that crashed after claiming
    // comes back (its schedule entry returns after the lease) instead of being skipped as "already ran".
    private static readonly TimeSpan RunClaimTtl = TimeSpan.FromMinutes(15);

    // A local day lasts at most 26 hours across a DST change; two days is plenty.
    private static readonly TimeSpan DailySlotTtl = TimeSpan.FromDays(2);

    private static readonly TimeSpan RetryDelay = TimeSpan.FromMinutes(30);

    // Job systems keep delayed jobs at coarse resolution (Hangfire's Redis storage: whole seconds), so a check can
    // start a moment before its planned instant. Within this tolerance it acts as of the planned instant; a start
    // earlier than that must not claim the run key, or the re-planned check would find it taken and do nothing.
    private static readonly TimeSpan EarlyStartTolerance = TimeSpan.FromSeconds(5);

    /// <summary>The once-key of the check for <paramref name="person"/> planned at <paramref name="plannedAt"/>.</summary>
    public static string RunKey(PersonRef person, DateTimeOffset plannedAt) =>
        $"nudge:{person.Key}:{plannedAt.UtcDateTime:O}";

    /// <summary>The once-key of the <paramref name="slot"/>-th nudge of a person's local day (1-based, up to the cap).</summary>
    public static string DailySlotKey(PersonRef person, DateOnly localDate, int slot) =>
        $"nudges:{person.Key}:{localDate:yyyy-MM-dd}:{slot}";

    /// <summary>The check planned for <paramref name="plannedAt"/>, run directly (not taken from the schedule).</summary>
    public Task<NudgeRunResult> RunAsync(PersonRef person, DateTimeOffset plannedAt, CancellationToken ct) =>
        RunAsync(new DueNudgeCheck(person, plannedAt), ct);

    /// <summary>A check taken from the schedule (or run directly); its re-plan replaces exactly its own entry.</summary>
    public async Task<NudgeRunResult> RunAsync(DueNudgeCheck mine, CancellationToken ct)
    {
        var (person, plannedAt) = (mine.Person, mine.PlannedAt);
        var now = time.GetUtcNow();
        if (plannedAt - now > EarlyStartTolerance)
        {
            await requests.PlanNudgeCheckAsync(person, plannedAt, mine, ct);
            return new NudgeRunResult(NudgeRunOutcome.TooEarly, 0, 0, plannedAt);
        }

        var runKey = RunKey(person, plannedAt);
        if (!await once.TryClaimAsync(runKey, RunClaimTtl, ct))
        {
            return new NudgeRunResult(NudgeRunOutcome.AlreadyRan, 0, 0, null);
        }

        try
        {
            return await RunClaimedAsync(person, now > plannedAt ? now : plannedAt, mine, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Storage or an unexpected failure: the schedule entry comes back after its lease and retries.
            await once.ReleaseAsync(runKey, CancellationToken.None);
            throw;
        }
    }

    private async Task<NudgeRunResult> RunClaimedAsync(PersonRef person, DateTimeOffset now, DueNudgeCheck mine, CancellationToken ct)
    {
        var context = await clock.LoadAsync(person, ct);

        var expired = 0;
        var open = new List<FeedbackRequest>();
        foreach (var request in await requests.ListOwedByAsync(person, ct))
        {
            if (request.RecipientFor(person) is not { IsOpen: true })
            {
                continue;
            }

            if (request.DueAt <= now)
            {
                expired += await ExpireAsync(request.Id, now, ct);
                continue;
            }

            open.Add(request);
        }

        var due = open.Where(r => policy.NextNudgeAt(r, Me(r, person), context) <= now).Select(r => r.Id).ToHashSet();
        var outcome = NudgeRunOutcome.NothingDue;
        DateTimeOffset? retryAt = null;
        var listed = 0;

        if (due.Count > 0)
        {
            if (!WorkingTime.IsWithinWorkingHours(now, context.Calendar))
            {
                outcome = NudgeRunOutcome.OutsideWorkingHours;
                retryAt = WorkingTime.NextWorkingInstant(now, context.Calendar);
            }
            else if (await ClaimDailySlotAsync(context, now, ct) is not { } slot)
            {
                outcome = NudgeRunOutcome.Capped;
                retryAt = WorkingTime.NextWorkingDayStart(now, context.Calendar);
            }
            else
            {
                // Fold: one message with everything owed, except requests the person snoozed.
                var pending = open
                    .Where(r => Me(r, person).SnoozedUntil is not { } until || until <= now)
                    .OrderBy(r => r.DueAt).ThenBy(r => r.CreatedAt)
                    .Select(r => PendingOverview.ToOwed(r, Me(r, person)))
                    .ToArray();
                listed = pending.Length;
                (outcome, retryAt) = await SendAsync(context, new NudgeNotice(pending), slot, now, ct);
                if (outcome == NudgeRunOutcome.NotInstalled)
                {
                    // The uninstall dropped the nudge schedule; planning a next check would bring this person's work back.
                    await requests.PlanNudgeCheckAsync(person, null, mine, ct);
                    return new NudgeRunResult(outcome, listed, expired, null);
                }

                if (outcome is NudgeRunOutcome.Sent or NudgeRunOutcome.NotReached)
                {
                    for (var i = 0; i < open.Count; i++)
                    {
                        if (due.Contains(open[i].Id) && await MarkNudgedAsync(open[i].Id, person, now, ct) is { } updated)
                        {
                            open[i] = updated;
                            if (outcome == NudgeRunOutcome.Sent)
                            {
                                await (insights ?? NoInsightsRecorder.Instance).NudgedAsync(person, updated.Id, now, ct);
                            }
                        }
                    }
                }
            }
        }

        var next = retryAt;
        foreach (var request in open)
        {
            if (policy.NextCheckAt(request, Me(request, person), context) is { } at && at > now && (next is null || at < next))
            {
                next = at;
            }
        }

        // Replaces this check's own entry (or removes it when nothing is left); a check planned meanwhile by a new
        // request or a snooze is kept if it is earlier.
        await requests.PlanNudgeCheckAsync(person, next, mine, ct);

        logger.LogDebug(
            "Nudge check for {Person}: {Outcome}, {Listed} listed, {Expired} expired, next {Next:o}",
            person, outcome, listed, expired, next);
        return new NudgeRunResult(outcome, listed, expired, next);
    }

    private async Task<(NudgeRunOutcome, DateTimeOffset?)> SendAsync(
        PersonContext context, NudgeNotice notice, string slot, DateTimeOffset now, CancellationToken ct)
    {
        var person = context.Person;
        try
        {
            await messengers.SendAsync(person, notice, ct);
            FeedbackMetrics.NudgeSent(person);
            return (NudgeRunOutcome.Sent, null);
        }
        catch (ChatDeliveryException ex) when (ex.WorkspaceGone)
        {
            logger.LogInformation("Nudge to {Person} skipped: the app is no longer installed in that workspace", person);
            await once.ReleaseAsync(slot, ct);
            return (NudgeRunOutcome.NotInstalled, null);
        }
        catch (ChatDeliveryException ex) when (!ex.Permanent)
        {
            // Nothing reached them: give today's slot back and plan a retry of our own, so the chain of checks
            // never depends on the job system's retry budget.
            logger.LogWarning(ex, "Nudge to {Person} failed for now; retrying later", person);
            await once.ReleaseAsync(slot, ct);
            return (NudgeRunOutcome.RetryLater, WorkingTime.NextWorkingInstant(now + RetryDelay, context.Calendar));
        }
        catch (ChatDeliveryException ex)
        {
            // Retrying cannot help; count the nudge as done so the plan moves on to expiry.
            logger.LogWarning(ex, "Nudge to {Person} cannot be delivered", person);
            return (NudgeRunOutcome.NotReached, null);
        }
    }

    // The whole request expires at its due instant, not only this person's part: whichever recipient's check
    // comes first closes it, so the requester's summary does not depend on every recipient's chain.
    private async Task<int> ExpireAsync(string requestId, DateTimeOffset now, CancellationToken ct)
    {
        var count = 0;
        await requests.UpdateAsync(requestId, current =>
        {
            count = current.DueAt <= now ? current.Recipients.Count(r => r.IsOpen) : 0;
            return count == 0
                ? null
                : current with
                {
                    Recipients = current.Recipients
                        .Select(r => r.IsOpen ? r with { Status = RecipientStatus.Expired } : r)
                        .ToArray(),
                };
        }, ct);

        if (count > 0)
        {
            FeedbackMetrics.RequestExpired(count);
            await followUp.SummarizeIfDoneAsync(requestId, ct);
        }

        return count;
    }

    private Task<FeedbackRequest?> MarkNudgedAsync(string requestId, PersonRef person, DateTimeOffset now, CancellationToken ct) =>
        requests.UpdateAsync(requestId, current =>
            current.RecipientFor(person) is { IsOpen: true } me && !(me.LastNudgedAt >= now)
                ? current.WithRecipient(person, r => r with { NudgesSent = r.NudgesSent + 1, LastNudgedAt = now })
                : null,
            ct);

    // Counts nudges per local day with one once-key per slot: atomic across hosts without a counter port.
    private async Task<string?> ClaimDailySlotAsync(PersonContext context, DateTimeOffset now, CancellationToken ct)
    {
        var day = context.Calendar.LocalDate(now);
        var cap = policy.DailyCap(context.Preferences);
        for (var slot = 1; slot <= cap; slot++)
        {
            var key = DailySlotKey(context.Person, day, slot);
            if (await once.TryClaimAsync(key, DailySlotTtl, ct))
            {
                return key;
            }
        }

        return null;
    }

    private static RequestRecipient Me(FeedbackRequest request, PersonRef person) => request.RecipientFor(person)!;
}
