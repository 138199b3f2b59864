using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace FeedbackBot.Core.Telemetry;

/// <summary>
/// A failure that an outage repeats thousands of times (a storage timeout on every give), logged without the cost
/// of its stack trace except once per <see cref="Window"/> per log site and exception type. A stack trace formatted
/// with its source lines costs more CPU than the give it reports: at 200 gives/s with storage timing out, threads
/// formatting 6,000 traces for the console were a visible share of the host's stack dump (docs/benchmarks.md).
/// Every occurrence is still logged, with its exception type and message; the first of each window in full.
/// </summary>
public sealed class RepeatedFailure : Exception
{
    /// <summary>How often one log site writes a full stack trace for one exception type.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    private static readonly ConcurrentDictionary<(string Site, Type Type), long> LastFull = new();

    private RepeatedFailure(Exception failure)
        : base(failure.Message) => Failure = failure;

    /// <summary>The failure as it happened.</summary>
    public Exception Failure { get; }

    /// <summary>
    /// What to hand the logger for <paramref name="failure"/> at the calling line: the failure itself when that site
    /// has not logged this exception type in full within <see cref="Window"/>, otherwise a stand-in that prints its
    /// type and message only. <paramref name="now"/> is a monotonic tick count in ms (<see cref="Environment.TickCount64"/>).
    /// </summary>
    public static Exception Of(Exception failure, long? now = null, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        var at = now ?? Environment.TickCount64;
        var key = (file + ":" + line, failure.GetType());
        var last = LastFull.GetOrAdd(key, long.MinValue);
        return (last == long.MinValue || at - last >= Window.TotalMilliseconds) && LastFull.TryUpdate(key, at, last)
            ? failure
            : new RepeatedFailure(failure);
    }

    public override string? StackTrace => null;

    public override string ToString() =>
        $"{Failure.GetType().FullName}: {Failure.Message} (stack trace logged in full at most every {Window.TotalSeconds:0} s from this line)";
}
