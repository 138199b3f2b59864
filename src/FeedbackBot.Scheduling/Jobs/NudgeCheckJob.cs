using FeedbackBot.Core.Nudges;
using FeedbackBot.Core.People;
using Hangfire;

namespace FeedbackBot.Scheduling.Jobs;

/// <summary>
/// A nudge check planned as a Hangfire job by earlier versions. Nudge checks now live in the stored nudge
/// schedule and run from the delivery sweep; this class stays so jobs already scheduled in Hangfire still run
/// (harmlessly: a check is idempotent by its planned instant). Nothing schedules it any more.
/// </summary>
public sealed class NudgeCheckJob(RunNudges nudges)
{
    [JobDisplayName("Nudge check {0} at {1}")]
    public Task RunAsync(string personKey, DateTimeOffset plannedAt, CancellationToken ct) =>
        nudges.RunAsync(PersonRef.Parse(personKey), plannedAt, ct);
}
