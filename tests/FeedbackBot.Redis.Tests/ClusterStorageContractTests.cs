using FeedbackBot.Testing;
using StackExchange.Redis;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace FeedbackBot.Redis.Tests;

/// <summary>
/// The storage contract suite on a real three-master Redis Cluster. Two guards beyond the suite's own asserts:
/// StackExchange.Redis refuses (and Redis answers CROSSSLOT to) any transaction, script or multi-key command
/// whose keys span slots, so such an operation fails its test; and after every test, every key it wrote is
/// checked with <c>CLUSTER KEYSLOT</c>: one workspace's keys (and Hangfire's) all map to one slot, and a key with
/// no hash tag is one of the few deliberately global ones.
/// </summary>
public sealed class ClusterStorageContractTests(RedisClusterFixture cluster, ITestOutputHelper log)
    : StorageContract(cluster), IClassFixture<RedisClusterFixture>, IAsyncLifetime, INeedsRedisBinaries
{
    // Keys that name no workspace on purpose: once-claims, the digest schedule, the sweeper's workspace list,
    // and items and requests whose ids predate workspace ids (each a single-key value in a slot of its own).
    private static readonly string[] GlobalKinds = ["once:", "reminders", "outbox:workspaces", "feedback:", "request:"];

    public Task InitializeAsync() => Task.CompletedTask;

    [StorageFact]
    public async Task Guard_ATransactionOrScriptOverTwoWorkspacesIsRefused()
    {
        // The instrument the suite relies on: if a store ever mixed two workspaces' keys in one atomic step, this
        // is what its test would hit.
        var db = Connection.GetDatabase();
        RedisKey one = $"{KeyPrefix}:{{slack:T1}}:probe", other = $"{KeyPrefix}:{{slack:T2}}:probe";
        var any = Connection.GetServer(Connection.GetEndPoints()[0]);
        Assert.NotEqual((long)await any.ExecuteAsync("CLUSTER", "KEYSLOT", one.ToString()), (long)await any.ExecuteAsync("CLUSTER", "KEYSLOT", other.ToString()));

        var tx = db.CreateTransaction();
        _ = tx.StringSetAsync(one, "1");
        _ = tx.StringSetAsync(other, "1");
        await Assert.ThrowsAnyAsync<Exception>(() => tx.ExecuteAsync());
        await Assert.ThrowsAnyAsync<Exception>(() => db.ScriptEvaluateAsync("return 1", new RedisKey[] { one, other }));
        Assert.False(await db.KeyExistsAsync(one));
    }

    public async Task DisposeAsync()
    {
        var redis = Connection;
        var keys = new List<string>();
        foreach (var endpoint in redis.GetEndPoints())
        {
            var node = redis.GetServer(endpoint);
            if (node.IsReplica)
            {
                continue;
            }

            foreach (var pattern in new[] { KeyPrefix + ":*", "{" + KeyPrefix + "-hf}:*" })
            {
                await foreach (var key in node.KeysAsync(pattern: pattern, pageSize: 500))
                {
                    keys.Add(key.ToString());
                }
            }
        }

        // The server's own answer, not a client-side hash: CLUSTER KEYSLOT on one node.
        var any = redis.GetServer(redis.GetEndPoints()[0]);
        var slots = new Dictionary<string, long>();
        foreach (var key in keys)
        {
            slots[key] = (long)await any.ExecuteAsync("CLUSTER", "KEYSLOT", key);
        }

        var problems = new List<string>();
        var groups = keys.GroupBy(HashTag).ToArray();
        foreach (var group in groups)
        {
            if (group.Key is null)
            {
                problems.AddRange(group.Where(k => !IsGlobal(k)).Select(k => $"{k}: no hash tag, and not one of the global keys"));
            }
            else if (group.Select(k => slots[k]).Distinct().Count() > 1)
            {
                problems.Add($"{{{group.Key}}} spans slots: " + string.Join(", ", group.Select(k => $"{k}→{slots[k]}")));
            }
        }

        log.WriteLine($"{keys.Count} keys; " + string.Join("; ", groups.Where(g => g.Key is not null)
            .Select(g => $"{{{g.Key}}}: {g.Count()} keys in slot {slots[g.First()]}")));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>The part of a key Redis Cluster hashes: between the first '{' and the next '}', if not empty.</summary>
    private static string? HashTag(string key)
    {
        var open = key.IndexOf('{');
        var close = open < 0 ? -1 : key.IndexOf('}', open + 1);
        return close > open + 1 ? key[(open + 1)..close] : null;
    }

    private bool IsGlobal(string key)
    {
        var rest = key[(KeyPrefix.Length + 1)..];
        var kind = GlobalKinds.FirstOrDefault(k => rest.StartsWith(k, StringComparison.Ordinal));
        // An item or request whose id names a workspace must live in that workspace's slot.
        return kind is not null
            && !(kind is "feedback:" or "request:" && Core.Ids.TryGetWorkspace(rest[kind.Length..], out _));
    }
}

/// <summary>A test class whose tests need redis-server and redis-cli: skipped, with the reason, when they are missing.</summary>
public interface INeedsRedisBinaries;

/// <summary>
/// A contract test: an ordinary fact, except that in a class marked <see cref="INeedsRedisBinaries"/> it is
/// reported as skipped (with the reason) when redis-server or redis-cli is not installed. The decision needs the
/// concrete class, which only discovery knows, hence a discoverer rather than a Skip set in a constructor.
/// </summary>
[XunitTestCaseDiscoverer("FeedbackBot.Redis.Tests.StorageFactDiscoverer", "FeedbackBot.Redis.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class StorageFactAttribute : FactAttribute;

public sealed class StorageFactDiscoverer(IMessageSink diagnostics) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions options, ITestMethod method, IAttributeInfo attribute)
    {
        var (display, displayOptions) = (options.MethodDisplayOrDefault(), options.MethodDisplayOptionsOrDefault());
        var needsRedis = typeof(INeedsRedisBinaries).IsAssignableFrom(method.TestClass.Class.ToRuntimeType());
        IXunitTestCase testCase = needsRedis && LocalRedis.MissingReason is { } reason
            ? new XunitSkippedDataRowTestCase(diagnostics, display, displayOptions, method, reason)
            : new XunitTestCase(diagnostics, display, displayOptions, method);
        return [testCase];
    }
}
