using FeedbackBot.Core.Digest;
using FeedbackBot.Core.Nudges;
using FeedbackBot.Core.People;
using Hangfire;

namespace FeedbackBot.Scheduling.Jobs;

/// <summary>A planned nudge check for one person; <c>plannedAt</c> is its idempotency key and is passed back unchanged.</summary>
public sealed class NudgeCheckJob(RunNudges nudges)
{
    [JobDisplayName("Nudge check {0} at {1}")]
    public Task RunAsync(string personKey, DateTimeOffset plannedAt, CancellationToken ct) =>
        nudges.RunAsync(PersonRef.Parse(personKey), plannedAt, ct);
}

/// <summary>One person's weekly digest for one ISO week; at most once per person and week.</summary>
public sealed class WeeklyDigestJob(DeliverWeeklyDigest digests)
{
    [JobDisplayName("Weekly digest {0} {1}")]
    public Task RunAsync(string personKey, string weekKey, CancellationToken ct) =>
        digests.RunAsync(PersonRef.Parse(personKey), weekKey, ct);
}

/// <summary>The recurring planner: takes the people whose digest time has come and queues their delivery.</summary>
public sealed class DueRemindersJob(RunDueReminders reminders)
{
    public const string RecurringId = "weekly-digest-planner";

    // Two hosts may both fire it; TakeDue is atomic and delivery claims once per person and week.
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    [JobDisplayName("Plan due weekly digests")]
    public Task RunAsync(CancellationToken ct) => reminders.RunAsync(ct);
}
