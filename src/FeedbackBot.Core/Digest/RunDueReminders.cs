using FeedbackBot.Core.Nudges;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Core.Digest;

/// <summary>
/// The recurring digest scheduler (run it every minute on every host). It takes only the people whose time has
/// come from <see cref="IReminderSchedule"/> with a lease (atomically, so hosts never share an entry), queues each
/// one's delivery durably, and only then moves their entry to next week. A host that dies in between loses
/// nothing: the entry comes back after <see cref="DigestOptions.ScheduleLease"/> and is queued again; delivery is
/// once per person per week, so a second queueing sends one digest.
/// </summary>
public sealed class RunDueReminders(
    IReminderSchedule schedule,
    PlanWeeklyReminder plan,
    WeeklyReminderPlanner planner,
    PersonClock clock,
    IJobScheduler jobs,
    IOptions<DigestOptions> options,
    TimeProvider time,
    ILogger<RunDueReminders> logger,
    ISendPacer? pacer = null)
{
    // Bounds one run; whatever is left is taken by the next minute's run.
    private const int MaxBatchesPerRun = 20;

    /// <summary>Queues every due digest; returns how many were queued.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var spacing = TimeSpan.FromMinutes(1) / options.Value.WorkspaceSendRatePerMinute;
        // Without a shared pacer (tests that build this by hand) spacing is per run, as before.
        ISendPacer slots = pacer ?? new DigestSendPacer();
        var queued = 0;

        for (var batch = 0; batch < MaxBatchesPerRun; batch++)
        {
            var due = await schedule.TakeDueAsync(now, options.Value.ScheduleLease, options.Value.BatchSize, ct);
            foreach (var entry in due)
            {
                var context = await clock.LoadAsync(entry.Person, ct);
                var reminder = planner.Effective(context.Preferences);
                if (reminder.Enabled)
                {
                    // The week of the occurrence the entry stands for: an entry that came back after a lease has a
                    // later score than its occurrence (a late-Sunday digest must stay in its own week).
                    var tz = context.Calendar.TimeZone;
                    var occurrence = WeeklyReminderPlanner.LatestOccurrence(entry.DueAt, tz, reminder.Day, reminder.Time);
                    var week = WeeklyReminderPlanner.WeekKey(occurrence, tz);
                    // Durable first (Hangfire has the job when this returns), then next week: a crash in between
                    // leaves the leased entry to come back, never a week without its digest.
                    jobs.EnqueueWeeklyDigest(entry.Person, week, await slots.NextSlotAsync(entry.Person.Workspace, now, spacing, ct));
                    queued++;
                }

                // Next week (or, when the digest was turned off meanwhile, out of the schedule).
                await plan.PlanAfterAsync(context, now, ct);
            }

            if (due.Count < options.Value.BatchSize)
            {
                break;
            }
        }

        if (queued > 0)
        {
            logger.LogInformation("Queued {Count} weekly digest(s)", queued);
        }

        return queued;
    }
}
