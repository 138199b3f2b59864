using System.Net;
using System.Net.Sockets;

namespace FeedbackBot.Redis.Tests;

/// <summary>
/// Ports for servers that another process binds later come from below the kernel's ephemeral range: a port from
/// that range can be taken by any outgoing connection between the pick and the bind (Linux documents the range
/// in ip-sysctl.rst, "ip_local_port_range": "the local port range that is used by TCP and UDP traffic to choose the
/// local port"; https://docs.kernel.org/networking/ip-sysctl.html).
/// </summary>
public sealed class LoopbackPortTests
{
    private static readonly Func<int, bool> AllFree = _ => true;

    [Theory]
    [InlineData("32768\t60999\n", 32768, 60999)] // Linux's default, as /proc shows it
    [InlineData("40000 50000", 40000, 50000)]
    [InlineData("1024  65000\n", 1024, 65000)]
    public void EphemeralRange_ReadsTheKernelsTwoNumbers(string text, int first, int last) =>
        Assert.Equal((first, last), LoopbackPort.EphemeralRange(text));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not numbers")]
    [InlineData("32768")]
    [InlineData("32768 60999 1")]
    [InlineData("60999 32768")] // reversed
    [InlineData("0 60999")]
    [InlineData("32768 70000")]
    [InlineData("-1 60999")]
    public void EphemeralRange_UnreadableText_FallsBackToIanasRange(string? text) =>
        Assert.Equal((49152, 65535), LoopbackPort.EphemeralRange(text));

    [Theory]
    [InlineData("32768\t60999\n", 32768)]
    [InlineData(null, 49152)] // no /proc (Windows, macOS): IANA's dynamic range
    [InlineData("garbage", 49152)]
    public void Pick_ChoosesBelowTheEphemeralRangeAndAboveTheFloor(string? text, int rangeStart)
    {
        var random = new Random(1);
        var picked = Enumerable.Range(0, 2000).Select(_ => LoopbackPort.Pick(text, random, AllFree)).ToList();

        Assert.All(picked, p => Assert.InRange(p, LoopbackPort.Floor, rangeStart - 1));
        Assert.True(picked.Distinct().Count() > 1500, "spread over the range, so two pickers rarely meet");
    }

    [Fact]
    public void Pick_RangeMovedDownToTheFloor_ChoosesAboveIt()
    {
        var random = new Random(2);
        var picked = Enumerable.Range(0, 500).Select(_ => LoopbackPort.Pick("1024 30000", random, AllFree));

        Assert.All(picked, p => Assert.InRange(p, 30001, 65535));
    }

    [Fact]
    public void Pick_SkipsPortsThatCannotBeBound()
    {
        var tried = new List<int>();
        var port = LoopbackPort.Pick("32768 60999", new Random(3), p =>
        {
            tried.Add(p);
            return tried.Count == 4;
        });

        Assert.Equal(4, tried.Count);
        Assert.Equal(tried[^1], port);
    }

    [Fact]
    public void Pick_NothingFree_GivesUpAfterBoundedTries()
    {
        var tries = 0;
        var error = Assert.Throws<InvalidOperationException>(() => LoopbackPort.Pick("32768 60999", new Random(4), _ => ++tries < 0));

        Assert.InRange(tries, 1, 100);
        Assert.Contains("20000–32767", error.Message);
    }

    [Fact]
    public void PickOnThisMachine_IsOutsideItsEphemeralRangeAndBindable()
    {
        var range = LoopbackPort.EphemeralRange(File.Exists(LoopbackPort.RangeFile) ? File.ReadAllText(LoopbackPort.RangeFile) : null);

        var port = LoopbackPort.Pick();

        Assert.False(port >= range.First && port <= range.Last, $"{port} is inside the ephemeral range {range}");
        using var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
    }

    [Fact]
    public void IsFree_FalseWhileAListenerHoldsThePort()
    {
        var port = LoopbackPort.Pick();
        using (var listener = new TcpListener(IPAddress.Loopback, port))
        {
            listener.Start();
            Assert.False(LoopbackPort.IsFree(port));
        }

        Assert.True(LoopbackPort.IsFree(port));
    }
}
