using System.Text.Json;
using FeedbackBot.Host.Cli;
using Microsoft.Extensions.Time.Testing;

namespace FeedbackBot.Host.Tests.Cli;

public sealed class CoachCommandTests
{
    private static readonly FakeTimeProvider Time = new(new DateTimeOffset(2026, 3, 18, 9, 0, 0, TimeSpan.Zero));

    private static async Task<(int Code, string[] Lines)> RunAsync(string stdin, params string[] args)
    {
        var output = new StringWriter();
        var code = await CoachCommand.RunAsync(args, new StringReader(stdin), output, Time, CancellationToken.None);
        return (code, output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Fact]
    public async Task RunWithStdin_WritesOneJsonReportPerLine()
    {
        var (code, lines) = await RunAsync("Great job!\n{\"text\":\"You are lazy.\",\"kind\":\"constructive\"}\n");

        Assert.Equal(0, code);
        Assert.Equal(2, lines.Length);
        using var first = JsonDocument.Parse(lines[0]);
        using var second = JsonDocument.Parse(lines[1]);
        Assert.Equal("missing", first.RootElement.GetProperty("specific").GetProperty("verdict").GetString());
        Assert.Equal("not_applicable", first.RootElement.GetProperty("actionable").GetProperty("verdict").GetString());
        Assert.Equal("missing", second.RootElement.GetProperty("kind").GetProperty("verdict").GetString());
        Assert.Contains(second.RootElement.GetProperty("tips").EnumerateArray(), t => t.GetProperty("code").GetString() == "label");
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("{\"kind\":\"praise\"}")]
    [InlineData("{\"text\":\"Good demo\",\"kind\":\"angry\"}")]
    [InlineData("{\"text\":42}")]
    [InlineData("{\"text\":\"Good demo\",\"event_date\":\"yesterday\"}")]
    public async Task RunWithInvalidJsonLine_WritesErrorAndContinues(string bad)
    {
        var (code, lines) = await RunAsync($"{bad}\nGreat job on the demo on Tuesday, which helped sales.\n");

        Assert.Equal(0, code);
        Assert.Equal(2, lines.Length);
        using var error = JsonDocument.Parse(lines[0]);
        Assert.False(string.IsNullOrEmpty(error.RootElement.GetProperty("error").GetString()));
        using var next = JsonDocument.Parse(lines[1]);
        Assert.Equal("met", next.RootElement.GetProperty("specific").GetProperty("verdict").GetString());
    }

    [Fact]
    public async Task RunWithTemplateJson_ReviewsParts()
    {
        const string sbi = """{"template":"sbi","kind":"praise","parts":{"situation":"In Tuesday's demo","behaviour":"you answered every question","impact":""}}""";

        var (_, lines) = await RunAsync(sbi + "\n");

        using var report = JsonDocument.Parse(lines.Single());
        Assert.Equal("missing", report.RootElement.GetProperty("why").GetProperty("verdict").GetString());
    }

    [Fact]
    public async Task RunWithEventDate_UsesTheInjectedClock()
    {
        var (_, lines) = await RunAsync("""{"text":"In the demo you were clear, which helped.","event_date":"2026-01-05"}""" + "\n");

        using var report = JsonDocument.Parse(lines.Single());
        Assert.Equal("missing", report.RootElement.GetProperty("timely").GetProperty("verdict").GetString());
    }

    [Fact]
    public async Task RunWithEmptyLine_ReportsNothingToReview()
    {
        var (_, lines) = await RunAsync("\n");

        using var report = JsonDocument.Parse(lines.Single());
        Assert.True(report.RootElement.GetProperty("nothing_to_review").GetBoolean());
    }

    [Fact]
    public async Task RunWithText_PrintsReadableReport()
    {
        var (code, lines) = await RunAsync("", "Great job!", "--kind", "praise");

        Assert.Equal(0, code);
        Assert.StartsWith("language", lines[0]);
        Assert.Contains("en", lines[0]);
        Assert.StartsWith("specific", lines[1]);
        Assert.Contains(lines, l => l.StartsWith("actionable") && l.Contains("n/a"));
        Assert.Contains("Tips:", lines);
    }

    [Fact]
    public async Task RunWithGermanText_CoachesInGermanAndSaysSo()
    {
        var (code, lines) = await RunAsync("", "Danke für alles, du bist die Beste!", "--kind", "praise");

        Assert.Equal(0, code);
        Assert.Equal("language            de (the draft is written in it)", lines[0]);
        Assert.Contains(lines, l => l.Contains("Nenne den Moment", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("es", "es")]
    [InlineData("de", "de")]
    [InlineData("auto", "en")]
    public async Task RunWithLang_UsesThatLanguageAndReportsIt(string lang, string expected)
    {
        var (code, lines) = await RunAsync("Great job!\n", "--lang", lang);

        Assert.Equal(0, code);
        using var report = JsonDocument.Parse(lines.Single());
        Assert.Equal(expected, report.RootElement.GetProperty("language").GetString());
    }

    [Fact]
    public async Task RunWithLocaleInJson_UsesItWhenTheDraftIsUnclear()
    {
        var (_, lines) = await RunAsync("""{"text":"Genial!","locale":"es-ES"}""" + "\n");

        using var report = JsonDocument.Parse(lines.Single());
        Assert.Equal("es", report.RootElement.GetProperty("language").GetString());
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("klingon")]
    public async Task RunWithUnsupportedLang_ReturnsUsageError(string lang)
    {
        var (code, _) = await RunAsync("", "Great job!", "--lang", lang);

        Assert.Equal(2, code);
    }

    [Fact]
    public async Task RunWithUnknownOption_ReturnsUsageError()
    {
        var (code, lines) = await RunAsync("", "--frobnicate");

        Assert.Equal(2, code);
        Assert.Contains(lines, l => l.StartsWith("Usage"));
    }

    [Fact]
    public async Task RunWithCancelledToken_StopsReading()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            CoachCommand.RunAsync([], new StringReader("Great job!\n"), new StringWriter(), Time, cts.Token));
    }
}
