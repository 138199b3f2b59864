using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Slack.Admin;
using FeedbackBot.Slack.Api;
using FeedbackBot.Slack.Install;
using FeedbackBot.Testing;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace FeedbackBot.Slack.Tests.Install;

/// <summary>
/// "Add to Slack" end to end against the fake Slack (authorize page played by <see cref="FakeSlackApi.Authorize"/>,
/// oauth.v2.access as documented), then what the stored installations drive: each workspace's own token,
/// uninstall, and an admin's request to delete the workspace's data.
/// </summary>
public sealed class SlackInstallTests : IDisposable
{
    private const string ClientId = "111.222";
    private const string ClientSecret = "client-secret";

    private readonly InMemoryInstallationStore _installs = new();
    private readonly RecordingWorkspaceData _data = new();

    // A browser that sends exactly the cookies a test gives it (the host's own client keeps a cookie jar).
    private HttpClient _browser = null!;

    public void Dispose() => _browser?.Dispose();

    private async Task<SlackTestHost> StartAsync(string clientSecret = ClientSecret)
    {
        var host = await SlackTestHost.StartAsync(
            settings: host =>
            {
                host.Slack.ConfigureApp(ClientId, ClientSecret);
                return new Dictionary<string, string?>
                {
                    // With client credentials every workspace uses its own stored token; the BotToken default of the
                    // test host must not answer for anyone.
                    ["Slack:ClientId"] = ClientId,
                    ["Slack:ClientSecret"] = clientSecret,
                    ["Slack:OAuthAuthorizeUrl"] = new Uri(host.Slack.BaseUrl, "oauth/v2/authorize").ToString(),
                };
            },
            register: services =>
            {
                // Keys in memory: nothing of the test lands in the runner's ~/.aspnet.
                services.Configure<KeyManagementOptions>(o => o.XmlRepository = new InMemoryXmlRepository());
                services.AddSingleton<IInstallationStore>(_installs);
                services.AddSingleton<IWorkspaceData>(_data);
            });
        _browser = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = host.Http.BaseAddress };
        return host;
    }

    [Fact]
    public async Task InstallPage_ExplainsEveryScope_AndBindsStateToTheBrowser()
    {
        await using var host = await StartAsync();

        var (page, authorizeUrl, cookie) = await OpenInstallPageAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.All(SlackScopes.Bot, s => Assert.Contains($"<code>{Html(s.Scope)}</code>: {Html(s.Why)}", html));
        var query = QueryHelpers.ParseQuery(new Uri(authorizeUrl).Query);
        Assert.Equal(ClientId, query["client_id"]);
        Assert.Equal(SlackScopes.Joined, query["scope"]);
        Assert.Equal(new Uri(host.Http.BaseAddress!, InstallEndpoints.CallbackPath).ToString(), query["redirect_uri"]);
        Assert.Equal(cookie.Value, query["state"]);
        var setCookie = page.Headers.GetValues("Set-Cookie").Single();
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"path={InstallEndpoints.CallbackPath}", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("max-age=600", setCookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Scopes_AreTheManifests()
    {
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoRoot(), "manifests", "slack", "manifest.json")))!;
        var scopes = manifest["oauth_config"]!["scopes"]!["bot"]!.AsArray().Select(s => s!.GetValue<string>());
        Assert.Equal(scopes, SlackScopes.Bot.Select(s => s.Scope));
        Assert.Contains(manifest["oauth_config"]!["redirect_urls"]!.AsArray(), u => u!.GetValue<string>().EndsWith(InstallEndpoints.CallbackPath, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Install_StoresTheInstallation_AndTheSuccessPageOpensTheAppInSlack()
    {
        await using var host = await StartAsync();

        var page = await InstallAsync(host, "T1");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("slack://app?team=T1&amp;id=AFEEDBACK", html);
        Assert.Contains("https://slack.com/app_redirect?app=AFEEDBACK&amp;team=T1", html);
        var installation = await host.Services.GetRequiredService<SlackInstallations>().FindAsync("T1", default);
        Assert.NotNull(installation);
        Assert.Equal(host.Slack.InstalledToken("T1"), installation.BotToken);
        Assert.Equal("T1", installation.TeamId);
        Assert.Equal("UBOTT1", installation.BotUserId);
        Assert.Equal("UINSTALLER", installation.InstallerUserId);
        Assert.False(installation.IsEnterpriseInstall);
        Assert.Equal(SlackScopes.Bot.Select(s => s.Scope), installation.Scopes);
        Assert.Equal(host.Time.GetUtcNow(), installation.InstalledAt);
        // The exchange authenticated as the app (HTTP Basic), never with a bot token.
        var exchange = Assert.Single(host.Slack.CallsTo(FakeSlackApi.OAuthAccessMethod));
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ClientId}:{ClientSecret}")), exchange.Authorization);
        Assert.DoesNotContain(ClientSecret, exchange.Body);
    }

    [Fact]
    public async Task Callback_WithoutStateOrCookie_IsRefusedWithAFriendlyPage()
    {
        await using var host = await StartAsync();
        var (_, authorizeUrl, cookie) = await OpenInstallPageAsync();
        var callback = host.Slack.Authorize(authorizeUrl, "T1");

        var noCookie = await _browser.GetAsync(PathOf(callback));
        var noState = await GetWithCookieAsync(PathOf(callback).Split('&')[0] + "&other=1", cookie);

        await AssertRefusedAsync(noCookie, HttpStatusCode.Forbidden, "can't be used");
        await AssertRefusedAsync(noState, HttpStatusCode.Forbidden, "can't be used");
        Assert.Empty(host.Slack.CallsTo(FakeSlackApi.OAuthAccessMethod));
        Assert.Empty(_installs.Values);
    }

    [Fact]
    public async Task Callback_WithForgedState_IsRefused()
    {
        await using var host = await StartAsync();
        var (_, _, cookie) = await OpenInstallPageAsync();
        var (_, otherUrl, _) = await OpenInstallPageAsync();

        // Another browser's genuine state with this browser's cookie (login CSRF), and a state we never issued.
        var mixed = await GetWithCookieAsync(PathOf(host.Slack.Authorize(otherUrl, "T1")), cookie);
        var minted = await GetWithCookieAsync($"{InstallEndpoints.CallbackPath}?code=x&state=made-up", new Cookie(OAuthState.CookieName, "made-up"));

        await AssertRefusedAsync(mixed, HttpStatusCode.Forbidden, "can't be used");
        await AssertRefusedAsync(minted, HttpStatusCode.Forbidden, "can't be used");
        Assert.Empty(host.Slack.CallsTo(FakeSlackApi.OAuthAccessMethod));
    }

    [Fact]
    public async Task Callback_Replayed_IsRefusedTheSecondTime()
    {
        await using var host = await StartAsync();
        var (_, authorizeUrl, cookie) = await OpenInstallPageAsync();
        var callback = PathOf(host.Slack.Authorize(authorizeUrl, "T1"));

        var first = await GetWithCookieAsync(callback, cookie);
        var replay = await GetWithCookieAsync(callback, cookie);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await AssertRefusedAsync(replay, HttpStatusCode.Forbidden, "already used");
        Assert.Single(host.Slack.CallsTo(FakeSlackApi.OAuthAccessMethod));
    }

    [Fact]
    public async Task Callback_AfterTheStatesLifetime_IsRefusedAsExpired()
    {
        await using var host = await StartAsync();
        var (_, authorizeUrl, cookie) = await OpenInstallPageAsync();
        var callback = PathOf(host.Slack.Authorize(authorizeUrl, "T1"));

        host.Time.Advance(OAuthState.Lifetime + TimeSpan.FromSeconds(1));
        var late = await GetWithCookieAsync(callback, cookie);

        await AssertRefusedAsync(late, HttpStatusCode.BadRequest, "expired");
        Assert.Empty(host.Slack.CallsTo(FakeSlackApi.OAuthAccessMethod));
    }

    [Fact]
    public async Task Callback_WhenThePersonCancels_SaysNothingWasInstalled()
    {
        await using var host = await StartAsync();
        var (_, authorizeUrl, cookie) = await OpenInstallPageAsync();

        var denied = await GetWithCookieAsync(PathOf(host.Slack.Deny(authorizeUrl)), cookie);

        await AssertRefusedAsync(denied, HttpStatusCode.Forbidden, "was not installed");
        Assert.Empty(host.Slack.CallsTo(FakeSlackApi.OAuthAccessMethod));
    }

    [Fact]
    public async Task Callback_WhenSlackRefusesTheAppsSecret_TellsWhoToAsk()
    {
        await using var host = await StartAsync(clientSecret: "a-wrong-secret");

        var page = await InstallAsync(host, "T1");

        await AssertRefusedAsync(page, HttpStatusCode.BadRequest, "settings do not match");
        Assert.Empty(_installs.Values);
    }

    [Fact]
    public async Task TwoWorkspaces_EachCommandIsAnsweredWithItsOwnToken()
    {
        await using var host = await StartAsync();
        await InstallAsync(host, "T1");
        await InstallAsync(host, "T2");
        var (t1, t2) = (host.Slack.InstalledToken("T1")!, host.Slack.InstalledToken("T2")!);
        Assert.NotEqual(t1, t2);

        await CommandAsync(host, "T1", "");
        var first = Assert.Single(await host.Slack.WaitForAsync("views.open"));
        await CommandAsync(host, "T2", "");
        var second = (await host.Slack.WaitForAsync("views.open", 2))[1];

        Assert.Equal($"Bearer {t1}", first.Authorization);
        Assert.Equal($"Bearer {t2}", second.Authorization);
        Assert.All(host.Slack.Calls.Where(c => c.Method is not (FakeSlackApi.OAuthAccessMethod or "response_url")), c => Assert.Contains(c.Authorization, new[] { $"Bearer {t1}", $"Bearer {t2}" }));
    }

    [Fact]
    public async Task OrgWideInstall_ServesEveryWorkspaceOfTheOrg_AlsoForJobsAfterTheFirstRequest()
    {
        await using var host = await StartAsync();
        await InstallAsync(host, "T5", enterpriseId: "E1", enterpriseInstall: true);
        var orgToken = host.Slack.InstalledToken("E1");
        var tokens = host.Services.GetRequiredService<ISlackTokenStore>();
        Assert.Null(await tokens.GetBotTokenAsync("T5", default)); // nothing says yet that T5 is in E1

        var body = SlackRequestSigner.CommandBody("", teamId: "T5", responseUrl: host.Slack.ResponseUrl()) + "&enterprise_id=E1&is_enterprise_install=true";
        await host.PostRawAsync("/slack/commands", body);

        Assert.Equal($"Bearer {orgToken}", Assert.Single(await host.Slack.WaitForAsync("views.open")).Authorization);
        Assert.Equal(orgToken, await tokens.GetBotTokenAsync("T5", default)); // what a job for T5 will use
    }

    [Theory]
    [InlineData("command")]
    [InlineData("interaction")]
    [InlineData("event")]
    public void OrgInstallRequests_AreRecognisedInEveryShapeSlackSends(string shape)
    {
        // https://docs.slack.dev/enterprise-grid/developing-for-enterprise-grid: the same facts, three encodings.
        var body = shape switch
        {
            "command" => SlackRequestSigner.CommandBody("", teamId: "T5") + "&enterprise_id=E1&is_enterprise_install=true",
            "interaction" => SlackRequestSigner.InteractionBody(new JsonObject
            {
                ["type"] = "block_actions", ["is_enterprise_install"] = true,
                ["team"] = new JsonObject { ["id"] = "T5" }, ["enterprise"] = new JsonObject { ["id"] = "E1" },
            }),
            _ => new JsonObject
            {
                ["type"] = "event_callback", ["team_id"] = "T5", ["enterprise_id"] = "E1",
                ["authorizations"] = new JsonArray(new JsonObject { ["enterprise_id"] = "E1", ["team_id"] = "T5", ["is_enterprise_install"] = true }),
            }.ToJsonString(),
        };

        Assert.Equal(("T5", "E1"), EnterpriseLinkFilter.Read(Encoding.UTF8.GetBytes(body)));
        Assert.Null(EnterpriseLinkFilter.Read(Encoding.UTF8.GetBytes(body.Replace("true", "false"))));
        Assert.Null(EnterpriseLinkFilter.Read(Encoding.UTF8.GetBytes(SlackRequestSigner.CommandBody("", teamId: "T5"))));
    }

    [Fact]
    public async Task AppUninstalled_ForgetsThatWorkspacesToken_StopsItsWork_AndNothingMoreReachesSlackForIt()
    {
        await using var host = await StartAsync();
        await InstallAsync(host, "T1");
        await InstallAsync(host, "T2");

        var response = await host.PostEventAsync(Event("T1", AppUninstalled.EventType));
        await host.IdleAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var tokens = host.Services.GetRequiredService<ISlackTokenStore>();
        Assert.Null(await tokens.GetBotTokenAsync("T1", default));
        Assert.Equal(host.Slack.InstalledToken("T2"), await tokens.GetBotTokenAsync("T2", default));
        Assert.Equal([new WorkspaceRef(Platform.Slack, "T1")], _data.Stopped);

        // A job that was already running for T1 (a delivery, a nudge, a digest) fails before any request leaves.
        host.Slack.Clear();
        var job = await Assert.ThrowsAsync<SlackApiException>(() =>
            host.Services.GetRequiredService<SlackApiClient>().SendDmAsync("T1", "U2", "hello", null, default));
        Assert.Equal("not_installed", job.Error);
        Assert.Empty(host.Slack.Calls);
    }

    [Fact]
    public async Task TokensRevoked_ForgetsTheToken()
    {
        await using var host = await StartAsync();
        await InstallAsync(host, "T1");

        await host.PostEventAsync(Event("T1", AppUninstalled.TokensRevokedEventType, new JsonObject { ["bot"] = new JsonArray("UBOTT1") }));
        await host.IdleAsync();

        Assert.Null(await host.Services.GetRequiredService<ISlackTokenStore>().GetBotTokenAsync("T1", default));
    }

    [Fact]
    public async Task AdminDelete_AsksForConfirmation_ThenErasesOnlyThatWorkspace()
    {
        await using var host = await StartAsync();
        await InstallAsync(host, "T1");
        await InstallAsync(host, "T2");
        host.Slack.SetAdmin("UADMIN");

        var ack = await SlackTestHost.JsonAsync(await CommandAsync(host, "T1", "admin delete-workspace-data", "UADMIN"));

        var button = ack["blocks"]!.AsArray().SelectMany(b => b!["elements"]?.AsArray() ?? []).Single()!;
        Assert.Equal(DeleteWorkspaceDataAction.ActionId, button["action_id"]!.GetValue<string>());
        Assert.Equal("danger", button["style"]!.GetValue<string>());
        Assert.NotNull(button["confirm"]); // Slack's own "are you sure" dialog before the click counts
        Assert.Empty(_data.Erased);

        var click = await host.PostInteractionAsync(Payloads.BlockAction(DeleteWorkspaceDataAction.ActionId, "T1", "UADMIN", responseUrl: host.Slack.ResponseUrl("r-del")));
        var reply = Assert.Single(await host.Slack.WaitForAsync("response_url"));

        Assert.Equal(HttpStatusCode.OK, click.StatusCode);
        Assert.Equal([new WorkspaceRef(Platform.Slack, "T1")], _data.Erased);
        Assert.Null(await host.Services.GetRequiredService<ISlackTokenStore>().GetBotTokenAsync("T1", default));
        Assert.NotNull(await host.Services.GetRequiredService<ISlackTokenStore>().GetBotTokenAsync("T2", default));
        Assert.Contains("deleted", reply.Json);
        Assert.True(reply.Args["replace_original"]!.GetValue<bool>());
    }

    [Fact]
    public async Task AdminDelete_ByANonAdmin_OrWithAnotherWorkspacesButton_DeletesNothing()
    {
        await using var host = await StartAsync();
        await InstallAsync(host, "T1");
        host.Slack.SetAdmin("UADMIN");

        var command = await SlackTestHost.JsonAsync(await CommandAsync(host, "T1", "admin delete-workspace-data", "UPLAIN"));
        await host.PostInteractionAsync(Payloads.BlockAction(DeleteWorkspaceDataAction.ActionId, "T1", "UPLAIN", responseUrl: host.Slack.ResponseUrl("r1")));
        await host.PostInteractionAsync(Payloads.BlockAction(DeleteWorkspaceDataAction.ActionId, "T2", "UADMIN", responseUrl: host.Slack.ResponseUrl("r2")));
        var replies = await host.Slack.WaitForAsync("response_url", 2);

        Assert.Contains("Only workspace admins and owners", command["text"]!.GetValue<string>());
        Assert.Null(command["blocks"]);
        Assert.Contains(replies, r => r.Json.Contains("Only workspace admins and owners"));
        Assert.Contains(replies, r => r.Json.Contains("belongs to another workspace"));
        Assert.Empty(_data.Erased);
        Assert.NotNull(await host.Services.GetRequiredService<ISlackTokenStore>().GetBotTokenAsync("T1", default));
    }

    [Fact]
    public async Task FakeOAuth_RefusesWhatSlackRefuses()
    {
        await using var slack = await FakeSlackApi.StartAsync();
        slack.ConfigureApp(ClientId, ClientSecret);
        const string redirect = "http://127.0.0.1/slack/oauth/callback";
        string NewCode() => QueryHelpers.ParseQuery(new Uri(slack.Authorize(
            $"https://slack.test/oauth/v2/authorize?client_id={ClientId}&scope=commands&redirect_uri={Uri.EscapeDataString(redirect)}&state=s", "T1")).Query)["code"].ToString();
        using var http = new HttpClient { BaseAddress = new Uri(slack.ApiBaseUrl) };
        async Task<string?> ExchangeAsync(string code, string secret = ClientSecret, string uri = redirect, bool basic = true)
        {
            var fields = new List<KeyValuePair<string?, string?>> { new("code", code), new("redirect_uri", uri) };
            using var request = new HttpRequestMessage(HttpMethod.Post, FakeSlackApi.OAuthAccessMethod);
            if (basic)
            {
                request.Headers.Authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ClientId}:{secret}")));
            }
            else
            {
                fields.AddRange([new("client_id", ClientId), new("client_secret", secret)]);
            }

            request.Content = new FormUrlEncodedContent(fields);
            var reply = JsonNode.Parse(await (await http.SendAsync(request)).Content.ReadAsStringAsync())!;
            return reply["ok"]!.GetValue<bool>() ? null : reply["error"]!.GetValue<string>();
        }

        var used = NewCode();
        Assert.Null(await ExchangeAsync(used));
        Assert.Equal("invalid_code", await ExchangeAsync(used));                                 // a code works once
        Assert.Equal("bad_client_secret", await ExchangeAsync(NewCode(), secret: "nope"));
        Assert.Equal("bad_redirect_uri", await ExchangeAsync(NewCode(), uri: "http://elsewhere/cb"));
        Assert.Equal("invalid_code", await ExchangeAsync("made-up"));
        Assert.Null(await ExchangeAsync(NewCode(), basic: false));                               // form fields work too
        var fake = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        slack.Clock = fake;
        var old = NewCode();
        fake.Advance(FakeSlackApi.OAuthCodeLifetime + TimeSpan.FromSeconds(1));
        Assert.Equal("invalid_code", await ExchangeAsync(old));                                  // and for ten minutes
    }

    // The browser: opens /slack/install, keeps the cookie, follows Add to Slack to the (fake) authorize page, approves,
    // and comes back to the callback with the cookie.
    private async Task<HttpResponseMessage> InstallAsync(SlackTestHost host, string teamId, string? enterpriseId = null, bool enterpriseInstall = false)
    {
        var (_, authorizeUrl, cookie) = await OpenInstallPageAsync();
        return await GetWithCookieAsync(PathOf(host.Slack.Authorize(authorizeUrl, teamId, enterpriseId, enterpriseInstall)), cookie);
    }

    private async Task<(HttpResponseMessage Page, string AuthorizeUrl, Cookie Cookie)> OpenInstallPageAsync()
    {
        var page = await _browser.GetAsync(InstallEndpoints.InstallPath);
        var html = await page.Content.ReadAsStringAsync();
        var start = html.IndexOf("href=\"", html.IndexOf("class=\"button\"", StringComparison.Ordinal), StringComparison.Ordinal) + 6;
        var url = WebUtility.HtmlDecode(html[start..html.IndexOf('"', start)]);
        var setCookie = page.Headers.GetValues("Set-Cookie").Single();
        var value = setCookie[(setCookie.IndexOf('=') + 1)..setCookie.IndexOf(';')];
        return (page, url, new Cookie(OAuthState.CookieName, value));
    }

    private Task<HttpResponseMessage> GetWithCookieAsync(string pathAndQuery, Cookie cookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        request.Headers.Add("Cookie", $"{cookie.Name}={cookie.Value}");
        return _browser.SendAsync(request);
    }

    private static Task<HttpResponseMessage> CommandAsync(SlackTestHost host, string teamId, string text, string user = "U1") =>
        host.PostRawAsync("/slack/commands", SlackRequestSigner.CommandBody(text, user, teamId, responseUrl: host.Slack.ResponseUrl()));

    private static string Html(string text) => System.Text.Encodings.Web.HtmlEncoder.Default.Encode(text);

    private static string PathOf(string url) => new Uri(url).PathAndQuery;

    private static async Task AssertRefusedAsync(HttpResponseMessage page, HttpStatusCode status, string says)
    {
        Assert.Equal(status, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains(Html(says), html);
        Assert.Contains($"href=\"{InstallEndpoints.InstallPath}\"", html); // a way to start again
        Assert.DoesNotContain("Exception", html);
        Assert.DoesNotContain("   at ", html);
    }

    private static JsonObject Event(string teamId, string type, JsonObject? tokens = null)
    {
        var evt = new JsonObject { ["type"] = type, ["event_ts"] = "1.1" };
        if (tokens is not null)
        {
            evt["tokens"] = tokens;
        }

        return new JsonObject
        {
            ["token"] = "x",
            ["team_id"] = teamId,
            ["api_app_id"] = "AFEEDBACK",
            ["type"] = "event_callback",
            ["event_id"] = "Ev" + Guid.NewGuid().ToString("N")[..8],
            ["event_time"] = 1700000000,
            ["event"] = evt,
        };
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "FeedbackBot.sln")))
        {
            dir = dir.Parent;
        }

        return dir!.FullName;
    }
}
