using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FeedbackBot.Testing;

namespace FeedbackBot.Slack.Tests;

/// <summary>
/// The fake refuses messages over Block Kit's documented limits as Slack does (raw HTTP, no bot code in between);
/// the links are in <see cref="FakeSlackApi.BlockLimitErrors"/>.
/// </summary>
public sealed class FakeSlackLimitsTests : IAsyncLifetime
{
    private FakeSlackApi _slack = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackApi.StartAsync();
        _http = new HttpClient { BaseAddress = new Uri(_slack.ApiBaseUrl) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "xoxb-test");
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _slack.DisposeAsync();
    }

    private static JsonObject Section(string text) => new() { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = text } };

    [Fact]
    public async Task SectionOf3001Characters_InvalidBlocksNamingIt_NothingPosted()
    {
        var reply = await PostAsync(new JsonArray(Section("ok"), Section(new string('a', 3001))));

        Assert.Equal("invalid_blocks", reply["error"]!.GetValue<string>());
        Assert.Contains("[json-pointer:/blocks/1/text/text]", reply["response_metadata"]!["messages"]![0]!.GetValue<string>());
        Assert.Empty(_slack.MessagesIn("D1"));
    }

    [Fact]
    public async Task FiftyOneBlocks_InvalidBlocks_FiftyPost()
    {
        var tooMany = await PostAsync(new JsonArray([.. Enumerable.Range(0, 51).Select(i => (JsonNode)Section($"{i}"))]));
        var fifty = await PostAsync(new JsonArray([.. Enumerable.Range(0, 50).Select(i => (JsonNode)Section(new string('a', 3000)))]));

        Assert.Equal("invalid_blocks", tooMany["error"]!.GetValue<string>());
        Assert.Contains("no more than 50 items", tooMany["response_metadata"]!["messages"]![0]!.GetValue<string>());
        Assert.True(fifty["ok"]!.GetValue<bool>());
    }

    [Fact]
    public async Task TextOver40000Characters_IsTruncated()
    {
        var reply = await PostAsync(blocks: null, text: new string('x', 40_010));

        Assert.True(reply["ok"]!.GetValue<bool>());
        Assert.Equal(40_000, Assert.Single(_slack.MessagesIn("D1")).Text!.Length);
    }

    private async Task<JsonObject> PostAsync(JsonArray? blocks, string text = "fallback")
    {
        var args = new JsonObject { ["channel"] = "D1", ["text"] = text };
        if (blocks is not null)
        {
            args["blocks"] = blocks;
        }

        using var response = await _http.PostAsJsonAsync("chat.postMessage", args);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }
}
