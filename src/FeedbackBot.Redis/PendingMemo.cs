using System.Collections.Concurrent;
using FeedbackBot.Core.Feedback;

namespace FeedbackBot.Redis;

/// <summary>
/// The last stored JSON of pending feedback items this host read or wrote, with the item it stands for. A hint
/// for <see cref="RedisFeedbackStore"/>'s compare-and-set, never an answer on its own: the stored text decides.
/// An item leaves when it is delivered or failed; the memo is bounded (cleared when full), so items that never
/// finish here (delivered by another host) cost at most <see cref="Capacity"/> entries.
/// </summary>
internal sealed class PendingMemo
{
    /// <summary>Enough for every delivery in flight at a few hundred gives per second.</summary>
    public const int Capacity = 4096;

    private readonly ConcurrentDictionary<string, (string Json, FeedbackItem Item)> _items = new(StringComparer.Ordinal);

    public int Count => _items.Count;

    /// <summary>Remembers a pending item as stored; forgets one that is done.</summary>
    public void Remember(string id, string json, FeedbackItem? item)
    {
        if (item is not { Delivery: DeliveryStatus.Pending })
        {
            Forget(id);
            return;
        }

        if (_items.Count >= Capacity)
        {
            _items.Clear();
        }

        _items[id] = (json, item);
    }

    public void Forget(string id) => _items.TryRemove(id, out _);

    /// <summary>The remembered item when <paramref name="json"/> is exactly what was remembered for it.</summary>
    public FeedbackItem? Find(string id, string json) =>
        _items.TryGetValue(id, out var known) && string.Equals(known.Json, json, StringComparison.Ordinal) ? known.Item : null;

    /// <summary>What was last seen of <paramref name="id"/>, if anything.</summary>
    public (string? Raw, FeedbackItem? Item)? Get(string id) =>
        _items.TryGetValue(id, out var known) ? (known.Json, known.Item) : null;
}
