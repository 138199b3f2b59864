using StackExchange.Redis;

namespace FeedbackBot.Redis.Tests;

/// <summary>
/// <see cref="RedisConnection.WithoutSelect"/>: StackExchange.Redis sends <c>SELECT</c> after every MULTI/EXEC
/// (it cannot tell which database the socket is on after a transaction); with SELECT unavailable in the command map
/// it treats the server as database-0-only and sends none. Counted by the server itself (<c>INFO commandstats</c>,
/// https://redis.io/docs/latest/commands/info/), on a real redis-server.
/// </summary>
public sealed class WithoutSelectTests : OwnRedisServer
{
    [Fact]
    public async Task Transactions_SendNoSelect()
    {
        var selects = await SelectsAfterTransactionsAsync(withoutSelect: true);

        Assert.Equal(0, selects);
    }

    [Fact]
    public async Task Transactions_SendSelectWithTheDefaultCommandMap()
    {
        // The quirk the setting removes; if a client update stops doing this, WithoutSelect is no longer needed.
        var selects = await SelectsAfterTransactionsAsync(withoutSelect: false);

        Assert.True(selects >= 3, $"{selects} SELECT(s) after 3 transactions");
    }

    [Fact]
    public async Task AnotherDatabase_KeepsSelectAndWritesThere()
    {
        var config = ConfigurationOptions.Parse(ConnectionString + ",defaultDatabase=2");
        RedisConnection.WithoutSelect(config);
        await using var bot = await ConnectionMultiplexer.ConnectAsync(config);

        await bot.GetDatabase().StringSetAsync("in-two", "x");

        Assert.Same(CommandMap.Default, config.CommandMap);
        await using var plain = await ConnectionMultiplexer.ConnectAsync(ConnectionString);
        Assert.Equal("x", (string?)await plain.GetDatabase(2).StringGetAsync("in-two"));
        Assert.False(await plain.GetDatabase(0).KeyExistsAsync("in-two"));
    }

    [Fact]
    public async Task WithoutSelect_ReadsAndWritesDatabaseZero()
    {
        var config = ConfigurationOptions.Parse(ConnectionString);
        RedisConnection.WithoutSelect(config);
        await using var bot = await ConnectionMultiplexer.ConnectAsync(config);
        var tx = bot.GetDatabase().CreateTransaction();
        _ = tx.StringSetAsync("in-zero", "y");
        Assert.True(await tx.ExecuteAsync());
        await bot.GetDatabase().StringSetAsync("after-tx", "z");

        await using var plain = await ConnectionMultiplexer.ConnectAsync(ConnectionString);
        Assert.Equal("y", (string?)await plain.GetDatabase(0).StringGetAsync("in-zero"));
        Assert.Equal("z", (string?)await plain.GetDatabase(0).StringGetAsync("after-tx"));
    }

    private async Task<long> SelectsAfterTransactionsAsync(bool withoutSelect)
    {
        var config = ConfigurationOptions.Parse(ConnectionString);
        if (withoutSelect)
        {
            RedisConnection.WithoutSelect(config);
        }

        await using var bot = await ConnectionMultiplexer.ConnectAsync(config);
        await using var admin = await ConnectionMultiplexer.ConnectAsync(ConnectionString + ",allowAdmin=true");
        var server = admin.GetServer(admin.GetEndPoints()[0]);
        await server.ConfigResetStatisticsAsync();
        var db = bot.GetDatabase();
        for (var i = 0; i < 3; i++)
        {
            var tx = db.CreateTransaction();
            _ = tx.StringSetAsync($"k{i}", i);
            _ = tx.SortedSetAddAsync("z", $"m{i}", i);
            Assert.True(await tx.ExecuteAsync());
            Assert.Equal(i, (int)await db.StringGetAsync($"k{i}"));
        }

        var stats = (await server.InfoAsync("commandstats")).SelectMany(g => g).ToDictionary(kv => kv.Key, kv => kv.Value);
        Assert.Contains("cmdstat_exec", stats.Keys);
        return stats.TryGetValue("cmdstat_select", out var select) ? long.Parse(select.Split(',')[0].Split('=')[1], System.Globalization.CultureInfo.InvariantCulture) : 0;
    }
}
