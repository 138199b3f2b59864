using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Redis.Insights;
using StackExchange.Redis;

namespace FeedbackBot.Redis;

/// <summary>
/// Feedback items as JSON strings, per-person sorted-set indexes scored by creation time, and a per-workspace
/// outbox (sorted set of ids still to deliver, scored by next due time). A give writes the items, their indexes
/// and their outbox entries in one MULTI/EXEC; all of them share the workspace's hash tag, so that works on
/// Redis Cluster too.
/// <para>
/// A pending item's last JSON this host read or wrote is remembered (<see cref="PendingMemo"/>): a delivery reads
/// the item, marks it sending and marks it delivered, and each update is a compare-and-set on the JSON, so the
/// remembered text is the first attempt's expected value (no GET before the WATCH) and an identical read needs
/// no parse. It is only ever a guess: the WATCH condition compares it with what is stored, and a stale one costs a
/// re-read, as a concurrent change always did.
/// </para>
/// <para>
/// Those compare-and-set updates go over <c>conditional</c> when given (the host always gives it):
/// StackExchange.Redis holds a connection's writer for the round trip of a transaction's conditions
/// (<see cref="ConditionalConnections"/>).
/// </para>
/// </summary>
public sealed class RedisFeedbackStore(IConnectionMultiplexer redis, Keys keys, ConditionalConnections? conditional = null) : IFeedbackStore
{
    private readonly PendingMemo _memo = new();
    private bool? _standalone;

    private IDatabase Db => redis.GetDatabase();

    public async Task SaveAsync(IReadOnlyList<FeedbackItem> items, DateTimeOffset dueAt, CancellationToken ct)
    {
        var db = Db;
        var due = dueAt.ToUnixTimeMilliseconds();
        var oneSlot = AllKeysShareATransaction();
        foreach (var group in items.GroupBy(i => i.Recipient.Workspace))
        {
            // Registering the workspace first is idempotent and harmless if the transaction below never runs. On one
            // server (not a cluster) it joins the transaction instead: the same order, one round trip fewer per give.
            if (!oneSlot)
            {
                await db.SetAddAsync(keys.OutboxWorkspaces, group.Key.ToString());
            }
            // An item whose id names no workspace (ids from before workspace ids) hashes to a slot of its own, so on
            // Redis Cluster it cannot join the transaction: it is written first, so no index or outbox entry ever
            // points at nothing. Current ids name their recipient's workspace and go into the transaction.
            foreach (var item in group.Where(i => !SharesSlot(i)))
            {
                await db.StringSetAsync(keys.Feedback(item.Id), StorageJson.Write(item));
            }

            var tx = db.CreateTransaction();
            if (oneSlot)
            {
                _ = tx.SetAddAsync(keys.OutboxWorkspaces, group.Key.ToString());
            }

            var crossWorkspace = new List<FeedbackItem>();
            var written = new List<(FeedbackItem, string)>();
            foreach (var item in group)
            {
                var score = item.CreatedAt.ToUnixTimeMilliseconds();
                if (SharesSlot(item))
                {
                    var json = StorageJson.Write(item);
                    written.Add((item, json));
                    _ = tx.StringSetAsync(keys.Feedback(item.Id), json);
                }

                _ = tx.SortedSetAddAsync(keys.Received(item.Recipient), item.Id, score);
                _ = tx.SortedSetAddAsync(keys.Outbox(group.Key), item.Id, due);
                RedisGrowthFigures.AddReceived(tx, keys, item);
                if (item.Giver.Workspace == group.Key)
                {
                    _ = tx.SortedSetAddAsync(keys.Sent(item.Giver), item.Id, score);
                    RedisGrowthFigures.AddGiven(tx, keys, item);
                }
                else
                {
                    crossWorkspace.Add(item);
                }
            }

            if (!await tx.ExecuteAsync())
            {
                throw new RedisException("The feedback transaction was not applied.");
            }

            foreach (var (item, json) in written)
            {
                _memo.Remember(item.Id, json, item);
            }

            // A giver in another workspace (shared channels) has the sent index in another slot: written after
            // the item, idempotently; the storage doctor re-adds it if a crash came in between.
            foreach (var item in crossWorkspace)
            {
                // Counted only when the index entry is new, so a rerun does not count it twice.
                if (await db.SortedSetAddAsync(keys.Sent(item.Giver), item.Id, item.CreatedAt.ToUnixTimeMilliseconds()))
                {
                    var counts = db.CreateTransaction();
                    RedisGrowthFigures.AddGiven(counts, keys, item);
                    await counts.ExecuteAsync();
                }
            }
        }
    }

