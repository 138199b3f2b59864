using FeedbackBot.Core.Digest;
using FeedbackBot.Core.Messaging;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Core.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static FeedbackBot.Core.Tests.Fakes.CoreWorld;

namespace FeedbackBot.Core.Tests.Digest;

/// <summary>
/// A host dying at each step between "this person's digest is due" and "it was sent" (issue 12): the digest
/// still goes out, once. A "crash" is a step that never returns (the process is gone, so nothing after it runs,
/// no finally and no release), or, where the code on the way out has no catch or finally (the planner), a step
/// that throws; the clock then moves on and another host carries on.
/// </summary>
public sealed class DigestCrashTests
{
    private static readonly DateTimeOffset Due = Utc(2025, 3, 7, 15, 0); // Friday 15:00, week 2025-W10
    private readonly CoreWorld _world = new(Utc(2025, 3, 3, 12, 0));
    private readonly PersonRef _ada;

    public DigestCrashTests()
    {
        _world.DigestOptions.SendWhenEmpty = true;
        _ada = _world.Person("UADA");
    }

    [Fact]
    public async Task RunDueReminders_HostDiesBeforeTheJobIsQueued_AnotherHostQueuesItAfterTheLease()
    {
        await _world.PlanReminder.PlanAsync(_ada, default);
        _world.SetNow(Due);

        var dying = Planner(jobs: new DyingJobs());
        await Assert.ThrowsAsync<HostDied>(() => dying.RunAsync(default)); // died inside the enqueue

        // Another host, a minute later: the entry is leased, not taken yet.
        _world.SetNow(Due.AddMinutes(1));
        Assert.Equal(0, await _world.RunDueReminders.RunAsync(default));
        _world.SetNow(Due + _world.DigestOptions.ScheduleLease);
        Assert.Equal(1, await _world.RunDueReminders.RunAsync(default));

        await _world.RunDigestsUntilAsync(Due.AddDays(1));
        Assert.Equal(["2025-W10"], Digests());
        Assert.Equal(Due.AddDays(7), _world.Schedule.NextFor(_ada));
    }

    [Fact]
    public async Task RunDueReminders_HostDiesAfterQueueingBeforeNextWeekIsPlanned_StillOneDigest()
    {
        await _world.PlanReminder.PlanAsync(_ada, default);
        _world.SetNow(Due);

        var dying = Planner(schedule: new DyingSchedule(_world.Schedule));
        await Assert.ThrowsAsync<HostDied>(() => dying.RunAsync(default)); // queued the job, died moving the entry to next week

        _world.SetNow(Due + _world.DigestOptions.ScheduleLease);
        Assert.Equal(1, await _world.RunDueReminders.RunAsync(default)); // queued again: the same week
        await _world.RunDigestsUntilAsync(Due.AddDays(1));

        Assert.Equal([("UADA", "2025-W10"), ("UADA", "2025-W10")], _world.Jobs.Digests.Select(d => (d.Person.UserId, d.WeekKey)));
        Assert.Equal(["2025-W10"], Digests());
        Assert.Equal(Due.AddDays(7), _world.Schedule.NextFor(_ada));
    }

    [Fact]
    public async Task RunDueReminders_EntryBackAfterItsLeaseAcrossMidnightSunday_KeepsItsOwnWeek()
    {
        await _world.Preferences.SaveAsync(_ada, Core.Preferences.PersonalPreferences.Default with
        {
            WeeklyReminder = Core.Preferences.WeeklyReminder.Default with { Day = DayOfWeek.Sunday, Time = new TimeOnly(23, 55) },
        }, default);
        await _world.PlanReminder.PlanAsync(_ada, default);
        var sunday = Utc(2025, 3, 9, 23, 55); // still 2025-W10; ten minutes later is Monday, 2025-W11
        _world.SetNow(sunday);
        await Assert.ThrowsAsync<HostDied>(() => Planner(jobs: new DyingJobs()).RunAsync(default));

        _world.SetNow(sunday + _world.DigestOptions.ScheduleLease);
        await _world.RunDueReminders.RunAsync(default);

        Assert.Equal("2025-W10", Assert.Single(_world.Jobs.Digests).WeekKey);
    }

    [Fact]
    public async Task DeliverWeeklyDigest_HostDiesMidSend_TheJobsRerunSendsIt()
    {
        var dying = Deliverer(new HangingMessenger());
        _world.SetNow(Due);
        Assert.False(dying.RunAsync(_ada, "2025-W10", default).IsCompleted); // the week is claimed, nothing sent

        // Hangfire hands the job of a dead server out again after its invisibility timeout (longer than the claim).
        _world.SetNow(Due + _world.DigestOptions.SendClaim);
        var rerun = await _world.DeliverDigest.RunAsync(_ada, "2025-W10", default);

        Assert.Equal(DigestOutcome.Sent, rerun);
        Assert.Equal(["2025-W10"], Digests());
    }

