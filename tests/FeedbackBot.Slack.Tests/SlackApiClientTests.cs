using System.Text.Json.Nodes;
using FeedbackBot.Core.Messaging;
using FeedbackBot.Core.People;
using FeedbackBot.Slack.Api;
using FeedbackBot.Slack.Delivery;
using FeedbackBot.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;

namespace FeedbackBot.Slack.Tests;

public sealed class SlackApiClientTests : IAsyncLifetime
{
    private FakeSlackApi _slack = null!;
    private SlackApiClient _client = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackApi.StartAsync();
        _client = new SlackApiClient(new SingleHttpClientFactory(new Uri(_slack.ApiBaseUrl)), Tokens(),
            Options.Create(new SlackTimings { RetryBaseDelay = TimeSpan.FromMilliseconds(5), MaxRetries = 3 }),
            NullLogger<SlackApiClient>.Instance);
    }

    public async Task DisposeAsync() => await _slack.DisposeAsync();

    private static ISlackTokenStore Tokens()
    {
        var tokens = new Mock<ISlackTokenStore>();
        tokens.Setup(t => t.GetBotTokenAsync("T1", It.IsAny<CancellationToken>())).ReturnsAsync("xoxb-1");
        return tokens.Object;
    }

    [Fact]
    public async Task Call_OkFalse_ThrowsTypedErrorWithoutRetry()
    {
        _slack.Respond("chat.postMessage", _ => new JsonObject { ["ok"] = false, ["error"] = "channel_not_found" });

        var ex = await Assert.ThrowsAsync<SlackApiException>(() => _client.PostMessageAsync("T1", "C1", "hi", null, CancellationToken.None));

        Assert.Equal("channel_not_found", ex.Error);
        Assert.False(ex.Transient);
        Assert.Single(_slack.CallsTo("chat.postMessage"));
    }

    [Fact]
    public async Task Call_429_WaitsRetryAfterThenSucceeds()
    {
        // The client's waits run on a fake clock: the test sees the exact wait and never sleeps it.
        var clock = new RecordingTimeProvider();
        var client = new SlackApiClient(new SingleHttpClientFactory(new Uri(_slack.ApiBaseUrl)), Tokens(),
            Options.Create(new SlackTimings { RetryBaseDelay = TimeSpan.FromMilliseconds(5), MaxRetries = 3, Clock = clock }),
            NullLogger<SlackApiClient>.Instance);
        _slack.FailNext("users.info", 429, retryAfter: "7");

        var call = client.GetUserAsync("T1", "U1", CancellationToken.None);
        await clock.WaitForTimerAsync(TimeSpan.FromSeconds(7));
        Assert.Single(_slack.CallsTo("users.info"));           // waiting, not retrying early
        clock.Advance(TimeSpan.FromSeconds(7));
        var user = await call.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("U1", user["id"]!.GetValue<string>());
        Assert.Equal(2, _slack.CallsTo("users.info").Count);
    }

    [Fact]
    public async Task Call_5xx_RetriesWithBackoff()
    {
        _slack.FailNext("conversations.open", 503, times: 2);
        Assert.Equal("DU1", await _client.OpenDmAsync("T1", "U1", CancellationToken.None));
        Assert.Equal(3, _slack.CallsTo("conversations.open").Count);
    }

    [Fact]
    public async Task Call_5xxForever_GivesUpTransient()
    {
        _slack.FailNext("conversations.open", 500, times: 10);
        var ex = await Assert.ThrowsAsync<SlackApiException>(() => _client.OpenDmAsync("T1", "U1", CancellationToken.None));
        Assert.True(ex.Transient);
        Assert.Equal(4, _slack.CallsTo("conversations.open").Count);
    }

    [Fact]
    public async Task Call_4xx_NotRetried()
    {
        _slack.FailNext("views.open", 400);
        var ex = await Assert.ThrowsAsync<SlackApiException>(() => _client.OpenViewAsync("T1", "t", [], CancellationToken.None));
        Assert.False(ex.Transient);
        Assert.Single(_slack.CallsTo("views.open"));
    }

    [Fact]
    public async Task Call_SendsBearerTokenAndForm()
    {
        await _client.PublishHomeAsync("T1", "U1", new JsonObject { ["type"] = "home", ["blocks"] = new JsonArray() }, CancellationToken.None);
        var call = Assert.Single(_slack.CallsTo("views.publish"));
        Assert.Equal("Bearer xoxb-1", call.Authorization);
        Assert.Equal("U1", call.Args["user_id"]!.GetValue<string>());
        Assert.Equal("application/x-www-form-urlencoded", call.ContentType);
    }

    [Theory]
    [InlineData("user_not_found", true)]
    [InlineData("channel_not_found", true)]
    [InlineData("account_inactive", true)]
    [InlineData("not_authed", true)]
    [InlineData("invalid_auth", true)]
    [InlineData("ratelimited", false)]
    [InlineData("internal_error", false)]
    public async Task Messenger_SlackError_MapsPermanence(string error, bool permanent)
    {
        _slack.Respond("conversations.open", _ => new JsonObject { ["ok"] = false, ["error"] = error });
        var messenger = new SlackMessenger(_client);

        var ex = await Assert.ThrowsAsync<ChatDeliveryException>(() => messenger.SendAsync(
            new PersonRef(Platform.Slack, "T1", "U2"), new FeedbackSentNotice("f1", new PersonRef(Platform.Slack, "T1", "U3"), false), CancellationToken.None));

        Assert.Equal(permanent, ex.Permanent);
    }

    [Fact]
    public async Task Messenger_RateLimitedAfterRetries_IsTransient()
    {
        _slack.FailNext("conversations.open", 429, times: 10, retryAfter: "0");
        var messenger = new SlackMessenger(_client);

        var ex = await Assert.ThrowsAsync<ChatDeliveryException>(() => messenger.SendAsync(
            new PersonRef(Platform.Slack, "T1", "U2"), new FeedbackSentNotice("f1", new PersonRef(Platform.Slack, "T1", "U3"), false), CancellationToken.None));

        Assert.False(ex.Permanent);
    }
}

/// <summary>A fake clock that also tells when someone starts waiting on it (a timer with a given due time).</summary>
internal sealed class RecordingTimeProvider : Microsoft.Extensions.Time.Testing.FakeTimeProvider
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<TimeSpan> _dueTimes = new();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        _dueTimes.Enqueue(dueTime);
        return base.CreateTimer(callback, state, dueTime, period);
    }

    /// <summary>Bounded polling until a timer of <paramref name="dueTime"/> exists.</summary>
    public async Task WaitForTimerAsync(TimeSpan dueTime)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!_dueTimes.Contains(dueTime))
        {
            Assert.True(DateTime.UtcNow < deadline, $"nobody waited {dueTime}; timers: {string.Join(", ", _dueTimes)}");
            await Task.Delay(5);
        }
    }
}
