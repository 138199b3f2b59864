using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using StackExchange.Redis;

namespace FeedbackBot.Redis;

/// <summary>
/// One-time-link grants as <c>{p}:{purpose}:{sha256 of the token}</c> → JSON (person key, expiry), with the TTL
/// Core asks for (a minute past the link's expiry; the expiry itself is checked against the bot's clock). Taken
/// with GETDEL, so a link works once even when two hosts serve it at the same moment. Single keys without a hash
/// tag: any cluster slot.
/// </summary>
public sealed class RedisOneTimeLinkStore(IConnectionMultiplexer redis, Keys keys) : IOneTimeLinkStore
{
    public Task SaveAsync(string purpose, string tokenHash, OneTimeLinkGrant grant, TimeSpan keepFor, CancellationToken ct) =>
        redis.GetDatabase().StringSetAsync(keys.OneTimeLink(purpose, tokenHash), StorageJson.Write(new Stored(grant.Person.Key, grant.ExpiresAt)), keepFor);

    public async Task<OneTimeLinkGrant?> PeekAsync(string purpose, string tokenHash, CancellationToken ct) =>
        Parse(await redis.GetDatabase().StringGetAsync(keys.OneTimeLink(purpose, tokenHash)));

    public async Task<OneTimeLinkGrant?> TakeAsync(string purpose, string tokenHash, CancellationToken ct) =>
        Parse(await redis.GetDatabase().StringGetDeleteAsync(keys.OneTimeLink(purpose, tokenHash)));

    private static OneTimeLinkGrant? Parse(RedisValue value) =>
        StorageJson.Read<Stored>(value) is { } s ? new OneTimeLinkGrant(PersonRef.Parse(s.Person), s.ExpiresAt) : null;

    private sealed record Stored(string Person, DateTimeOffset ExpiresAt);
}
