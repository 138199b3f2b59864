using FeedbackBot.Core.Digest;
using FeedbackBot.Core.Messaging;
using FeedbackBot.Core.Preferences;
using FeedbackBot.Core.Tests.Fakes;
using static FeedbackBot.Core.Tests.Fakes.CoreWorld;

namespace FeedbackBot.Core.Tests.Digest;

public sealed class WeeklyScheduleTests
{
    public static TheoryData<string, DateTimeOffset, DateTimeOffset> FridaysAcrossEuropeanAndAustralianDst => new()
    {
        // Berlin springs forward on 30 March, Sydney falls back on 6 April.
        { "Etc/UTC", Utc(2025, 3, 28, 15, 0), Utc(2025, 4, 4, 15, 0) },
        { "Europe/Berlin", Utc(2025, 3, 28, 14, 0), Utc(2025, 4, 4, 13, 0) },
        { "Australia/Sydney", Utc(2025, 4, 4, 4, 0), Utc(2025, 4, 11, 5, 0) },
        { "Asia/Kolkata", Utc(2025, 3, 28, 9, 30), Utc(2025, 4, 4, 9, 30) },
        { "America/New_York", Utc(2025, 3, 28, 19, 0), Utc(2025, 4, 4, 19, 0) },
    };

    [Theory]
    [MemberData(nameof(FridaysAcrossEuropeanAndAustralianDst))]
    public void NextOccurrence_IsLocalFriday1500EachWeek(string zone, DateTimeOffset first, DateTimeOffset second)
    {
        var tz = TimeZoneInfo.FindSystemTimeZoneById(zone);
        var after = zone == "Australia/Sydney" ? Utc(2025, 3, 28, 5, 0) : Utc(2025, 3, 24, 0, 0);

        var one = WeeklyReminderPlanner.NextOccurrence(after, tz, DayOfWeek.Friday, new TimeOnly(15, 0));
        var two = WeeklyReminderPlanner.NextOccurrence(one, tz, DayOfWeek.Friday, new TimeOnly(15, 0));

        Assert.Equal(first, one);
        Assert.Equal(second, two);
    }

    [Fact]
    public void NextOccurrence_SameDayLaterTimeIsToday()
    {
        var at = WeeklyReminderPlanner.NextOccurrence(Utc(2025, 3, 7, 14, 59), TimeZoneInfo.Utc, DayOfWeek.Friday, new TimeOnly(15, 0));

        Assert.Equal(Utc(2025, 3, 7, 15, 0), at);
        Assert.Equal(Utc(2025, 3, 14, 15, 0), WeeklyReminderPlanner.NextOccurrence(at, TimeZoneInfo.Utc, DayOfWeek.Friday, new TimeOnly(15, 0)));
    }

    [Fact]
    public void WeekKey_IsIsoWeekOfLocalDate()
    {
        var sydney = TimeZoneInfo.FindSystemTimeZoneById("Australia/Sydney");

        Assert.Equal("2025-W10", WeeklyReminderPlanner.WeekKey(Utc(2025, 3, 7, 15, 0), TimeZoneInfo.Utc));
        Assert.Equal("2025-W11", WeeklyReminderPlanner.WeekKey(Utc(2025, 3, 9, 14, 0), sydney)); // Mon 01:00 AEDT
        Assert.Equal("2026-W01", WeeklyReminderPlanner.WeekKey(new DateOnly(2025, 12, 29)));
    }

