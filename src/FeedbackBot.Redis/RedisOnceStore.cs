using FeedbackBot.Core.Ports;
using StackExchange.Redis;

namespace FeedbackBot.Redis;

/// <summary>Once-claims as <c>SET key 1 NX PX ttl</c>: atomic across every host sharing the server.</summary>
public sealed class RedisOnceStore(IConnectionMultiplexer redis, Keys keys) : IOnceStore
{
    public Task<bool> TryClaimAsync(string key, TimeSpan ttl, CancellationToken ct) =>
        redis.GetDatabase().StringSetAsync(keys.Once(key), 1, ttl, When.NotExists);

    public Task ReleaseAsync(string key, CancellationToken ct) =>
        redis.GetDatabase().KeyDeleteAsync(keys.Once(key));

    public Task KeepAsync(string key, TimeSpan ttl, CancellationToken ct) =>
        redis.GetDatabase().KeyExpireAsync(keys.Once(key), ttl);
}
