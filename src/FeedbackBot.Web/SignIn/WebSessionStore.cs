using System.Globalization;
using FeedbackBot.Core.People;
using Microsoft.Extensions.Configuration;
using StackExchange.Redis;

namespace FeedbackBot.Web.SignIn;

/// <summary>
/// Sign-in links and web sessions in the bot's Redis, shared by every host:
/// <c>{p}:web:link:{sha256 of the token}</c> → <c>{expiry ms}|{person key}</c> (the token itself is never stored) and
/// <c>{p}:web:session:{id}</c> → person key, with a TTL that each visit slides. Single keys only, so any cluster slot.
/// </summary>
internal sealed class WebSessionStore(IConnectionMultiplexer redis, IConfiguration configuration)
{
    private readonly string _prefix = configuration["Storage:KeyPrefix"] is { Length: > 0 } p ? p : "fb";

    private IDatabase Db => redis.GetDatabase();

    private RedisKey LinkKey(string tokenHash) => $"{_prefix}:web:link:{tokenHash}";

    private RedisKey SessionKey(string sessionId) => $"{_prefix}:web:session:{sessionId}";

    public Task SaveLinkAsync(string tokenHash, PersonRef person, DateTimeOffset expiresAt, TimeSpan ttl) =>
        Db.StringSetAsync(LinkKey(tokenHash), $"{expiresAt.ToUnixTimeMilliseconds()}|{person.Key}", ttl);

    /// <summary>Reads a link without using it up (the "Continue" page).</summary>
    public async Task<StoredLink?> PeekLinkAsync(string tokenHash) => Parse(await Db.StringGetAsync(LinkKey(tokenHash)));

    /// <summary>Reads and deletes a link in one step (GETDEL): of two posts at once, only one gets it.</summary>
    public async Task<StoredLink?> TakeLinkAsync(string tokenHash) => Parse(await Db.StringGetDeleteAsync(LinkKey(tokenHash)));

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

    private static StoredLink? Parse(RedisValue value)
    {
        var text = value.IsNullOrEmpty ? "" : value.ToString();
        var bar = text.IndexOf('|');
        if (bar < 1 || !long.TryParse(text.AsSpan(0, bar), NumberStyles.None, CultureInfo.InvariantCulture, out var ms))
        {
            return null;
        }

        try
        {
            return new StoredLink(PersonRef.Parse(text[(bar + 1)..]), DateTimeOffset.FromUnixTimeMilliseconds(ms));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

/// <summary>A stored sign-in link: who it signs in, and until when.</summary>
internal sealed record StoredLink(PersonRef Person, DateTimeOffset ExpiresAt);
