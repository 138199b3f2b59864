using FeedbackBot.Core.Ports;
using FeedbackBot.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Xunit;

namespace FeedbackBot.Redis.Tests;

/// <summary>
/// <c>Storage:Connections</c>: the bot's traffic spreads over a pool of connections, and a unit of work
/// (<see cref="StorageLane"/>) keeps its commands on one of them, in order. Against a real redis-server, asking the
/// server which connection a command arrived on (<c>CLIENT ID</c>).
/// </summary>
public sealed class StorageLaneTests : IAsyncLifetime
{
    private LocalRedis _redis = null!;
    private RedisConnection _connection = null!;

    public async Task InitializeAsync()
    {
        if (LocalRedis.MissingReason is { } missing)
        {
            throw new InvalidOperationException(missing + "; run the test command from README.");
        }

        _redis = await LocalRedis.StartServerAsync();
        _connection = new RedisConnection(Options.Create(new StorageOptions { Redis = _redis.ConnectionString, Connections = 3 }), NullLoggerFactory.Instance);
        await _connection.StartAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _connection.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task Connections_OnePerLane_PlusCompareAndSetAndHangfireSockets()
    {
        var names = (await ClientsAsync()).Select(c => c.Name ?? "").Where(n => n.StartsWith("feedbackbot", StringComparison.Ordinal)).Order().ToArray();

        Assert.Equal(["feedbackbot", "feedbackbot-2", "feedbackbot-3", "feedbackbot-cas0", "feedbackbot-cas1", "feedbackbot-jobs"], names);
    }

    [Fact]
    public async Task AUnit_SendsEverythingOnOneConnection_InOrder()
    {
        var (ids, read) = await UnitAsync(async db =>
        {
            // Not awaited before the read is sent: only one connection guarantees the read sees the write.
            var write = db.StringSetAsync("lane:k", "v");
            var value = await db.StringGetAsync("lane:k");
            await write;
            return value.ToString();
        });

        Assert.Single(ids.Distinct());
        Assert.Equal("v", read);
    }

    [Fact]
    public async Task Units_SpreadOverEveryConnection_AndWorkOutsideAUnitUsesTheFirst()
    {
        var perUnit = new List<long>();
        for (var i = 0; i < 6; i++)
        {
            perUnit.Add((await UnitAsync(_ => Task.FromResult(0))).Ids[0]);
        }

        var outside = await ClientIdAsync(_connection.Multiplexer.GetDatabase());
        var first = (await ClientsAsync()).Single(c => c.Name == "feedbackbot").Id;

        Assert.Equal(3, perUnit.Distinct().Count());
        Assert.Equal(first, outside);
        Assert.Equal(0, StorageLane.Current);
    }

    /// <summary>One unit of work: enters a lane, asks the server for the connection id before and after <paramref name="work"/>.</summary>
    private async Task<(long[] Ids, T Result)> UnitAsync<T>(Func<IDatabase, Task<T>> work)
    {
        StorageLane.Enter();
        var before = await ClientIdAsync(_connection.Multiplexer.GetDatabase());
        var result = await work(_connection.Multiplexer.GetDatabase());
        var after = await ClientIdAsync(_connection.Multiplexer.GetDatabase());
        return ([before, after], result);
    }

    /// <summary>CLIENT LIST needs admin mode, which the bot's own connections do not have.</summary>
    private async Task<ClientInfo[]> ClientsAsync()
    {
        await using var admin = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString + ",allowAdmin=true");
        // Each multiplexer also holds a pub/sub connection; commands go over the interactive ones.
        return [.. (await admin.GetServer(admin.GetEndPoints()[0]).ClientListAsync()).Where(c => c.ClientType == ClientType.Normal)];
    }

    private static async Task<long> ClientIdAsync(IDatabase db) => (long)await db.ExecuteAsync("CLIENT", "ID");
}
