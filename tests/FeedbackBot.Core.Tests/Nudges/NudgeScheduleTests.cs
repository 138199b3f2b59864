using FeedbackBot.Core.Messaging;
using FeedbackBot.Core.Preferences;
using FeedbackBot.Core.Requests;
using FeedbackBot.Core.Tests.Fakes;
using static FeedbackBot.Core.Tests.Fakes.CoreWorld;

namespace FeedbackBot.Core.Tests.Nudges;

/// <summary>End to end on a fake clock: ask, let the planned checks run, look at what arrived when.</summary>
public sealed class NudgeScheduleTests
{
    [Fact]
    public async Task Nudges_UtcRecipientGetsFirstAndDueDayNudgeThenExpiry()
    {
        var world = new CoreWorld(Utc(2025, 3, 3, 10, 0)); // Monday
        var ada = world.Person("UADA");
        var bob = world.Person("UBOB");

        var request = await world.AskAsync(ada, "How was my talk?", bob);
        await world.RunNudgeChecksUntilAsync(Utc(2025, 3, 10, 0, 0));

        Assert.Equal(Utc(2025, 3, 6, 17, 0), request.DueAt); // Thursday closing, three working days
        Assert.Equal([Utc(2025, 3, 4, 10, 0), Utc(2025, 3, 6, 9, 0)], world.NudgeTimes(bob));
        Assert.Equal(RecipientStatus.Expired, world.Requests[request.Id].RecipientFor(bob)!.Status);
        var summary = Assert.Single(world.Messenger.Snapshot(), s => s.Notice is RequestSummaryNotice);
        Assert.Equal((ada, Utc(2025, 3, 6, 17, 0)), (summary.To, summary.At));
        Assert.Equal(new RequestTally(0, 0, 1, 0), ((RequestSummaryNotice)summary.Notice).Tally);
    }

    [Fact]
    public async Task Nudges_NewYorkRecipientFollowsDstChange()
    {
        // Friday 14:00 EST. Clocks spring forward on Sunday 9 March, so 09:00 local is 13:00Z, not 14:00Z.
        var world = new CoreWorld(Utc(2025, 3, 7, 19, 0));
        var ada = world.Person("UADA", "America/New_York");
        var bob = world.Person("UBOB", "America/New_York");

        var request = await world.AskAsync(ada, "Feedback on the roadmap doc?", bob);
        await world.RunNudgeChecksUntilAsync(Utc(2025, 3, 17, 0, 0));

        Assert.Equal(Utc(2025, 3, 12, 21, 0), request.DueAt); // Wednesday 17:00 EDT
        Assert.Equal([Utc(2025, 3, 10, 13, 0), Utc(2025, 3, 12, 13, 0)], world.NudgeTimes(bob));
    }

    [Fact]
    public async Task Nudges_KolkataRecipientGetsNudgesInTheirHalfHourShiftedDay()
    {
        var world = new CoreWorld(Utc(2025, 3, 3, 12, 0)); // Monday 12:00Z = 17:30 IST
        var ada = world.Person("UADA");
        var chandra = world.Person("UCHANDRA", "Asia/Kolkata");

        var request = await world.AskAsync(ada, "Was the incident review useful?", chandra);
        await world.RunNudgeChecksUntilAsync(Utc(2025, 3, 10, 0, 0));

        // First due Tue 17:30 IST (after hours) → Wed 09:00 IST; last on Thu 09:00 IST (due is Thu 22:30 IST).
        Assert.Equal(Utc(2025, 3, 6, 17, 0), request.DueAt);
        Assert.Equal([Utc(2025, 3, 5, 3, 30), Utc(2025, 3, 6, 3, 30)], world.NudgeTimes(chandra));
    }

    [Fact]
    public async Task Nudges_AskOnFridaySkipsTheWeekend()
    {
        var world = new CoreWorld(Utc(2025, 3, 7, 15, 0)); // Friday
        var ada = world.Person("UADA");
        var bob = world.Person("UBOB");

        var request = await world.AskAsync(ada, "Thoughts on my PR?", bob);
        await world.RunNudgeChecksUntilAsync(Utc(2025, 3, 17, 0, 0));

        Assert.Equal(Utc(2025, 3, 12, 17, 0), request.DueAt); // Mon, Tue, Wed
        Assert.Equal([Utc(2025, 3, 10, 9, 0), Utc(2025, 3, 12, 9, 0)], world.NudgeTimes(bob));
        Assert.DoesNotContain(world.Messenger.Snapshot(), s => s.At.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday);
    }

