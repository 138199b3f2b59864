using FeedbackBot.Core.Feedback;
using Xunit.Abstractions;

namespace FeedbackBot.Core.Tests.Coaching;

/// <summary>
/// Honest measurement, per language. Development sets (English <see cref="LabelledDrafts"/> and
/// <see cref="HoldoutDrafts"/>, Spanish and German <c>Coaching/Dev/*.tsv</c>) were read while writing the rules;
/// the held-out sets (<c>Coaching/HeldOut/{en,es,de}.tsv</c>) were written and labelled by someone who saw only
/// the criteria's definitions, after the rules were frozen. Both are printed with their confusion counts.
/// Issue 15's bar is 90 % per criterion on every held-out set; the first and only measurement (rules frozen at
/// 88b7464, 30 Nov 2026) missed it on <c>why</c> in all three languages and on some criteria in Spanish and
/// German (docs/coach.md, "Held-out agreement"). Until the rules are improved — and then measured on a NEW held-out
/// set, since these drafts have now been seen — the held-out test guards that measured level against regressions;
/// it does not claim the target.
/// </summary>
public sealed class HeldOutAgreementTests(ITestOutputHelper output)
{
    private const double RequiredAgreement = 0.90;

    /// <summary>Agreement measured once on the held-out sets (specific, why, actionable, kind, timely), per language.</summary>
    private static readonly Dictionary<string, double[]> MeasuredHeldOut = new()
    {
        ["en"] = [0.938, 0.753, 0.914, 0.901, 0.938],
        ["es"] = [0.928, 0.687, 0.771, 0.880, 0.916],
        ["de"] = [0.892, 0.602, 0.843, 0.843, 0.928],
    };

    public static TheoryData<string> Languages() => new() { "en", "es", "de" };

    [Theory]
    [MemberData(nameof(Languages))]
    public void ReviewHeldOutSet_PrintsAgreement_AndStaysAtTheMeasuredLevel(string language)
    {
        var path = Path.Combine(LabelledTsv.Folder("HeldOut"), language + ".tsv");
        Assert.True(File.Exists(path), $"No held-out set at {path}.");
        var cases = LabelledTsv.Load(path);
        Assert.True(cases.Count >= 60, $"{language}: only {cases.Count} held-out drafts; the issue asks for at least 60.");

        var rates = Agreement.Measure(cases, language, output, $"Held-out set ({language})");
        output.WriteLine($"Issue 15's bar: {RequiredAgreement:P0} per criterion; below it: " +
            string.Join(", ", rates.Where(r => r.Rate < RequiredAgreement).Select(r => $"{r.Name} {r.Rate:P1}").DefaultIfEmpty("none")));

        var regressions = rates.Select((r, i) => (r, floor: MeasuredHeldOut[language][i] - 0.0005))
            .Where(x => x.r.Rate < x.floor)
            .Select(x => $"{x.r.Name} {x.r.Rate:P1} (was {x.floor + 0.0005:P1})")
            .ToList();
        Assert.True(regressions.Count == 0, $"{language}: held-out agreement fell: {string.Join(", ", regressions)}");
    }

    /// <summary>The development sets, printed the same way; they guard against regressions at the same bar.</summary>
    [Theory]
    [MemberData(nameof(Languages))]
    public void ReviewDevelopmentSet_PrintsAgreementAndConfusion(string language)
    {
        var cases = language == "en"
            ? LabelledDrafts.All.Concat(HoldoutDrafts.All).ToList()
            : LabelledTsv.Load(Path.Combine(LabelledTsv.Folder("Dev"), language + ".tsv"));

        var rates = Agreement.Measure(cases, language, output, $"Development set ({language})");

        var failures = rates.Where(r => r.Rate < RequiredAgreement).Select(r => $"{r.Name} {r.Rate:P1}").ToList();
        Assert.True(failures.Count == 0, $"{language}: below {RequiredAgreement:P0}: {string.Join(", ", failures)}");
    }

    [Fact]
    public void LoadTsv_ReadsKindLabelsHardAndEscapes()
    {
        var cases = LabelledTsv.Load(Path.Combine(LabelledTsv.Folder("Samples"), "sample.tsv"));

        Assert.Equal(4, cases.Count);
        Assert.Equal(FeedbackKind.Praise, cases[0].Draft.Kind);
        Assert.Equal(FeedbackKind.Constructive, cases[1].Draft.Kind);
        Assert.Null(cases[2].Draft.Kind);
        Assert.Equal("mmnmm", cases[0].Labels);
        Assert.False(cases[0].Hard);
        Assert.True(cases[2].Hard);
        Assert.Equal("First line.\nSecond line with a tab\tand a backslash \\n kept.", cases[3].Draft.Part("text"));
    }

    [Theory]
    [InlineData("p\tmmnmm\t-", "4 tab-separated columns")]
    [InlineData("q\tmmnmm\t-\ttext", "kind must be")]
    [InlineData("p\tmmnm\t-\ttext", "labels must be")]
    [InlineData("p\tmmnmz\t-\ttext", "labels must be")]
    [InlineData("p\tmmnmm\tH\ttext", "hard must be")]
    [InlineData("p\tmmnmm\t-\t  ", "empty text")]
    public void ParseTsv_MalformedLine_FailsNamingTheLine(string line, string message)
    {
        var error = Assert.Throws<FormatException>(() => LabelledTsv.Parse(["kind\tlabels\thard\ttext", "", line], "x.tsv"));

        Assert.Contains("x.tsv line 3", error.Message);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void MeasureSample_PrintsConfusionAndAgreesWithItsObviousLabels()
    {
        var cases = LabelledTsv.Load(Path.Combine(LabelledTsv.Folder("Samples"), "sample.tsv"));

        var rates = Agreement.Measure([.. cases.Take(3)], "en", output, "Sample");

        Assert.Equal(5, rates.Count);
        Assert.All(rates, r => Assert.Equal(1.0, r.Rate));
    }
}
