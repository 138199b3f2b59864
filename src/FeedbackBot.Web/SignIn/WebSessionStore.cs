using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using Microsoft.Extensions.Configuration;
using StackExchange.Redis;

namespace FeedbackBot.Web.SignIn;

/// <summary>
/// Web sessions in the bot's Redis, shared by every host: <c>{p}:web:session:{id}</c> → person key, with a TTL that
/// each visit slides. Single keys only, so any cluster slot. Sign-in links are Core's one-time links
/// (<see cref="Core.OneTimeLinks"/>, purpose <see cref="SignInLinks.Purpose"/>), not kept here.
/// </summary>
internal sealed class WebSessionStore(IConnectionMultiplexer redis, IConfiguration configuration)
{
    private readonly string _prefix = configuration["Storage:KeyPrefix"] is { Length: > 0 } p ? p : "fb";

    private IDatabase Db => redis.GetDatabase();

    private RedisKey SessionKey(string sessionId) => $"{_prefix}:web:session:{sessionId}";

    public Task CreateSessionAsync(string sessionId, PersonRef person, TimeSpan lifetime) =>
        Db.StringSetAsync(SessionKey(sessionId), person.Key, lifetime);

    /// <summary>The session's person, sliding its lifetime, or null when it was revoked or ran out. One round trip.</summary>
    public async Task<string?> TouchSessionAsync(string sessionId, TimeSpan lifetime)
    {
        var key = SessionKey(sessionId);
        var batch = Db.CreateBatch();
        var get = batch.StringGetAsync(key);
        var expire = batch.KeyExpireAsync(key, lifetime); // a no-op when the key is gone
        batch.Execute();
        await Task.WhenAll(get, expire);
        return get.Result;
    }

    public Task RevokeSessionAsync(string sessionId) => Db.KeyDeleteAsync(SessionKey(sessionId));
}