    [Fact]
    public async Task Digests_FivePeopleGetOneEachWeekAtLocalFriday1500()
    {
        var world = new CoreWorld(Utc(2025, 3, 3, 0, 0));
        world.DigestOptions.SendWhenEmpty = true;
        var zones = new[] { "Etc/UTC", "America/New_York", "Europe/Berlin", "Asia/Kolkata", "Australia/Sydney" };
        var people = zones.Select((z, i) => world.Person($"U{i}", z)).ToArray();
        foreach (var person in people)
        {
            await world.PlanReminder.PlanAsync(person, default);
        }

        await world.RunDigestsUntilAsync(Utc(2025, 3, 16, 0, 0));

        DateTimeOffset[][] expected =
        [
            [Utc(2025, 3, 7, 15, 0), Utc(2025, 3, 14, 15, 0)],
            [Utc(2025, 3, 7, 20, 0), Utc(2025, 3, 14, 19, 0)], // EST, then EDT after 9 March
            [Utc(2025, 3, 7, 14, 0), Utc(2025, 3, 14, 14, 0)],
            [Utc(2025, 3, 7, 9, 30), Utc(2025, 3, 14, 9, 30)],
            [Utc(2025, 3, 7, 4, 0), Utc(2025, 3, 14, 4, 0)],
        ];
        for (var i = 0; i < people.Length; i++)
        {
            var digests = world.Messenger.Snapshot().Where(s => s.To == people[i] && s.Notice is WeeklyDigestNotice).ToArray();
            Assert.Equal(expected[i], digests.Select(d => d.At));
            Assert.Equal(["2025-W10", "2025-W11"], digests.Select(d => ((WeeklyDigestNotice)d.Notice).WeekKey));
        }
    }

    [Fact]
    public async Task PlanWeeklyReminder_SettingsAndTimeZoneChangesRecompute()
    {
        var world = new CoreWorld(Utc(2025, 3, 3, 12, 0)); // Monday
        var ada = world.Person("UADA");

        var initial = await world.PlanReminder.PlanAsync(ada, default);
        world.Preferences.Update(ada, p => p with { WeeklyReminder = new WeeklyReminder(true, DayOfWeek.Tuesday, new TimeOnly(9, 0)) });
        var changed = await world.PlanReminder.PlanAsync(ada, default);
        world.People.SetTimeZone(ada, "Asia/Kolkata");
        var moved = await world.PlanReminder.PlanAsync(ada, default);
        world.Preferences.Update(ada, p => p with { TimeZoneId = "America/New_York" }); // own setting beats profile
        var own = await world.PlanReminder.PlanAsync(ada, default);

        Assert.Equal(Utc(2025, 3, 7, 15, 0), initial);
        Assert.Equal(Utc(2025, 3, 4, 9, 0), changed);
        Assert.Equal(Utc(2025, 3, 4, 3, 30), moved);
        Assert.Equal(Utc(2025, 3, 4, 14, 0), own);
        Assert.Equal(own, world.Schedule.NextFor(ada));
    }

    [Fact]
    public async Task PlanWeeklyReminder_WorkspaceDefaultAppliesToPeopleWhoKeptTheDefault()
    {
        var world = new CoreWorld(Utc(2025, 3, 3, 12, 0));
        world.DigestOptions.DefaultDay = DayOfWeek.Thursday;
        world.DigestOptions.DefaultTime = new TimeOnly(10, 30);
        var ada = world.Person("UADA");
        var bob = world.Person("UBOB");
        world.Preferences.Update(bob, p => p with { WeeklyReminder = new WeeklyReminder(true, DayOfWeek.Monday, new TimeOnly(9, 0)) });

        Assert.Equal(Utc(2025, 3, 6, 10, 30), await world.PlanReminder.PlanAsync(ada, default));
        Assert.Equal(Utc(2025, 3, 10, 9, 0), await world.PlanReminder.PlanAsync(bob, default));
    }

    [Fact]
    public async Task PlanWeeklyReminder_OptOutRemovesAndQueuedDigestSendsNothing()
    {
        var world = new CoreWorld(Utc(2025, 3, 3, 12, 0));
        world.DigestOptions.SendWhenEmpty = true;
        var ada = world.Person("UADA");
        await world.PlanReminder.PlanAsync(ada, default);

        world.Preferences.Update(ada, p => p with { WeeklyReminder = p.WeeklyReminder with { Enabled = false } });
        var planned = await world.PlanReminder.PlanAsync(ada, default);
        var queued = await world.DeliverDigest.RunAsync(ada, "2025-W10", default);
        await world.RunDigestsUntilAsync(Utc(2025, 3, 20, 0, 0));

        Assert.Null(planned);
        Assert.Null(world.Schedule.NextFor(ada));
        Assert.Equal(DigestOutcome.OptedOut, queued);
        Assert.Empty(world.Messenger.Snapshot());
    }

