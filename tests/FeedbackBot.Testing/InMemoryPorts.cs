using System.Collections.Concurrent;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Core.Preferences;
using FeedbackBot.Core.Requests;

namespace FeedbackBot.Testing;

/// <summary>
/// Feedback kept in a dictionary, with the outbox beside it; same contract as the Redis store (delivered items
/// stay delivered, delivered and failed items leave the outbox in the same step).
/// </summary>
public sealed class InMemoryFeedbackStore : IFeedbackStore
{
    private readonly ConcurrentDictionary<string, FeedbackItem> _items = new();
    private readonly Dictionary<string, DateTimeOffset> _outbox = [];
    private readonly Lock _gate = new();

    public IReadOnlyList<FeedbackItem> All => _items.Values.OrderBy(i => i.CreatedAt).ToArray();

    /// <summary>Pending deliveries and their next due times.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> Outbox
    {
        get { lock (_gate) { return new Dictionary<string, DateTimeOffset>(_outbox); } }
    }

    /// <summary>When set, the next saves throw it (a storage outage), storing nothing.</summary>
    public Exception? FailSaves { get; set; }

    /// <summary>When set, saves store the items and then throw it (the write landed, the answer was lost).</summary>
    public Exception? FailAfterSaving { get; set; }

    /// <summary>When set, reads by id throw it (storage cannot be asked).</summary>
    public Exception? FailReads { get; set; }

    public Task SaveAsync(IReadOnlyList<FeedbackItem> items, DateTimeOffset dueAt, CancellationToken ct)
    {
        if (FailSaves is { } failure)
        {
            throw failure;
        }

        Store(items, dueAt);
        return FailAfterSaving is { } lost ? Task.FromException(lost) : Task.CompletedTask;
    }

    private void Store(IReadOnlyList<FeedbackItem> items, DateTimeOffset dueAt)
    {
        lock (_gate)
        {
            foreach (var item in items)
            {
                _items[item.Id] = item;
                if (item.Delivery == DeliveryStatus.Pending)
                {
                    _outbox[item.Id] = dueAt;
                }
            }
        }
    }

    public Task<FeedbackItem?> GetAsync(string id, CancellationToken ct) =>
        FailReads is { } failure ? Task.FromException<FeedbackItem?>(failure) : Task.FromResult(_items.GetValueOrDefault(id));

    public Task<FeedbackItem?> MarkSendingAsync(string id, DateTimeOffset at, CancellationToken ct)
    {
        lock (_gate)
        {
            if (!_items.TryGetValue(id, out var item) || item.Delivery != DeliveryStatus.Pending)
            {
                return Task.FromResult<FeedbackItem?>(null);
            }

            var updated = item with { DeliveryAttempts = item.DeliveryAttempts + 1, SendStartedAt = item.SendStartedAt ?? at };
            _items[id] = updated;
            return Task.FromResult<FeedbackItem?>(updated);
        }
    }

    public Task<bool> SetDeliveryAsync(string id, DeliveryStatus status, DateTimeOffset at, string? error, CancellationToken ct)
    {
        lock (_gate)
        {
            if (!_items.TryGetValue(id, out var item) || item.Delivery == DeliveryStatus.Delivered)
            {
                return Task.FromResult(false);
            }

            _items[id] = item with { Delivery = status, DeliveredAt = status == DeliveryStatus.Delivered ? at : item.DeliveredAt, DeliveryError = error };
            if (status is DeliveryStatus.Delivered or DeliveryStatus.Failed)
            {
                _outbox.Remove(id);
            }

            return Task.FromResult(true);
        }
    }

