using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using FeedbackBot.Core.Messaging;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Slack.Api;
using FeedbackBot.Slack.Delivery;
using FeedbackBot.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Slack.Tests;

/// <summary>
/// Issue 10's fidelity bugs 1, 2, 8 and 10, against the strict fake: each test failed with the client as it
/// was (JSON bodies, 5xx retried for chat.postMessage, account_inactive shown as "deactivated", a
/// conversations.open before every DM).
/// </summary>
public sealed class SlackApiFidelityTests : IAsyncLifetime
{
    private static readonly PersonRef Recipient = new(Platform.Slack, "T1", "U2");
    private static readonly ChatNotice Notice = new FeedbackSentNotice("f1", new PersonRef(Platform.Slack, "T1", "U3"), false);

    private FakeSlackApi _slack = null!;

    public async Task InitializeAsync() => _slack = await FakeSlackApi.StartAsync();

    public async Task DisposeAsync() => await _slack.DisposeAsync();

    // --- 1. Web API encoding -------------------------------------------------------------------------------

    [Fact]
    public async Task GetUser_ReadMethod_IsSentAsFormAndFindsTheUser()
    {
        // The old client sent {"user":"U2"} as JSON; users.info read no arguments and answered user_not_found.
        var user = await Client().GetUserAsync("T1", "U2", default);

        Assert.Equal("U2", user["id"]!.GetValue<string>());
        Assert.StartsWith("application/x-www-form-urlencoded", Assert.Single(_slack.CallsTo("users.info")).ContentType);
    }

    [Fact]
    public async Task EveryCall_IsFormEncoded_NestedJsonStringified()
    {
        var client = Client();
        var blocks = new JsonArray(new JsonObject { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = "Q&amp;A" } });

        await client.SendDmAsync("T1", "U2", "Q&amp;A", blocks, SlackMessenger.DeliveryMetadata("k1"), default);
        await client.PublishHomeAsync("T1", "U2", new JsonObject { ["type"] = "home", ["blocks"] = new JsonArray() }, default);
        await client.CallAsync("T1", "conversations.history", new JsonObject { ["channel"] = "DU2", ["limit"] = 5, ["include_all_metadata"] = true }, default);

