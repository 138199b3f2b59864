using FeedbackBot.Core.Telemetry;

namespace FeedbackBot.Core.Tests.Telemetry;

/// <summary>An outage's thousandth identical failure is logged with its message, its stack trace once per window.</summary>
public sealed class RepeatedFailureTests
{
    [Fact]
    public void SameSiteSameType_FullOncePerWindow_MessageOnlyBetween()
    {
        var t0 = 1_000_000L;
        var window = (long)RepeatedFailure.Window.TotalMilliseconds;

        var logged = new[] { t0, t0 + 1, t0 + window - 1, t0 + window }.Select(At).ToArray();

        Assert.IsType<TimeoutException>(logged[0]);
        Assert.All(logged[1..3], e => Assert.IsType<RepeatedFailure>(e));
        Assert.IsType<TimeoutException>(logged[3]);
        Assert.Null(logged[1].StackTrace);
        Assert.Equal($"System.TimeoutException: storage stalled (stack trace logged in full at most every {RepeatedFailure.Window.TotalSeconds:0} s from this line)",
            logged[1].ToString());

        // One call site for every entry above: the line below.
        static Exception At(long now) => RepeatedFailure.Of(Thrown(new TimeoutException("storage stalled")), now);
    }

    [Fact]
    public void AnotherTypeOrAnotherLine_HasItsOwnWindow()
    {
        var now = 5_000_000L;
        var first = RepeatedFailure.Of(new TimeoutException("a"), now);
        var otherType = RepeatedFailure.Of(new InvalidOperationException("b"), now);
        var otherLine = RepeatedFailure.Of(new TimeoutException("c"), now);

        Assert.IsType<TimeoutException>(first);
        Assert.IsType<InvalidOperationException>(otherType);
        Assert.IsType<TimeoutException>(otherLine);
    }

    private static Exception Thrown(Exception ex)
    {
        try
        {
            throw ex;
        }
        catch (Exception caught)
        {
            return caught;
        }
    }
}
