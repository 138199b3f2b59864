using System.Net;
using FeedbackBot.Testing;

namespace FeedbackBot.Host.Tests;

/// <summary>
/// The whole bot as deployed: the real host process, embedded Garnet, Hangfire, the Slack adapter, and a fake
/// Slack Web API on loopback. A signed slash command goes in; one DM comes out.
/// </summary>
public sealed class EndToEndTests : IAsyncLifetime
{
    internal const string Secret = "e2e-signing-secret";
    private readonly string _dir = Directory.CreateTempSubdirectory("fb-e2e-").FullName;
    private FakeSlackApi _slack = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackApi.StartAsync();
        _slack.SetUser("UGIVER", name: "Grace");
        _slack.SetUser("URECIP", name: "Ravi");
    }

    public async Task DisposeAsync()
    {
        await _slack.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    internal static Dictionary<string, string> SlackSettings(FakeSlackApi slack, string dataDir) => new()
    {
        ["Storage:DataDirectory"] = dataDir,
        ["Slack:SigningSecret"] = Secret,
        ["Slack:BotToken"] = "xoxb-e2e",
        ["Slack:ApiBaseUrl"] = slack.ApiBaseUrl,
        // The bot only posts to response_urls under this base; the fake serves them on loopback.
        ["Slack:ResponseUrlBase"] = slack.ResponseUrl(""),
        ["Hangfire:SchedulePollingInterval"] = "00:00:00.500",
    };

    [Fact]
    public async Task QuickGive_StoredThenDeliveredOnceThroughHangfire()
    {
        await using var host = HostProcess.Start(SlackSettings(_slack, _dir));
        await host.WaitReadyAsync();
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        const string text = "In Tuesday's demo you explained the rollback plan clearly, which calmed the client. Thank you! <!channel>";

        var body = SlackRequestSigner.CommandBody($"<@URECIP|ravi> {text}", userId: "UGIVER", responseUrl: _slack.ResponseUrl());
        using var response = await http.SendAsync(SlackRequestSigner.Signed("slack/commands", body, Secret, DateTimeOffset.UtcNow));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var posts = await _slack.WaitForAsync("chat.postMessage", count: 2, timeout: TimeSpan.FromSeconds(30));
        var toRecipient = Assert.Single(posts, p => p.Args["channel"]?.ToString() == "DURECIP");
        Assert.Contains("rollback plan", toRecipient.Json);
        Assert.Contains("Thank you! @channel", toRecipient.Json); // decoded once, inert: no @channel ping
        Assert.DoesNotContain("<!channel>", toRecipient.Json);
        Assert.Single(posts, p => p.Args["channel"]?.ToString() == "DUGIVER"); // the giver's confirmation
    }

    [Fact]
    public async Task UnsignedCommand_401AndNothingReachesSlack()
    {
        await using var host = HostProcess.Start(SlackSettings(_slack, _dir));
        await host.WaitReadyAsync();
        using var http = new HttpClient { BaseAddress = host.BaseAddress };

        var body = SlackRequestSigner.CommandBody("<@URECIP> thanks for the review", userId: "UGIVER");
        using var forged = SlackRequestSigner.Signed("slack/commands", body, "wrong-secret", DateTimeOffset.UtcNow);
        using var response = await http.SendAsync(forged);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_slack.Calls);
    }
}