        Assert.All(_slack.Calls, c => Assert.StartsWith("application/x-www-form-urlencoded", c.ContentType));
        var post = Assert.Single(_slack.CallsTo("chat.postMessage"));
        Assert.Contains("blocks=%5B%7B", post.Body);                      // a JSON string inside the form
        Assert.Equal("k1", Assert.Single(_slack.MessagesIn("DU2")).MetadataKey);
        Assert.Equal("home", _slack.CallsTo("views.publish")[0].View!["type"]!.GetValue<string>());
        var history = _slack.CallsTo("conversations.history")[0];
        Assert.Equal("5", history.Args["limit"]!.GetValue<string>());
        Assert.Equal("true", history.Args["include_all_metadata"]!.GetValue<string>());
    }

    // --- 2. No duplicate DMs from retries ------------------------------------------------------------------

    public static TheoryData<string> UncertainFailures => new() { "http_500", "internal_error", "fatal_error", "timeout" };

    [Theory]
    [MemberData(nameof(UncertainFailures))]
    public async Task Send_SlackPostedThenFailed_IsMaybeSent_FoundByKey_NeverResent(string failure)
    {
        switch (failure)
        {
            case "http_500":
                _slack.ApplyThenFailNext("chat.postMessage", status: 500);
                break;
            case "timeout":
                _slack.ApplyThenFailNext("chat.postMessage", status: null, delay: TimeSpan.FromSeconds(3));
                break;
            default:
                _slack.ApplyThenFailNext("chat.postMessage", status: null, error: failure);
                break;
        }

        var messenger = new SlackMessenger(Client(t => t.CallTimeout = TimeSpan.FromMilliseconds(500)));
        var since = DateTimeOffset.UtcNow;

        var ex = await Assert.ThrowsAsync<ChatDeliveryException>(() => messenger.SendAsync(Recipient, Notice, "deliver:f1", default));
        var found = await messenger.FindSentAsync(Recipient, "deliver:f1", since, default);

        Assert.True(ex.MaybeSent);
        Assert.False(ex.Permanent);
        Assert.Single(_slack.CallsTo("chat.postMessage"));                    // the client did not resend
        Assert.NotNull(found);
        Assert.Equal("DU2", found.ConversationId);
        Assert.Equal(Assert.Single(_slack.MessagesIn("DU2")).Ts, found.MessageId); // exactly one message arrived
    }

    [Fact]
    public async Task Send_RateLimited_IsRetriedAfterRetryAfter_OneMessage()
    {
        _slack.FailNext("chat.postMessage", 429, times: 2, retryAfter: "0");

        await new SlackMessenger(Client()).SendAsync(Recipient, Notice, "deliver:f1", default);

        Assert.Equal(3, _slack.CallsTo("chat.postMessage").Count);
        Assert.Single(_slack.MessagesIn("DU2"));
    }

    [Fact]
    public async Task Send_ConnectionRefusedBeforeSending_IsRetried_OneMessage()
    {
        // A connection that could not be made carried nothing to Slack: safe to send again.
        var factory = new FlakyFactory(new Uri(_slack.ApiBaseUrl), failFirst: 2);

        await new SlackMessenger(Client(factory: factory)).SendAsync(Recipient, Notice, "deliver:f1", default);

        Assert.Equal(2, factory.Refused["chat.postMessage"]);
        Assert.Single(_slack.MessagesIn("DU2"));
    }

    [Fact]
    public async Task FindSent_NoSuchMessage_IsNull_AndReadsOnlyTheWindowWithMetadata()
    {
        var messenger = new SlackMessenger(Client());
        await messenger.SendAsync(Recipient, Notice, "deliver:other", default);
        var since = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

        Assert.Null(await messenger.FindSentAsync(Recipient, "deliver:f1", DateTimeOffset.UtcNow.AddMinutes(-5), default));
        Assert.Null(await messenger.FindSentAsync(Recipient, "deliver:other", DateTimeOffset.UtcNow.AddHours(1), default));

        await messenger.FindSentAsync(Recipient, "deliver:f1", since, default);
        var read = _slack.CallsTo("conversations.history")[^1];
        Assert.Equal("DU2", read.Args["channel"]!.GetValue<string>());
        Assert.Equal("1799999940.000000", read.Args["oldest"]!.GetValue<string>()); // a minute early, for clock skew
        Assert.Equal("true", read.Args["include_all_metadata"]!.GetValue<string>());
    }

    [Fact]
    public async Task FindSent_PagesThroughHistoryWithCursor()
    {
        var messenger = new SlackMessenger(Client(), Options.Create(new SlackTimings { HistoryPageSize = 2 }));
        var since = DateTimeOffset.UtcNow;
        await messenger.SendAsync(Recipient, Notice, "deliver:f1", default);
        for (var i = 0; i < 4; i++)
        {
            await messenger.SendAsync(Recipient, Notice, $"deliver:later{i}", default);
        }

        var found = await messenger.FindSentAsync(Recipient, "deliver:f1", since, default);

        Assert.Equal(_slack.MessagesIn("DU2")[0].Ts, found!.MessageId);
        Assert.Equal(3, _slack.CallsTo("conversations.history").Count);
    }

    [Fact]
    public async Task FindSent_SlackCannotBeAsked_ThrowsTransientNeverNull()
    {
        var messenger = new SlackMessenger(Client());
        await messenger.SendAsync(Recipient, Notice, "deliver:f1", default);
        _slack.FailNext("conversations.history", 503, times: 10);

        var ex = await Assert.ThrowsAsync<ChatDeliveryException>(() => messenger.FindSentAsync(Recipient, "deliver:f1", DateTimeOffset.UtcNow.AddMinutes(-1), default));

        Assert.False(ex.Permanent);
    }

    [Fact]
    public async Task FindSent_NoDmPossible_IsNull()
    {
        _slack.RemoveUser("U2");

        Assert.Null(await new SlackMessenger(Client()).FindSentAsync(Recipient, "deliver:f1", DateTimeOffset.UtcNow, default));
        Assert.Empty(_slack.CallsTo("conversations.history"));
    }

    // --- 8. Errors mean what Slack says --------------------------------------------------------------------

    [Theory]
    [InlineData("account_inactive")]
    [InlineData("invalid_auth")]
    [InlineData("token_revoked")]
    [InlineData("not_authed")]
    public async Task Send_TokenLost_IsPermanent_NotTheRecipient_LoggedOncePerWorkspace(string error)
    {
        var logs = new ListLogger<SlackApiClient>();
        var messenger = new SlackMessenger(Client(logger: logs));
        _slack.RevokeToken("xoxb-1", error);

        var first = await Assert.ThrowsAsync<ChatDeliveryException>(() => messenger.SendAsync(Recipient, Notice, default));
        await Assert.ThrowsAsync<ChatDeliveryException>(() => messenger.SendAsync(new PersonRef(Platform.Slack, "T1", "U9"), Notice, default));

        Assert.True(first.Permanent);
        Assert.DoesNotContain("deactivated", first.Message);
        Assert.Contains("reinstall", first.Message);
        Assert.Equal(2, _slack.Calls.Count);                                  // one call per send: no retries
        Assert.Single(logs.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("T1"));
    }

    [Fact]
    public async Task Send_InvalidBlocks_KeepsSlacksMessages()
    {
        _slack.ErrorNext("chat.postMessage", "invalid_blocks", messages: "[ERROR] must be more than 0 characters [json-pointer:/blocks/0/text/text]");

        var ex = await Assert.ThrowsAsync<ChatDeliveryException>(() => new SlackMessenger(Client()).SendAsync(Recipient, Notice, default));

        Assert.True(ex.Permanent);
        var slack = Assert.IsType<SlackApiException>(ex.InnerException);
        Assert.Contains("json-pointer:/blocks/0/text/text", Assert.Single(slack.Details));
        Assert.Contains("json-pointer:/blocks/0/text/text", slack.Message); // so the logged exception shows it
    }

    [Theory]
    [InlineData("UBOT", "apps and bots can't receive feedback")]
    [InlineData("UOLD", "their account is deactivated")]
    [InlineData("UGONE", "Slack doesn't know this person")]
    public async Task Send_RecipientSlackRefuses_ExplicitPermanentReason(string user, string reason)
    {
        _slack.SetUser("UBOT", isBot: true);
        _slack.SetUser("UOLD", deleted: true);
        _slack.RemoveUser("UGONE");

        var ex = await Assert.ThrowsAsync<ChatDeliveryException>(() => new SlackMessenger(Client()).SendAsync(new PersonRef(Platform.Slack, "T1", user), Notice, default));

        Assert.True(ex.Permanent);
        Assert.Equal(reason, ex.Message);
        Assert.Empty(_slack.CallsTo("chat.postMessage"));
    }

    // --- 10. DM channel ids are cached ---------------------------------------------------------------------

    [Fact]
    public async Task SecondDm_CostsOneCall()
    {
        var client = Client();

        await client.SendDmAsync("T1", "U2", "one", null, default);
        _slack.Clear();
        await client.SendDmAsync("T1", "U2", "two", null, default);

        Assert.Equal(["chat.postMessage"], _slack.Calls.Select(c => c.Method));
        Assert.Equal(["one", "two"], _slack.DmTexts("U2"));
    }

    [Fact]
    public async Task DmChannel_KeptInAddressBook_SurvivesARestart()
    {
        var book = new InMemoryAddressBook();
        await Client(book: book).SendDmAsync("T1", "U2", "one", null, default);
        _slack.Clear();

        await Client(book: book).SendDmAsync("T1", "U2", "two", null, default); // a new process, same storage

        Assert.Equal("DU2", await book.GetAsync(Recipient, SlackApiClient.DmChannelKind, default));
        Assert.Empty(_slack.CallsTo("conversations.open"));
    }

    [Fact]
    public async Task DmChannel_StaleInAddressBook_IsReopenedOnce()
    {
        var book = new InMemoryAddressBook();
        await book.SetAsync(Recipient, SlackApiClient.DmChannelKind, "DGONE", default);
        _slack.ErrorNext("chat.postMessage", "channel_not_found");

        var (channel, _) = await Client(book: book).SendDmAsync("T1", "U2", "hi", null, default);

        Assert.Equal("DU2", channel);
        Assert.Equal("DU2", await book.GetAsync(Recipient, SlackApiClient.DmChannelKind, default));
        Assert.Equal(["hi"], _slack.DmTexts("U2"));
    }

    [Fact]
    public async Task Registration_TheClientUsesTheAddressBookStorageProvides()
    {
        var book = new InMemoryAddressBook();
        var services = new ServiceCollection().AddSingleton<IAddressBook>(book);
        services.AddSlack(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Slack:SigningSecret"] = "s",
            ["Slack:BotToken"] = "xoxb-1",
            ["Slack:ApiBaseUrl"] = _slack.ApiBaseUrl,
        }).Build());
        await using var sp = services.BuildServiceProvider();

        await sp.GetRequiredService<SlackApiClient>().SendDmAsync("T1", "U2", "hi", null, default);

        Assert.Equal("DU2", book.All[$"{Recipient.Key}/{SlackApiClient.DmChannelKind}"]);
    }

    private SlackApiClient Client(Action<SlackTimings>? timings = null, IAddressBook? book = null, ILogger<SlackApiClient>? logger = null, IHttpClientFactory? factory = null)
    {
        var t = new SlackTimings { RetryBaseDelay = TimeSpan.FromMilliseconds(5), MaxRetries = 3 };
        timings?.Invoke(t);
        return new SlackApiClient(factory ?? new SingleHttpClientFactory(new Uri(_slack.ApiBaseUrl)), new StaticTokens("xoxb-1"),
            Options.Create(t), logger ?? new ListLogger<SlackApiClient>(), book);
    }

    private sealed class StaticTokens(string token) : ISlackTokenStore
    {
        public ValueTask<string?> GetBotTokenAsync(string teamId, CancellationToken ct) => ValueTask.FromResult<string?>(token);
    }

    /// <summary>Refuses the connection for the first <paramref name="failFirst"/> posts, as a host that is down would.</summary>
    private sealed class FlakyFactory(Uri baseAddress, int failFirst) : IHttpClientFactory
    {
        public ConcurrentDictionary<string, int> Refused { get; } = new();

        private int _left = failFirst;

        public HttpClient CreateClient(string name) => new(new Handler(this) { InnerHandler = new SocketsHttpHandler() }) { BaseAddress = baseAddress };

        private sealed class Handler(FlakyFactory owner) : DelegatingHandler
        {
            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
            {
                var method = request.RequestUri!.Segments[^1];
                if (method == "chat.postMessage" && Interlocked.Decrement(ref owner._left) >= 0)
                {
                    owner.Refused.AddOrUpdate(method, 1, (_, n) => n + 1);
                    throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused", new SocketException((int)SocketError.ConnectionRefused));
                }

                return base.SendAsync(request, ct);
            }
        }
    }
}
