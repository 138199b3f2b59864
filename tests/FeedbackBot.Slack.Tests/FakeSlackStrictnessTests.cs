using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using FeedbackBot.Testing;

namespace FeedbackBot.Slack.Tests;

/// <summary>
/// The fake Slack Web API refuses what Slack refuses (STYLE rule 16), checked with raw HTTP so no client code
/// can hide a lenient fake. Each behaviour's documentation link is in <see cref="FakeSlackApi"/>'s summary.
/// </summary>
public sealed class FakeSlackStrictnessTests : IAsyncLifetime
{
    private FakeSlackApi _slack = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackApi.StartAsync();
        _http = new HttpClient { BaseAddress = new Uri(_slack.ApiBaseUrl) };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _slack.DisposeAsync();
    }

    [Theory]
    [InlineData("users.info", """{"user":"U1"}""", "user_not_found")]
    [InlineData("conversations.history", """{"channel":"DU1"}""", "channel_not_found")]
    [InlineData("conversations.replies", """{"channel":"C1","ts":"1.2"}""", "channel_not_found")]
    [InlineData("chat.getPermalink", """{"channel":"C1","message_ts":"1.2"}""", "channel_not_found")]
    [InlineData("users.lookupByEmail", """{"email":"a@b.c"}""", "users_not_found")]
    public async Task ReadMethod_GivenJson_SeesNoArguments(string method, string json, string error)
    {
        var reply = await SendAsync(method, Json(json));

        Assert.Equal(error, reply["error"]!.GetValue<string>());
        Assert.Empty(Assert.Single(_slack.CallsTo(method)).Args); // what Slack read: nothing
    }

    [Fact]
    public async Task ReadMethod_GivenForm_Works()
    {
        var reply = await SendAsync("users.info", Form(("user", "U1")));

        Assert.True(reply["ok"]!.GetValue<bool>());
        Assert.Equal("U1", reply["user"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task WriteMethod_GivenJson_IsReadAndWarnsWithoutCharset()
    {
        var withCharset = await SendAsync("chat.postMessage", Json("""{"channel":"DU1","text":"hi"}"""));
        var without = new StringContent("""{"channel":"DU1","text":"again"}""", Encoding.UTF8);
        without.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var noCharset = await SendAsync("chat.postMessage", without);

        Assert.True(withCharset["ok"]!.GetValue<bool>());
        Assert.Null(withCharset["warning"]);
        Assert.True(noCharset["ok"]!.GetValue<bool>());
        Assert.Equal("missing_charset", noCharset["warning"]!.GetValue<string>());
        Assert.Equal(["hi", "again"], _slack.DmTexts("U1"));
    }

    [Fact]
    public async Task Form_NestedJsonArguments_AreParsed()
    {
        var reply = await SendAsync("chat.postMessage", Form(
            ("channel", "DU1"), ("text", "hi"),
            ("blocks", """[{"type":"section","text":{"type":"mrkdwn","text":"hi"}}]"""),
            ("metadata", """{"event_type":"x","event_payload":{"key":"k1"}}""")));

        Assert.True(reply["ok"]!.GetValue<bool>());
        var message = Assert.Single(_slack.MessagesIn("DU1"));
        Assert.Equal("k1", message.MetadataKey);
        Assert.Single(message.Blocks!);
    }

    [Theory]
    [InlineData("blocks", "not json", "invalid_blocks")]
    [InlineData("metadata", """{"event_type":"x"}""", "invalid_metadata_format")]
    public async Task PostMessage_MalformedNestedArgument_IsRefused(string name, string value, string error)
    {
        var reply = await SendAsync("chat.postMessage", Form(("channel", "DU1"), ("text", "hi"), (name, value)));

        Assert.Equal(error, reply["error"]!.GetValue<string>());
        Assert.Empty(_slack.MessagesIn("DU1"));
    }

    [Fact]
    public async Task Token_MissingBadOrRevoked_IsRefused()
    {
        var none = await SendAsync("users.info", Form(("user", "U1")), token: null);
        var bad = await SendAsync("users.info", Form(("user", "U1")), token: "not-a-token");
        var inBody = await SendAsync("users.info", Form(("user", "U1"), ("token", "xoxb-form")), token: null);
        var jsonBodyToken = await SendAsync("chat.postMessage", Json("""{"channel":"DU1","text":"hi","token":"xoxb-1"}"""), token: null);
        _slack.RevokeToken("xoxb-1", "account_inactive");
        var revoked = await SendAsync("users.info", Form(("user", "U1")));

        Assert.Equal("not_authed", none["error"]!.GetValue<string>());
        Assert.Equal("invalid_auth", bad["error"]!.GetValue<string>());
        Assert.True(inBody["ok"]!.GetValue<bool>());
        Assert.Equal("not_authed", jsonBodyToken["error"]!.GetValue<string>()); // JSON needs the header
        Assert.Equal("account_inactive", revoked["error"]!.GetValue<string>());
        Assert.Empty(_slack.MessagesIn("DU1"));
    }

    [Fact]
    public async Task RateLimited_Answers429WithRetryAfterAndSlacksBody()
    {
        _slack.FailNext("users.info", 429, retryAfter: "7");

        using var response = await _http.SendAsync(Request("users.info", Form(("user", "U1")), "xoxb-1"));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter!.Delta);
        Assert.Equal("ratelimited", (await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task ErrorNext_CarriesResponseMetadataMessages()
    {
        _slack.ErrorNext("chat.postMessage", "invalid_blocks", messages: "[ERROR] must be more than 0 characters [json-pointer:/blocks/0/text/text]");

        var reply = await SendAsync("chat.postMessage", Form(("channel", "DU1"), ("text", "hi")));

        Assert.Equal("invalid_blocks", reply["error"]!.GetValue<string>());
        Assert.Contains("json-pointer", reply["response_metadata"]!["messages"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task History_ReturnsPostsNewestFirst_MetadataOnlyWhenAsked_PagedByCursor()
    {
        var start = DateTimeOffset.UtcNow.AddSeconds(-1).ToUnixTimeSeconds();
        for (var i = 1; i <= 3; i++)
        {
            await SendAsync("chat.postMessage", Form(("channel", "DU1"), ("text", $"m{i}"), ("metadata", $$$"""{"event_type":"x","event_payload":{"key":"k{{{i}}}"}}""")));
        }

        var plain = await SendAsync("conversations.history", Form(("channel", "DU1"), ("oldest", start.ToString())));
        var first = await SendAsync("conversations.history", Form(("channel", "DU1"), ("include_all_metadata", "true"), ("limit", "2")));
        var cursor = first["response_metadata"]!["next_cursor"]!.GetValue<string>();
        var second = await SendAsync("conversations.history", Form(("channel", "DU1"), ("include_all_metadata", "true"), ("limit", "2"), ("cursor", cursor)));
        var future = await SendAsync("conversations.history", Form(("channel", "DU1"), ("oldest", (start + 3600).ToString())));

        Assert.Equal(["m3", "m2", "m1"], Texts(plain));
        Assert.All(plain["messages"]!.AsArray(), m => Assert.Null(m!["metadata"]));
        Assert.Equal(["m3", "m2"], Texts(first));
        Assert.True(first["has_more"]!.GetValue<bool>());
        Assert.Equal("k3", first["messages"]![0]!["metadata"]!["event_payload"]!["key"]!.GetValue<string>());
        Assert.Equal(["m1"], Texts(second));
        Assert.False(second["has_more"]!.GetValue<bool>());
        Assert.Empty(Texts(future));
    }

    [Fact]
    public async Task ApplyThenFail_PostsAndThenAnswers500()
    {
        _slack.ApplyThenFailNext("chat.postMessage", status: 500);

        using var response = await _http.SendAsync(Request("chat.postMessage", Form(("channel", "DU1"), ("text", "hi")), "xoxb-1"));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(["hi"], _slack.DmTexts("U1"));
    }

    [Fact]
    public async Task ConversationsOpen_IsDeterministicAndRefusesWhomSlackRefuses()
    {
        _slack.SetUser("UBOT", isBot: true);
        _slack.SetUser("UOLD", deleted: true);
        _slack.RemoveUser("UGONE");

        var a = await SendAsync("conversations.open", Form(("users", "U7")));
        var b = await SendAsync("conversations.open", Json("""{"users":"U7"}"""));

        Assert.Equal("DU7", a["channel"]!["id"]!.GetValue<string>());
        Assert.Equal("DU7", b["channel"]!["id"]!.GetValue<string>());
        Assert.Equal("cannot_dm_bot", (await SendAsync("conversations.open", Form(("users", "UBOT"))))["error"]!.GetValue<string>());
        Assert.Equal("user_disabled", (await SendAsync("conversations.open", Form(("users", "UOLD"))))["error"]!.GetValue<string>());
        Assert.Equal("user_not_found", (await SendAsync("conversations.open", Form(("users", "UGONE"))))["error"]!.GetValue<string>());
    }

    [Fact]
    public void EscapeAndMention_ProduceSlacksInboundText()
    {
        Assert.Equal("<@U2|ravi> Q&amp;A &lt;went&gt; well", $"{FakeSlackApi.Mention("U2", "ravi")} {FakeSlackApi.Escape("Q&A <went> well")}");
    }

    private static string[] Texts(JsonObject reply) => reply["messages"]!.AsArray().Select(m => m!["text"]!.GetValue<string>()).ToArray();

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json"); // adds charset=utf-8

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    private static HttpRequestMessage Request(string method, HttpContent content, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, method) { Content = content };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    private async Task<JsonObject> SendAsync(string method, HttpContent content, string? token = "xoxb-1")
    {
        using var response = await _http.SendAsync(Request(method, content, token));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode); // Slack answers 200 even for ok:false
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }
}
