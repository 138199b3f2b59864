using System.Diagnostics;
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
        var tokens = new Mock<ISlackTokenStore>();
        tokens.Setup(t => t.GetBotTokenAsync("T1", It.IsAny<CancellationToken>())).ReturnsAsync("xoxb-1");
        _client = new SlackApiClient(new SingleHttpClientFactory(new Uri(_slack.ApiBaseUrl)), tokens.Object,
            Options.Create(new SlackTimings { RetryBaseDelay = TimeSpan.FromMilliseconds(5), MaxRetries = 3 }),
            NullLogger<SlackApiClient>.Instance);
    }

    public async Task DisposeAsync() => await _slack.DisposeAsync();

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
        _slack.FailNext("users.info", 429, retryAfter: "1");
        var watch = Stopwatch.StartNew();

        var user = await _client.GetUserAsync("T1", "U1", CancellationToken.None);

        Assert.Equal("U1", user["id"]!.GetValue<string>());
        Assert.Equal(2, _slack.CallsTo("users.info").Count);
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(0.95), $"retried after {watch.ElapsedMilliseconds} ms");
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
    public async Task Call_SendsBearerTokenAndJson()
    {
        await _client.PublishHomeAsync("T1", "U1", new JsonObject { ["type"] = "home", ["blocks"] = new JsonArray() }, CancellationToken.None);
        var call = Assert.Single(_slack.CallsTo("views.publish"));
        Assert.Equal("Bearer xoxb-1", call.Authorization);
        Assert.Equal("U1", call.Args["user_id"]!.GetValue<string>());
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
