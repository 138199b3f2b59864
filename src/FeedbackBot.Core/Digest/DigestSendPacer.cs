using System.Collections.Concurrent;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;

namespace FeedbackBot.Core.Digest;

/// <summary>
/// Each workspace's next free digest slot, kept in this process across <see cref="RunDueReminders"/> runs.
/// Spacing only within one run let the next minute's run start a workspace at "now" again while the previous
/// run's digests were still going out: two streams at twice the send rate, answered with 429s (found by the
/// <c>digest</c> benchmark with 1,000 people per workspace). Host-local: the storage-backed pacer
/// (<c>RedisSendPacer</c>) replaces it in the host, so consecutive runs on different hosts share slots too.
/// </summary>
public sealed class DigestSendPacer : ISendPacer
{
    // Entries whose slot has passed are dropped past this size, so idle workspaces cost nothing.
    private const int PruneAbove = 10_000;
    private readonly ConcurrentDictionary<WorkspaceRef, DateTimeOffset> _nextFree = new();

    /// <summary>The instant the next digest of <paramref name="workspace"/> may start, at or after <paramref name="now"/>.</summary>
    public DateTimeOffset Next(WorkspaceRef workspace, DateTimeOffset now, TimeSpan spacing)
    {
        if (_nextFree.Count > PruneAbove)
        {
            foreach (var (key, free) in _nextFree)
            {
                if (free <= now)
                {
                    _nextFree.TryRemove(KeyValuePair.Create(key, free));
                }
            }
        }

        var slot = now;
        _nextFree.AddOrUpdate(workspace,
            _ =>
            {
                slot = now;
                return now + spacing;
            },
            (_, free) =>
            {
                slot = free > now ? free : now;
                return slot + spacing;
            });
        return slot;
    }

    public Task<DateTimeOffset> NextSlotAsync(WorkspaceRef workspace, DateTimeOffset now, TimeSpan spacing, CancellationToken ct) =>
        Task.FromResult(Next(workspace, now, spacing));
}