    [Fact]
    public async Task Nudges_RecipientsInThreeZonesEachGetTheirOwnMornings()
    {
        var world = new CoreWorld(Utc(2025, 3, 3, 10, 0));
        var ada = world.Person("UADA");
        var bob = world.Person("UBOB");
        var nia = world.Person("UNIA", "America/New_York");
        var chandra = world.Person("UCHANDRA", "Asia/Kolkata");

        await world.AskAsync(ada, "How did the offsite go?", bob, nia, chandra);
        await world.RunNudgeChecksUntilAsync(Utc(2025, 3, 10, 0, 0));

        Assert.Equal([Utc(2025, 3, 4, 10, 0), Utc(2025, 3, 6, 9, 0)], world.NudgeTimes(bob));
        Assert.Equal([Utc(2025, 3, 4, 14, 0), Utc(2025, 3, 6, 14, 0)], world.NudgeTimes(nia)); // asked 05:00 EST: 09:00 EST both
        Assert.Equal([Utc(2025, 3, 4, 10, 0), Utc(2025, 3, 6, 3, 30)], world.NudgeTimes(chandra)); // 15:30 IST, 09:00 IST
        Assert.Single(world.Messenger.SentTo<RequestSummaryNotice>(ada));
    }

    [Fact]
    public async Task Snooze_QuietsUntilNextWorkingDayAndNudgesThen()
    {
        var world = new CoreWorld(Utc(2025, 3, 3, 10, 0));
        var ada = world.Person("UADA");
        var bob = world.Person("UBOB");
        var request = await world.AskAsync(ada, "How was my talk?", bob);

        await world.RunNudgeChecksUntilAsync(Utc(2025, 3, 4, 9, 30)); // Tuesday, before the first nudge
        var snooze = await world.SnoozeRequest.RunAsync(request.Id, bob, default);
        await world.RunNudgeChecksUntilAsync(Utc(2025, 3, 10, 0, 0));

        Assert.Equal(new SnoozeResult(RecipientActionOutcome.Done, Utc(2025, 3, 5, 9, 0)), snooze);
        Assert.Equal([Utc(2025, 3, 5, 9, 0), Utc(2025, 3, 6, 9, 0)], world.NudgeTimes(bob));
    }

    [Fact]
    public async Task Snooze_AfterFirstNudgeBringsReminderForwardOfDueDayNudge()
    {
        var world = new CoreWorld(Utc(2025, 3, 3, 10, 0));
        var ada = world.Person("UADA");
        var bob = world.Person("UBOB");
        var request = await world.AskAsync(ada, "How was my talk?", bob);
        await world.RunNudgeChecksUntilAsync(Utc(2025, 3, 4, 11, 0)); // first nudge Tue 10:00 sent

        await world.SnoozeRequest.RunAsync(request.Id, bob, default);
        await world.RunNudgeChecksUntilAsync(Utc(2025, 3, 10, 0, 0));

        Assert.Equal([Utc(2025, 3, 4, 10, 0), Utc(2025, 3, 5, 9, 0), Utc(2025, 3, 6, 9, 0)], world.NudgeTimes(bob));
    }

    [Fact]
    public async Task Nudges_SeveralPendingRequestsFoldIntoOneNudgePerDay()
    {
        var world = new CoreWorld(Utc(2025, 3, 3, 10, 0));
        var bob = world.Person("UBOB");
        var askers = new[] { world.Person("UADA"), world.Person("UCEM"), world.Person("UDEE") };
        foreach (var (asker, i) in askers.Select((a, i) => (a, i)))
        {
            world.SetNow(Utc(2025, 3, 3, 10 + i, 0));
            await world.AskAsync(asker, $"Question {i}", bob);
        }

        await world.RunNudgeChecksUntilAsync(Utc(2025, 3, 10, 0, 0));

        var nudges = world.Messenger.Snapshot().Where(s => s.To == bob && s.Notice is NudgeNotice).ToArray();
        Assert.Equal([Utc(2025, 3, 4, 10, 0), Utc(2025, 3, 5, 9, 0), Utc(2025, 3, 6, 9, 0)], nudges.Select(n => n.At));
        Assert.All(nudges, n => Assert.Equal(
            ["Question 0", "Question 1", "Question 2"], ((NudgeNotice)n.Notice).Pending.Select(p => p.Question)));
    }

