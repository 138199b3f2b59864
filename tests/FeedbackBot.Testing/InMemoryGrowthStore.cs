using FeedbackBot.Core.Growth;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;

namespace FeedbackBot.Testing;

/// <summary>
/// Themes and commitments in dictionaries, with the check-in schedule beside them; the same contract as the Redis
/// store: the schedule follows <see cref="Commitment.CheckInAt"/> in the same step, and a take leases what it takes.
/// </summary>
public sealed class InMemoryGrowthStore : IGrowthStore
{
    private readonly Dictionary<PersonRef, List<GrowthTheme>> _themes = [];
    private readonly Dictionary<string, Commitment> _commitments = [];
    private readonly Dictionary<string, DateTimeOffset> _schedule = [];
    private readonly Lock _gate = new();

    /// <summary>The check-in schedule (commitment id → next due time, a lease included).</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> Schedule
    {
        get { lock (_gate) { return new Dictionary<string, DateTimeOffset>(_schedule); } }
    }

    public IReadOnlyList<Commitment> All
    {
        get { lock (_gate) { return _commitments.Values.OrderBy(c => c.CreatedAt).ToArray(); } }
    }

    public Task<IReadOnlyList<GrowthTheme>> ListThemesAsync(PersonRef person, CancellationToken ct)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<GrowthTheme>>(_themes.TryGetValue(person, out var list) ? list.ToArray() : []);
        }
    }

    public Task SaveThemeAsync(PersonRef person, GrowthTheme theme, CancellationToken ct)
    {
        lock (_gate)
        {
            var list = _themes.TryGetValue(person, out var l) ? l : _themes[person] = [];
            var at = list.FindIndex(t => t.Id == theme.Id);
            if (at >= 0)
            {
                list[at] = theme;
            }
            else
            {
                list.Add(theme);
            }
        }

        return Task.CompletedTask;
    }

    public Task SaveCommitmentAsync(Commitment commitment, CancellationToken ct)
    {
        lock (_gate)
        {
            _commitments[commitment.Id] = commitment;
            if (commitment.CheckInAt is { } at)
            {
                _schedule[commitment.Id] = at;
            }
        }

        return Task.CompletedTask;
    }

    public Task<Commitment?> GetCommitmentAsync(string id, CancellationToken ct)
    {
        lock (_gate)
        {
            return Task.FromResult(_commitments.GetValueOrDefault(id));
        }
    }

    public Task<Commitment?> UpdateCommitmentAsync(string id, Func<Commitment, Commitment?> change, CancellationToken ct)
    {
        lock (_gate)
        {
            if (!_commitments.TryGetValue(id, out var current))
            {
                return Task.FromResult<Commitment?>(null);
            }

            if (change(current) is not { } updated)
            {
                return Task.FromResult<Commitment?>(current);
            }

            _commitments[id] = updated;
            if (updated.CheckInAt is null)
            {
                _schedule.Remove(id);
            }
            else if (updated.CheckInAt != current.CheckInAt)
            {
                _schedule[id] = updated.CheckInAt.Value;
            }

            return Task.FromResult<Commitment?>(updated);
        }
    }

    public Task<IReadOnlyList<Commitment>> ListCommitmentsAsync(PersonRef person, CancellationToken ct)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<Commitment>>(_commitments.Values.Where(c => c.Owner == person).OrderBy(c => c.CreatedAt).ToArray());
        }
    }

    public Task<IReadOnlyList<string>> TakeDueCheckInsAsync(DateTimeOffset now, TimeSpan lease, int max, CancellationToken ct)
    {
        lock (_gate)
        {
            var due = _schedule.Where(e => e.Value <= now).OrderBy(e => e.Value).Take(max).Select(e => e.Key).ToArray();
            foreach (var id in due)
            {
                _schedule[id] = now + lease;
            }

            return Task.FromResult<IReadOnlyList<string>>(due);
        }
    }

    public Task SetCheckInEntryAsync(string commitmentId, DateTimeOffset? at, CancellationToken ct)
    {
        lock (_gate)
        {
            if (at is { } when)
            {
                _schedule[commitmentId] = when;
            }
            else
            {
                _schedule.Remove(commitmentId);
            }
        }

        return Task.CompletedTask;
    }

    public Task<long> EraseThemesAsync(PersonRef person, CancellationToken ct)
    {
        lock (_gate)
        {
            return Task.FromResult(_themes.Remove(person) ? 1L : 0L);
        }
    }

    public Task<long> EraseCommitmentsAsync(PersonRef person, CancellationToken ct)
    {
        lock (_gate)
        {
            var mine = _commitments.Values.Where(c => c.Owner == person).Select(c => c.Id).ToArray();
            foreach (var id in mine)
            {
                _commitments.Remove(id);
                _schedule.Remove(id);
            }

            return Task.FromResult((long)mine.Length);
        }
    }
}
