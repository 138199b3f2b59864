using FeedbackBot.Core.Digest;
using FeedbackBot.Core.Growth;
using FeedbackBot.Core.Tests.Fakes;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Core.Tests.Growth;

public sealed class DigestCheckInTests
{
    [Fact]
    public async Task WeeklyDigest_ListsCheckInsDueInTheComingWeek_OnlyTheOwnersOpenOnes()
    {
        var world = new GrowthWorld(CoreWorld.Utc(2026, 3, 2, 12));
        world.Core.DigestOptions.SendWhenEmpty = true;
        var me = world.Core.Person("U1");
        await world.CommitAsync(me, "due this week", checkIn: CheckInChoice.OneWeek);
        await world.CommitAsync(me, "due in a month", checkIn: CheckInChoice.OneMonth);
        var done = await world.CommitAsync(me, "done already", checkIn: CheckInChoice.OneWeek);
        await world.Growth.RecordOutcomeAsync(me, done.Id, Ports.CommitmentOutcome.Done, default);
        await world.CommitAsync(world.Core.Person("U2"), "someone else's", checkIn: CheckInChoice.OneWeek);
        world.Core.SetNow(CoreWorld.Utc(2026, 3, 6, 15));
        var build = new BuildWeeklyDigest(world.Core.Feedback, world.Core.Requests, world.Core.Pending,
            Options.Create(world.Core.DigestOptions), world.Core.Time, world.Store);

        var digest = await build.BuildAsync(await world.Core.Clock.LoadAsync(me, default), "2026-W10", default);

        Assert.Equal(["due this week"], digest!.DueCheckIns);
    }
}
