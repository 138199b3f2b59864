using System.Globalization;
using System.Text;
using FeedbackBot.Core.Coaching;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace FeedbackBot.Core.Tests.Coaching;

/// <summary>
/// Reviews labelled drafts with the coach as the product runs it (each draft in its own language, the person's
/// locale as fallback) and writes, per criterion, agreement and the confusion counts, the agreement on the hard
/// drafts, how many drafts were read in another language than the set's, and every disagreement.
/// </summary>
internal static class Agreement
{
    public static readonly DateTimeOffset Now = new(2026, 3, 18, 9, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// The day the HeldOut*/ sets were written and labelled (their README): "in March" was judged from there, so
    /// the coach reads them on that day too.
    /// </summary>
    public static readonly DateTimeOffset HeldOutWritten = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
    private static readonly Verdict[] Verdicts = [Verdict.Met, Verdict.Missing, Verdict.NotApplicable];
    private static readonly string[] Names = [CoachCriteria.Specific, CoachCriteria.Why, CoachCriteria.Actionable, CoachCriteria.Kind, CoachCriteria.Timely];

    /// <returns>Agreement per criterion, in report order.</returns>
    public static IReadOnlyList<(string Name, double Rate)> Measure(
        IReadOnlyList<LabelledDrafts.Case> cases, string locale, ITestOutputHelper output, string title, DateTimeOffset? now = null)
    {
        var at = now ?? Now;
        var coach = new FeedbackCoach(new FakeTimeProvider(at));
        var today = DateOnly.FromDateTime(at.UtcDateTime);
        // confusion[criterion, expected, actual]
        var confusion = new int[5, 3, 3];
        var hardAgree = new int[5];
        var hard = 0;
        var otherLanguage = new List<string>();
        var disagreements = new StringBuilder();

        foreach (var c in cases)
        {
            var draft = c.Draft with { Locale = locale };
            if (c.DaysAgo is { } days) draft = draft with { EventDate = today.AddDays(-days) };
            var report = coach.Review(draft);
            if (report.Language != locale) otherLanguage.Add($"{report.Language}: {c.Name}");
            if (c.Hard) hard++;
            var k = 0;
            foreach (var (name, result) in report.Criteria)
            {
                var expected = Parse(c.Labels[k]);
                confusion[k, (int)expected, (int)result.Verdict]++;
                if (expected == result.Verdict && c.Hard) hardAgree[k]++;
                if (expected != result.Verdict)
                {
                    disagreements.AppendLine($"  {name}: expected {expected}, got {result.Verdict} [{string.Join("; ", result.Evidence)}]{(c.Hard ? " (hard)" : "")} <- {c.Name.ReplaceLineEndings(" / ")}");
                }
                k++;
            }
        }

        var rates = new List<(string, double)>();
        output.WriteLine($"== {title}: {cases.Count} labelled drafts ({hard} hard), locale {locale}, today {today:yyyy-MM-dd}. Confusion (rows = label, columns = coach: met / missing / n/a):");
        for (var k = 0; k < Names.Length; k++)
        {
            var agree = 0;
            for (var v = 0; v < 3; v++) agree += confusion[k, v, v];
            var rate = cases.Count == 0 ? 1 : (double)agree / cases.Count;
            var hardRate = hard == 0 ? "" : $", hard {(double)hardAgree[k] / hard:P1} ({hardAgree[k]}/{hard})";
            output.WriteLine($"{Names[k],-10} agreement {rate:P1} ({agree}/{cases.Count}){hardRate}");
            foreach (var expected in Verdicts)
            {
                var row = string.Join(" ", Verdicts.Select(actual => confusion[k, (int)expected, (int)actual].ToString(CultureInfo.InvariantCulture).PadLeft(5)));
                output.WriteLine($"    {expected,-14}{row}");
            }
            rates.Add((Names[k], rate));
        }
        output.WriteLine($"Read in another language than {locale}: {otherLanguage.Count}");
        foreach (var line in otherLanguage) output.WriteLine("  " + line.ReplaceLineEndings(" / "));
        output.WriteLine("Disagreements:");
        output.WriteLine(disagreements.ToString());
        return rates;
    }

    private static Verdict Parse(char label) => label switch
    {
        'm' => Verdict.Met,
        'x' => Verdict.Missing,
        _ => Verdict.NotApplicable,
    };
}
