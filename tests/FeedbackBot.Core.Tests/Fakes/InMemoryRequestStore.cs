using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Core.Requests;

namespace FeedbackBot.Core.Tests.Fakes;

/// <summary>Requests in a dictionary; updates under a lock, which is as atomic as the real store promises.</summary>
public sealed class InMemoryRequestStore : IRequestStore
{
    private readonly Dictionary<string, FeedbackRequest> _items = [];
    private readonly Lock _gate = new();

    public IReadOnlyList<FeedbackRequest> All
    {
        get { lock (_gate) { return _items.Values.ToArray(); } }
    }

    public FeedbackRequest this[string id]
    {
        get { lock (_gate) { return _items[id]; } }
    }

    public Task SaveAsync(FeedbackRequest request, CancellationToken ct)
    {
        lock (_gate) { _items[request.Id] = request; }
        return Task.CompletedTask;
    }

    public Task<FeedbackRequest?> GetAsync(string id, CancellationToken ct)
    {
        lock (_gate) { return Task.FromResult(_items.GetValueOrDefault(id)); }
    }

    public Task<FeedbackRequest?> UpdateAsync(string id, Func<FeedbackRequest, FeedbackRequest?> change, CancellationToken ct)
    {
        lock (_gate)
        {
            if (!_items.TryGetValue(id, out var current))
            {
                return Task.FromResult<FeedbackRequest?>(null);
            }

            var changed = change(current);
            if (changed is not null)
            {
                _items[id] = changed;
            }

            return Task.FromResult<FeedbackRequest?>(changed ?? current);
        }
    }

    public Task<IReadOnlyList<FeedbackRequest>> ListOwedByAsync(PersonRef recipient, CancellationToken ct)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<FeedbackRequest>>(
                _items.Values.Where(r => r.RecipientFor(recipient) is { IsOpen: true }).OrderBy(r => r.CreatedAt).ToArray());
        }
    }

    public Task<IReadOnlyList<FeedbackRequest>> ListAskedByAsync(PersonRef requester, CancellationToken ct)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<FeedbackRequest>>(
                _items.Values.Where(r => r.Requester == requester && r.IsOpen).OrderBy(r => r.CreatedAt).ToArray());
        }
    }
}
