using FeedbackBot.Core.Coaching;
using FeedbackBot.Core.Feedback;
using Microsoft.Extensions.Time.Testing;

namespace FeedbackBot.Core.Tests.Coaching;

/// <summary>Which language a draft is coached in: its own when clear, else the person's locale, else its lean, else English.</summary>
public sealed class CoachLanguageTests
{
    private readonly FeedbackCoach _coach = new(new FakeTimeProvider(Agreement.Now));

    private CoachReport Review(string text, string? locale) => _coach.Review(CoachDraft.FromText(text, FeedbackKind.Praise) with { Locale = locale });

    [Theory]
    [InlineData("Gute Arbeit bei der Demo am Dienstag, das hat dem Kunden sehr geholfen.", "en-US", "de", LanguageSource.Text)]
    [InlineData("Buen trabajo en la demo del martes, el cliente quedó muy contento.", "de-DE", "es", LanguageSource.Text)]
    [InlineData("Great job on the demo on Tuesday, the client was really happy.", "es-ES", "en", LanguageSource.Text)]
    [InlineData("Super!", "de-DE", "de", LanguageSource.Locale)]
    [InlineData("Genial!", "es_MX", "es", LanguageSource.Locale)]
    [InlineData("Top!", "pt-BR", "en", LanguageSource.Default)]
    [InlineData("Top!", null, "en", LanguageSource.Default)]
    public void Review_PicksTheDraftsLanguage_ThenTheLocale(string text, string? locale, string expected, LanguageSource source)
    {
        var report = Review(text, locale);

        Assert.Equal(expected, report.Language);
        Assert.Equal(source, report.LanguageSource);
    }

    [Fact]
    public void Review_GermanDraftFromEnglishLocale_GetsGermanTips()
    {
        var report = Review("Danke für alles, du bist die Beste!", "en-US");

        Assert.Equal("de", report.Language);
        Assert.Contains(report.Tips, t => t.Message.StartsWith("\"danke", StringComparison.Ordinal) || t.Message.Contains("Nenne den Moment", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("es-ES", "es")]
    [InlineData("de_AT", "de")]
    [InlineData("EN", "en")]
    [InlineData("fr-FR", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Find_ReadsThePrimaryLanguageOfALocale(string? locale, string? expected)
    {
        Assert.Equal(expected, CoachLanguages.Find(locale)?.Code);
    }

    [Fact]
    public void Detect_ShortOrMixedText_IsNotClear()
    {
        Assert.False(CoachLanguages.Detect("Super!").Clear);
        Assert.False(CoachLanguages.Detect("").Clear);
        Assert.True(CoachLanguages.Detect("Das war eine sehr gute Präsentation, danke dir.").Clear);
    }

    [Fact]
    public void Review_FixedLanguage_ReadsEveryDraftInIt()
    {
        var coach = new FeedbackCoach(new FakeTimeProvider(Agreement.Now), CoachLanguages.Find("es"));

        var report = coach.Review(CoachDraft.FromText("Great job on the demo on Tuesday, the client was really happy."));

        Assert.Equal("es", report.Language);
        Assert.Equal(LanguageSource.Fixed, report.LanguageSource);
    }
}
