using System.Text.RegularExpressions;
using System.Net;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Ports;
using Microsoft.Playwright;

namespace FeedbackBot.Web.Tests;

/// <summary>Debian's Chromium, headless, through Microsoft.Playwright; one browser for the class.</summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(BrowserFactAttribute.Chromium))
        {
            return; // the tests skip themselves
        }

        _playwright = await Playwright.CreateAsync();
        // Playwright's own browser download cannot work here: Debian's Chromium, by path.
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = BrowserFactAttribute.Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
    }
}

/// <summary>
/// The web UI in a real browser against a real host with the fake Slack: sign in from a signed <c>/feedback web</c>,
/// read, filter, sign out; links refused when used or expired; people kept apart; insights for admins only.
/// </summary>
public sealed class BrowserTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private async Task<IPage> NewPageAsync(WebTestHost host)
    {
        var context = await chromium.Browser.NewContextAsync(new() { BaseURL = host.BaseAddress.ToString(), ViewportSize = new() { Width = 1200, Height = 900 } });
        // Nothing but the host under test: any other request would be a bug (or a leak).
        await context.RouteAsync("**/*", route => route.Request.Url.StartsWith(host.BaseAddress.ToString(), StringComparison.Ordinal)
            ? route.ContinueAsync() : route.AbortAsync());
        return await context.NewPageAsync();
    }

    private static async Task SignInAsync(IPage page, Uri link)
    {
        await page.GotoAsync(link.ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.WaitForURLAsync("**/app");
    }

    private static async Task<WebTestHost> SeededHostAsync(TestGrowth? growth = null)
    {
        var host = await WebTestHost.StartAsync(growth);
        host.SetUser("U1", "Ada Lovelace");
        host.SetUser("U2", "Grace Hopper");
        host.SetUser("U3", "Bea");
        return host;
    }

    [BrowserFact]
    public async Task SignIn_SeeMyFeedbackAndACharts_FilterByTheme_SignOut()
    {
        var growth = new TestGrowth();
        await using var host = await SeededHostAsync(growth);
        var delegation = await host.GiveAsync("U2", "U1", "You handed the release checklist to Bea and it went out on time.", ago: TimeSpan.FromDays(40));
        await host.GiveAsync("U3", "U1", "Your <b>demo</b> on Tuesday was clear & calm.", ago: TimeSpan.FromDays(3));
        await host.GiveAsync("U3", "U1", "Next time, share the agenda a day ahead.", FeedbackKind.Constructive, anonymous: true, ago: TimeSpan.FromDays(1));
        await host.GiveAsync("U1", "U2", "Thanks for pairing on the flaky test yesterday, it saved me an afternoon.", ago: TimeSpan.FromDays(2));
        growth.Records[WebTestHost.Person("U1")] = new GrowthRecord(
            [new GrowthTheme("th1", "Delegation", [delegation.Id])],
            [new CommitmentView("c1", "Hand one task a week to someone new", "th1", delegation.Id, host.Time.GetUtcNow().AddDays(-30), null, CommitmentOutcome.GoingWell, host.Time.GetUtcNow().AddDays(-5))]);

        var page = await NewPageAsync(host);
        await SignInAsync(page, await host.SignInLinkAsync("U1"));

        var main = page.Locator("main");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My growth", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(main).ToContainTextAsync("release checklist");
        await Assertions.Expect(main).ToContainTextAsync("Your <b>demo</b> on Tuesday was clear & calm."); // shown as typed, not as markup
        await Assertions.Expect(main).ToContainTextAsync("Hand one task a week to someone new");
        await Assertions.Expect(main).ToContainTextAsync("Going well");
        Assert.Equal(0, await page.Locator("main b").CountAsync());
        // The anonymous item says so and names nobody.
        var anonymous = page.Locator("li.item", new() { HasText = "agenda a day ahead" });
        await Assertions.Expect(anonymous.Locator(".from")).ToHaveTextAsync("Anonymous");
        // A chart, with its accessible name, and its data table.
        var chart = page.GetByRole(AriaRole.Img, new() { Name = "Feedback received and given per month" });
        await Assertions.Expect(chart).ToBeVisibleAsync();
        Assert.True(await page.Locator("#per-month svg rect").CountAsync() >= 2);
        await page.GetByText("Data table: Feedback received and given per month").ClickAsync();
        await Assertions.Expect(page.Locator("#per-month table")).ToBeVisibleAsync();

        await page.Locator("select[name=theme]").SelectOptionAsync(new SelectOptionValue { Label = "Delegation" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await page.WaitForURLAsync("**/app?theme=th1**");
        await Assertions.Expect(page.Locator("ol.timeline > li")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("ol.timeline")).ToContainTextAsync("release checklist");
        Assert.DoesNotContain("checklist", page.Url); // filters are ids, never text

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Signed out" })).ToBeVisibleAsync();
        var again = await page.GotoAsync("/app");
        Assert.Equal((int)HttpStatusCode.Unauthorized, again!.Status);
        await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync("release checklist");
    }

    [BrowserFact]
    public async Task UsedOrExpiredLink_Refused()
    {
        await using var host = await SeededHostAsync();
        var page = await NewPageAsync(host);
        var link = await host.SignInLinkAsync("U1");
        await SignInAsync(page, link);

        var other = await NewPageAsync(host);
        var reused = await other.GotoAsync(link.ToString());
        Assert.Equal((int)HttpStatusCode.Gone, reused!.Status);
        await Assertions.Expect(other.GetByRole(AriaRole.Heading, new() { Name = "This link no longer works" })).ToBeVisibleAsync();

        var late = await host.SignInLinkAsync("U1");
        await other.GotoAsync(late.ToString()); // opened in time...
        host.Time.Advance(TimeSpan.FromMinutes(11)); // ...but "Continue" pressed too late
        await other.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Assertions.Expect(other.GetByRole(AriaRole.Heading, new() { Name = "This link no longer works" })).ToBeVisibleAsync();
        var denied = await other.GotoAsync("/app");
        Assert.Equal((int)HttpStatusCode.Unauthorized, denied!.Status);
    }

    [BrowserFact]
    public async Task PersonA_NeverSeesPersonBsFeedback_WhateverTheUrl()
    {
        await using var host = await SeededHostAsync();
        await host.GiveAsync("U3", "U1", "Ada: great incident write-up.");
        await host.GiveAsync("U3", "U2", "Grace: SECRET-FOR-GRACE keep the retro shorter.", FeedbackKind.Constructive);
        await host.GiveAsync("U2", "U1", "From Grace, anonymously: ANON-TO-ADA", anonymous: true);
        var page = await NewPageAsync(host);
        await SignInAsync(page, await host.SignInLinkAsync("U1"));

        foreach (var url in new[] { "/app", "/app?giver=U2", "/app?giver=U3", "/app?person=U2", "/app?user=slack:T1:U2", "/app/U2", "/app/slack:T1:U2", "/app/insights?team=U2" })
        {
            await page.GotoAsync(url);
            Assert.DoesNotContain("SECRET-FOR-GRACE", await page.ContentAsync());
        }

        // Filtering by the anonymous giver's id finds nothing: it would tell who wrote the anonymous item.
        await page.GotoAsync("/app?giver=U2");
        Assert.DoesNotContain("ANON-TO-ADA", await page.Locator("main").InnerTextAsync());
        // And the giver list offers only named givers.
        var givers = await page.Locator("select[name=giver] option").AllInnerTextsAsync();
        Assert.DoesNotContain(givers, g => g.Contains("Grace", StringComparison.Ordinal));
        await page.GotoAsync("/app");
        Assert.Contains("ANON-TO-ADA", await page.Locator("main").InnerTextAsync());
    }

    [BrowserFact]
    public async Task Insights_403ForNonAdmins_AdminSeesSmallTeamSuppressedAndLargeTeamShown()
    {
        // The real insights: Core's recorder counting gives in Redis, Core's query, Slack's user groups from the fake.
        await using var host = await WebTestHost.StartAsync(insights: true);
        await host.SeedTeamsAsync();
        var (adminId, memberId) = (WebTestHost.TeamPeople[0], WebTestHost.TeamPeople[1]);
        var member = await NewPageAsync(host);
        await SignInAsync(member, await host.SignInLinkAsync(memberId));
        var refused = await member.GotoAsync("/app/insights");
        Assert.Equal((int)HttpStatusCode.Forbidden, refused!.Status);
        await Assertions.Expect(member.GetByRole(AriaRole.Link, new() { Name = "Team insights" })).ToHaveCountAsync(0);

        var admin = await NewPageAsync(host);
        await SignInAsync(admin, await host.SignInLinkAsync(adminId));
        await admin.GetByRole(AriaRole.Link, new() { Name = "Team insights" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Img, new() { Name = "Feedback given per week" })).ToBeVisibleAsync();

        await admin.Locator("select[name=team]").SelectOptionAsync("usergroup:S3");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await admin.WaitForURLAsync("**team=usergroup%3AS3");
        await Assertions.Expect(admin.Locator("main")).ToContainTextAsync("@squad: 3 people");
        Assert.Equal(0, await admin.Locator("svg rect, svg circle").CountAsync()); // nothing drawn for 3 people
        var cells = await admin.Locator("main td").CountAsync();
        Assert.True(cells > 0);
        Assert.Equal(cells, await admin.Locator("main td", new() { HasText = "fewer than 5 people" }).CountAsync());

        await admin.Locator("select[name=team]").SelectOptionAsync("usergroup:S6");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await admin.WaitForURLAsync("**team=usergroup%3AS6");
        await Assertions.Expect(admin.Locator("main")).ToContainTextAsync("@growth: 6 people");
        Assert.True(await admin.Locator("svg circle, svg rect").CountAsync() > 0);
        // This week's six gives by six people: shown, in the chart's data table.
        var given = admin.Locator("details", new() { HasText = "Data table: Feedback given per week" });
        await Assertions.Expect(given.Locator("td", new() { HasTextRegex = new Regex("^6 items$") })).ToHaveCountAsync(1);
        Assert.DoesNotContain("rollback", await admin.ContentAsync()); // never any feedback text
    }

    [BrowserFact]
    public async Task FormPostWithoutAntiforgeryToken_Refused()
    {
        await using var host = await SeededHostAsync();
        var page = await NewPageAsync(host);
        await SignInAsync(page, await host.SignInLinkAsync("U1"));

        // The browser's own cookies, no token: what a forged cross-site form would send.
        var forged = await page.Context.APIRequest.PostAsync("/app/logout", new() { Form = page.Context.APIRequest.CreateFormData() });
        Assert.Equal((int)HttpStatusCode.BadRequest, forged.Status);
        var still = await page.GotoAsync("/app");
        Assert.Equal((int)HttpStatusCode.OK, still!.Status);
    }
}
