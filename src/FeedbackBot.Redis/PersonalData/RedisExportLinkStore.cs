using FeedbackBot.Core.DataRights;
using FeedbackBot.Core.People;
using StackExchange.Redis;

namespace FeedbackBot.Redis.PersonalData;

/// <summary>
/// Export-link grants as <c>{p}:export:{sha256 of the token}</c>, expiring a minute after the link does (the
/// link's own expiry is checked against the bot's clock; the TTL only clears what nobody used). Taken with
/// GET and DEL in one script, so a link works once even when two hosts serve it at the same moment.
/// </summary>
public sealed class RedisExportLinkStore(IConnectionMultiplexer redis, PersonalKeys keys, TimeProvider time) : IExportLinkStore
{
    private static readonly LuaScript Take = LuaScript.Prepare("""
        local v = redis.call('GET', @key)
        if v then redis.call('DEL', @key) end
        return v
        """);

    public Task SaveAsync(string tokenHash, ExportLinkGrant grant, CancellationToken ct) =>
        redis.GetDatabase().StringSetAsync(keys.Export(tokenHash), StorageJson.Write(new Stored(grant.Person.Key, grant.ExpiresAt)),
            grant.ExpiresAt - time.GetUtcNow() + TimeSpan.FromMinutes(1));

    public async Task<ExportLinkGrant?> TakeAsync(string tokenHash, CancellationToken ct)
    {
        var value = (RedisValue)await redis.GetDatabase().ScriptEvaluateAsync(Take, new { key = keys.Export(tokenHash) });
        return StorageJson.Read<Stored>(value) is { } s ? new ExportLinkGrant(PersonRef.Parse(s.Person), s.ExpiresAt) : null;
    }

    private sealed record Stored(string Person, DateTimeOffset ExpiresAt);
}
