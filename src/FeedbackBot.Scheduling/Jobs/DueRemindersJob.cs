using FeedbackBot.Core.Digest;
using FeedbackBot.Core.People;
using Hangfire;

namespace FeedbackBot.Scheduling.Jobs;

/// <summary>The recurring planner: takes the people whose digest time has come and queues their delivery.</summary>
public sealed class DueRemindersJob(RunDueReminders reminders)
{
    public const string RecurringId = "weekly-digest-planner";

    // Two hosts may both fire it; TakeDue is atomic and delivery claims once per person and week.
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    [JobDisplayName("Plan due weekly digests")]
    public Task RunAsync(CancellationToken ct) => reminders.RunAsync(ct);
}
