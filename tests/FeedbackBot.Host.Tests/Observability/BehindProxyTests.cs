using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using FeedbackBot.Scheduling.Jobs;

namespace FeedbackBot.Host.Tests.Observability;

/// <summary>
/// Issue 12 "Dashboard and metrics safe behind a proxy": the real host process behind a reverse proxy on the same
/// machine (<see cref="LoopbackProxy"/>, adding <c>X-Forwarded-For</c> of an internet client), so every request
/// reaches the host from 127.0.0.1, as it did when the dashboard was open to the internet.
/// </summary>
public sealed partial class BehindProxyTests : IAsyncLifetime
{
    private const string Client = "203.0.113.7";
    private const string CrossOrigin = "https://attacker.example";

    private readonly string _dir = Directory.CreateTempSubdirectory("fb-proxy-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Directory.Delete(_dir, recursive: true);
        return Task.CompletedTask;
    }

    private Dictionary<string, string> Settings(string environment, bool credentials)
    {
        var settings = new Dictionary<string, string>
        {
            ["Storage:DataDirectory"] = _dir,
            ["ASPNETCORE_ENVIRONMENT"] = environment,
            ["DOTNET_ENVIRONMENT"] = environment,
            ["ForwardedHeaders:KnownProxies"] = "127.0.0.1",
        };
        if (credentials)
        {
            settings["Hangfire:Dashboard:Username"] = "ops";
            settings["Hangfire:Dashboard:Password"] = "dashboard-pass";
            settings["Metrics:Username"] = "scraper";
            settings["Metrics:Password"] = "metrics-pass";
        }

        return settings;
    }

    [Fact]
    public async Task Production_WithCredentials_OnlyTheRightOnesGetIn_AndForeignPostsAreRefused()
    {
        await using var host = HostProcess.Start(Settings("Production", credentials: true));
        await host.WaitReadyAsync();
        await using var proxy = await LoopbackProxy.StartAsync(host.BaseAddress, Client);
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = proxy.BaseAddress };

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(http, "hangfire"));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(http, "hangfire", Basic("ops", "wrong")));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(http, "hangfire", Basic("scraper", "metrics-pass")));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(http, "metrics"));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(http, "metrics", Basic("ops", "dashboard-pass")));

        // The recurring jobs are registered in the background after start: poll (bounded) until the page lists them.
        HttpResponseMessage dashboard;
        string page;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            dashboard = await SendAsync(http, HttpMethod.Get, "hangfire/recurring", Basic("ops", "dashboard-pass"));
            Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
            page = await dashboard.Content.ReadAsStringAsync();
            if (page.Contains(DueRemindersJob.RecurringId) || DateTime.UtcNow > deadline)
            {
                break;
            }

            dashboard.Dispose();
            await Task.Delay(250);
        }

        using var _ = dashboard;
        Assert.Contains(DueRemindersJob.RecurringId, page);
        Assert.DoesNotContain("127.0.0.1:", page); // the storage connection is not shown to whoever gets in

        using var metrics = await SendAsync(http, HttpMethod.Get, "metrics", Basic("scraper", "metrics-pass"));
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.StartsWith("text/plain", metrics.Content.Headers.ContentType?.ToString());
        Assert.Contains("# TYPE ", await metrics.Content.ReadAsStringAsync());

        // A page on another site makes the browser POST with the cached Basic credentials but without the token.
        var trigger = new Dictionary<string, string> { ["jobs[]"] = DueRemindersJob.RecurringId };
        using var forged = await SendAsync(http, HttpMethod.Post, "hangfire/recurring/trigger", Basic("ops", "dashboard-pass"),
            new FormUrlEncodedContent(trigger), origin: CrossOrigin);
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);

        // The dashboard's own page carries the token (and sets its cookie): with both, the same action works.
        var header = CsrfHeader().Match(page).Groups[1].Value;
        var token = WebUtility.HtmlDecode(CsrfToken().Match(page).Groups[1].Value);
        var cookie = string.Join("; ", dashboard.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        Assert.NotEmpty(header);
        Assert.NotEmpty(token);
        using var genuine = await SendAsync(http, HttpMethod.Post, "hangfire/recurring/trigger", Basic("ops", "dashboard-pass"),
            new FormUrlEncodedContent(trigger), extra: new() { [header] = token, ["Cookie"] = cookie });
        Assert.Equal(HttpStatusCode.NoContent, genuine.StatusCode);
    }

    [Fact]
    public async Task Production_NoCredentials_BothOff_EvenFromLoopback()
    {
        await using var host = HostProcess.Start(Settings("Production", credentials: false));
        await host.WaitReadyAsync();
        await using var proxy = await LoopbackProxy.StartAsync(host.BaseAddress, Client);
        using var viaProxy = new HttpClient { BaseAddress = proxy.BaseAddress };
        using var direct = new HttpClient { BaseAddress = host.BaseAddress };

        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(viaProxy, "hangfire"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(viaProxy, "metrics"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(direct, "hangfire"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(direct, "metrics"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(viaProxy, "hangfire/recurring/trigger", method: HttpMethod.Post));
    }

    [Fact]
    public async Task Development_NoCredentials_LoopbackOnly_TheProxyDoesNotMakeTheInternetLocal()
    {
        await using var host = HostProcess.Start(Settings("Development", credentials: false));
        await host.WaitReadyAsync();
        await using var proxy = await LoopbackProxy.StartAsync(host.BaseAddress, Client);
        await using var localProxy = await LoopbackProxy.StartAsync(host.BaseAddress, "127.0.0.1");
        using var viaProxy = new HttpClient { BaseAddress = proxy.BaseAddress };
        using var viaLocalProxy = new HttpClient { BaseAddress = localProxy.BaseAddress };
        using var direct = new HttpClient { BaseAddress = host.BaseAddress };

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(direct, "hangfire"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(direct, "metrics"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(viaLocalProxy, "metrics")); // a local browser through the proxy
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(viaProxy, "hangfire"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(viaProxy, "metrics"));
    }

    private static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    private static async Task<HttpStatusCode> StatusAsync(HttpClient http, string path, AuthenticationHeaderValue? auth = null, HttpMethod? method = null)
    {
        using var response = await SendAsync(http, method ?? HttpMethod.Get, path, auth);
        return response.StatusCode;
    }

    private static Task<HttpResponseMessage> SendAsync(
        HttpClient http, HttpMethod method, string path, AuthenticationHeaderValue? auth,
        HttpContent? content = null, string? origin = null, Dictionary<string, string>? extra = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = auth;
        if (origin is not null)
        {
            request.Headers.TryAddWithoutValidation("Origin", origin);
        }

        foreach (var (name, value) in extra ?? [])
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return http.SendAsync(request);
    }

    [GeneratedRegex("<meta name=\"csrf-header\" content=\"([^\"]+)\"")]
    private static partial Regex CsrfHeader();

    [GeneratedRegex("<meta name=\"csrf-token\" content=\"([^\"]+)\"")]
    private static partial Regex CsrfToken();
}