    public Task RescheduleDeliveryAsync(string id, DateTimeOffset dueAt, CancellationToken ct)
    {
        lock (_gate)
        {
            if (_outbox.ContainsKey(id))
            {
                _outbox[id] = dueAt;
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> TakeDueDeliveriesAsync(DateTimeOffset now, TimeSpan lease, int max, CancellationToken ct)
    {
        lock (_gate)
        {
            var due = _outbox.Where(e => e.Value <= now).OrderBy(e => e.Value).Take(max).Select(e => e.Key).ToArray();
            foreach (var id in due)
            {
                _outbox[id] = now + lease;
            }

            return Task.FromResult<IReadOnlyList<string>>(due);
        }
    }

    public Task<IReadOnlyList<FeedbackItem>> ListReceivedAsync(PersonRef person, int limit, CancellationToken ct, DateTimeOffset? since = null) =>
        Task.FromResult(List(i => i.Recipient == person, limit, since));

    public Task<IReadOnlyList<FeedbackItem>> ListSentAsync(PersonRef person, int limit, CancellationToken ct, DateTimeOffset? since = null) =>
        Task.FromResult(List(i => i.Giver == person, limit, since));

    private IReadOnlyList<FeedbackItem> List(Func<FeedbackItem, bool> filter, int limit, DateTimeOffset? since) =>
        _items.Values.Where(filter).Where(i => since is null || i.CreatedAt >= since)
            .OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id, StringComparer.Ordinal).Take(limit).ToArray();
}

/// <summary>
/// Requests in a dictionary, with their outbox and the nudge schedule beside them; updates are serialised with a
/// lock. Same contract as the Redis store: every write makes the outbox match <see cref="FeedbackRequest.PendingWork"/>.
/// </summary>
public sealed class InMemoryRequestStore(TimeProvider? time = null) : IRequestStore
{
    private readonly ConcurrentDictionary<string, FeedbackRequest> _requests = new();
    private readonly Dictionary<string, DateTimeOffset> _outbox = [];
    private readonly Dictionary<PersonRef, DateTimeOffset> _nudges = [];
    private readonly Dictionary<PersonRef, long> _versions = [];

    public IReadOnlyList<FeedbackRequest> All => _requests.Values.ToArray();

    public FeedbackRequest this[string id] => _requests[id];

    /// <summary>Queued request work (entry string → next due time).</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> Outbox
    {
        get { lock (_requests) { return new Dictionary<string, DateTimeOffset>(_outbox); } }
    }

    /// <summary>Every person's planned nudge check.</summary>
    public IReadOnlyDictionary<PersonRef, DateTimeOffset> NudgeSchedule
    {
        get { lock (_requests) { return new Dictionary<PersonRef, DateTimeOffset>(_nudges); } }
    }

    /// <summary>When set, the next saves throw it (a storage outage), storing nothing.</summary>
    public Exception? FailSaves { get; set; }

    public Task SaveAsync(FeedbackRequest request, DateTimeOffset workDueAt, IReadOnlyDictionary<PersonRef, DateTimeOffset> nudgeChecks, CancellationToken ct)
    {
        if (FailSaves is { } failure)
        {
            throw failure;
        }

        lock (_requests)
        {
            _requests[request.Id] = request;
            foreach (var entry in request.PendingWork())
            {
                _outbox.TryAdd(entry.ToString(), workDueAt);
            }

            foreach (var (person, at) in nudgeChecks)
            {
                Plan(person, at, replacing: null);
            }
        }

        return FailAfterSaving is { } lost ? Task.FromException(lost) : Task.CompletedTask;
    }

    /// <summary>When set, saves store the request and then throw it (the write landed, the answer was lost).</summary>
    public Exception? FailAfterSaving { get; set; }

    /// <summary>When set, reads by id throw it (storage cannot be asked).</summary>
    public Exception? FailReads { get; set; }

    public Task<FeedbackRequest?> GetAsync(string id, CancellationToken ct) =>
        FailReads is { } failure ? Task.FromException<FeedbackRequest?>(failure) : Task.FromResult(_requests.GetValueOrDefault(id));

    public Task<FeedbackRequest?> UpdateAsync(string id, Func<FeedbackRequest, FeedbackRequest?> change, CancellationToken ct)
    {
        lock (_requests)
        {
            if (!_requests.TryGetValue(id, out var current))
            {
                return Task.FromResult<FeedbackRequest?>(null);
            }

            var next = change(current);
            if (next is not null)
            {
                _requests[id] = next;
                var before = current.PendingWork().Select(e => e.ToString()).ToHashSet();
                var after = next.PendingWork().Select(e => e.ToString()).ToHashSet();
                foreach (var removed in before.Except(after))
                {
                    _outbox.Remove(removed);
                }

                foreach (var added in after.Except(before))
                {
                    _outbox.TryAdd(added, time?.GetUtcNow() ?? DateTimeOffset.MinValue);
                }
            }

            return Task.FromResult<FeedbackRequest?>(next ?? current);
        }
    }

    public Task<IReadOnlyList<FeedbackRequest>> ListOwedByAsync(PersonRef recipient, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<FeedbackRequest>>(_requests.Values.Where(r => r.RecipientFor(recipient)?.IsOpen == true).ToArray());

    public Task<IReadOnlyList<FeedbackRequest>> ListAskedByAsync(PersonRef requester, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<FeedbackRequest>>(_requests.Values.Where(r => r.Requester == requester && r.IsOpen).ToArray());

    public Task RescheduleWorkAsync(OutboxEntry entry, DateTimeOffset dueAt, CancellationToken ct)
    {
        lock (_requests)
        {
            if (_outbox.ContainsKey(entry.ToString()))
            {
                _outbox[entry.ToString()] = dueAt;
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<OutboxEntry>> TakeDueWorkAsync(DateTimeOffset now, TimeSpan lease, int max, CancellationToken ct)
    {
        lock (_requests)
        {
            return Task.FromResult<IReadOnlyList<OutboxEntry>>(Take(_outbox, now, lease, max).Select(e => OutboxEntry.Parse(e.Key)).ToArray());
        }
    }

    public Task PlanNudgeCheckAsync(PersonRef person, DateTimeOffset? at, DueNudgeCheck? replacing, CancellationToken ct)
    {
        lock (_requests)
        {
            Plan(person, at, replacing);
        }

        return Task.CompletedTask;
    }

    // The Redis script's rules: a check's own re-plan replaces its entry (known by version, or by planned instant
    // when run directly); a plan from elsewhere moves the version on; otherwise the earlier plan stays.
    private void Plan(PersonRef person, DateTimeOffset? at, DueNudgeCheck? replacing)
    {
        var exists = _nudges.TryGetValue(person, out var current);
        var mine = replacing switch
        {
            { Version: { } version } => _versions.GetValueOrDefault(person) == version,
            { } direct => !exists || current == direct.PlannedAt,
            null => false,
        };
        if (replacing is null)
        {
            _versions[person] = _versions.GetValueOrDefault(person) + 1;
        }

        if (mine && at is null)
        {
            _nudges.Remove(person);
        }
        else if (at is { } next && (mine || !exists || next < current))
        {
            _nudges[person] = next;
        }
    }

    public Task<DateTimeOffset?> GetNudgeCheckAsync(PersonRef person, CancellationToken ct)
    {
        lock (_requests)
        {
            return Task.FromResult<DateTimeOffset?>(_nudges.TryGetValue(person, out var at) ? at : null);
        }
    }

    public Task<IReadOnlyList<DueNudgeCheck>> TakeDueNudgeChecksAsync(DateTimeOffset now, TimeSpan lease, int max, CancellationToken ct)
    {
        lock (_requests)
        {
            return Task.FromResult<IReadOnlyList<DueNudgeCheck>>(
                Take(_nudges, now, lease, max).Select(e => new DueNudgeCheck(e.Key, e.Value, _versions.GetValueOrDefault(e.Key))).ToArray());
        }
    }

    // Earliest first; each taken entry moves a lease ahead (the Redis script does the same atomically).
    private static KeyValuePair<TKey, DateTimeOffset>[] Take<TKey>(Dictionary<TKey, DateTimeOffset> set, DateTimeOffset now, TimeSpan lease, int max)
        where TKey : notnull
    {
        var due = set.Where(e => e.Value <= now).OrderBy(e => e.Value).Take(max).ToArray();
        foreach (var entry in due)
        {
            set[entry.Key] = now + lease;
        }

        return due;
    }
}

/// <summary>Preferences in a dictionary; unknown people get the defaults.</summary>
public sealed class InMemoryPreferencesStore : IPreferencesStore
{
    private readonly ConcurrentDictionary<PersonRef, PersonalPreferences> _prefs = new();

    public Task<PersonalPreferences> GetAsync(PersonRef person, CancellationToken ct) =>
        Task.FromResult(_prefs.GetValueOrDefault(person, PersonalPreferences.Default));

    public Task SaveAsync(PersonRef person, PersonalPreferences preferences, CancellationToken ct)
    {
        _prefs[person] = preferences;
        return Task.CompletedTask;
    }
}

/// <summary>Once-claims with expiry on the given clock.</summary>
public sealed class InMemoryOnceStore(TimeProvider time) : IOnceStore
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _claims = new();

    public InMemoryOnceStore() : this(TimeProvider.System)
    {
    }

    public IReadOnlyCollection<string> Keys => _claims.Keys.ToArray();

    public Task<bool> TryClaimAsync(string key, TimeSpan ttl, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        lock (_claims)
        {
            if (_claims.TryGetValue(key, out var expires) && expires > now)
            {
                return Task.FromResult(false);
            }

            _claims[key] = now + ttl;
            return Task.FromResult(true);
        }
    }

    public Task ReleaseAsync(string key, CancellationToken ct)
    {
        _claims.TryRemove(key, out _);
        return Task.CompletedTask;
    }

    public Task KeepAsync(string key, TimeSpan ttl, CancellationToken ct)
    {
        lock (_claims)
        {
            if (_claims.ContainsKey(key))
            {
                _claims[key] = time.GetUtcNow() + ttl;
            }
        }

        return Task.CompletedTask;
    }
}

/// <summary>A job the scheduler was asked for.</summary>
public sealed record RecordedJob(string Kind, string Id);

/// <summary>
/// Records every job (and every delivery dispatch) and runs them on demand, so a test decides when "Hangfire" works and can run a job twice
/// to prove it is idempotent.
/// </summary>
public sealed class RecordingJobScheduler : IJobScheduler, IDeliveryDispatcher
{
    /// <summary>A dispatched outbox entry (a feedback id, or a request prompt/summary or nudge check entry).</summary>
    public const string FeedbackDelivery = "feedback-delivery";
    public const string WeeklyDigest = "weekly-digest";

    private readonly ConcurrentQueue<RecordedJob> _pending = new();
    private readonly ConcurrentQueue<RecordedJob> _all = new();
    private readonly ConcurrentQueue<(PersonRef Person, string WeekKey, DateTimeOffset NotBefore)> _digests = new();

    public IReadOnlyList<RecordedJob> Jobs => _all.ToArray();

    /// <summary>Feedback ids queued for delivery, in order.</summary>
    public IReadOnlyList<string> Deliveries =>
        _all.Where(j => j.Kind == FeedbackDelivery && OutboxEntry.Parse(j.Id).Kind == OutboxKind.Feedback).Select(j => j.Id).ToArray();

    /// <summary>Weekly digests with their week and earliest send time.</summary>
    public IReadOnlyList<(PersonRef Person, string WeekKey, DateTimeOffset NotBefore)> Digests => _digests.ToArray();

    /// <summary>The delivery fast path, recorded like a job so a test decides when it runs.</summary>
    public void Dispatch(string entry) => Record(new RecordedJob(FeedbackDelivery, entry));

    public void EnqueueWeeklyDigest(PersonRef person, string weekKey, DateTimeOffset notBefore)
    {
        _digests.Enqueue((person, weekKey, notBefore));
        Record(new RecordedJob(WeeklyDigest, $"{person.Key}@{weekKey}"));
    }

    private void Record(RecordedJob job)
    {
        _pending.Enqueue(job);
        _all.Enqueue(job);
    }

    /// <summary>Runs every pending job once, in order; returns how many ran.</summary>
    public async Task<int> RunPendingAsync(Func<RecordedJob, Task> run)
    {
        var count = 0;
        while (_pending.TryDequeue(out var job))
        {
            await run(job);
            count++;
        }

        return count;
    }

    /// <summary>Waits until at least <paramref name="count"/> jobs were recorded.</summary>
    public async Task WaitForJobsAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (_all.Count < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Expected {count} job(s), saw {_all.Count}.");
            }

            await Task.Delay(10);
        }
    }
}

/// <summary>A sorted set in memory; TakeDue leases under a lock, as the Redis Lua script does atomically.</summary>
public sealed class InMemoryReminderSchedule : IReminderSchedule
{
    private readonly Dictionary<PersonRef, DateTimeOffset> _next = [];
    private readonly Lock _gate = new();

    public DateTimeOffset? NextFor(PersonRef person)
    {
        lock (_gate) { return _next.TryGetValue(person, out var at) ? at : null; }
    }

    public int Count
    {
        get { lock (_gate) { return _next.Count; } }
    }

    public DateTimeOffset? Earliest
    {
        get { lock (_gate) { return _next.Count == 0 ? null : _next.Values.Min(); } }
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

    public Task<IReadOnlyList<DueReminder>> TakeDueAsync(DateTimeOffset now, TimeSpan lease, int max, CancellationToken ct)
    {
        lock (_gate)
        {
            var due = _next.Where(e => e.Value <= now)
                .OrderBy(e => e.Value).ThenBy(e => e.Key.Key, StringComparer.Ordinal)
                .Take(max)
                .Select(e => new DueReminder(e.Key, e.Value))
                .ToArray();
            foreach (var entry in due)
            {
                _next[entry.Person] = now + lease;
            }

            return Task.FromResult<IReadOnlyList<DueReminder>>(due);
        }
    }
}

/// <summary>The address book in a dictionary; same contract as the Redis one (per person and per workspace, per kind).</summary>
public sealed class InMemoryAddressBook : IAddressBook
{
    private readonly ConcurrentDictionary<(string Owner, string Kind), string> _values = new();

    /// <summary>Every stored value, keyed <c>"{person or workspace key}/{kind}"</c>, for assertions.</summary>
    public IReadOnlyDictionary<string, string> All => _values.ToDictionary(e => $"{e.Key.Owner}/{e.Key.Kind}", e => e.Value);

    public Task<string?> GetAsync(PersonRef person, string kind, CancellationToken ct) =>
        Task.FromResult(_values.GetValueOrDefault((person.Key, kind)));

    public Task SetAsync(PersonRef person, string kind, string value, CancellationToken ct)
    {
        _values[(person.Key, kind)] = value;
        return Task.CompletedTask;
    }

    public Task RemoveAsync(PersonRef person, string kind, CancellationToken ct)
    {
        _values.TryRemove((person.Key, kind), out _);
        return Task.CompletedTask;
    }

    public Task<string?> GetAsync(WorkspaceRef workspace, string kind, CancellationToken ct) =>
        Task.FromResult(_values.GetValueOrDefault((workspace.ToString(), kind)));

    public Task SetAsync(WorkspaceRef workspace, string kind, string value, CancellationToken ct)
    {
        _values[(workspace.ToString(), kind)] = value;
        return Task.CompletedTask;
    }

    public Task RemoveAsync(WorkspaceRef workspace, string kind, CancellationToken ct)
    {
        _values.TryRemove((workspace.ToString(), kind), out _);
        return Task.CompletedTask;
    }

    private readonly ConcurrentDictionary<(string Owner, string Kind), ConcurrentDictionary<string, string>> _entries = new();

    private ConcurrentDictionary<string, string> Entries(WorkspaceRef workspace, string kind) =>
        _entries.GetOrAdd((workspace.ToString(), kind), _ => new());

    public Task<IReadOnlyDictionary<string, string>> ListEntriesAsync(WorkspaceRef workspace, string kind, CancellationToken ct) =>
        Task.FromResult<IReadOnlyDictionary<string, string>>(Entries(workspace, kind).ToDictionary());

    public Task<string?> GetEntryAsync(WorkspaceRef workspace, string kind, string member, CancellationToken ct) =>
        Task.FromResult(Entries(workspace, kind).GetValueOrDefault(member));

    public Task SetEntryAsync(WorkspaceRef workspace, string kind, string member, string value, CancellationToken ct)
    {
        Entries(workspace, kind)[member] = value;
        return Task.CompletedTask;
    }

    public Task RemoveEntryAsync(WorkspaceRef workspace, string kind, string member, CancellationToken ct)
    {
        Entries(workspace, kind).TryRemove(member, out _);
        return Task.CompletedTask;
    }
}
