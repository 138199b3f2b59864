using FeedbackBot.Core;
using FeedbackBot.Core.People;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace FeedbackBot.Redis.Tests;

/// <summary>
/// One-time links (web sign-in and export) on every hosting that serves them (embedded Garnet, redis-server):
/// only the token's hash is stored, under its purpose, for a little longer than the link; a link opens once,
/// also when several hosts redeem it at the same moment; peeking does not use it up; expiry follows the bot's clock.
/// </summary>
public abstract class OneTimeLinkStoreContract(IStorageServer server) : IDisposable
{
    private const string Export = "export";
    private const string SignIn = "web:link";
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
    private static readonly PersonRef Ada = new(Platform.Slack, "T1", "UA");
    private static readonly TimeSpan TenMinutes = TimeSpan.FromMinutes(10);

    private readonly Keys _keys = new("t" + Guid.NewGuid().ToString("N")[..12]);
    private readonly FakeTimeProvider _time = new(T0);
    private readonly ConnectionMultiplexer _secondHost = ConnectionMultiplexer.Connect(server.Connection.Configuration);

    public void Dispose() => _secondHost.Dispose();

    private OneTimeLinks Links(IConnectionMultiplexer? connection = null) => new(new RedisOneTimeLinkStore(connection ?? server.Connection, _keys), _time);

    [Fact]
    public async Task Issue_StoresOnlyTheTokensHash_UnderItsPurpose_ForAMinuteLongerThanTheLink()
    {
        var link = await Links().IssueAsync(Export, Ada, TenMinutes, default);

        var key = Assert.Single(await KeysAsync());
        Assert.Equal($"{_keys.Prefix}:{Export}:{OneTimeLinks.Hash(link.Token)}", key);
        Assert.DoesNotContain(link.Token, key);
        var db = server.Connection.GetDatabase();
        Assert.DoesNotContain(link.Token, (string?)await db.StringGetAsync(key) ?? "");
        var ttl = await db.KeyTimeToLiveAsync(key);
        Assert.InRange(ttl!.Value, TenMinutes, TenMinutes + OneTimeLinks.StorageGrace);
        Assert.Equal(T0 + TenMinutes, link.ExpiresAt);
    }

    [Fact]
    public async Task Redeem_OpensOnce_ForThePersonItWasIssuedTo()
    {
        var links = Links();
        var link = await links.IssueAsync(Export, Ada, TenMinutes, default);

        Assert.Equal((OneTimeLinkStatus.Valid, Ada), await links.RedeemAsync(Export, link.Token, default));
        Assert.Equal((OneTimeLinkStatus.Unknown, null), await links.RedeemAsync(Export, link.Token, default));
        Assert.Empty(await KeysAsync());
    }

    [Fact]
    public async Task Peek_DoesNotUseTheLinkUp()
    {
        var store = new RedisOneTimeLinkStore(server.Connection, _keys);
        var link = await Links().IssueAsync(SignIn, Ada, TenMinutes, default);
        var hash = OneTimeLinks.Hash(link.Token)!;

        Assert.Equal(new(Ada, T0 + TenMinutes), await store.PeekAsync(SignIn, hash, default));
        Assert.Equal(new(Ada, T0 + TenMinutes), await store.PeekAsync(SignIn, hash, default));
        Assert.Equal(new(Ada, T0 + TenMinutes), await store.TakeAsync(SignIn, hash, default));
        Assert.Null(await store.PeekAsync(SignIn, hash, default));
    }

    [Fact]
    public async Task Redeem_AfterTheLifetime_IsExpired_AndUsesTheLinkUp()
    {
        var links = Links();
        var link = await links.IssueAsync(Export, Ada, TenMinutes, default);

        _time.Advance(TenMinutes);

        Assert.Equal((OneTimeLinkStatus.Expired, null), await links.RedeemAsync(Export, link.Token, default));
        Assert.Equal((OneTimeLinkStatus.Unknown, null), await links.RedeemAsync(Export, link.Token, default));
    }

    [Fact]
    public async Task Purposes_AreApart_ASignInTokenOpensNoExport()
    {
        var links = Links();
        var signIn = await links.IssueAsync(SignIn, Ada, TenMinutes, default);

        Assert.Equal((OneTimeLinkStatus.Unknown, null), await links.RedeemAsync(Export, signIn.Token, default));
        Assert.Equal((OneTimeLinkStatus.Valid, Ada), await links.RedeemAsync(SignIn, signIn.Token, default));
    }

    [Fact]
    public async Task ConcurrentRedeems_OnTwoHosts_OpenTheLinkOnce()
    {
        var link = await Links().IssueAsync(Export, Ada, TenMinutes, default);
        OneTimeLinks[] hosts = [Links(), Links(_secondHost)];

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => hosts[i % 2].RedeemAsync(Export, link.Token, default)));

        Assert.Single(results, r => r.Status == OneTimeLinkStatus.Valid);
        Assert.Equal(19, results.Count(r => r.Status == OneTimeLinkStatus.Unknown));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-token")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa=")] // 43 characters, one not base64url
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa ")]
    public async Task Redeem_OfSomethingThatIsNoToken_IsUnknown(string token)
    {
        Assert.Null(OneTimeLinks.Hash(token));
        Assert.Equal((OneTimeLinkStatus.Unknown, null), await Links().RedeemAsync(Export, token, default));
    }

    private async Task<string[]> KeysAsync()
    {
        var keys = new List<string>();
        foreach (var s in server.Connection.GetServers().Where(s => !s.IsReplica))
        {
            await foreach (var key in s.KeysAsync(pattern: _keys.Prefix + ":*"))
            {
                keys.Add(key.ToString());
            }
        }

        return [.. keys];
    }
}

public sealed class GarnetOneTimeLinkStoreTests(GarnetServerFixture server)
    : OneTimeLinkStoreContract(server), IClassFixture<GarnetServerFixture>;

public sealed class RedisServerOneTimeLinkStoreTests(RedisServerFixture server)
    : OneTimeLinkStoreContract(server), IClassFixture<RedisServerFixture>;