    public async Task<FeedbackItem?> GetAsync(string id, CancellationToken ct) =>
        Read(id, await Db.StringGetAsync(keys.Feedback(id)));

    /// <summary>The item stored as <paramref name="raw"/>: the remembered one when the text is the same, else parsed (and remembered while pending).</summary>
    private FeedbackItem? Read(string id, RedisValue raw)
    {
        if (raw.IsNullOrEmpty)
        {
            _memo.Forget(id);
            return null;
        }

        var json = raw.ToString();
        if (_memo.Find(id, json) is { } known)
        {
            return known;
        }

        var item = StorageJson.Read<FeedbackItem>(raw);
        _memo.Remember(id, json, item);
        return item;
    }

    public Task<FeedbackItem?> MarkSendingAsync(string id, DateTimeOffset at, CancellationToken ct) =>
        UpdateAsync(id, item => item.Delivery == DeliveryStatus.Pending
            ? item with { DeliveryAttempts = item.DeliveryAttempts + 1, SendStartedAt = item.SendStartedAt ?? at }
            : null, removeFromOutbox: false);

    public async Task<bool> SetDeliveryAsync(string id, DeliveryStatus status, DateTimeOffset at, string? error, CancellationToken ct) =>
        await UpdateAsync(id, item => item.Delivery == DeliveryStatus.Delivered
            ? null
            : item with
            {
                Delivery = status,
                DeliveredAt = status == DeliveryStatus.Delivered ? at : item.DeliveredAt,
                DeliveryError = error,
            }, removeFromOutbox: status is DeliveryStatus.Delivered or DeliveryStatus.Failed) is not null;

    public async Task RescheduleDeliveryAsync(string id, DateTimeOffset dueAt, CancellationToken ct)
    {
        if (await GetAsync(id, ct) is { Delivery: DeliveryStatus.Pending } item)
        {
            // XX: only move an entry that is still there (a concurrent completion removed it for good).
            await Db.SortedSetAddAsync(keys.Outbox(item.Recipient.Workspace), id, dueAt.ToUnixTimeMilliseconds(), SortedSetWhen.Exists);
        }
    }

    public async Task<IReadOnlyList<string>> TakeDueDeliveriesAsync(DateTimeOffset now, TimeSpan lease, int max, CancellationToken ct) =>
        await TakeDueAsync(Db, keys, keys.Outbox, now, lease, max);

    /// <summary>
    /// Takes due members of every known workspace's sorted set <paramref name="set"/> (the sweep's workspace list),
    /// each pushed <paramref name="lease"/> ahead in the same script. Shared by every schedule of plain ids.
    /// </summary>
    internal static async Task<IReadOnlyList<string>> TakeDueAsync(
        IDatabase db, Keys keys, Func<WorkspaceRef, RedisKey> set, DateTimeOffset now, TimeSpan lease, int max) =>
        (await LeasedTake.FromEveryWorkspaceAsync(db, keys, set, now, lease, max)).Select(row => (string)row[0]!).ToArray();

    public Task<IReadOnlyList<FeedbackItem>> ListReceivedAsync(PersonRef person, int limit, CancellationToken ct, DateTimeOffset? since = null) =>
        ListAsync(keys.Received(person), limit, since);

    public Task<IReadOnlyList<FeedbackItem>> ListSentAsync(PersonRef person, int limit, CancellationToken ct, DateTimeOffset? since = null) =>
        ListAsync(keys.Sent(person), limit, since);

