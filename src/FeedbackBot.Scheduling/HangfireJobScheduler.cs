using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Scheduling.Jobs;
using Hangfire;

namespace FeedbackBot.Scheduling;

/// <summary>
/// Core's <see cref="IJobScheduler"/> on Hangfire. Jobs get ids and person keys only (never objects); each run
/// re-reads the store, so a job that outlives its reason does nothing.
/// </summary>
public sealed class HangfireJobScheduler(IBackgroundJobClient jobs, TimeProvider time) : IJobScheduler
{
    public void EnqueueWeeklyDigest(PersonRef person, string weekKey, DateTimeOffset notBefore) =>
        jobs.Schedule<WeeklyDigestJob>(j => j.RunAsync(person.Key, weekKey, CancellationToken.None), Delay(notBefore));

    // Hangfire schedules by its own clock; a delay from our TimeProvider keeps "when" decided by Core's time.
    private TimeSpan Delay(DateTimeOffset at)
    {
        var delay = at - time.GetUtcNow();
        return delay > TimeSpan.Zero ? delay : TimeSpan.Zero;
    }
}
