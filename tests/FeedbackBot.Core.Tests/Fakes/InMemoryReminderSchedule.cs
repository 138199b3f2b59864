using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;

namespace FeedbackBot.Core.Tests.Fakes;

/// <summary>A sorted set in memory; TakeDue removes under a lock, as the Redis Lua script does atomically.</summary>
public sealed class InMemoryReminderSchedule : IReminderSchedule
{
    private readonly Dictionary<PersonRef, DateTimeOffset> _next = [];
    private readonly Lock _gate = new();

    public DateTimeOffset? NextFor(PersonRef person)
    {
        lock (_gate) { return _next.TryGetValue(person, out var at) ? at : null; }
    }

    public DateTimeOffset? Earliest
    {
        get { lock (_gate) { return _next.Count == 0 ? null : _next.Values.Min(); } }
    }

    public int Count
    {
        get { lock (_gate) { return _next.Count; } }
    }

    public Task SetNextAsync(PersonRef person, DateTimeOffset at, CancellationToken ct)
    {
        lock (_gate) { _next[person] = at; }
        return Task.CompletedTask;
    }

    public Task RemoveAsync(PersonRef person, CancellationToken ct)
    {
        lock (_gate) { _next.Remove(person); }
        return Task.CompletedTask;
    }

    public async Task<IReadOnlyList<DueReminder>> TakeDueAsync(DateTimeOffset now, int max, CancellationToken ct)
    {
        // Yield first so two concurrent callers really interleave in tests.
        await Task.Yield();
        lock (_gate)
        {
            var due = _next.Where(e => e.Value <= now)
                .OrderBy(e => e.Value).ThenBy(e => e.Key.Key, StringComparer.Ordinal)
                .Take(max)
                .Select(e => new DueReminder(e.Key, e.Value))
                .ToArray();
            foreach (var entry in due)
            {
                _next.Remove(entry.Person);
            }

            return due;
        }
    }
}
