using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FeedbackBot.Testing;
using FeedbackBot.Testing.Teams;

namespace FeedbackBot.Host.Tests;

/// <summary>
/// The reflection-heavy paths of the real host process that the other process tests do not reach: the web page
/// (Razor components, antiforgery, the Data Protection-encrypted session cookie) and Teams' inbound JWT gate
/// (IdentityModel reading OpenID metadata and a JWKS). With <c>FEEDBACKBOT_HOST_DLL</c> pointing at a trimmed publish
/// they are the run-time check that ILLink kept what reflection needs (docs/embedded-storage.md, sixth pass).
/// </summary>
public sealed partial class PublishedHostSmokeTests : IAsyncLifetime
{
    private const string AppId = "11111111-2222-3333-4444-555555555555";
    private const string Tenant = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
    private readonly string _dir = Directory.CreateTempSubdirectory("fb-smoke-").FullName;
    private FakeSlackApi _slack = null!;
    private FakeTeamsIdentity _identity = null!;
    private FakeTeamsConnector _connector = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackApi.StartAsync();
        _slack.SetUser("UWEB", name: "Wen");
        _identity = await FakeTeamsIdentity.StartAsync();
        _connector = await FakeTeamsConnector.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _connector.DisposeAsync();
        await _identity.DisposeAsync();
        await _slack.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task WebSignInThenGrowthPage_AndTeamsTokens_ValidPassesRogueIs401()
    {
        var settings = EndToEndTests.SlackSettings(_slack, _dir);
        settings["Teams:AppId"] = AppId;
        settings["Teams:AppPassword"] = "smoke-client-secret";
        settings["Teams:TenantId"] = Tenant;
        settings["Teams:OpenIdMetadataUrl"] = _identity.ChannelMetadataUrl;
        settings["Teams:EntraOpenIdMetadataUrl"] = _identity.EntraMetadataUrl;
        await using var host = HostProcess.Start(settings);
        await host.WaitReadyAsync();

        // `/feedback web` → a one-time link by DM → its page → the form posted with its antiforgery token → a session
        // cookie (encrypted with Data Protection) → /app rendered by Razor components.
        using (var http = new HttpClient { BaseAddress = host.BaseAddress })
        {
            var body = SlackRequestSigner.CommandBody("web", userId: "UWEB", responseUrl: _slack.ResponseUrl());
            using var ack = await http.SendAsync(SlackRequestSigner.Signed("slack/commands", body, EndToEndTests.Secret, DateTimeOffset.UtcNow));
            Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        }

        var dm = await _slack.WaitForDmAsync("UWEB", m => m.AllText.Contains("/app/login/", StringComparison.Ordinal), "a sign-in link");
        var link = new Uri(LinkInMrkdwn().Match(dm.AllText).Groups[1].Value.Replace("&amp;", "&", StringComparison.Ordinal));
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = host.BaseAddress };
        var form = FormField().Match(await browser.GetStringAsync(link));
        Assert.True(form.Success, "the sign-in page has no antiforgery field");
        using var signIn = await browser.PostAsync(link, new FormUrlEncodedContent([new("__af", WebUtility.HtmlDecode(form.Groups[1].Value))]));
        Assert.Equal(HttpStatusCode.SeeOther, signIn.StatusCode);
        using var page = await browser.GetAsync("/app");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<html", await page.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);

        // Teams: a channel token signed by the fake Bot Framework key passes the gate; one signed by an unpublished key does not.
        using var teams = new HttpClient { BaseAddress = host.BaseAddress };
        using var valid = await PostActivityAsync(teams, FakeTeamsIdentity.Sign(FakeTeamsIdentity.ChannelClaims(AppId, _connector.ServiceUrl), _identity.ChannelKey));
        Assert.True(valid.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden) && (int)valid.StatusCode < 500,
            $"a valid Teams token got {(int)valid.StatusCode}:\n{host.Output}");
        using var rogue = await PostActivityAsync(teams, FakeTeamsIdentity.Sign(FakeTeamsIdentity.ChannelClaims(AppId, _connector.ServiceUrl), _identity.RogueKey));
        Assert.Equal(HttpStatusCode.Unauthorized, rogue.StatusCode);
        Assert.True(_identity.Fetches("botframework") > 0, "the host never read the Bot Framework metadata");
    }

    private Task<HttpResponseMessage> PostActivityAsync(HttpClient http, string token)
    {
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["id"] = "act-" + Guid.NewGuid().ToString("N")[..8],
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
            ["serviceUrl"] = _connector.ServiceUrl,
            ["channelId"] = "msteams",
            ["from"] = new JsonObject { ["id"] = "29:ana", ["name"] = "Ana Lima", ["aadObjectId"] = "0a0a0a0a-0000-0000-0000-00000000000a" },
            ["recipient"] = new JsonObject { ["id"] = "28:" + AppId, ["name"] = "FeedbackBot" },
            ["conversation"] = new JsonObject { ["id"] = FakeTeamsConnector.PersonalConversation("29:ana"), ["conversationType"] = "personal", ["tenantId"] = Tenant },
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = Tenant } },
            ["text"] = "help",
        };
        var request = new HttpRequestMessage(HttpMethod.Post, "api/messages")
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http.SendAsync(request);
    }

    [GeneratedRegex(@"<(https?://[^|>]+)\|")]
    private static partial Regex LinkInMrkdwn();

    [GeneratedRegex("name=\"__af\" value=\"([^\"]+)\"")]
    private static partial Regex FormField();
}
