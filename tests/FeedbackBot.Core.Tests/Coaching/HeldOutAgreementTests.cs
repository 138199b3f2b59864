using FeedbackBot.Core.Feedback;
using Xunit.Abstractions;

namespace FeedbackBot.Core.Tests.Coaching;

/// <summary>
/// Honest measurement, per language. Every folder <c>Coaching/HeldOut*/</c> with <c>{en,es,de}.tsv</c> is read and
/// printed with its confusion counts per criterion, and so is the development set (<c>Dev/</c>, with the English
/// drafts in <c>LabelledDrafts.cs</c> and <c>HoldoutDrafts.cs</c>). Each folder asserts the level recorded for it in
/// <see cref="HeldOutLevels"/>, on every criterion of every language.
/// </summary>
public sealed class HeldOutAgreementTests(ITestOutputHelper output)
{
    /// <summary>Issue 15's bar: 90 % per criterion per language.</summary>
    private const double RequiredAgreement = 0.90;

    /// <summary>The folder that used to be held out and is now read for development.</summary>
    private const string FormerHeldOut = "HeldOut";

    /// <summary>The development set's folder (Spanish and German; English lives in <c>LabelledDrafts.cs</c>).</summary>
    private const string Development = "Dev";

    /// <summary>
    /// What the coach is expected to reach on a set it has never seen, for a folder not yet in
    /// <see cref="HeldOutLevels"/>: below the 90 % it reaches on the sets it was developed on, because the rules
    /// cannot contain every phrasing (docs/coach.md, "Quality").
    /// </summary>
    private const double StatedHeldOutLevel = 0.80;

