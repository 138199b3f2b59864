using FeedbackBot.Scheduling;
using Hangfire;
using Hangfire.States;

namespace FeedbackBot.Redis.Tests;

/// <summary>
/// A job fetched by a host that then died comes back to another host after <c>Jobs:InvisibilityTimeout</c>
/// (Hangfire.Redis's default, 30 minutes, made a dead host's Slack event or digest wait that long; issue 12).
/// Hangfire's watcher runs on the real clock, so the test uses a short setting and a bounded poll.
/// </summary>
public sealed class HangfireInvisibilityTests(RedisServerFixture server) : IClassFixture<RedisServerFixture>
{
    [Fact]
    public async Task FetchedJobOfADeadHost_RunsOnAnotherServerAfterTheInvisibilityTimeout()
    {
        var scheduling = new SchedulingOptions { Prefix = "{inv-" + Guid.NewGuid().ToString("N")[..8] + "}:" };
        var jobs = new JobsOptions { InvisibilityTimeout = TimeSpan.FromSeconds(2) };
        var storage = SchedulingServiceCollectionExtensions.CreateStorage(server.Connection, scheduling, jobs);
        var probe = HangfireProbe.Expect();
        var id = new BackgroundJobClient(storage).Enqueue(() => HangfireProbe.Run(probe.Token));

        // Host A's worker takes the job off the queue, then the host is killed: nothing acknowledges or requeues it.
        var connection = storage.GetConnection();
        var fetched = connection.FetchNextJob(["default"], CancellationToken.None);
        Assert.Equal(id, fetched.JobId);
        await Task.Delay(jobs.InvisibilityTimeout + TimeSpan.FromMilliseconds(500));

        // Host B: its watcher hands the job out again (at the 30-minute default it would still be invisible).
        using var hostB = new BackgroundJobServer(new BackgroundJobServerOptions
        {
            WorkerCount = 1,
            SchedulePollingInterval = TimeSpan.FromMilliseconds(200),
            ServerName = "host-b-" + scheduling.Prefix,
        }, storage);
        var ran = await Task.WhenAny(probe.Ran, Task.Delay(TimeSpan.FromSeconds(45)));

        Assert.True(ran == probe.Ran, "the abandoned job did not run on the other server");
        using var read = storage.GetConnection();
        await HangfireProbe.UntilAsync(() => read.GetStateData(id).Name == SucceededState.StateName, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void InvisibilityTimeout_DefaultIsFiveMinutes_NotHangfireRedisThirtyMinutes() =>
        Assert.Equal(TimeSpan.FromMinutes(5), new JobsOptions().InvisibilityTimeout);
}
