using System.Text;
using FeedbackBot.Core.Coaching;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace FeedbackBot.Core.Tests.Coaching;

/// <summary>Measures how often the coach agrees with the hand labels in <see cref="LabelledDrafts"/>.</summary>
public sealed class CoachAgreementTests(ITestOutputHelper output)
{
    private const double RequiredAgreement = 0.90;
    private static readonly DateTimeOffset Now = new(2026, 3, 18, 9, 0, 0, TimeSpan.Zero);
    private static readonly Verdict[] Verdicts = [Verdict.Met, Verdict.Missing, Verdict.NotApplicable];

    [Fact]
    public void ReviewLabelledSet_AgreesAtLeastNinetyPercentPerCriterion()
    {
        var coach = new FeedbackCoach(new FakeTimeProvider(Now));
        var today = DateOnly.FromDateTime(Now.UtcDateTime);
        var cases = LabelledDrafts.All;
        // confusion[criterion][expected, actual]
        var confusion = new int[5, 3, 3];
        var disagreements = new StringBuilder();

        foreach (var c in cases)
        {
            var draft = c.DaysAgo is { } days ? c.Draft with { EventDate = today.AddDays(-days) } : c.Draft;
            var report = coach.Review(draft);
            var criterion = 0;
            foreach (var (name, result) in report.Criteria)
            {
                var expected = Parse(c.Labels[criterion]);
                confusion[criterion, (int)expected, (int)result.Verdict]++;
                if (expected != result.Verdict)
                {
                    disagreements.AppendLine($"  {name}: expected {expected}, got {result.Verdict} [{string.Join("; ", result.Evidence)}] <- {c.Name}");
                }
                criterion++;
            }
        }

        var failures = new List<string>();
        var names = new[] { CoachCriteria.Specific, CoachCriteria.Why, CoachCriteria.Actionable, CoachCriteria.Kind, CoachCriteria.Timely };
        output.WriteLine($"{cases.Count} labelled drafts. Confusion (rows = label, columns = coach: met / missing / n/a):");
        for (var k = 0; k < names.Length; k++)
        {
            var agree = 0;
            for (var v = 0; v < 3; v++) agree += confusion[k, v, v];
            var rate = (double)agree / cases.Count;
            output.WriteLine($"{names[k],-10} agreement {rate:P1} ({agree}/{cases.Count})");
            foreach (var expected in Verdicts)
            {
                var row = string.Join(" ", Verdicts.Select(actual => confusion[k, (int)expected, (int)actual].ToString().PadLeft(5)));
                output.WriteLine($"    {expected,-14}{row}");
            }
            if (rate < RequiredAgreement) failures.Add($"{names[k]} {rate:P1}");
        }
        output.WriteLine("Disagreements:");
        output.WriteLine(disagreements.ToString());

        Assert.True(failures.Count == 0, $"Below {RequiredAgreement:P0}: {string.Join(", ", failures)}");
    }

    [Fact]
    public void LabelledSet_HasAtLeastOneHundredDraftsOfBothKinds()
    {
        Assert.True(LabelledDrafts.All.Count >= 100);
        Assert.Contains(LabelledDrafts.All, c => c.Labels[2] == 'n');
        Assert.Contains(LabelledDrafts.All, c => c.Labels[2] != 'n');
        Assert.All(LabelledDrafts.All, c => Assert.Matches("^[mxn]{5}$", c.Labels));
    }

    private static Verdict Parse(char label) => label switch
    {
        'm' => Verdict.Met,
        'x' => Verdict.Missing,
        _ => Verdict.NotApplicable,
    };
}
