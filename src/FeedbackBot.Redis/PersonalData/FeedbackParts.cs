using System.Text.Json.Nodes;
using FeedbackBot.Core.DataRights;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using StackExchange.Redis;

namespace FeedbackBot.Redis.PersonalData;

/// <summary>
/// <c>received</c>: feedback the person received. Export: each item, the giver only when named. Erase: each item
/// goes (its key, its outbox entry, its entry in the giver's sent index) and then the person's received index.
/// </summary>
public sealed class ReceivedFeedbackPart(IConnectionMultiplexer redis, Keys keys) : IPersonalDataPart
{
    public string Name => "received";

    public async Task<JsonNode?> ExportAsync(PersonRef person, CancellationToken ct) =>
        new JsonArray([.. (await ItemsAsync(redis, keys, keys.Received(person)))
            .Where(i => i.Recipient == person)
            .Select(i => (JsonNode)PartJson.Feedback(i, asRecipient: true))]);

    public async Task<long> EraseAsync(PersonRef person, CancellationToken ct)
    {
        var db = redis.GetDatabase();
        long removed = 0;
        foreach (var item in await ItemsAsync(redis, keys, keys.Received(person)))
        {
            if (item.Recipient != person)
            {
                continue;
            }

            // Indexes first, the item last: a failure half-way leaves an item a rerun still finds through the received index.
            await db.SortedSetRemoveAsync(keys.Outbox(item.Recipient.Workspace), item.Id);
            await db.SortedSetRemoveAsync(keys.Sent(item.Giver), item.Id);
            removed += await db.KeyDeleteAsync(keys.Feedback(item.Id)) ? 1 : 0;
        }

        removed += await db.KeyDeleteAsync(keys.Received(person)) ? 1 : 0;
        return removed;
    }

    /// <summary>Every item an index names, oldest first (ids whose item is gone are skipped).</summary>
    internal static async Task<IReadOnlyList<FeedbackItem>> ItemsAsync(IConnectionMultiplexer redis, Keys keys, RedisKey index)
    {
        var db = redis.GetDatabase();
        var ids = await db.SortedSetRangeByRankAsync(index);
        var values = await Task.WhenAll(ids.Select(id => db.StringGetAsync(keys.Feedback(id.ToString()))));
        return values.Select(v => StorageJson.Read<FeedbackItem>(v)).OfType<FeedbackItem>().ToArray();
    }
}

/// <summary>
/// <c>given</c>: feedback the person gave. Export: each item with its recipient. Erase: each item stays in its
/// recipient's inbox, rewritten without the giver (anonymous, giver <see cref="ErasedPerson"/>, compare-and-set so
/// a delivery updating the item at the same moment is not overwritten), and the recipient's growth figures stop
/// naming them as a giver; then the person's sent index goes.
/// </summary>
public sealed class GivenFeedbackPart(IConnectionMultiplexer redis, Keys keys) : IPersonalDataPart
{
    public string Name => "given";

    public async Task<JsonNode?> ExportAsync(PersonRef person, CancellationToken ct) =>
        new JsonArray([.. (await ReceivedFeedbackPart.ItemsAsync(redis, keys, keys.Sent(person)))
            .Where(i => i.Giver == person)
            .Select(i => (JsonNode)PartJson.Feedback(i, asRecipient: false))]);

    public async Task<long> EraseAsync(PersonRef person, CancellationToken ct)
    {
        var db = redis.GetDatabase();
        long changed = 0;
        foreach (var id in await db.SortedSetRangeByRankAsync(keys.Sent(person)))
        {
            changed += await AnonymiseAsync(db, keys.Feedback(id.ToString()), person) ? 1 : 0;
        }

        changed += await db.KeyDeleteAsync(keys.Sent(person)) ? 1 : 0;
        return changed;
    }

    private async Task<bool> AnonymiseAsync(IDatabase db, RedisKey key, PersonRef giver)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var raw = await db.StringGetAsync(key);
            if (StorageJson.Read<FeedbackItem>(raw) is not { } item || item.Giver != giver)
            {
                return false;
            }

            // First the recipient's growth figures stop naming the giver (their giver filter), then the item: a
            // rerun after a crash in between finds the item still named and does both again.
            await Insights.RedisGrowthFigures.ForgetGiverAsync(db, keys, item.Recipient, giver);
            var tx = db.CreateTransaction();
            tx.AddCondition(Condition.StringEqual(key, raw));
            _ = tx.StringSetAsync(key, StorageJson.Write(item with { Giver = ErasedPerson.In(item.Giver.Workspace), Anonymous = true }));
            if (await tx.ExecuteAsync())
            {
                return true;
            }
        }

        throw new InvalidOperationException($"Feedback {key} kept changing while its giver was removed.");
    }
}
