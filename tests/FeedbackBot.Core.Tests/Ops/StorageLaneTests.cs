using FeedbackBot.Core.Ports;
using Xunit;

namespace FeedbackBot.Core.Tests.Ops;

/// <summary>A unit of work's lane holds for what it awaits and starts, and ends with the method that entered it.</summary>
public sealed class StorageLaneTests
{
    [Fact]
    public async Task Enter_HoldsForWhatTheUnitAwaitsAndStarts_AndEndsWithIt()
    {
        var outside = StorageLane.Current;
        var (entered, awaited, started) = await UnitAsync();

        Assert.NotEqual(outside, entered);
        Assert.Equal(entered, awaited);
        Assert.Equal(entered, started);
        Assert.Equal(outside, StorageLane.Current);
    }

    [Fact]
    public async Task EachUnit_GetsItsOwnLane()
    {
        var lanes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () => (await UnitAsync()).Entered)));

        Assert.Equal(8, lanes.Distinct().Count());
        Assert.All(lanes, lane => Assert.True(lane >= 0));
    }

    private static async Task<(int Entered, int Awaited, int Started)> UnitAsync()
    {
        StorageLane.Enter();
        var entered = StorageLane.Current;
        await Task.Yield();
        var awaited = await ReadLaterAsync();
        var started = await Task.Run(() => StorageLane.Current);
        return (entered, awaited, started);

        static async Task<int> ReadLaterAsync()
        {
            await Task.Delay(1);
            return StorageLane.Current;
        }
    }
}
