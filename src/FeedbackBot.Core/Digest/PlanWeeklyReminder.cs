using FeedbackBot.Core.Insights;
using FeedbackBot.Core.Nudges;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;

namespace FeedbackBot.Core.Digest;

/// <summary>The digest that was skipped and when the next one comes.</summary>
public sealed record DigestSnoozed(string SkippedWeekKey, DateTimeOffset NextAt);

/// <summary>
/// Keeps a person's next digest time in <see cref="IReminderSchedule"/>. Call <see cref="PlanAsync"/> whenever
/// their reminder settings, working time zone or profile time zone change (and once when they first meet the
/// bot); turning the digest off removes them from the schedule.
/// </summary>
public sealed class PlanWeeklyReminder(
    PersonClock clock,
    IPreferencesStore preferences,
    IReminderSchedule schedule,
    IOnceStore once,
    WeeklyReminderPlanner planner,
    TimeProvider time,
    IInsightsRecorder? insights = null)
{
    /// <summary>The next local day and time after now; null (and removed) when the digest is off.</summary>
    public async Task<DateTimeOffset?> PlanAsync(PersonRef person, CancellationToken ct) =>
        await PlanAfterAsync(await clock.LoadAsync(person, ct), time.GetUtcNow(), ct);

    /// <summary>
    /// Skips the next digest ("snooze this week"): its week is claimed as done, so even a delivery job already
    /// queued for it, or a re-plan after a settings change, sends nothing; the schedule moves to the week after.
    /// </summary>
    public async Task<DigestSnoozed?> SnoozeThisWeekAsync(PersonRef person, CancellationToken ct)
    {
        var context = await clock.LoadAsync(person, ct);
        var reminder = planner.Effective(context.Preferences);
        if (!reminder.Enabled)
        {
            return null;
        }

        var tz = context.Calendar.TimeZone;
        var upcoming = WeeklyReminderPlanner.NextOccurrence(time.GetUtcNow(), tz, reminder.Day, reminder.Time);
        var week = WeeklyReminderPlanner.WeekKey(upcoming, tz);
        await once.TryClaimAsync(DeliverWeeklyDigest.OnceKey(person, week), DeliverWeeklyDigest.ClaimTtl, ct);
        var next = await PlanAfterAsync(context, upcoming, ct);
        await (insights ?? NoInsightsRecorder.Instance).DigestActionAsync(person, DigestAction.Snooze, ct);
        return new DigestSnoozed(week, next!.Value);
    }

    /// <summary>
    /// "Turn off": saved as disabled, keeping the day and time they had (the workspace default included) so turning
    /// it back on restores them, and removed from the schedule.
    /// </summary>
    public async Task TurnOffAsync(PersonRef person, CancellationToken ct)
    {
        var prefs = await preferences.GetAsync(person, ct);
        await preferences.SaveAsync(person, prefs with { WeeklyReminder = planner.Effective(prefs) with { Enabled = false } }, ct);
        await schedule.RemoveAsync(person, ct);
        await (insights ?? NoInsightsRecorder.Instance).DigestActionAsync(person, DigestAction.TurnOff, ct);
    }

    internal async Task<DateTimeOffset?> PlanAfterAsync(PersonContext context, DateTimeOffset after, CancellationToken ct)
    {
        var reminder = planner.Effective(context.Preferences);
        if (!reminder.Enabled)
        {
            await schedule.RemoveAsync(context.Person, ct);
            return null;
        }

        var next = WeeklyReminderPlanner.NextOccurrence(after, context.Calendar.TimeZone, reminder.Day, reminder.Time);
        await schedule.SetNextAsync(context.Person, next, ct);
        return next;
    }
}
