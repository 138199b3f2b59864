using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Limits;
using FeedbackBot.Core.Nudges;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using StackExchange.Redis;

namespace FeedbackBot.Redis.Tests;

/// <summary>
/// The per-person limiter on every hosting (embedded Garnet, redis-server): atomic across connections, sliding,
/// all-or-nothing. "Two hosts" are two multiplexers on one server, each with its own stores and use case, as two
/// host processes would have.
/// </summary>
public abstract class UsageLimiterContract(IStorageServer server) : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
    private static readonly PersonRef Giver = new(Platform.Slack, "T1", "UGIVER");
    private static readonly PersonRef Ana = new(Platform.Slack, "T1", "UANA");
    private static readonly UsageWindow[] HourAndDay = [new(TimeSpan.FromHours(1), 3), new(TimeSpan.FromDays(1), 5)];

    private readonly Keys _keys = new("t" + Guid.NewGuid().ToString("N")[..12]);
    private readonly ConnectionMultiplexer _second = ConnectionMultiplexer.Connect(server.Connection.Configuration);
    private readonly FakeTimeProvider _time = new(T0);

    public void Dispose() => _second.Dispose();

    [Fact]
    public async Task Take_UpToTheLimit_ThenRefusedUntilTheOldestLeaves()
    {
        var limiter = new RedisUsageLimiter(server.Connection, _keys);
        for (var i = 0; i < 3; i++)
        {
            Assert.True((await limiter.TryTakeAsync(Giver, LimitedAction.Feedback, 1, HourAndDay, T0.AddMinutes(10 * i), default)).Allowed);
        }

        var refused = await limiter.TryTakeAsync(Giver, LimitedAction.Feedback, 1, HourAndDay, T0.AddMinutes(30), default);

        Assert.False(refused.Allowed);
        Assert.Equal(HourAndDay[0], refused.Window);
        Assert.Equal(T0.AddHours(1), refused.RetryAt);
        Assert.False((await limiter.TryTakeAsync(Giver, LimitedAction.Feedback, 1, HourAndDay, T0.AddHours(1).AddMilliseconds(-1), default)).Allowed);
        Assert.True((await limiter.TryTakeAsync(Giver, LimitedAction.Feedback, 1, HourAndDay, T0.AddHours(1), default)).Allowed);
    }

    [Fact]
    public async Task Take_Refused_RecordsNothing_AndActionsCountApart()
    {
        var limiter = new RedisUsageLimiter(server.Connection, _keys);
        Assert.True((await limiter.TryTakeAsync(Giver, LimitedAction.Feedback, 2, HourAndDay, T0, default)).Allowed);

        Assert.False((await limiter.TryTakeAsync(Giver, LimitedAction.Feedback, 2, HourAndDay, T0, default)).Allowed);
        Assert.True((await limiter.TryTakeAsync(Giver, LimitedAction.Feedback, 1, HourAndDay, T0, default)).Allowed);
        Assert.True((await limiter.TryTakeAsync(Giver, LimitedAction.Request, 3, HourAndDay, T0, default)).Allowed);
        Assert.True((await limiter.TryTakeAsync(Ana, LimitedAction.Feedback, 3, HourAndDay, T0, default)).Allowed);
    }

    [Fact]
    public async Task Take_MoreThanTheLimitAtOnce_NeverFits()
    {
        var decision = await new RedisUsageLimiter(server.Connection, _keys).TryTakeAsync(Giver, LimitedAction.Feedback, 4, HourAndDay, T0, default);
        Assert.False(decision.Allowed);
        Assert.Null(decision.RetryAt);
    }

    [Fact]
    public async Task Take_DayWindowFreesLast_RetryAtIsTheLaterOne()
    {
        var limiter = new RedisUsageLimiter(server.Connection, _keys);
        for (var i = 0; i < 5; i++)
        {
            Assert.True((await limiter.TryTakeAsync(Giver, LimitedAction.Feedback, 1, HourAndDay, T0.AddHours(2 * i), default)).Allowed);
        }

        var refused = await limiter.TryTakeAsync(Giver, LimitedAction.Feedback, 1, HourAndDay, T0.AddHours(9), default);

        Assert.Equal(HourAndDay[1], refused.Window);
        Assert.Equal(T0.AddDays(1), refused.RetryAt);
    }

    [Fact]
    public async Task ConcurrentTakes_FromTwoConnections_NeverExceedTheLimit()
    {
        var windows = new[] { new UsageWindow(TimeSpan.FromHours(1), 30) };
        var hosts = new[] { new RedisUsageLimiter(server.Connection, _keys), new RedisUsageLimiter(_second, _keys) };

        var decisions = await Task.WhenAll(Enumerable.Range(0, 80).Select(i =>
            hosts[i % 2].TryTakeAsync(Giver, LimitedAction.Feedback, 1, windows, T0.AddMilliseconds(i), default)));

        // Atomic scripts (redis-server) grant exactly 30; the embedded Garnet runs a script's calls one by one, where
        // a race may refuse a use that would have fitted, never grant one over the limit. Nothing refused stays logged.
        var granted = decisions.Count(d => d.Allowed);
        Assert.InRange(granted, 1, 30);
        Assert.Equal(granted, await server.Connection.GetDatabase().SortedSetLengthAsync(_keys.Limits(Giver, "feedback")));
    }

    [Fact]
    public async Task Gives_ThroughTwoHosts_TheNPlusFirstRefusedAndStoresNothing()
    {
        var hosts = new[] { Host(server.Connection), Host(_second) };
        for (var i = 0; i < 3; i++)
        {
            var result = await hosts[i % 2].GiveAsync(Command(), default);
            Assert.True(result.Succeeded, string.Join("; ", result.Problems.Select(p => p.Message)));
            _time.Advance(TimeSpan.FromMinutes(1));
        }

        var refused = await hosts[1].GiveAsync(Command(), default);

        Assert.Equal(GiveProblemCode.LimitReached, Assert.Single(refused.Problems).Code);
        Assert.Contains("You can send again today at 10:00 (UTC)", refused.Problems[0].Message);
        Assert.Equal(3, await server.Connection.GetDatabase().SortedSetLengthAsync(_keys.Sent(Giver)));
        Assert.Equal(3, (await new RedisFeedbackStore(_second, _keys).ListSentAsync(Giver, 10, default)).Count);
    }

    private static GiveFeedbackCommand Command() =>
        new(Giver, [Ana], FeedbackContent.FromText("Your demo on Monday was clear."), FeedbackKind.Praise);

    // One host's use case: its own connection, stores and limiter; the people directory knows both people.
    private GiveFeedback Host(IConnectionMultiplexer connection)
    {
        var people = new Mock<IPeopleDirectory>();
        people.Setup(p => p.GetProfileAsync(It.IsAny<PersonRef>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((PersonRef p, CancellationToken _) => new PersonProfile(p, p.UserId, null, false));
        var preferences = new RedisPreferencesStore(connection, _keys);
        var delivery = Options.Create(new DeliveryOptions());
        var limits = new PersonLimits(new RedisUsageLimiter(connection, _keys),
            Options.Create(new LimitsOptions { FeedbackPerHour = 3, FeedbackPerDay = 100 }),
            new PersonClock(preferences, people.Object), _time, NullLogger<PersonLimits>.Instance);
        return new GiveFeedback(new RedisFeedbackStore(connection, _keys), people.Object, preferences,
            new RedisRequestStore(connection, _keys, _time, delivery), Mock.Of<IDeliveryDispatcher>(), limits, delivery, _time,
            NullLogger<GiveFeedback>.Instance);
    }
}

public sealed class GarnetUsageLimiterTests(GarnetServerFixture server)
    : UsageLimiterContract(server), IClassFixture<GarnetServerFixture>;

public sealed class RedisServerUsageLimiterTests(RedisServerFixture server)
    : UsageLimiterContract(server), IClassFixture<RedisServerFixture>;
