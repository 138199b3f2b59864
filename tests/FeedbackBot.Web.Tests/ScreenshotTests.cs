using FeedbackBot.Core;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Ports;
using FeedbackBot.Core.Requests;
using Microsoft.Playwright;

namespace FeedbackBot.Web.Tests;

/// <summary>
/// Both pages with a year of plausible data, as full-page screenshots. Set <c>FB_SCREENSHOTS</c> to a folder (the
/// README's come from <c>FB_SCREENSHOTS=docs/images</c>) to keep them; otherwise they go to a temp folder.
/// </summary>
public sealed class ScreenshotTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private static readonly string[] Praise =
    [
        "In Tuesday's demo you walked the client through the rollback plan step by step, which calmed them down.",
        "Thanks for reviewing my pull request within the hour yesterday; it unblocked the release.",
        "Your write-up of the incident on Friday was clear and blameless, and the team used it in the retro.",
        "You handed the release checklist to Bea and coached her through it; she ran the release alone this week.",
    ];

    private static readonly string[] Constructive =
    [
        "In Monday's planning the estimates came late; next time could you share them the day before?",
        "During the design review you cut Cem off twice. Letting him finish would help us hear his idea.",
    ];

    [BrowserFact]
    public async Task Screenshots_OfTheGrowthAndInsightsPages()
    {
        var growth = new TestGrowth();
        await using var host = await WebTestHost.StartAsync(growth, insights: true);
        await host.SeedTeamsAsync();
        host.Slack.SetAdmin("U1");
        host.SetUser("U1", "Ada Lovelace");
        host.SetUser("U2", "Grace Hopper");
        host.SetUser("U3", "Bea Koch");
        host.SetUser("U4", "Cem Aydın");
        var delegation = new List<string>();
        var rng = new Random(7);
        for (var day = 360; day > 0; day -= rng.Next(4, 12))
        {
            var constructive = rng.Next(4) == 0;
            var from = $"U{rng.Next(2, 5)}";
            var item = await host.GiveAsync(from, "U1", constructive ? Constructive[rng.Next(Constructive.Length)] : Praise[rng.Next(Praise.Length)],
                constructive ? FeedbackKind.Constructive : FeedbackKind.Praise, anonymous: rng.Next(6) == 0, ago: TimeSpan.FromDays(day));
            if (item.Content.PlainText.Contains("release", StringComparison.Ordinal)) delegation.Add(item.Id);
            await host.GiveAsync("U1", from, rng.Next(3) == 0 ? "great job" : Praise[rng.Next(Praise.Length)], ago: TimeSpan.FromDays(day + 1));
        }

        for (var month = 11; month >= 0; month -= 2)
        {
            var asked = host.Time.GetUtcNow().AddDays(-30 * month - 5);
            var request = new FeedbackRequest(Ids.New(host.Time, WebTestHost.Person("U1").Workspace), WebTestHost.Person("U1"), "How did my talk land?", null, asked, asked.AddDays(3),
            [
                new RequestRecipient(WebTestHost.Person("U2"), RecipientStatus.Answered, asked.AddHours(3 + month)),
                new RequestRecipient(WebTestHost.Person("U3"), RecipientStatus.Answered, asked.AddHours(20 - month)),
            ]);
            await host.Requests.SaveAsync(request, CancellationToken.None);
            // The answers arrive as feedback that names the request.
            await host.GiveAsync("U2", "U1", Praise[0], ago: host.Time.GetUtcNow() - asked.AddHours(3 + month), requestId: request.Id);
        }

        var now = host.Time.GetUtcNow();
        growth.Records[WebTestHost.Person("U1")] = new GrowthRecord(
            [new GrowthTheme("th1", "Delegation", delegation), new GrowthTheme("th2", "Meetings", [])],
            [
                new CommitmentView("c1", "Hand one release task a week to someone new", "th1", delegation.FirstOrDefault(), now.AddDays(-60), now.AddDays(-30), CommitmentOutcome.GoingWell, now.AddDays(-30)),
                new CommitmentView("c2", "Send estimates the day before planning", "th2", null, now.AddDays(-20), now.AddDays(-6), CommitmentOutcome.NotYet, now.AddDays(-6)),
                new CommitmentView("c3", "Let people finish before I answer", "th2", null, now.AddDays(-5), null, CommitmentOutcome.Open, null),
            ]);

        var dir = Environment.GetEnvironmentVariable("FB_SCREENSHOTS") is { Length: > 0 } d ? d : Directory.CreateTempSubdirectory("fb-shots-").FullName;
        var context = await chromium.Browser.NewContextAsync(new() { BaseURL = host.BaseAddress.ToString(), ViewportSize = new() { Width = 1200, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync((await host.SignInLinkAsync("U1")).ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.WaitForURLAsync("**/app");
        var growthShot = Path.Combine(dir, "web-growth.png");
        await page.ScreenshotAsync(new() { Path = growthShot, FullPage = true });

        await page.GotoAsync("/app/insights?team=usergroup:S6");
        var insightsShot = Path.Combine(dir, "web-insights.png");
        await page.ScreenshotAsync(new() { Path = insightsShot, FullPage = true });

        Assert.True(new FileInfo(growthShot).Length > 10_000);
        Assert.True(new FileInfo(insightsShot).Length > 10_000);
    }
}
