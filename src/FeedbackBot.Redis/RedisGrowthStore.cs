using FeedbackBot.Core;
using FeedbackBot.Core.Growth;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using StackExchange.Redis;

namespace FeedbackBot.Redis;

/// <summary>
/// Themes and commitments in the owner's workspace slot (<c>{p}:{slack:T1}:…</c>): a hash of themes per person, each
/// commitment as a hash (<c>json</c>, <c>ver</c>: every change is a compare-and-set), an index per person and the
/// workspace's check-in schedule (sorted set: commitment id → due time). A commitment's id names its workspace, so
/// the commitment, its index and its schedule entry are written in one MULTI/EXEC, on Redis Cluster too. The sweep
/// finds workspaces through <c>{p}:outbox:workspaces</c>, as for every other schedule.
/// </summary>
public sealed class RedisGrowthStore(IConnectionMultiplexer redis, Keys keys) : IGrowthStore
{
    private const string JsonField = "json";
    private const string VersionField = "ver";
    private const int MaxAttempts = 20;

    private IDatabase Db => redis.GetDatabase();

    public async Task<IReadOnlyList<GrowthTheme>> ListThemesAsync(PersonRef person, CancellationToken ct) =>
        (await Db.HashValuesAsync(keys.Themes(person)))
            .Select(v => StorageJson.Read<GrowthTheme>(v))
            .OfType<GrowthTheme>()
            .OrderBy(t => t.Id, StringComparer.Ordinal) // ids are time-ordered (uuid7): oldest first
            .ToArray();

    public Task SaveThemeAsync(PersonRef person, GrowthTheme theme, CancellationToken ct) =>
        Db.HashSetAsync(keys.Themes(person), theme.Id, StorageJson.Write(theme));

    public async Task SaveCommitmentAsync(Commitment commitment, CancellationToken ct)
    {
        var db = Db;
        var workspace = commitment.Owner.Workspace;
        if (commitment.CheckInAt is not null)
        {
            await db.SetAddAsync(keys.OutboxWorkspaces, workspace.ToString());
        }

        var tx = db.CreateTransaction();
        _ = tx.HashSetAsync(keys.Commitment(commitment.Id), [new(JsonField, StorageJson.Write(commitment)), new(VersionField, 1)]);
        _ = tx.SortedSetAddAsync(keys.Commitments(commitment.Owner), commitment.Id, commitment.CreatedAt.ToUnixTimeMilliseconds());
        if (commitment.CheckInAt is { } at)
        {
            _ = tx.SortedSetAddAsync(keys.CheckIns(workspace), commitment.Id, at.ToUnixTimeMilliseconds());
        }

        if (!await tx.ExecuteAsync())
        {
            throw new RedisException($"The commitment {commitment.Id} was not saved.");
        }
    }

    public async Task<Commitment?> GetCommitmentAsync(string id, CancellationToken ct) =>
        StorageJson.Read<Commitment>(await Db.HashGetAsync(keys.Commitment(id), JsonField));

    public async Task<Commitment?> UpdateCommitmentAsync(string id, Func<Commitment, Commitment?> change, CancellationToken ct)
    {
        var db = Db;
        var key = keys.Commitment(id);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var fields = await db.HashGetAsync(key, [JsonField, VersionField]);
            if (StorageJson.Read<Commitment>(fields[0]) is not { } current)
            {
                return null;
            }

            if (change(current) is not { } updated)
            {
                return current;
            }

            var schedule = keys.CheckIns(updated.Owner.Workspace);
            if (updated.CheckInAt is not null)
            {
                await db.SetAddAsync(keys.OutboxWorkspaces, updated.Owner.Workspace.ToString());
            }

            var tx = db.CreateTransaction();
            tx.AddCondition(Condition.HashEqual(key, VersionField, fields[1]));
            _ = tx.HashSetAsync(key, [new(JsonField, StorageJson.Write(updated)), new(VersionField, (long)fields[1] + 1)]);
            // Only a changed time moves the entry: rewriting the same time would cut short the lease of a run in progress.
            if (updated.CheckInAt is null)
            {
                _ = tx.SortedSetRemoveAsync(schedule, id);
            }
            else if (updated.CheckInAt != current.CheckInAt)
            {
                _ = tx.SortedSetAddAsync(schedule, id, updated.CheckInAt.Value.ToUnixTimeMilliseconds());
            }

            if (await tx.ExecuteAsync())
            {
                return updated;
            }
        }

        throw new InvalidOperationException($"Commitment {id} kept changing; gave up after {MaxAttempts} attempts.");
    }

    public async Task<IReadOnlyList<Commitment>> ListCommitmentsAsync(PersonRef person, CancellationToken ct)
    {
        var db = Db;
        var ids = await db.SortedSetRangeByRankAsync(keys.Commitments(person));
        var values = await Task.WhenAll(ids.Select(id => db.HashGetAsync(keys.Commitment(id.ToString()), JsonField)));
        return values.Select(v => StorageJson.Read<Commitment>(v)).OfType<Commitment>().Where(c => c.Owner == person).ToArray();
    }

    public Task<IReadOnlyList<string>> TakeDueCheckInsAsync(DateTimeOffset now, TimeSpan lease, int max, CancellationToken ct) =>
        RedisFeedbackStore.TakeDueAsync(Db, keys, keys.CheckIns, now, lease, max);

    public async Task SetCheckInEntryAsync(string commitmentId, DateTimeOffset? at, CancellationToken ct)
    {
        if (!Ids.TryGetWorkspace(commitmentId, out var workspace))
        {
            return; // commitments always name their workspace; nothing else can be in a schedule
        }

        if (at is { } when)
        {
            await Db.SortedSetAddAsync(keys.CheckIns(workspace), commitmentId, when.ToUnixTimeMilliseconds());
        }
        else
        {
            await Db.SortedSetRemoveAsync(keys.CheckIns(workspace), commitmentId);
        }
    }

    public async Task<long> EraseThemesAsync(PersonRef person, CancellationToken ct) =>
        await Db.KeyDeleteAsync(keys.Themes(person)) ? 1 : 0;

    public async Task<long> EraseCommitmentsAsync(PersonRef person, CancellationToken ct)
    {
        var db = Db;
        var ids = (await db.SortedSetRangeByRankAsync(keys.Commitments(person))).Select(v => v.ToString()).ToArray();
        // One slot (the person's workspace tag): the commitments, their index and their schedule entries go together.
        var tx = db.CreateTransaction();
        var deleted = tx.KeyDeleteAsync([.. ids.Select(keys.Commitment), keys.Commitments(person)]);
        var unscheduled = ids.Length == 0 ? Task.FromResult(0L) : tx.SortedSetRemoveAsync(keys.CheckIns(person.Workspace), [.. ids.Select(id => (RedisValue)id)]);
        await tx.ExecuteAsync();
        return await deleted + await unscheduled;
    }
}
