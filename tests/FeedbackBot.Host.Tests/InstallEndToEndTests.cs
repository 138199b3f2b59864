using System.Net;
using FeedbackBot.Testing;
using Microsoft.AspNetCore.WebUtilities;

namespace FeedbackBot.Host.Tests;

/// <summary>
/// "Add to Slack" in the real host process: embedded Garnet, the Data Protection key ring in it, the state claimed
/// in it, the installation stored encrypted in it; then a command from that workspace is answered with the token
/// the install got, with no Slack:BotToken set at all.
/// </summary>
public sealed class InstallEndToEndTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fb-install-").FullName;
    private FakeSlackApi _slack = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackApi.StartAsync();
        _slack.ConfigureApp("111.222", "client-secret");
    }

    public async Task DisposeAsync()
    {
        await _slack.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task AddToSlack_ThenTheWorkspacesCommandUsesItsOwnToken()
    {
        var settings = EndToEndTests.SlackSettings(_slack, _dir);
        settings.Remove("Slack:BotToken");
        settings["Slack:ClientId"] = "111.222";
        settings["Slack:ClientSecret"] = "client-secret";
        settings["Slack:OAuthAuthorizeUrl"] = new Uri(_slack.BaseUrl, "oauth/v2/authorize").ToString();
        await using var host = HostProcess.Start(settings);
        await host.WaitReadyAsync();
        using var browser = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = host.BaseAddress };

        using var page = await browser.GetAsync("slack/install");
        var html = await page.Content.ReadAsStringAsync();
        var start = html.IndexOf("href=\"", html.IndexOf("class=\"button\"", StringComparison.Ordinal), StringComparison.Ordinal) + 6;
        var authorize = WebUtility.HtmlDecode(html[start..html.IndexOf('"', start)]);
        var cookie = page.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
        using var callback = new HttpRequestMessage(HttpMethod.Get, new Uri(_slack.Authorize(authorize, "T1")).PathAndQuery);
        callback.Headers.Add("Cookie", cookie);
        using var installed = await browser.SendAsync(callback);

        Assert.Equal(HttpStatusCode.OK, installed.StatusCode);
        Assert.Contains("FeedbackBot is installed", await installed.Content.ReadAsStringAsync());
        Assert.Contains("Slack on (any workspace", host.Output);
        Assert.DoesNotContain(_slack.InstalledToken("T1")!, host.Output);
        Assert.Equal("111.222", QueryHelpers.ParseQuery(new Uri(authorize).Query)["client_id"].ToString());

        var body = SlackRequestSigner.CommandBody("", userId: "U1", teamId: "T1", responseUrl: _slack.ResponseUrl());
        using var command = await browser.SendAsync(SlackRequestSigner.Signed("slack/commands", body, EndToEndTests.Secret, DateTimeOffset.UtcNow));

        Assert.Equal(HttpStatusCode.OK, command.StatusCode);
        var open = Assert.Single(await _slack.WaitForAsync("views.open", timeout: TimeSpan.FromSeconds(30)));
        Assert.Equal($"Bearer {_slack.InstalledToken("T1")}", open.Authorization);
    }
}
