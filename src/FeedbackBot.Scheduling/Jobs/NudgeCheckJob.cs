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
