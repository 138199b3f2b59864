using FeedbackBot.Core.Growth;
using FeedbackBot.Core.Messaging;
using FeedbackBot.Core.Nudges;
using FeedbackBot.Core.Ports;
using FeedbackBot.Core.Requests;
using FeedbackBot.Core.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;

namespace FeedbackBot.Core.Tests.Growth;

public sealed class CheckInTests
{
    // Monday 2 March 2026, 12:00 UTC. New York moves to summer time on Sunday 8 March, Berlin on 29 March; Tokyo never.
    private static readonly DateTimeOffset Monday = CoreWorld.Utc(2026, 3, 2, 12);

    [Theory]
    // Two weeks later is Monday 16 March: 09:00 EDT (UTC-4, after the change; it was UTC-5 when committing).
    [InlineData("America/New_York", CheckInChoice.TwoWeeks, "2026-03-16T13:00:00+00:00")]
    // A month later is Thursday 2 April: 09:00 CEST (UTC+2, after the change; it was UTC+1 when committing).
    [InlineData("Europe/Berlin", CheckInChoice.OneMonth, "2026-04-02T07:00:00+00:00")]
    // A week later is Monday 9 March: 09:00 JST (UTC+9, no daylight saving).
    [InlineData("Asia/Tokyo", CheckInChoice.OneWeek, "2026-03-09T00:00:00+00:00")]
    public async Task Commitment_CheckInArrivesAtLocalOpeningOnTheDay_AcrossDst(string zone, CheckInChoice choice, string expectedUtc)
    {
        var world = new GrowthWorld(Monday);
        var giver = world.Core.Person("UG");
        var me = world.Core.Person("U1", zone);
        var item = await world.ReceivedAsync(giver, me, "Try delegating the weekly report.");

        var commitment = await world.CommitAsync(me, "delegate the weekly report", item, choice);
        var expected = DateTimeOffset.Parse(expectedUtc, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(expected, commitment.CheckInAt);

        // A minute before: the job runs and sends nothing.
        world.Core.SetNow(expected.AddMinutes(-1));
        Assert.Equal(0, await world.CheckIns.RunAsync(default));
        Assert.Empty(world.CheckInsSent);

        await world.RunCheckInsUntilAsync(expected.AddDays(40));

        var sent = Assert.Single(world.CheckInsSent);
        Assert.Equal(me, sent.To);
        Assert.Equal(expected, sent.At);
        var local = WorkingTime.ToLocal(sent.At, TimeZoneInfo.FindSystemTimeZoneById(zone));
        Assert.Equal(new TimeOnly(9, 0), TimeOnly.FromDateTime(local.DateTime));
        Assert.Equal("delegate the weekly report", sent.Notice.Text);
        Assert.Equal(giver, sent.Notice.Giver);
        Assert.Equal(choice switch { CheckInChoice.OneWeek => "A week ago", CheckInChoice.TwoWeeks => "Two weeks ago", _ => "A month ago" }, sent.Notice.Ago);
        Assert.Empty(world.Store.Schedule);
        Assert.Equal(1, world.Store.All.Single().CheckInsSent);
    }

    [Fact]
    public async Task CheckIn_DueOnSaturday_WaitsForMondayMorning()
    {
        var world = new GrowthWorld(CoreWorld.Utc(2026, 3, 7, 10)); // Saturday
        var me = world.Core.Person("U1", "Europe/Berlin");

        var commitment = await world.CommitAsync(me, "ask for help earlier", checkIn: CheckInChoice.OneWeek);

        Assert.Equal(CoreWorld.Utc(2026, 3, 16, 8), commitment.CheckInAt); // Monday 09:00 CET
    }

    [Fact]
    public async Task NotYet_ReschedulesTheSameIntervalFromNow_AndChecksInAgain()
    {
        var world = new GrowthWorld(Monday);
        var me = world.Core.Person("U1", "Asia/Tokyo");
        var commitment = await world.CommitAsync(me, "speak up in planning", checkIn: CheckInChoice.OneWeek);
        await world.RunCheckInsUntilAsync(CoreWorld.Utc(2026, 3, 9, 1));
        Assert.Single(world.CheckInsSent);

        var result = await world.Growth.RecordOutcomeAsync(me, commitment.Id, CommitmentOutcome.NotYet, default);

        Assert.True(result.Succeeded);
        Assert.Equal(CommitmentOutcome.NotYet, result.Commitment!.Outcome);
        Assert.Equal(CoreWorld.Utc(2026, 3, 16, 0), result.Commitment.CheckInAt); // a week after, 09:00 JST
        Assert.Equal(result.Commitment.CheckInAt, world.Store.Schedule[commitment.Id]);
        await world.RunCheckInsUntilAsync(CoreWorld.Utc(2026, 4, 30, 0));
        Assert.Equal(2, world.CheckInsSent.Count);
        Assert.Equal(CoreWorld.Utc(2026, 3, 16, 0), world.CheckInsSent[1].At);
    }

    [Theory]
    [InlineData(CommitmentOutcome.GoingWell)]
    [InlineData(CommitmentOutcome.Done)]
    public async Task GoingWellOrDone_RecordsTheOutcome_AndPlansNothing(CommitmentOutcome outcome)
    {
        var world = new GrowthWorld(Monday);
        var me = world.Core.Person("U1");
        var commitment = await world.CommitAsync(me, "write shorter updates", checkIn: CheckInChoice.OneWeek);

        await world.Growth.RecordOutcomeAsync(me, commitment.Id, outcome, default);

        var stored = world.Store.All.Single();
        Assert.Equal(outcome, stored.Outcome);
        Assert.Equal(Monday, stored.OutcomeAt);
        Assert.Null(stored.CheckInAt);
        Assert.Empty(world.Store.Schedule);
    }

    [Fact]
    public async Task Outcome_FromSomeoneElse_ChangesNothing()
    {
        var world = new GrowthWorld(Monday);
        var me = world.Core.Person("U1");
        var other = world.Core.Person("U9");
        var commitment = await world.CommitAsync(me, "write shorter updates", checkIn: CheckInChoice.OneWeek);

        var result = await world.Growth.RecordOutcomeAsync(other, commitment.Id, CommitmentOutcome.Done, default);

        Assert.Equal(GrowthProblem.NotFound, result.Problem);
        Assert.Equal(CommitmentOutcome.Open, world.Store.All.Single().Outcome);
    }

    [Fact]
    public async Task AskGiver_CreatesARequestToTheGiver_LinkedToTheCommitment()
    {
        var world = new GrowthWorld(Monday);
        var giver = world.Core.Person("UG");
        var me = world.Core.Person("U1");
        var item = await world.ReceivedAsync(giver, me, "Your estimates keep slipping.");
        var commitment = await world.CommitAsync(me, "estimate with a buffer", item);

        var question = GrowthBook.AskGiverQuestion(commitment);
        var result = await world.Growth.AskGiverAsync(me, commitment.Id, question, default);

        Assert.True(result.Succeeded);
        var request = Assert.Single(world.Core.Requests.All);
        Assert.Equal(me, request.Requester);
        Assert.Equal(giver, Assert.Single(request.Recipients).Person);
        Assert.Contains("estimate with a buffer", request.Question);
        Assert.Equal([request.Id], world.Store.All.Single().Requests);
        // The giver was asked through the usual request prompt.
        Assert.Single(world.Core.Messenger.SentTo<FeedbackRequestedNotice>(giver));
    }

    [Fact]
    public async Task AnonymousFeedback_CheckInOffersNobodyToAsk_AndAskGiverIsRefused()
    {
        var world = new GrowthWorld(Monday);
        var giver = world.Core.Person("UG");
        var me = world.Core.Person("U1");
        var item = await world.ReceivedAsync(giver, me, "You interrupt people in meetings.", anonymous: true);
        var commitment = await world.CommitAsync(me, "let others finish", item, CheckInChoice.OneWeek);

        await world.RunCheckInsUntilAsync(Monday.AddDays(10));
        var result = await world.Growth.AskGiverAsync(me, commitment.Id, "How is it now?", default);

        Assert.Null(Assert.Single(world.CheckInsSent).Notice.Giver);
        Assert.Equal(GrowthProblem.GiverAnonymous, result.Problem);
        Assert.Empty(world.Core.Requests.All);
        Assert.DoesNotContain("UG", System.Text.Json.JsonSerializer.Serialize(world.Store.All));
    }

    [Fact]
    public async Task CheckInJob_RunTwice_OrByTwoHostsAtOnce_SendsOnce()
    {
        var world = new GrowthWorld(Monday);
        var me = world.Core.Person("U1");
        var commitment = await world.CommitAsync(me, "pair with juniors", checkIn: CheckInChoice.OneWeek);
        world.Core.SetNow(commitment.CheckInAt!.Value);

        // Two hosts' jobs at the same moment, each with its own use-case instance over the shared stores.
        var runs = await Task.WhenAll(world.CheckIns.RunAsync(default), world.CheckIns.RunAsync(default));
        // The same job again, a minute later and after the lease.
        world.Core.SetNow(commitment.CheckInAt.Value.AddMinutes(1));
        await world.CheckIns.RunAsync(default);
        world.Core.SetNow(commitment.CheckInAt.Value + RunCheckIns.Lease + TimeSpan.FromMinutes(1));
        await world.CheckIns.RunAsync(default);
        // And the one commitment run directly twice (a job of an older version, a retry).
        await world.CheckIns.RunOneAsync(commitment.Id, default);
        await world.CheckIns.RunOneAsync(commitment.Id, default);

        Assert.Equal(1, runs.Sum());
        Assert.Single(world.CheckInsSent);
    }

    [Fact]
    public async Task CheckIn_CrashAfterSlackPosted_IsFoundAndNotSentAgain()
    {
        var world = new GrowthWorld(Monday);
        var me = world.Core.Person("U1");
        var commitment = await world.CommitAsync(me, "pair with juniors", checkIn: CheckInChoice.OneWeek);
        world.Core.Messenger.FailAfterSend = (_, n) => n is CommitmentCheckInNotice
            ? new ChatDeliveryException("timeout", permanent: false, maybeSent: true)
            : null;

        await world.RunCheckInsUntilAsync(commitment.CheckInAt!.Value);
        world.Core.Messenger.FailAfterSend = null;
        await world.RunCheckInsUntilAsync(commitment.CheckInAt.Value.AddDays(3));

        Assert.Single(world.CheckInsSent);
        Assert.Null(world.Store.All.Single().CheckInAt);
        Assert.Empty(world.Store.Schedule);
    }

    [Fact]
    public async Task CheckIn_LateJobAtNight_MovesToTheNextWorkingMorning()
    {
        var world = new GrowthWorld(Monday);
        var me = world.Core.Person("U1"); // UTC, 09:00–17:00
        var commitment = await world.CommitAsync(me, "pair with juniors", checkIn: CheckInChoice.OneWeek);
        world.Core.SetNow(CoreWorld.Utc(2026, 3, 9, 20)); // the hosts were down all day

        await world.CheckIns.RunAsync(default);
        Assert.Empty(world.CheckInsSent);
        Assert.Equal(CoreWorld.Utc(2026, 3, 10, 9), world.Store.All.Single().CheckInAt);

        await world.RunCheckInsUntilAsync(CoreWorld.Utc(2026, 3, 11, 0));
        Assert.Equal(CoreWorld.Utc(2026, 3, 10, 9), Assert.Single(world.CheckInsSent).At);
        _ = commitment;
    }

    [Fact]
    public async Task PersonWhoDeletedTheirData_GetsNoCheckIn()
    {
        var world = new GrowthWorld(Monday);
        var me = world.Core.Person("U1");
        var other = world.Core.Person("U2");
        await world.CommitAsync(me, "pair with juniors", checkIn: CheckInChoice.OneWeek, newTheme: "Mentoring");
        await world.CommitAsync(other, "review faster", checkIn: CheckInChoice.OneWeek);

        // What delete-my-data does: walk every personal-data part.
        IPersonalDataPart[] parts = [new GrowthThemesData(world.Store), new GrowthCommitmentsData(world.Store)];
        var removed = 0L;
        foreach (var part in parts)
        {
            removed += await part.EraseAsync(me, default);
        }

        await world.RunCheckInsUntilAsync(Monday.AddDays(60));

        Assert.Equal(2, removed); // the theme list and the commitment (with its schedule entry)
        Assert.Equal([other], world.CheckInsSent.Select(s => s.To));
        Assert.Empty(await world.Store.ListThemesAsync(me, default));
        Assert.Null(await parts[1].ExportAsync(me, default));
    }

    [Fact]
    public async Task ScheduleEntryOfAnErasedCommitment_IsDroppedWithoutSending()
    {
        var world = new GrowthWorld(Monday);
        var me = world.Core.Person("U1");
        await world.Store.SetCheckInEntryAsync("slack.T1.gone", Monday, default);

        Assert.Equal(CheckInOutcome.NothingDue, await world.CheckIns.RunOneAsync("slack.T1.gone", default));
        Assert.Empty(world.Store.Schedule);
        Assert.Empty(world.CheckInsSent);
        _ = me;
    }
}
