using FeedbackBot.Core.Ports;
using FeedbackBot.Scheduling.Jobs;
using Hangfire;

namespace FeedbackBot.Scheduling;

/// <summary>Core's <see cref="IJobScheduler"/> on Hangfire. Jobs get ids only; each job re-reads the store.</summary>
public sealed class HangfireJobScheduler(IBackgroundJobClient jobs) : IJobScheduler
{
    public void EnqueueFeedbackDelivery(string feedbackId) =>
        jobs.Enqueue<FeedbackDeliveryJob>(j => j.RunAsync(feedbackId, null!, CancellationToken.None));
}
