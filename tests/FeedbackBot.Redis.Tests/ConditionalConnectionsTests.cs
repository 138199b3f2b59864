using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.People;
using StackExchange.Redis;

namespace FeedbackBot.Redis.Tests;

/// <summary>
/// <see cref="ConditionalConnections"/>: a delivery's compare-and-set updates (WATCH, condition, MULTI…EXEC) run on
/// the conditional socket, not the bot's, so the bot's socket is never held for their round trip; the plain
/// save stays on the bot's socket. The server says which client sent what (<c>CLIENT LIST</c>'s <c>name</c> and
/// <c>cmd</c>, the client's last command: https://redis.io/docs/latest/commands/client-list/).
/// </summary>
public sealed class ConditionalConnectionsTests : OwnRedisServer
{
    private static readonly PersonRef Giver = new(Platform.Slack, "T1", "U1");
    private static readonly PersonRef Recipient = new(Platform.Slack, "T1", "U2");

    [Fact]
    public async Task DeliveryUpdates_RunOnTheConditionalSocket()
    {
        await using var bot = await ConnectAsync("fb-bot");
        await using var cas = await ConnectAsync("fb-cas");
        var store = new RedisFeedbackStore(bot, new Keys("cc"), new ConditionalConnections([cas]));
        var now = DateTimeOffset.UtcNow;
        var item = new FeedbackItem(Core.Ids.New(TimeProvider.System, Recipient.Workspace), Giver, Recipient,
            FeedbackContent.FromText("Your rollback plan in Tuesday's demo calmed the client."), FeedbackKind.Praise,
            FeedbackVisibility.Private, false, null, null, now);
        await store.SaveAsync([item], now, default);
        await bot.GetDatabase().PingAsync();

        var sending = await store.MarkSendingAsync(item.Id, now, default);
        Assert.Equal(("ping", "exec"), await LastCommandsAsync());
        Assert.True(await store.SetDeliveryAsync(item.Id, DeliveryStatus.Delivered, now, null, default));

        Assert.Equal(1, sending!.DeliveryAttempts);
        Assert.Equal(("ping", "exec"), await LastCommandsAsync());
        Assert.Equal(DeliveryStatus.Delivered, (await store.GetAsync(item.Id, default))!.Delivery);
    }

    [Fact]
    public void Next_SpreadsOverEveryConnection()
    {
        var a = new Moq.Mock<IConnectionMultiplexer>();
        var b = new Moq.Mock<IConnectionMultiplexer>();
        var connections = new ConditionalConnections([a.Object, b.Object]);

        for (var i = 0; i < 4; i++)
        {
            connections.Next();
        }

        a.Verify(c => c.GetDatabase(-1, null), Moq.Times.Exactly(2));
        b.Verify(c => c.GetDatabase(-1, null), Moq.Times.Exactly(2));
    }

    private async Task<ConnectionMultiplexer> ConnectAsync(string name)
    {
        var config = ConfigurationOptions.Parse(ConnectionString);
        config.ClientName = name;
        return await ConnectionMultiplexer.ConnectAsync(config);
    }

    /// <summary>The last command of the bot's and of the conditional socket's interactive connections.</summary>
    private async Task<(string Bot, string Cas)> LastCommandsAsync()
    {
        await using var admin = await ConnectionMultiplexer.ConnectAsync(ConnectionString + ",allowAdmin=true");
        var clients = await admin.GetServer(admin.GetEndPoints()[0]).ClientListAsync();
        string Last(string name) => clients.Single(c => c.Name == name && c.ClientType == ClientType.Normal).Raw!
            .Split(' ').Single(f => f.StartsWith("cmd=", StringComparison.Ordinal))[4..];
        return (Last("fb-bot"), Last("fb-cas"));
    }
}
