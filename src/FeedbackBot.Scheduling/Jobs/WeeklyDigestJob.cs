using FeedbackBot.Core.Digest;
using FeedbackBot.Core.People;
using Hangfire;

namespace FeedbackBot.Scheduling.Jobs;

/// <summary>One person's weekly digest for one ISO week; at most once per person and week.</summary>
public sealed class WeeklyDigestJob(DeliverWeeklyDigest digests)
{
    [JobDisplayName("Weekly digest {0} {1}")]
    public Task RunAsync(string personKey, string weekKey, CancellationToken ct) =>
        digests.RunAsync(PersonRef.Parse(personKey), weekKey, ct);
}
