using System.Net;
using FeedbackBot.Testing;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace FeedbackBot.Web.Tests;

/// <summary>Sign-in links and sessions over HTTP against the real pipeline and a real redis-server.</summary>
public sealed class SignInTests
{
    [RedisFact]
    public async Task WebCommand_DmsALinkThatPrefetchCannotUseAndThatSignsInOnce()
    {
        await using var host = await WebTestHost.StartAsync();
        var link = await host.SignInLinkAsync("U1");
        Assert.StartsWith(host.BaseAddress + "app/login/", link.ToString());

        using var previewer = Http.Client(host.BaseAddress);
        using (var preview = await previewer.GetAsync(link)) // an unfurler or mail scanner: sees a button, no session
        {
            Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
            Assert.DoesNotContain(preview.Headers.TryGetValues("Set-Cookie", out var c) ? c : [], v => v.StartsWith("fb_web=", StringComparison.Ordinal));
        }

        using var browser = Http.Client(host.BaseAddress);
        using var signIn = await Http.SignInAsync(browser, link);
        Assert.Equal(HttpStatusCode.SeeOther, signIn.StatusCode);
        Assert.Equal("/app", signIn.Headers.Location?.ToString());
        var cookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), v => v.StartsWith("fb_web=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/app", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase); // plain HTTP here; Secure under HTTPS
        using var page = await browser.GetAsync("/app");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);

        using var again = Http.Client(host.BaseAddress);
        using var reuse = await again.GetAsync(link);
        Assert.Equal(HttpStatusCode.Gone, reuse.StatusCode);
        Assert.Contains("used already or has expired", await reuse.Content.ReadAsStringAsync());
    }

    [RedisFact]
    public async Task Link_ExpiresAfterTenMinutes()
    {
        await using var host = await WebTestHost.StartAsync();
        var link = await host.SignInLinkAsync("U1");
        using var browser = Http.Client(host.BaseAddress);
        var token = Http.FormToken(await browser.GetStringAsync(link));

        host.Time.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));

        using var post = await browser.PostAsync(link, Http.Form(token));
        Assert.Equal(HttpStatusCode.Gone, post.StatusCode);
        using var page = await browser.GetAsync("/app");
        Assert.Equal(HttpStatusCode.Unauthorized, page.StatusCode);
    }

    [RedisFact]
    public async Task PostWithoutAntiforgeryToken_RefusedAndTheLinkIsNotUsedUp()
    {
        await using var host = await WebTestHost.StartAsync();
        var link = await host.SignInLinkAsync("U1");
        using var browser = Http.Client(host.BaseAddress);
        await browser.GetStringAsync(link); // has the antiforgery cookie, but posts no field (a cross-site form would)

        using var forged = await browser.PostAsync(link, Http.Form(null));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        using var wrong = await browser.PostAsync(link, Http.Form("not-a-token"));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);

        using var real = await Http.SignInAsync(browser, link);
        Assert.Equal(HttpStatusCode.SeeOther, real.StatusCode);
    }

    [RedisFact]
    public async Task SignOut_EndsTheSessionOnTheServer_ACopiedCookieDiesToo()
    {
        await using var host = await WebTestHost.StartAsync();
        var cookies = new CookieContainer();
        using var browser = Http.Client(host.BaseAddress, cookies);
        using (await Http.SignInAsync(browser, await host.SignInLinkAsync("U1"))) { }
        var copied = new CookieContainer();
        copied.Add(cookies.GetAllCookies());
        using var thief = Http.Client(host.BaseAddress, copied);
        using (var before = await thief.GetAsync("/app")) Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        var page = await browser.GetStringAsync("/app");
        using var logout = await browser.PostAsync("/app/logout", Http.Form(Http.FormToken(page)));
        Assert.Equal(HttpStatusCode.OK, logout.StatusCode);

        using var after = await thief.GetAsync("/app");
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [RedisFact]
    public async Task LogoutWithoutAntiforgeryToken_Refused_SessionStays()
    {
        await using var host = await WebTestHost.StartAsync();
        using var browser = Http.Client(host.BaseAddress);
        using (await Http.SignInAsync(browser, await host.SignInLinkAsync("U1"))) { }

        using var forged = await browser.PostAsync("/app/logout", Http.Form(null));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        using var page = await browser.GetAsync("/app");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [RedisFact]
    public async Task Links_AreStoredOnlyAsTheirHash()
    {
        await using var host = await WebTestHost.StartAsync();
        var link = await host.SignInLinkAsync("U1");
        var token = link.Segments[^1];
        var mux = host.Services.GetRequiredService<IConnectionMultiplexer>();
        var server = mux.GetServer(mux.GetEndPoints()[0]);
        var prefix = host.Services.GetRequiredService<Redis.Keys>().Prefix + ":web:link:";
        var keys = server.Keys(pattern: prefix + "*").Select(k => k.ToString()).ToArray();
        var key = Assert.Single(keys);
        Assert.DoesNotContain(token, key);
        Assert.DoesNotContain(token, (string?)await mux.GetDatabase().StringGetAsync(key) ?? "");
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(token))), key[prefix.Length..]);
    }

    [RedisFact]
    public async Task Pages_CarryTheSecurityHeaders_AndTheStylesheetIsTheOnlyAsset()
    {
        await using var host = await WebTestHost.StartAsync();
        using var browser = Http.Client(host.BaseAddress);
        foreach (var path in new[] { "/app", (await host.SignInLinkAsync("U1")).PathAndQuery, "/app/assets/app.css" })
        {
            using var response = await browser.GetAsync(path);
            var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("default-src 'none'", csp);
            Assert.Contains("style-src 'self'", csp);
            Assert.Contains("frame-ancestors 'none'", csp);
            Assert.DoesNotContain("unsafe-inline", csp);
            Assert.DoesNotContain("script-src", csp); // default-src 'none': no script at all
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        }

        using var css = await browser.GetAsync("/app/assets/app.css");
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
        Assert.Contains("immutable", css.Headers.CacheControl?.ToString());
        var html = await (await browser.GetAsync("/app")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("style=", html, StringComparison.OrdinalIgnoreCase);
    }

    [RedisFact]
    public async Task Insights_404WhenNoInsightsQueryIsRegistered()
    {
        await using var host = await WebTestHost.StartAsync();
        using var browser = Http.Client(host.BaseAddress);
        using (await Http.SignInAsync(browser, await host.SignInLinkAsync("U1"))) { }
        using var response = await browser.GetAsync("/app/insights");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
