using FeedbackBot.Core.Limits;
using FeedbackBot.Core.People;
using StackExchange.Redis;

namespace FeedbackBot.Redis.Tests;

/// <summary>
/// Every "atomic" Lua script of ours (limiter, leased takes, pacing, nudge plans) relies on the server running a
/// script as one step. redis-server does (https://redis.io/docs/latest/develop/programmability/eval-intro/: "Redis
/// guarantees the script's atomic execution"); Garnet does only in Lua transaction mode, locking the keys the call
/// declares in KEYS (https://microsoft.github.io/garnet/docs/getting-started/configuration, <c>--lua-transaction-mode</c>),
/// and otherwise runs each <c>redis.call</c> on its own. These tests race many calls on one key from several
/// connections, as several hosts would, and count: any interleaving shows as a lost update or an extra grant.
/// Twenty rounds per run, because one round on a quiet machine can pass by luck.
/// </summary>
public abstract class ScriptAtomicityContract(IStorageServer server) : IDisposable
{
    private const int Rounds = 20;
    private const int Calls = 400;

    // Read, a few more calls in between to widen the window an unatomic server leaves open, then write what was read
    // plus one. Atomic: the count equals the calls. Not atomic: two calls read the same value and one increment is lost.
    private const string Increment = """
        local n = tonumber(redis.call('GET', KEYS[1]) or '0')
        for i = 1, 10 do redis.call('EXISTS', KEYS[1]) end
        redis.call('SET', KEYS[1], n + 1)
        return n + 1
        """;

    private static readonly PersonRef Giver = new(Platform.Slack, "T1", "UGIVER");
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    private readonly Keys _keys = new("t" + Guid.NewGuid().ToString("N")[..12]);
    private readonly IConnectionMultiplexer[] _hosts =
    [
        server.Connection,
        .. Enumerable.Range(0, 3).Select(_ => ConnectionMultiplexer.Connect(server.Connection.Configuration)),
    ];

    public void Dispose()
    {
        foreach (var host in _hosts.Skip(1))
        {
            host.Dispose();
        }
    }

    [Fact]
    public async Task ScriptReadModifyWrite_RacedFromFourConnections_CountsEveryCall()
    {
        var lost = new List<string>();
        for (var round = 0; round < Rounds; round++)
        {
            RedisKey key = $"{_keys.Prefix}:race:{round}";
            var replies = await Task.WhenAll(Enumerable.Range(0, Calls).Select(i =>
                _hosts[i % _hosts.Length].GetDatabase().ScriptEvaluateAsync(Increment, [key])));

            var count = (long)await server.Connection.GetDatabase().StringGetAsync(key);
            var distinct = replies.Select(r => (long)r).Distinct().Count();
            if (count != Calls || distinct != Calls)
            {
                lost.Add($"round {round}: counter {count}, {distinct} distinct replies of {Calls}");
            }
        }

        Assert.True(lost.Count == 0, $"{lost.Count} of {Rounds} rounds lost updates: {string.Join("; ", lost)}");
    }

    [Fact]
    public async Task LimiterTakes_RacedFromFourConnections_GrantExactlyTheLimit()
    {
        var windows = new[] { new UsageWindow(TimeSpan.FromHours(1), 30) };
        var limiters = _hosts.Select(h => new RedisUsageLimiter(h, _keys)).ToArray();
        var wrong = new List<string>();
        for (var round = 0; round < Rounds; round++)
        {
            // A new person per round: a fresh log, so every round starts from zero uses.
            var giver = Giver with { UserId = $"U{round}" };
            var decisions = await Task.WhenAll(Enumerable.Range(0, Calls).Select(i =>
                limiters[i % limiters.Length].TryTakeAsync(giver, LimitedAction.Feedback, 1, windows, T0.AddMilliseconds(i), default)));

            var granted = decisions.Count(d => d.Allowed);
            if (granted != 30)
            {
                wrong.Add($"round {round}: {granted} granted of a limit of 30");
            }
        }

        Assert.True(wrong.Count == 0, $"{wrong.Count} of {Rounds} rounds granted a wrong count: {string.Join("; ", wrong)}");
    }
}

// Not run on the embedded Garnet: it runs scripts atomically only in Lua transaction mode, which the embedded store
// leaves off because that mode's AOF groups break recovery after a kill -9 (docs/embedded-storage.md, "Lua scripts").
public sealed class RedisServerScriptAtomicityTests(RedisServerFixture server)
    : ScriptAtomicityContract(server), IClassFixture<RedisServerFixture>;
