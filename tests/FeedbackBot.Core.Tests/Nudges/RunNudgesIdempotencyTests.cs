using FeedbackBot.Core.Messaging;
using FeedbackBot.Core.Nudges;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Tests.Fakes;
using Moq;
using static FeedbackBot.Core.Tests.Fakes.CoreWorld;

namespace FeedbackBot.Core.Tests.Nudges;

public sealed class RunNudgesIdempotencyTests
{
    private static Mock<IChatMessenger> MockMessenger()
    {
        var mock = new Mock<IChatMessenger>();
        mock.SetupGet(m => m.Platform).Returns(Platform.Slack);
        mock.Setup(m => m.SendAsync(It.IsAny<PersonRef>(), It.IsAny<ChatNotice>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new MessageReceipt("D1", "M1"));
        return mock;
    }

    // Ada asks Bob on Monday 3 March 2025 10:00 UTC; his first nudge is planned for Tuesday 10:00.
    private static readonly DateTimeOffset FirstNudge = Utc(2025, 3, 4, 10, 0);

    private static async Task<(CoreWorld World, PersonRef Bob, Mock<IChatMessenger> Messenger)> BobAskedOnMondayAsync()
    {
        var world = new CoreWorld(Utc(2025, 3, 3, 10, 0));
        var bob = world.Person("UBOB");
        await world.AskAsync(world.Person("UADA"), "How was my talk?", bob);
        var messenger = MockMessenger();
        world.MessengerOverride = messenger.Object;
        return (world, bob, messenger);
    }

    [Fact]
    public async Task RunNudges_SameCheckRunTwiceSendsOnce()
    {
        var (world, bob, messenger) = await BobAskedOnMondayAsync();
        var planned = FirstNudge;
        world.SetNow(planned);

        var first = await world.RunNudges.RunAsync(bob, planned, default);
        var second = await world.RunNudges.RunAsync(bob, planned, default);

        Assert.Equal(NudgeRunOutcome.Sent, first.Outcome);
        Assert.Equal(NudgeRunOutcome.AlreadyRan, second.Outcome);
        messenger.Verify(m => m.SendAsync(bob, It.IsAny<NudgeNotice>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task RunNudges_StartedASecondEarlyStillSendsAtItsPlannedInstant()
    {
        var (world, bob, messenger) = await BobAskedOnMondayAsync();
        var planned = FirstNudge;
        world.SetNow(planned.AddSeconds(-1)); // Hangfire keeps delayed jobs in whole seconds

        var result = await world.RunNudges.RunAsync(bob, planned, default);

        Assert.Equal(NudgeRunOutcome.Sent, result.Outcome);
        messenger.Verify(m => m.SendAsync(bob, It.IsAny<NudgeNotice>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task RunNudges_StartedFarTooEarlyReplansWithoutClaiming()
    {
        var (world, bob, messenger) = await BobAskedOnMondayAsync();
        var planned = FirstNudge;
        world.SetNow(planned.AddHours(-1));

        var early = await world.RunNudges.RunAsync(bob, planned, default);
        world.SetNow(planned);
        var onTime = await world.RunNudges.RunAsync(bob, planned, default);

        Assert.Equal(NudgeRunOutcome.TooEarly, early.Outcome);
        Assert.Equal(NudgeRunOutcome.Sent, onTime.Outcome);
        messenger.Verify(m => m.SendAsync(bob, It.IsAny<NudgeNotice>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task RunNudges_ConcurrentCopiesSendOnce()
    {
        var (world, bob, messenger) = await BobAskedOnMondayAsync();
        var planned = FirstNudge;
        world.SetNow(planned);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => world.RunNudges.RunAsync(bob, planned, default))));

        messenger.Verify(m => m.SendAsync(bob, It.IsAny<NudgeNotice>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task RunNudges_RerunAfterClaimExpiredFindsNothingDue()
    {
        var world = new CoreWorld(Utc(2025, 3, 3, 10, 0));
        var ada = world.Person("UADA");
        var bob = world.Person("UBOB");
        world.Preferences.Update(bob, p => p with { NudgeDailyCap = 5 });
        await world.AskAsync(ada, "How was my talk?", bob);
        var planned = Utc(2025, 3, 4, 10, 0);
        world.SetNow(planned);
        await world.RunNudges.RunAsync(bob, planned, default);

        world.SetNow(planned.AddHours(1)); // the run's claim has lapsed; the stored LastNudgedAt still stops a resend
        var rerun = await world.RunNudges.RunAsync(bob, planned, default);

        Assert.Equal(NudgeRunOutcome.NothingDue, rerun.Outcome);
        Assert.Single(world.NudgeTimes(bob));
    }

    [Fact]
    public async Task RunNudges_AnsweredRequestSendsNothing()
    {
        var world = new CoreWorld(Utc(2025, 3, 3, 10, 0));
        var ada = world.Person("UADA");
        var bob = world.Person("UBOB");
        var request = await world.AskAsync(ada, "How was my talk?", bob);
        await world.AnswerAsync(request, bob);
        var messenger = MockMessenger();
        world.MessengerOverride = messenger.Object;

        await world.RunNudgeChecksUntilAsync(Utc(2025, 3, 10, 0, 0));

        Assert.Null(await world.Requests.GetNudgeCheckAsync(bob, default)); // the planned check ran and found nothing left
        messenger.Verify(m => m.SendAsync(It.IsAny<PersonRef>(), It.IsAny<ChatNotice>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task RunNudges_DeclinedRequestSendsNothing()
    {
        var world = new CoreWorld(Utc(2025, 3, 3, 10, 0));
        var ada = world.Person("UADA");
        var bob = world.Person("UBOB");
        var request = await world.AskAsync(ada, "How was my talk?", bob);
        await world.DeclineRequest.RunAsync(request.Id, bob, null, default);

        await world.RunNudgeChecksUntilAsync(Utc(2025, 3, 10, 0, 0));

        Assert.Empty(world.NudgeTimes(bob));
        Assert.Single(world.Messenger.SentTo<RequestSummaryNotice>(ada)); // from the decline, not again at expiry
    }

    [Fact]
    public async Task RunNudges_LateJobOutsideWorkingHoursWaitsForOpening()
    {
        var world = new CoreWorld(Utc(2025, 3, 3, 10, 0));
        var ada = world.Person("UADA");
        var bob = world.Person("UBOB");
        await world.AskAsync(ada, "How was my talk?", bob);
        world.SetNow(Utc(2025, 3, 4, 20, 0)); // the host was down; the 10:00 check only runs at 20:00

        var result = await world.RunNudges.RunAsync(bob, Utc(2025, 3, 4, 10, 0), default);

        Assert.Equal(NudgeRunOutcome.OutsideWorkingHours, result.Outcome);
        Assert.Equal(Utc(2025, 3, 5, 9, 0), result.NextCheckAt);
        Assert.Empty(world.NudgeTimes(bob));
    }

    [Fact]
    public async Task RunNudges_TransientFailureRetriesLaterWithoutSpendingCap()
    {
        var world = new CoreWorld(Utc(2025, 3, 3, 10, 0));
        var ada = world.Person("UADA");
        var bob = world.Person("UBOB");
        await world.AskAsync(ada, "How was my talk?", bob);
        world.Messenger.Fail = (_, n) => n is NudgeNotice ? new ChatDeliveryException("rate limited", permanent: false) : null;
        world.SetNow(Utc(2025, 3, 4, 10, 0));

        var failed = await world.RunNudges.RunAsync(bob, Utc(2025, 3, 4, 10, 0), default);
        world.Messenger.Fail = null;
        await world.RunNudgeChecksUntilAsync(Utc(2025, 3, 4, 12, 0));

        Assert.Equal(NudgeRunOutcome.RetryLater, failed.Outcome);
        Assert.Equal(Utc(2025, 3, 4, 10, 30), failed.NextCheckAt);
        Assert.Equal([Utc(2025, 3, 4, 10, 30)], world.NudgeTimes(bob));
    }
}
