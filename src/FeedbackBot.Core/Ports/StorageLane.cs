namespace FeedbackBot.Core.Ports;

/// <summary>
/// Which of storage's connections a unit of work uses (an inbound request, one outbox entry's run). A unit keeps all
/// of its commands on one connection, so they reach the server in the order it sent them — a read sent after a write
/// sees that write even when the write timed out on our side, which the save check relies on — while different units
/// spread over the pool: one unit's optimistic transaction (the client holds its connection for a round trip while
/// the WATCHed values come back) or a full pipeline no longer holds up everyone else's commands.
/// <para>
/// The lane flows with the async call: set by <see cref="Enter"/> at the top of a unit, it holds for everything that
/// unit awaits or starts, and ends with the async method that set it. Work outside any unit uses lane 0.
/// </para>
/// </summary>
public static class StorageLane
{
    private static readonly AsyncLocal<int> CurrentLane = new();
    private static int _next;

    /// <summary>The current unit's lane (any non-negative number; storage maps it onto its connections), 0 outside a unit.</summary>
    public static int Current => CurrentLane.Value;

    /// <summary>Starts a unit of work on the next lane, for the rest of the calling method and what it awaits.</summary>
    public static void Enter() => CurrentLane.Value = Interlocked.Increment(ref _next) & int.MaxValue;
}
