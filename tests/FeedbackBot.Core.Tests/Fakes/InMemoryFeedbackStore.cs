using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;

namespace FeedbackBot.Core.Tests.Fakes;

public sealed class InMemoryFeedbackStore : IFeedbackStore
{
    private readonly Dictionary<string, FeedbackItem> _items = [];
    private readonly Lock _gate = new();

    public Task SaveAsync(FeedbackItem item, CancellationToken ct)
    {
        lock (_gate) { _items[item.Id] = item; }
        return Task.CompletedTask;
    }

    public Task<FeedbackItem?> GetAsync(string id, CancellationToken ct)
    {
        lock (_gate) { return Task.FromResult(_items.GetValueOrDefault(id)); }
    }

    public Task<bool> SetDeliveryAsync(string id, DeliveryStatus status, DateTimeOffset at, string? error, CancellationToken ct)
    {
        lock (_gate)
        {
            if (!_items.TryGetValue(id, out var item) || item.Delivery == DeliveryStatus.Delivered)
            {
                return Task.FromResult(false);
            }

            _items[id] = item with { Delivery = status, DeliveredAt = at, DeliveryError = error };
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<FeedbackItem>> ListReceivedAsync(PersonRef person, int limit, CancellationToken ct, DateTimeOffset? since = null) =>
        List(f => f.Recipient == person, limit, since);

    public Task<IReadOnlyList<FeedbackItem>> ListSentAsync(PersonRef person, int limit, CancellationToken ct, DateTimeOffset? since = null) =>
        List(f => f.Giver == person, limit, since);

    private Task<IReadOnlyList<FeedbackItem>> List(Func<FeedbackItem, bool> filter, int limit, DateTimeOffset? since)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<FeedbackItem>>(_items.Values
                .Where(filter)
                .Where(f => since is null || f.CreatedAt >= since)
                .OrderByDescending(f => f.CreatedAt)
                .Take(limit)
                .ToArray());
        }
    }
}