    [Fact]
    public async Task DeliverWeeklyDigest_HostDiesAfterSlackPostedIt_TheRerunFindsItAndSendsNothing()
    {
        var dying = new DeliverWeeklyDigest(_world.Clock, new DyingKeepOnceStore(_world.Once), _world.Planner, _world.BuildDigest,
            _world.Messengers, Options.Create(_world.DigestOptions), _world.Time, NullLogger<DeliverWeeklyDigest>.Instance);
        _world.SetNow(Due);
        Assert.False(dying.RunAsync(_ada, "2025-W10", default).IsCompleted); // sent, died before keeping the week
        Assert.Equal(["2025-W10"], Digests());

        _world.SetNow(Due + _world.DigestOptions.SendClaim);
        var rerun = await _world.DeliverDigest.RunAsync(_ada, "2025-W10", default);
        var later = await _world.DeliverDigest.RunAsync(_ada, "2025-W10", default);

        Assert.Equal((DigestOutcome.AlreadyDone, DigestOutcome.AlreadyDone), (rerun, later));
        Assert.Equal(["2025-W10"], Digests());
    }

    private string[] Digests() => _world.Messenger.SentTo<WeeklyDigestNotice>(_ada).Select(d => d.WeekKey).ToArray();

    private RunDueReminders Planner(IJobScheduler? jobs = null, IReminderSchedule? schedule = null)
    {
        var s = schedule ?? _world.Schedule;
        var plan = new PlanWeeklyReminder(_world.Clock, _world.Preferences, s, _world.Once, _world.Planner, _world.Time);
        return new RunDueReminders(s, plan, _world.Planner, _world.Clock, jobs ?? _world.Jobs, Options.Create(_world.DigestOptions),
            _world.Time, NullLogger<RunDueReminders>.Instance);
    }

    private DeliverWeeklyDigest Deliverer(IChatMessenger messenger) =>
        new(_world.Clock, _world.Once, _world.Planner, _world.BuildDigest, new ChatMessengers([messenger]), Options.Create(_world.DigestOptions), _world.Time,
            NullLogger<DeliverWeeklyDigest>.Instance);

    /// <summary>The process dies inside the call: it never returns.</summary>
    private static Task Never() => new TaskCompletionSource().Task;

    private sealed class HostDied : Exception;

    /// <summary>Dies inside the enqueue.</summary>
    private sealed class DyingJobs : IJobScheduler
    {
        public void EnqueueWeeklyDigest(PersonRef person, string weekKey, DateTimeOffset notBefore) => throw new HostDied();
    }

    /// <summary>Takes entries as the real schedule does, and dies on the write that would move one to next week.</summary>
    private sealed class DyingSchedule(IReminderSchedule inner) : IReminderSchedule
    {
        public Task SetNextAsync(PersonRef person, DateTimeOffset at, CancellationToken ct) => throw new HostDied();

        public Task RemoveAsync(PersonRef person, CancellationToken ct) => inner.RemoveAsync(person, ct);

        public Task<IReadOnlyList<DueReminder>> TakeDueAsync(DateTimeOffset now, TimeSpan lease, int max, CancellationToken ct) =>
            inner.TakeDueAsync(now, lease, max, ct);
    }

    private sealed class DyingKeepOnceStore(IOnceStore inner) : IOnceStore
    {
        public Task<bool> TryClaimAsync(string key, TimeSpan ttl, CancellationToken ct) => inner.TryClaimAsync(key, ttl, ct);

        public Task ReleaseAsync(string key, CancellationToken ct) => inner.ReleaseAsync(key, ct);

        public Task KeepAsync(string key, TimeSpan ttl, CancellationToken ct) => Never();
    }

    private sealed class HangingMessenger : IChatMessenger
    {
        public Platform Platform => Platform.Slack;

        public Task<MessageReceipt> SendAsync(PersonRef to, ChatNotice notice, CancellationToken ct) => NeverReceipt();

        public Task<MessageReceipt> SendAsync(PersonRef to, ChatNotice notice, string deliveryKey, CancellationToken ct) => NeverReceipt();

        public Task<MessageReceipt?> FindSentAsync(PersonRef to, string deliveryKey, DateTimeOffset since, CancellationToken ct) =>
            Task.FromResult<MessageReceipt?>(null);

        private static Task<MessageReceipt> NeverReceipt() => new TaskCompletionSource<MessageReceipt>().Task;
    }
}
