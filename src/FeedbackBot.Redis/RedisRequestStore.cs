using FeedbackBot.Core;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Core.Requests;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace FeedbackBot.Redis;

/// <summary>
/// Requests as hashes (<c>json</c>, <c>ver</c>) so concurrent answers from several recipients on several hosts
/// never overwrite each other: every change is a compare-and-set on <c>ver</c>. The same MULTI/EXEC that writes a
/// request writes its indexes, makes its workspace's request outbox match <see cref="FeedbackRequest.PendingWork"/>
/// and (on save) plans its recipients' nudge checks: all those keys carry the requester's workspace hash tag (the
/// request id names it), so this holds on Redis Cluster too. Keys of people in another workspace (shared
/// channels) live in another slot: they are written right after, idempotently, and the storage doctor repairs a
/// crash in between.
/// </summary>
public sealed class RedisRequestStore(
    IConnectionMultiplexer redis, Keys keys, TimeProvider time, IOptions<DeliveryOptions> delivery, ConditionalConnections? conditional = null) : IRequestStore
{
    private const string JsonField = "json";
    private const string VersionField = "ver";

    // As LeasedTake.Due, with each member's version appended: member, planned score, version triples.
    private static readonly LuaScript TakeDueChecks = LuaScript.Prepare("""
        local items = redis.call('ZRANGEBYSCORE', @key, '-inf', @now, 'WITHSCORES', 'LIMIT', 0, @max)
        local out = {}
        for i = 1, #items, 2 do
          redis.call('ZADD', @key, 'XX', @until, items[i])
          out[#out + 1] = items[i]
          out[#out + 1] = items[i + 1]
          out[#out + 1] = redis.call('HGET', @versions, items[i]) or '0'
        end
        return out
        """);

    // A check's own re-plan (@version, or @planned for a direct run; -1 = none) replaces its entry; a plan from
    // elsewhere moves the version on. Either way, when the entry is not the caller's, the earlier plan stays.
    // @at = -1: no next check.
    private static readonly LuaScript Plan = LuaScript.Prepare("""
        local cur = redis.call('ZSCORE', @key, @member)
        local at = tonumber(@at)
        local version = tonumber(@version)
        local planned = tonumber(@planned)
        local mine = false
        if version >= 0 then
          mine = tonumber(redis.call('HGET', @versions, @member) or '0') == version
        elseif planned >= 0 then
          mine = (not cur) or tonumber(cur) == planned
        else
          redis.call('HINCRBY', @versions, @member, 1)
        end
        if mine then
          if at < 0 then redis.call('ZREM', @key, @member) else redis.call('ZADD', @key, at, @member) end
          return 1
        end
        if at >= 0 and ((not cur) or at < tonumber(cur)) then
          redis.call('ZADD', @key, at, @member)
        end
        return 0
        """);

    private IDatabase Db => redis.GetDatabase();

    public async Task SaveAsync(FeedbackRequest request, DateTimeOffset workDueAt, IReadOnlyDictionary<PersonRef, DateTimeOffset> nudgeChecks, CancellationToken ct)
    {
        var db = Db;
        var home = request.Requester.Workspace;
        // Registering workspaces first is idempotent and harmless if the transaction below never runs.
        await RegisterAsync(db, nudgeChecks.Keys.Select(p => p.Workspace).Append(home));
        var writes = new Writes(db, SharesSlot(request) ? home : null);
        _ = writes.Tx.HashSetAsync(keys.Request(request.Id), [new(JsonField, StorageJson.Write(request)), new(VersionField, 1)]);
        IndexWrites(request, writes);
        var due = workDueAt.ToUnixTimeMilliseconds();
        foreach (var entry in request.PendingWork())
        {
            writes.Add(home, d => d.SortedSetAddAsync(keys.RequestOutbox(home), entry.ToString(), due, SortedSetWhen.NotExists));
        }

        foreach (var (person, at) in nudgeChecks)
        {
            // LT: a person who already has an earlier check (another request) keeps it; that check re-plans from
            // everything they owe. The version moves on, so a check running now cannot replace this plan.
            writes.Add(person.Workspace, d => d.HashIncrementAsync(keys.NudgeVersions(person.Workspace), person.Key));
            writes.Add(person.Workspace, d => d.SortedSetAddAsync(keys.Nudges(person.Workspace), person.Key, at.ToUnixTimeMilliseconds(), SortedSetWhen.LessThan));
        }

        await writes.ExecuteAsync($"The request {request.Id} was not saved.");
    }

    public async Task<FeedbackRequest?> GetAsync(string id, CancellationToken ct) =>
        StorageJson.Read<FeedbackRequest>(await Db.HashGetAsync(keys.Request(id), JsonField));

    public async Task<FeedbackRequest?> UpdateAsync(string id, Func<FeedbackRequest, FeedbackRequest?> change, CancellationToken ct)
    {
        // A versioned compare-and-set: on a socket of its own when the host gives one (ConditionalConnections).
        var db = conditional?.Next() ?? Db;
        var key = keys.Request(id);
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var fields = await db.HashGetAsync(key, [JsonField, VersionField]);
            var current = StorageJson.Read<FeedbackRequest>(fields[0]);
            if (current is null)
            {
                return null;
            }

            var updated = change(current);
            if (updated is null)
            {
                return current;
            }

            var home = updated.Requester.Workspace;
            var before = current.PendingWork().Select(e => e.ToString()).ToHashSet();
            var after = updated.PendingWork().Select(e => e.ToString()).ToHashSet();
            if (after.Except(before).Any())
            {
                await RegisterAsync(db, [home]);
            }

            var writes = new Writes(db, SharesSlot(updated) ? home : null);
            writes.Tx.AddCondition(Condition.HashEqual(key, VersionField, fields[1]));
            _ = writes.Tx.HashSetAsync(key, [new(JsonField, StorageJson.Write(updated)), new(VersionField, (long)fields[1] + 1)]);
            IndexWrites(updated, writes);
            // A new answer's time-to-feedback joins the requester's growth-page figures in the same step.
            foreach (var answer in Insights.RedisGrowthFigures.NewAnswers(keys, current, updated))
            {
                writes.Add(home, answer);
            }

            // Newly owed work is left to this run's fast path for the sweep grace, as at save time.
            var due = (time.GetUtcNow() + delivery.Value.SweepGrace).ToUnixTimeMilliseconds();
            foreach (var added in after.Except(before))
            {
                writes.Add(home, d => d.SortedSetAddAsync(keys.RequestOutbox(home), added, due, SortedSetWhen.NotExists));
            }

            foreach (var removed in before.Except(after))
            {
                writes.Add(home, d => d.SortedSetRemoveAsync(keys.RequestOutbox(home), removed));
            }

            if (await writes.TryExecuteAsync())
            {
                return updated;
            }
        }

        throw new InvalidOperationException($"Request {id} kept changing; gave up after 20 attempts.");
    }

    public Task<IReadOnlyList<FeedbackRequest>> ListOwedByAsync(PersonRef recipient, CancellationToken ct) =>
        ListAsync(keys.Owed(recipient), r => r.RecipientFor(recipient)?.IsOpen == true);

    public Task<IReadOnlyList<FeedbackRequest>> ListAskedByAsync(PersonRef requester, CancellationToken ct) =>
        ListAsync(keys.Asked(requester), r => r.IsOpen);

    public async Task RescheduleWorkAsync(OutboxEntry entry, DateTimeOffset dueAt, CancellationToken ct)
    {
        if (await GetAsync(entry.Id, ct) is { } request)
        {
            // XX: only move an entry that is still there (a concurrent completion removed it for good).
            await Db.SortedSetAddAsync(keys.RequestOutbox(request.Requester.Workspace), entry.ToString(), dueAt.ToUnixTimeMilliseconds(), SortedSetWhen.Exists);
        }
    }

    public async Task<IReadOnlyList<OutboxEntry>> TakeDueWorkAsync(DateTimeOffset now, TimeSpan lease, int max, CancellationToken ct) =>
        (await LeasedTake.FromEveryWorkspaceAsync(Db, keys, keys.RequestOutbox, now, lease, max)).Select(e => OutboxEntry.Parse((string)e[0]!)).ToArray();

    public async Task PlanNudgeCheckAsync(PersonRef person, DateTimeOffset? at, DueNudgeCheck? replacing, CancellationToken ct)
    {
        var db = Db;
        if (at is not null)
        {
            await RegisterAsync(db, [person.Workspace]);
        }

        await db.ScriptEvaluateAsync(Plan, new
        {
            key = keys.Nudges(person.Workspace),
            versions = keys.NudgeVersions(person.Workspace),
            member = person.Key,
            at = at?.ToUnixTimeMilliseconds() ?? -1,
            version = replacing?.Version ?? -1,
            planned = replacing is { Version: null } direct ? direct.PlannedAt.ToUnixTimeMilliseconds() : -1,
        });
    }

    public async Task<DateTimeOffset?> GetNudgeCheckAsync(PersonRef person, CancellationToken ct) =>
        await Db.SortedSetScoreAsync(keys.Nudges(person.Workspace), person.Key) is { } ms
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)ms)
            : null;

    public async Task<IReadOnlyList<DueNudgeCheck>> TakeDueNudgeChecksAsync(DateTimeOffset now, TimeSpan lease, int max, CancellationToken ct) =>
        (await LeasedTake.FromEveryWorkspaceAsync(Db, keys, keys.Nudges, now, lease, max, TakeDueChecks, width: 3, versions: keys.NudgeVersions))
            .Select(e => new DueNudgeCheck(PersonRef.Parse((string)e[0]!), LeasedTake.Ms(e[1]), (long)e[2]))
            .ToArray();

    /// <summary>Whether the request's key shares its requester's workspace slot (ids from before workspace ids do not).</summary>
    private static bool SharesSlot(FeedbackRequest request) =>
        Ids.TryGetWorkspace(request.Id, out var workspace) && workspace == request.Requester.Workspace;

    // The indexes hold open work only: a recipient who answered leaves "owed", a request with nobody pending
    // leaves "asked". Readers still filter, so an index that lags a crash shows nothing wrong.
    private void IndexWrites(FeedbackRequest r, Writes writes)
    {
        foreach (var recipient in r.Recipients)
        {
            var owed = keys.Owed(recipient.Person);
            writes.Add(recipient.Person.Workspace, recipient.IsOpen ? d => d.SetAddAsync(owed, r.Id) : d => d.SetRemoveAsync(owed, r.Id));
        }

        var asked = keys.Asked(r.Requester);
        writes.Add(r.Requester.Workspace, r.IsOpen ? d => d.SetAddAsync(asked, r.Id) : d => d.SetRemoveAsync(asked, r.Id));
    }

    private Task RegisterAsync(IDatabase db, IEnumerable<WorkspaceRef> workspaces) =>
        Task.WhenAll(workspaces.Distinct().Select(w => db.SetAddAsync(keys.OutboxWorkspaces, w.ToString())));

    private async Task<IReadOnlyList<FeedbackRequest>> ListAsync(RedisKey index, Func<FeedbackRequest, bool> keep)
    {
        var ids = await Db.SetMembersAsync(index);
        var values = await Task.WhenAll(ids.Select(id => Db.HashGetAsync(keys.Request(id.ToString()), JsonField)));
        return values
            .Select(v => StorageJson.Read<FeedbackRequest>(v))
            .OfType<FeedbackRequest>()
            .Where(keep)
            .OrderBy(r => r.CreatedAt)
            .ToArray();
    }

    /// <summary>
    /// One request write: everything in the request's own slot goes into the transaction; keys in another slot
    /// (another workspace, or every key of a request whose id names no workspace) are written after it succeeds.
    /// </summary>
    private sealed class Writes(IDatabase db, WorkspaceRef? slot)
    {
        private readonly List<Func<IDatabaseAsync, Task>> _after = [];

        public ITransaction Tx { get; } = db.CreateTransaction();

        public void Add(WorkspaceRef workspace, Func<IDatabaseAsync, Task> write)
        {
            if (workspace == slot)
            {
                _ = write(Tx);
            }
            else
            {
                _after.Add(write);
            }
        }

        public async Task<bool> TryExecuteAsync()
        {
            if (!await Tx.ExecuteAsync())
            {
                return false;
            }

            await Task.WhenAll(_after.Select(write => write(db)));
            return true;
        }

        public async Task ExecuteAsync(string failure)
        {
            if (!await TryExecuteAsync())
            {
                throw new RedisException(failure);
            }
        }
    }
}