    /// <summary>
    /// Per folder, the agreement every criterion must reach in every language: one table, so a new held-out set is
    /// one line (<c>["HeldOut3"] = 0.xx</c>, the level measured on it when it is first read with the rules frozen).
    /// Development folders (read while writing the rules) assert issue 15's 90 %.
    /// </summary>
    internal static readonly IReadOnlyDictionary<string, double> HeldOutLevels = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        [Development] = RequiredAgreement,
        // Held out until coach v3 (measured at 88b7464: why 60–75 %), read for development since.
        [FormerHeldOut] = RequiredAgreement,
        // Written 2026-11-30 by an engineer who never saw the rules; measured against coach v3 (lowest: German why
        // 75.0 %), then read for development in coach v4: every criterion ≥ 92 % in every language.
        ["HeldOut2"] = RequiredAgreement,
        // Written 2026-11-30 by an independent labeller after coach v4's rules froze (a4747d7), and labelled blind
        // by a second one (1,049 of 1,050 label cells agree; HeldOut3/README.md). First reading with v4: why
        // 82.9–88.6 %, actionable 80.0–88.6 %, the rest ≥ 90 %. Read miss by miss for coach v5 (a development set
        // since): every criterion ≥ 90 % in every language.
        ["HeldOut3"] = RequiredAgreement,
        // Written 2026-11-30 by an independent labeller while coach v5 was being written (the coach's engineer never
        // read it), labelled blind by a second one (1,049 of 1,050 label cells agree; HeldOut4/README.md). First
        // reading with v5's rules frozen (49fd78f): why 80.0–87.1 %, the rest ≥ 90 %: issue 15's bar is not met on
        // why. Read miss by miss (why only) for coach v6 (a development set since): every criterion ≥ 90 % in every
        // language (why en 90.0, es 90.0, de 91.4 %).
        ["HeldOut4"] = RequiredAgreement,
        // Written 2026-11-30 by an independent labeller while coach v6 was being written (its engineer never read it),
        // labelled blind by a second one (1,049 of 1,050 label cells agree; HeldOut5/README.md). First reading with
        // v6's rules frozen (2587389): why 74.3–85.7 %, the rest ≥ 91.4 %: issue 15's bar is not met on why. Read for
        // coach v7 (a development set since), whose rules were kept only with support in other sets: why en 94.3,
        // es 90.0, de 84.3 %; 80 % guarded it. Coach v9 (German second main clauses, "uns" as an object): why de 92.9 %,
        // every criterion ≥ 90 % in every language, so it asserts issue 15's bar.
        ["HeldOut5"] = RequiredAgreement,
        // Written 2026-11-30 by an independent labeller after coach v7's rules froze (9ca1984), labelled blind by a
        // second one (1,048 of 1,050 label cells agree; HeldOut6/README.md). First reading with v7 frozen: why en
        // 92.9, es 84.3, de 84.3 %; actionable en 88.6, es 91.4, de 88.6 %; the rest ≥ 92.9 %: issue 15's bar is
        // not met on why (es, de) and actionable (en, de). Read for coach v8 (a development set since), whose rules were
        // kept for their support in other sets: why en 95.7, es 88.6, de 85.7 %; actionable 97.1 / 92.9 / 92.9 %;
        // still below 90 % on why (es, de), so 80 % guarded it. Coach v9: why 95.7 / 92.9 / 91.4 %, every criterion ≥ 90 %.
        ["HeldOut6"] = RequiredAgreement,
        // Written 2026-11-30 by an independent labeller after coach v8's rules froze (ed0dce6), the three languages
        // independently of each other, labelled blind by a second one (1,046 of 1,050 label cells agree;
        // HeldOut7/README.md). First reading with v8 frozen: why en 90.0, es 85.7, de 87.1 %; every other criterion
        // ≥ 92.9 % in every language: issue 15's bar is not met on why (es, de). Read for coach v9 (a development set
        // since), whose rules were kept for their support in other sets: why en 90.0, es 88.6, de 92.9 %; Spanish why is
        // still below 90 %, so 80 % guarded it. Coach v10 ("le pido", the "usted" form of "te pido"): why es 90.0 %,
        // every criterion ≥ 90 % in every language, so it asserts issue 15's bar.
        ["HeldOut7"] = RequiredAgreement,
        // Written 2026-11-30 by an independent labeller after coach v9's rules froze (6f0276c), labelled blind by a
        // second one (1,040 of 1,050 label cells agree; HeldOut8/README.md). First reading with v9 frozen: why en 90.0,
        // es 88.6, de 88.6 %; actionable en 87.1 %; every other criterion ≥ 92.9 %: issue 15's bar is not met on why
        // (es, de) and actionable (en), each one or two drafts short. Read for coach v10 (a development set since), whose
        // rules were kept for their support in other sets: why 92.9 / 91.4 / 90.0 %, actionable 95.7 / 97.1 / 94.3 %,
        // every criterion ≥ 90 % in every language, so it asserts issue 15's bar.
        ["HeldOut8"] = RequiredAgreement,
        // Written 2026-11-30 by an independent labeller after coach v10's rules froze (4394182), labelled blind by a
        // second one (1,033 of 1,050 label cells agree; HeldOut9/README.md). First reading with v10 frozen: why en 95.7,
        // es 90.0, de 85.7 %; every other criterion ≥ 92.9 % in every language: issue 15's bar is met on 14 of 15
        // criterion-language pairs, not on German why (three drafts short). Read for coach v11 (a development set since),
        // whose rules were kept only for support outside it: German why 87.1 %, still under 90 %, so 80 % guards it.
        // Coach v12 ("mit deiner" only fronted, confirmed by HeldOut10): German why 88.6 %, one draft short.
        ["HeldOut9"] = 0.80,
        // Written 2026-11-30 by an independent labeller after coach v11's rules froze (ddc9b11), labelled blind by a
        // second one (1,048 of 1,050 label cells agree; HeldOut10/README.md). First reading with v11 frozen (after a
        // bounds fix it exposed, no rule change): kind en 88.6 %; every other criterion ≥ 90 % in every language (why
        // 90.0 / 92.9 / 91.4 %): issue 15's bar is met on 14 of 15 criterion-language pairs, not on English kind.
        // Read for coach v12 (a development set since), whose kind rules were kept for their support in other sets:
        // kind en 90.0 %, every criterion ≥ 90 % in every language, so it asserts issue 15's bar.
        ["HeldOut10"] = RequiredAgreement,
        // Written 2026-11-30 by an independent labeller after coach v12's rules froze (bbb8672, 20:42 UTC; the set at
        // 20:45–20:56 UTC), labelled blind by a second one (1,050 of 1,050 label cells agree; HeldOut11/README.md).
        // First reading with v12 frozen: every criterion ≥ 90 % in every language — issue 15's bar on all 15
        // criterion-language pairs of a set the rules never saw (lowest: German specific 90.0 %, English why 91.4 %).
        ["HeldOut11"] = RequiredAgreement,
    };

    /// <summary>The level asserted for <paramref name="folder"/>: its entry in <see cref="HeldOutLevels"/>, or the stated held-out level.</summary>
    internal static double LevelOf(string folder) => HeldOutLevels.GetValueOrDefault(folder, StatedHeldOutLevel);

    public static TheoryData<string> Languages() => new() { "en", "es", "de" };

    /// <summary>Every (folder, language) of the HeldOut*/ folders next to the tests.</summary>
    public static TheoryData<string, string> HeldOutSets()
    {
        var data = new TheoryData<string, string>();
        var root = Path.Combine(AppContext.BaseDirectory, "Coaching");
        foreach (var folder in Directory.GetDirectories(root, "HeldOut*").Order(StringComparer.Ordinal))
        {
            foreach (var language in new[] { "en", "es", "de" })
            {
                if (File.Exists(Path.Combine(folder, language + ".tsv"))) data.Add(Path.GetFileName(folder), language);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(HeldOutSets))]
    public void ReviewHeldOutFolder_PrintsConfusion_AndMeetsItsLevel(string set, string language)
    {
        var cases = LabelledTsv.Load(Path.Combine(LabelledTsv.Folder(set), language + ".tsv"));
        Assert.True(cases.Count >= 60, $"{set}/{language}: only {cases.Count} drafts; the issue asks for at least 60.");

        var level = LevelOf(set);
        var rates = Agreement.Measure(cases, language, output, $"Set {set} ({language}), asserted at {level:P0}", Agreement.HeldOutWritten);
        output.WriteLine($"Asserted: {level:P0} per criterion; issue 15's bar {RequiredAgreement:P0}; below it: " +
            string.Join(", ", rates.Where(r => r.Rate < RequiredAgreement).Select(r => $"{r.Name} {r.Rate:P1}").DefaultIfEmpty("none")));

        var failures = rates.Where(r => r.Rate < level - 0.0005).Select(r => $"{r.Name} {r.Rate:P1}").ToList();
        Assert.True(failures.Count == 0, $"{set}/{language}: below {level:P0}: {string.Join(", ", failures)}");
    }

    [Fact]
    public void HeldOutSets_IncludeEveryDevelopmentFolderInEveryLanguage()
    {
        var sets = HeldOutSets().Select(row => ((string)row[0], (string)row[1])).ToList();

        foreach (var folder in new[] { FormerHeldOut, "HeldOut2", "HeldOut3", "HeldOut4", "HeldOut5", "HeldOut6", "HeldOut7" })
        {
            Assert.Contains((folder, "en"), sets);
            Assert.Contains((folder, "es"), sets);
            Assert.Contains((folder, "de"), sets);
        }
    }

    [Fact]
    public void HeldOutLevels_DevelopmentFoldersAssertTheIssueBar_AndANewFolderItsStatedLevel()
    {
        Assert.Equal(RequiredAgreement, LevelOf(Development));
        Assert.Equal(RequiredAgreement, LevelOf(FormerHeldOut));
        Assert.Equal(RequiredAgreement, LevelOf("HeldOut2"));
        Assert.Equal(RequiredAgreement, LevelOf("HeldOut3"));
        Assert.Equal(RequiredAgreement, LevelOf("HeldOut4"));
        Assert.Equal(RequiredAgreement, LevelOf("HeldOut5"));
        Assert.Equal(RequiredAgreement, LevelOf("HeldOut6"));
        Assert.Equal(RequiredAgreement, LevelOf("HeldOut7"));
        Assert.Equal(RequiredAgreement, LevelOf("HeldOut8"));
        Assert.Equal(StatedHeldOutLevel, LevelOf("HeldOut9"));
        Assert.Equal(RequiredAgreement, LevelOf("HeldOut10"));
        Assert.Equal(RequiredAgreement, LevelOf("HeldOut11"));
        Assert.Equal(StatedHeldOutLevel, LevelOf("HeldOut12"));
    }

    /// <summary>The development sets, printed the same way; they guard against regressions at the same bar.</summary>
    [Theory]
    [MemberData(nameof(Languages))]
    public void ReviewDevelopmentSet_PrintsAgreementAndConfusion(string language)
    {
        var cases = language == "en"
            ? LabelledDrafts.All.Concat(HoldoutDrafts.All).ToList()
            : LabelledTsv.Load(Path.Combine(LabelledTsv.Folder("Dev"), language + ".tsv"));

        var level = LevelOf(Development);
        var rates = Agreement.Measure(cases, language, output, $"Development set ({language}), asserted at {level:P0}");

        var failures = rates.Where(r => r.Rate < level - 0.0005).Select(r => $"{r.Name} {r.Rate:P1}").ToList();
        Assert.True(failures.Count == 0, $"{language}: below {level:P0}: {string.Join(", ", failures)}");
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