    [Fact]
    public async Task SnoozeThisWeek_SkipsOnlyTheComingDigest()
    {
        var world = new CoreWorld(Utc(2025, 3, 3, 12, 0));
        world.DigestOptions.SendWhenEmpty = true;
        var ada = world.Person("UADA");
        await world.PlanReminder.PlanAsync(ada, default);

        var snoozed = await world.PlanReminder.SnoozeThisWeekAsync(ada, default);
        await world.PlanReminder.PlanAsync(ada, default); // a settings change re-plans this week; the skip holds
        await world.RunDigestsUntilAsync(Utc(2025, 3, 16, 0, 0));

        Assert.Equal(new DigestSnoozed("2025-W10", Utc(2025, 3, 14, 15, 0)), snoozed);
        var digest = Assert.Single(world.Messenger.Snapshot());
        Assert.Equal(Utc(2025, 3, 14, 15, 0), digest.At);
        Assert.Equal("2025-W11", ((WeeklyDigestNotice)digest.Notice).WeekKey);
    }

    [Fact]
    public async Task RunDueReminders_RunTwiceQueuesOnce()
    {
        var world = new CoreWorld(Utc(2025, 3, 3, 12, 0));
        var ada = world.Person("UADA");
        await world.PlanReminder.PlanAsync(ada, default);
        world.SetNow(Utc(2025, 3, 7, 15, 0));

        var first = await world.RunDueReminders.RunAsync(default);
        var second = await world.RunDueReminders.RunAsync(default);

        Assert.Equal((1, 0), (first, second));
        Assert.Equal([(ada, "2025-W10", Utc(2025, 3, 7, 15, 0))], world.Jobs.Digests);
        Assert.Equal(Utc(2025, 3, 14, 15, 0), world.Schedule.NextFor(ada)); // next week planned at once
    }

    [Fact]
    public async Task RunDueReminders_TwoSchedulersQueueEachPersonOnce()
    {
        var world = new CoreWorld(Utc(2025, 3, 3, 12, 0));
        world.DigestOptions.BatchSize = 7;
        var people = Enumerable.Range(0, 60).Select(i => world.Person($"U{i:00}")).ToArray();
        foreach (var person in people)
        {
            await world.PlanReminder.PlanAsync(person, default);
        }

        world.SetNow(Utc(2025, 3, 7, 15, 0));
        var hostA = world.RunDueReminders;
        var hostB = world.RunDueReminders;
        var counts = await Task.WhenAll(Task.Run(() => hostA.RunAsync(default)), Task.Run(() => hostB.RunAsync(default)));

        Assert.Equal(60, counts.Sum());
        Assert.Equal(people.Select(p => p.Key).Order(), world.Jobs.Digests.Select(d => d.Person.Key).Order());
        Assert.All(people, p => Assert.Equal(Utc(2025, 3, 14, 15, 0), world.Schedule.NextFor(p)));
    }

    [Fact]
    public async Task RunDueReminders_SpreadsEachWorkspaceAtItsSendRate()
    {
        var world = new CoreWorld(Utc(2025, 3, 3, 12, 0));
        world.DigestOptions.WorkspaceSendRatePerMinute = 2;
        var t1 = Enumerable.Range(0, 3).Select(i => world.People.Add($"U{i}", workspace: "T1")).ToArray();
        var t2 = world.People.Add("UX", workspace: "T2");
        foreach (var person in t1.Append(t2))
        {
            await world.PlanReminder.PlanAsync(person, default);
        }

        world.SetNow(Utc(2025, 3, 7, 15, 0));
        await world.RunDueReminders.RunAsync(default);

        var start = Utc(2025, 3, 7, 15, 0);
        Assert.Equal(
            [start, start.AddSeconds(30), start.AddSeconds(60)],
            world.Jobs.Digests.Where(d => d.Person.WorkspaceId == "T1").Select(d => d.NotBefore).Order());
        Assert.Equal(start, Assert.Single(world.Jobs.Digests, d => d.Person == t2).NotBefore);
    }
}
