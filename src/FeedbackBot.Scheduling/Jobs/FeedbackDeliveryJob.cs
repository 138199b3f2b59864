using FeedbackBot.Core.Feedback;
using Hangfire;
using Hangfire.Server;

namespace FeedbackBot.Scheduling.Jobs;

/// <summary>Delivers one feedback item; Hangfire retries transient failures, Core makes reruns harmless.</summary>
public sealed class FeedbackDeliveryJob(DeliverFeedback deliver, RetryPolicy retries)
{
    [JobDisplayName("Deliver feedback {0}")]
    public Task RunAsync(string feedbackId, PerformContext context, CancellationToken ct) =>
        deliver.RunAsync(feedbackId, retries.IsLastAttempt(context), ct);
}