    /// <summary>
    /// Optimistic concurrency on the item's JSON: the write applies only if nobody changed it since we read it;
    /// otherwise re-read and re-apply. <paramref name="change"/> returns null to leave the item alone.
    /// </summary>
    private async Task<FeedbackItem?> UpdateAsync(string id, Func<FeedbackItem, FeedbackItem?> change, bool removeFromOutbox)
    {
        var db = conditional?.Next() ?? Db;
        var key = keys.Feedback(id);
        // The first attempt expects what this host last read or wrote (no read before the WATCH); every later
        // one, and the first when nothing is remembered, reads what is stored.
        var guess = _memo.Get(id);
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var guessed = guess is not null;
            var (raw, current) = guess ?? await ReadForUpdateAsync(db, key, id);
            guess = null;
            if (current is not { } item || change(item) is not { } updated)
            {
                if (guessed)
                {
                    // A remembered item that needs no change may be stale: decide on what is stored.
                    continue;
                }

                return null;
            }

            var json = StorageJson.Write(updated);
            var tx = db.CreateTransaction();
            tx.AddCondition(Condition.StringEqual(key, raw));
            _ = tx.StringSetAsync(key, json);
            // The outbox entry leaves in the same transaction when it shares the item's slot; an item whose id names
            // no workspace has a slot of its own (Redis Cluster refuses the pair), so its entry leaves right after.
            // A crash in between leaves an entry for a finished item: reruns find it done and send nothing, and the
            // storage doctor removes the entry.
            var outbox = keys.Outbox(item.Recipient.Workspace);
            if (removeFromOutbox && SharesSlot(item))
            {
                _ = tx.SortedSetRemoveAsync(outbox, id);
            }

            if (await tx.ExecuteAsync())
            {
                _memo.Remember(id, json, updated);
                if (removeFromOutbox && !SharesSlot(item))
                {
                    await db.SortedSetRemoveAsync(outbox, id);
                }

                return updated;
            }
        }

        throw new InvalidOperationException($"Feedback {id} kept changing while its delivery was updated.");
    }

    private async Task<(string? Raw, FeedbackItem? Item)> ReadForUpdateAsync(IDatabase db, RedisKey key, string id)
    {
        var raw = await db.StringGetAsync(key);
        return (raw.IsNullOrEmpty ? null : raw.ToString(), Read(id, raw));
    }

    /// <summary>
    /// True when the server is not a cluster, so keys of different hash slots (the workspace list and a
    /// workspace's keys) can share one MULTI/EXEC. Asked once: a connection does not change between the two.
    /// </summary>
    private bool AllKeysShareATransaction() =>
        _standalone ??= redis.GetServers() is { Length: > 0 } servers && servers.All(s => s.ServerType == ServerType.Standalone);

    /// <summary>Whether the item's key shares its recipient's workspace slot (its id names that workspace).</summary>
    private static bool SharesSlot(FeedbackItem item) =>
        Core.Ids.TryGetWorkspace(item.Id, out var workspace) && workspace == item.Recipient.Workspace;

    /// <summary>Reads a workspace's string form (<c>slack:T1</c>) back, as stored in the outbox-workspace set.</summary>
    internal static WorkspaceRef ParseWorkspace(string value)
    {
        // "slack:T1": the same form PersonRef keys use for their first two parts.
        var person = PersonRef.Parse(value + ":_");
        return person.Workspace;
    }

    private async Task<IReadOnlyList<FeedbackItem>> ListAsync(RedisKey index, int limit, DateTimeOffset? since)
    {
        var db = Db;
        var min = since?.ToUnixTimeMilliseconds() ?? double.NegativeInfinity;
        var ids = await db.SortedSetRangeByScoreAsync(index, min, double.PositiveInfinity, Exclude.None, Order.Descending, 0, limit);
        // Items are read one by one (pipelined by the multiplexer), not by MGET: legacy ids live in their own slots.
        var items = await Task.WhenAll(ids.Select(id => db.StringGetAsync(keys.Feedback(id.ToString()))));
        return items.Select(v => StorageJson.Read<FeedbackItem>(v)).OfType<FeedbackItem>().ToArray();
    }
}
