using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Core.Requests;
using StackExchange.Redis;

namespace FeedbackBot.Redis;

/// <summary>
/// Requests as hashes (<c>json</c>, <c>ver</c>) so concurrent answers from several recipients on several hosts
/// never overwrite each other: every change is a compare-and-set on <c>ver</c>.
/// </summary>
public sealed class RedisRequestStore(IConnectionMultiplexer redis, Keys keys) : IRequestStore
{
    private const string JsonField = "json";
    private const string VersionField = "ver";

    private IDatabase Db => redis.GetDatabase();

    public async Task SaveAsync(FeedbackRequest request, CancellationToken ct)
    {
        await Db.HashSetAsync(keys.Request(request.Id), [new(JsonField, StorageJson.Write(request)), new(VersionField, 1)]);
        await UpdateIndexesAsync(request);
    }

    public async Task<FeedbackRequest?> GetAsync(string id, CancellationToken ct) =>
        StorageJson.Read<FeedbackRequest>(await Db.HashGetAsync(keys.Request(id), JsonField));

    public async Task<FeedbackRequest?> UpdateAsync(string id, Func<FeedbackRequest, FeedbackRequest?> change, CancellationToken ct)
    {
        var key = keys.Request(id);
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var fields = await Db.HashGetAsync(key, [JsonField, VersionField]);
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

            var tx = Db.CreateTransaction();
            tx.AddCondition(Condition.HashEqual(key, VersionField, fields[1]));
            _ = tx.HashSetAsync(key, [new(JsonField, StorageJson.Write(updated)), new(VersionField, (long)fields[1] + 1)]);
            if (await tx.ExecuteAsync())
            {
                await UpdateIndexesAsync(updated);
                return updated;
            }
        }

        throw new InvalidOperationException($"Request {id} kept changing; gave up after 20 attempts.");
    }

    public Task<IReadOnlyList<FeedbackRequest>> ListOwedByAsync(PersonRef recipient, CancellationToken ct) =>
        ListAsync(keys.Owed(recipient), r => r.RecipientFor(recipient)?.IsOpen == true);

    public Task<IReadOnlyList<FeedbackRequest>> ListAskedByAsync(PersonRef requester, CancellationToken ct) =>
        ListAsync(keys.Asked(requester), r => r.IsOpen);

    // The indexes hold open work only: a recipient who answered leaves "owed", a request with nobody pending
    // leaves "asked". Readers still filter, so an index that lags a crash shows nothing wrong.
    private async Task UpdateIndexesAsync(FeedbackRequest r)
    {
        var writes = new List<Task>();
        foreach (var recipient in r.Recipients)
        {
            writes.Add(recipient.IsOpen
                ? Db.SetAddAsync(keys.Owed(recipient.Person), r.Id)
                : Db.SetRemoveAsync(keys.Owed(recipient.Person), r.Id));
        }

        writes.Add(r.IsOpen ? Db.SetAddAsync(keys.Asked(r.Requester), r.Id) : Db.SetRemoveAsync(keys.Asked(r.Requester), r.Id));
        await Task.WhenAll(writes);
    }

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
}