    [Fact]
    public async Task Nudges_DailyCapCountsPerLocalDay()
    {
        var world = new CoreWorld(Utc(2025, 3, 3, 10, 0));
        var bob = world.Person("UBOB");
        world.Preferences.Update(bob, p => p with { NudgeDailyCap = 2 });
        var askers = new[] { world.Person("UADA"), world.Person("UCEM"), world.Person("UDEE") };
        foreach (var (asker, i) in askers.Select((a, i) => (a, i)))
        {
            world.SetNow(Utc(2025, 3, 3, 10 + i, 0));
            await world.AskAsync(asker, $"Question {i}", bob);
        }

        await world.RunNudgeChecksUntilAsync(Utc(2025, 3, 10, 0, 0));

        // Tuesday's third first-nudge (12:00) is over the cap of two and waits for Wednesday's opening.
        Assert.Equal(
            [Utc(2025, 3, 4, 10, 0), Utc(2025, 3, 4, 11, 0), Utc(2025, 3, 5, 9, 0), Utc(2025, 3, 6, 9, 0)],
            world.NudgeTimes(bob));
    }

    [Fact]
    public async Task Nudges_DailyCapUsesRecipientsLocalDate()
    {
        // 23:30 IST and 04:00 IST the next day are different local days, though the same UTC date.
        var world = new CoreWorld(Utc(2025, 3, 3, 10, 0));
        var chandra = world.Person("UCHANDRA", "Asia/Kolkata");
        world.Preferences.Update(chandra, p => p with
        {
            WorkingHours = new WorkingHours([], TimeOnly.MinValue, TimeOnly.MinValue), // always reachable
        });
        var ada = world.Person("UADA");
        world.SetNow(Utc(2025, 3, 3, 18, 0));
        await world.AskAsync(ada, "One", chandra);
        world.SetNow(Utc(2025, 3, 3, 22, 30));
        await world.AskAsync(ada, "Two", chandra);

        await world.RunNudgeChecksUntilAsync(Utc(2025, 3, 4, 23, 0));

        // First nudges due 18:00Z (23:30 IST Tue) and 22:30Z (04:00 IST Wed): different local days, both sent.
        Assert.Equal([Utc(2025, 3, 4, 18, 0), Utc(2025, 3, 4, 22, 30)], world.NudgeTimes(chandra));
    }

    [Fact]
    public async Task Expiry_RequesterGetsOneSummaryWithCounts()
    {
        var world = new CoreWorld(Utc(2025, 3, 3, 10, 0));
        var ada = world.Person("UADA");
        var bob = world.Person("UBOB");
        var cem = world.Person("UCEM");
        var dee = world.Person("UDEE");
        var request = await world.AskAsync(ada, "How was my talk?", bob, cem, dee);

        await world.RunNudgeChecksUntilAsync(Utc(2025, 3, 4, 12, 0));
        await world.AnswerAsync(request, cem);
        await world.DeclineRequest.RunAsync(request.Id, dee, "Wasn't there", default);
        await world.RunNudgeChecksUntilAsync(Utc(2025, 3, 10, 0, 0));

        var stored = world.Requests[request.Id];
        Assert.Equal(RecipientStatus.Expired, stored.RecipientFor(bob)!.Status);
        Assert.True(stored.SummarySent);
        var summary = Assert.Single(world.Messenger.SentTo<RequestSummaryNotice>(ada));
        Assert.Equal(new RequestTally(Answered: 1, Declined: 1, Expired: 1, Pending: 0), summary.Tally);
        Assert.Equal(3, summary.Tally.Total);
        Assert.DoesNotContain(world.NudgeTimes(cem), t => t > Utc(2025, 3, 4, 12, 0));
    }

    [Fact]
    public async Task Nudges_NudgesTurnedOffStillExpire()
    {
        var world = new CoreWorld(Utc(2025, 3, 3, 10, 0));
        var ada = world.Person("UADA");
        var bob = world.Person("UBOB");
        world.Preferences.Update(bob, p => p with { NudgesEnabled = false });

        var request = await world.AskAsync(ada, "How was my talk?", bob);
        await world.RunNudgeChecksUntilAsync(Utc(2025, 3, 10, 0, 0));

        Assert.Empty(world.NudgeTimes(bob));
        Assert.Equal(RecipientStatus.Expired, world.Requests[request.Id].RecipientFor(bob)!.Status);
    }
}
