using FeedbackBot.Core.Nudges;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Core.Digest;

/// <summary>
/// The recurring digest scheduler (run it every minute on every host). It takes only the people whose time has
/// come from <see cref="IReminderSchedule"/> (atomically, so hosts never share an entry), plans each one's next
/// week first, then queues their delivery. Delivery itself is once per person per week, so even a duplicate
/// queueing sends one digest.
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
            var due = await schedule.TakeDueAsync(now, options.Value.BatchSize, ct);
            foreach (var entry in due)
            {
                var context = await clock.LoadAsync(entry.Person, ct);
                var week = WeeklyReminderPlanner.WeekKey(entry.DueAt, context.Calendar.TimeZone);

                // Next week first: the entry has left the schedule, and a crash between these two lines must
                // cost at most this week's digest, never every future one.
                await plan.PlanAfterAsync(context, now, ct);
                if (!planner.Effective(context.Preferences).Enabled)
                {
                    continue;
                }

                jobs.EnqueueWeeklyDigest(entry.Person, week, await slots.NextSlotAsync(entry.Person.Workspace, now, spacing, ct));
                queued++;
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
