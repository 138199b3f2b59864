using FeedbackBot.Core.People;
using FeedbackBot.Scheduling.Jobs;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace FeedbackBot.Scheduling.Tests;

public sealed class HangfireJobSchedulerTests
{
    private static readonly PersonRef Ana = new(Platform.Slack, "T1", "UANA");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero));
    private readonly Mock<IBackgroundJobClient> _client = new();

    private HangfireJobScheduler Sut => new(_client.Object, _time);

    [Fact]
    public void EnqueueWeeklyDigest_InThePastRunsNow()
    {
        Sut.EnqueueWeeklyDigest(Ana, "2026-W48", _time.GetUtcNow().AddMinutes(-3));

        _client.Verify(c => c.Create(
            It.Is<Job>(j => j.Type == typeof(WeeklyDigestJob) && (string)j.Args[1] == "2026-W48"),
            It.Is<ScheduledState>(s => s.EnqueueAt <= DateTime.UtcNow.AddSeconds(1))), Times.Once);
    }
}
