using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using StackExchange.Redis;

namespace FeedbackBot.Redis;

/// <summary>Feedback items as JSON strings, with per-person sorted-set indexes scored by creation time.</summary>
public sealed class RedisFeedbackStore(IConnectionMultiplexer redis, Keys keys) : IFeedbackStore
{
    private IDatabase Db => redis.GetDatabase();

    public async Task SaveAsync(FeedbackItem item, CancellationToken ct)
    {
        // The item first: it is the truth. The indexes follow; ZADD is idempotent, so a retry after a crash
        // in between repairs them. Received and sent may live in different workspaces' slots, so they are
        // written separately rather than in one cross-slot transaction.
        await Db.StringSetAsync(keys.Feedback(item.Id), StorageJson.Write(item));
        var score = item.CreatedAt.ToUnixTimeMilliseconds();
        await Task.WhenAll(
            Db.SortedSetAddAsync(keys.Received(item.Recipient), item.Id, score),
            Db.SortedSetAddAsync(keys.Sent(item.Giver), item.Id, score));
    }

    public async Task<FeedbackItem?> GetAsync(string id, CancellationToken ct) =>
        StorageJson.Read<FeedbackItem>(await Db.StringGetAsync(keys.Feedback(id)));

    public async Task<bool> SetDeliveryAsync(string id, DeliveryStatus status, DateTimeOffset at, string? error, CancellationToken ct)
    {
        var key = keys.Feedback(id);
        // Optimistic concurrency on the JSON itself: a concurrent writer makes the transaction fail and we re-read.
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var raw = await Db.StringGetAsync(key);
            var item = StorageJson.Read<FeedbackItem>(raw);
            if (item is null || item.Delivery == DeliveryStatus.Delivered)
            {
                return false;
            }

            var updated = item with
            {
                Delivery = status,
                DeliveredAt = status == DeliveryStatus.Delivered ? at : item.DeliveredAt,
                DeliveryError = error,
            };
            var tx = Db.CreateTransaction();
            tx.AddCondition(Condition.StringEqual(key, raw));
            _ = tx.StringSetAsync(key, StorageJson.Write(updated));
            if (await tx.ExecuteAsync())
            {
                return true;
            }
        }

        throw new InvalidOperationException($"Feedback {id} kept changing while its delivery status was set.");
    }

    public Task<IReadOnlyList<FeedbackItem>> ListReceivedAsync(PersonRef person, int limit, CancellationToken ct, DateTimeOffset? since = null) =>
        ListAsync(keys.Received(person), limit, since);

    public Task<IReadOnlyList<FeedbackItem>> ListSentAsync(PersonRef person, int limit, CancellationToken ct, DateTimeOffset? since = null) =>
        ListAsync(keys.Sent(person), limit, since);

    private async Task<IReadOnlyList<FeedbackItem>> ListAsync(RedisKey index, int limit, DateTimeOffset? since)
    {
        var min = since?.ToUnixTimeMilliseconds() ?? double.NegativeInfinity;
        var ids = await Db.SortedSetRangeByScoreAsync(index, min, double.PositiveInfinity, Exclude.None, Order.Descending, 0, limit);
        // Items live in their own slots, so they are read one by one (pipelined by the multiplexer), not by MGET.
        var items = await Task.WhenAll(ids.Select(id => Db.StringGetAsync(keys.Feedback(id.ToString()))));
        return items.Select(v => StorageJson.Read<FeedbackItem>(v)).OfType<FeedbackItem>().ToArray();
    }
}
