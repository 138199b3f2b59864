using System.Text.RegularExpressions;
using FeedbackBot.Core.Ports;
using FeedbackBot.Web.Charts;
using FeedbackBot.Web.Growth;
using FeedbackBot.Web.Pages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace FeedbackBot.Web.Tests;

/// <summary>The pages as HTML: user text escaped exactly once, charts accessible, nothing inline that the CSP forbids.</summary>
public sealed partial class RenderingTests
{
    private const string Hostile = "<script>alert(1)</script> & \"quotes\" 'x' <img src=x onerror=alert(2)>";
    private static readonly FormToken Token = new("__af", "tok\"en");
    private readonly PageRenderer _pages = new(new ServiceCollection().BuildServiceProvider(), NullLoggerFactory.Instance);

    private static GrowthPageModel Model(string text, string name = "Ada", string theme = "Delegation") => new(
        name,
        GrowthFilter.None,
        [new Option("th1", theme)],
        [new Option("U2", name)],
        [new TimelineEntry(DateTimeOffset.Parse("2026-03-01T10:00:00Z"), "Praise", name, [("", text)], [theme], null)],
        1, null,
        [new ThemeSummary("th1", theme, 1, 1)],
        [new CommitmentRow(text, theme, DateTimeOffset.Parse("2026-02-01T10:00:00Z"), CommitmentOutcome.Done, null)],
        [new Chart("per-month", "Received <per> month", "Desc & more", "", ChartKind.Bars, ["Jan 26", "Feb 26"], [new ChartSeries("Received", [1, 3]), new ChartSeries("Given", [0, 2])])],
        []);

    private Task<string> RenderGrowthAsync(GrowthPageModel model) => _pages.RenderAsync<GrowthPage>(new Dictionary<string, object?>
    {
        [nameof(GrowthPage.Model)] = model,
        [nameof(GrowthPage.SignOut)] = Token,
    });

    [Fact]
    public async Task UserText_IsEscapedExactlyOnce_Everywhere()
    {
        var html = await RenderGrowthAsync(Model(Hostile, name: Hostile, theme: Hostile));

        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<img", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;", html);
        Assert.DoesNotContain("&amp;lt;", html); // not twice
        Assert.Contains("value=\"tok&quot;en\"", html);
        Assert.Contains("Received &lt;per&gt; month", html);
    }

    [Fact]
    public async Task GrowthPage_HasNoScriptAndNoInlineStyle()
    {
        var html = await RenderGrowthAsync(Model("Nice demo"));

        Assert.StartsWith("<!DOCTYPE html>", html.TrimStart());
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("style=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" on", Regex.Replace(html, "\"[^\"]*\"", "\"\"")); // no event-handler attributes
        Assert.Contains("<form method=\"post\" action=\"/app/logout\"", html);
    }

    [Fact]
    public async Task Chart_HasTitleDescriptionAriaAndADataTable()
    {
        var html = await RenderGrowthAsync(Model("Nice demo"));

        Assert.Matches("<svg[^>]*role=\"img\"[^>]*aria-labelledby=\"per-month-t\"[^>]*aria-describedby=\"per-month-d\"", html);
        Assert.Contains("<title id=\"per-month-t\">Received &lt;per&gt; month</title>", html);
        Assert.Contains("<desc id=\"per-month-d\">Desc &amp; more</desc>", html);
        Assert.Equal(4, RectCount().Matches(html).Count); // one per value, a zero a bar of height 0 (a gap would draw none)
        Assert.Contains("<th scope=\"row\">Feb 26</th>", html);
        Assert.Contains("<td>3</td>", html);
    }

    [Fact]
    public async Task Numbers_InSvg_AreInvariant_WhateverTheCulture()
    {
        var before = System.Globalization.CultureInfo.CurrentCulture;
        // The process runs without ICU (InvariantGlobalization), so no named culture exists: a copy of the invariant
        // one with German separators stands in for an operator whose culture writes "1,5".
        var german = (System.Globalization.CultureInfo)System.Globalization.CultureInfo.InvariantCulture.Clone();
        german.NumberFormat.NumberDecimalSeparator = ",";
        german.NumberFormat.NumberGroupSeparator = ".";
        System.Globalization.CultureInfo.CurrentCulture = german;
        try
        {
            var html = await RenderGrowthAsync(Model("x"));
            Assert.DoesNotMatch("(x|y|width|height)=\"\\d+,\\d", html);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = before;
        }
    }

    [GeneratedRegex("<rect class=\"s\\d\"")]
    private static partial Regex RectCount();
}
