using FeedbackBot.Core.Coaching;
using FeedbackBot.Core.Ports;

namespace FeedbackBot.Core.Insights;

/// <summary>
/// Who a report covers: <paramref name="Team"/>'s user ids (null: the whole workspace) and the workspace's people,
/// which are the complement's other half (see <see cref="KAnonymity"/>) and the whole workspace's headcount.
/// </summary>
public sealed record InsightsScope(string Name, IReadOnlySet<string>? Team, IReadOnlySet<string> WorkspaceMembers)
{
    /// <summary>Whether <paramref name="userId"/> is in the scope.</summary>
    public bool Covers(string userId) => Team?.Contains(userId) ?? true;

    /// <summary>The people the scope's headcount is over.</summary>
    public IReadOnlySet<string> Members => Team ?? WorkspaceMembers;
}

/// <summary>One week's stored entries.</summary>
public sealed record InsightsWeekEntries(string Week, IReadOnlyList<InsightsEntry> Entries);

/// <summary>
/// Builds a report from per-person weekly counts. Pure (no I/O), so the k-anonymity rule is tested on its own.
/// Every cell is computed over the distinct people it is about and shown only when <see cref="KAnonymity.MayShow"/>
/// says so; what leaves is totals, rates and medians, never a person's own figure or id.
/// </summary>
public static class InsightsAggregator
{
    /// <summary>The digest buttons, in the order a report lists them, with their labels.</summary>
    public static readonly IReadOnlyList<(DigestAction Action, string Label)> DigestActions =
    [
        (DigestAction.Snooze, "Snooze this week"),
        (DigestAction.Give, "Give feedback from the digest"),
        (DigestAction.Settings, "Change day/time"),
        (DigestAction.TurnOff, "Turn off"),
    ];

    public static InsightsReport Build(InsightsScope scope, IReadOnlyList<InsightsWeekEntries> weeks, int k)
    {
        var cells = new Cells(scope, k);
        var byWeek = weeks.Select(w => (w.Week, People: Tally.Index(w.Entries))).ToArray();
        var period = Tally.Merge(byWeek.Select(w => w.People));
        var who = scope.Team is null ? "people in the workspace" : "the team's members";
        var floor = $"A week with fewer than {k} people to count over is not shown.";

        InsightsSeries Weekly(string title, string description, string unit, Func<Dictionary<string, Tally>, InsightsPointSource> cell) =>
            new(title, $"{description} {floor}", unit, byWeek.Select(w => cells.Point(w.Week, cell(w.People))).ToArray());

        var series = new List<InsightsSeries>
        {
            Weekly("Feedback given per week", $"Feedback items given by {who} (one per recipient), by week given; over the people who gave.", "items",
                people => Sum(people, InsightsMeasures.Given)),
            Weekly("Feedback received per week", $"Feedback items received by {who}, by week given; over the people who received.", "items",
                people => Sum(people, InsightsMeasures.Received)),
            Weekly("People who gave or received feedback", $"Share of {who} who gave or received at least one piece of feedback that week; over all of them.", "%",
                people => new InsightsPointSource(
                    scope.WorkspaceMembers.Union(scope.Members).Select(u => (u, people.GetValueOrDefault(u) ?? Tally.Empty)),
                    team => Percent(team.Count(t => t.Count(InsightsMeasures.Given) + t.Count(InsightsMeasures.Received) > 0), team.Count))),
            Weekly("Requests answered", $"Share of the asks {who} received that they answered (so far), by week asked; over the people asked.", "%",
                people => Rate(people, InsightsMeasures.Answered, InsightsMeasures.Asked)),
            Weekly("Median time to feedback", $"Median time from a request to each answer {who} gave, by week asked; over the people who answered.", "hours",
                people => new InsightsPointSource(
                    people.Where(p => p.Value.Samples.Count > 0).Select(p => (p.Key, p.Value)),
                    team => Median(team.SelectMany(t => t.Samples)) is { } seconds ? seconds / 3600 : null)),
            Weekly("Nudges followed by an answer within 24 h", $"Share of the requests listed in nudges to {who} that were answered within 24 hours of the nudge, by week nudged; over the people nudged.", "%",
                people => Rate(people, InsightsMeasures.NudgeAnswered, InsightsMeasures.Nudged)),
        };

        var weeksText = weeks.Count == 1 ? "this week" : $"the last {weeks.Count} weeks";
        series.Add(new InsightsSeries(
            "Feedback meeting each coach criterion",
            $"Of the feedback {who} gave in {weeksText} that the coach could judge on a criterion, the share that met it (one count per give, however many recipients); over the people who gave. A criterion with fewer than {k} such people is not shown.",
            "%",
            CoachCriteriaNames.Select(c => cells.Point(c, Rate(period, InsightsMeasures.CoachMet(c), InsightsMeasures.CoachApplies(c)))).ToArray()));
        series.Add(new InsightsSeries(
            "Weekly digest actions",
            $"Presses of each weekly digest button by {who} in {weeksText}; over the people who pressed it. A button pressed by fewer than {k} people is not shown.",
            "presses",
            DigestActions.Select(a => cells.Point(a.Label, Sum(period, InsightsMeasures.Digest(a.Action)))).ToArray()));

        return new InsightsReport(scope.Name, scope.Members.Count, k, series);
    }

    private static readonly string[] CoachCriteriaNames =
        [CoachCriteria.Specific, CoachCriteria.Why, CoachCriteria.Actionable, CoachCriteria.Kind, CoachCriteria.Timely];

    // Over the people with a non-zero count: its total.
    private static InsightsPointSource Sum(Dictionary<string, Tally> people, string measure) =>
        new(With(people, measure), team => team.Sum(t => t.Count(measure)));

    // Over the people with a non-zero denominator: numerator / denominator, as a percentage.
    private static InsightsPointSource Rate(Dictionary<string, Tally> people, string numerator, string denominator) =>
        new(With(people, denominator), team => Percent(team.Sum(t => t.Count(numerator)), team.Sum(t => t.Count(denominator))));

    private static IEnumerable<(string, Tally)> With(Dictionary<string, Tally> people, string measure) =>
        people.Where(p => p.Value.Count(measure) > 0).Select(p => (p.Key, p.Value));

    private static double? Percent(long part, long whole) => whole == 0 ? null : Math.Min(100, 100.0 * part / whole);

    private static double? Median(IEnumerable<long> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return null;
        }

        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
    }

    /// <summary>A cell before the rule: the people it is about (each once) and how to compute it over the scope's share of them.</summary>
    private sealed record InsightsPointSource(IEnumerable<(string User, Tally Tally)> About, Func<IReadOnlyList<Tally>, double?> Value);

    private sealed class Cells(InsightsScope scope, int k)
    {
        public InsightsPoint Point(string label, InsightsPointSource source)
        {
            var about = source.About.ToArray();
            var inScope = about.Where(p => scope.Covers(p.User)).Select(p => p.Tally).ToArray();
            var complement = about.Length - inScope.Length;
            return KAnonymity.MayShow(inScope.Length, complement, k) && source.Value(inScope) is { } value
                ? new InsightsPoint(label, Math.Round(value, 1), Suppressed: false)
                : new InsightsPoint(label, null, Suppressed: true);
        }
    }

    /// <summary>One person's counts and samples over a week or a period.</summary>
    private sealed class Tally
    {
        public static readonly Tally Empty = new();

        private readonly Dictionary<string, long> _counts = [];

        public List<long> Samples { get; } = [];

        public long Count(string measure) => _counts.GetValueOrDefault(measure);

        public static Dictionary<string, Tally> Index(IEnumerable<InsightsEntry> entries)
        {
            var people = new Dictionary<string, Tally>();
            foreach (var e in entries)
            {
                if (!people.TryGetValue(e.UserId, out var tally))
                {
                    people[e.UserId] = tally = new Tally();
                }

                tally.Add(e);
            }

            return people;
        }

        public static Dictionary<string, Tally> Merge(IEnumerable<Dictionary<string, Tally>> weeks)
        {
            var people = new Dictionary<string, Tally>();
            foreach (var (user, week) in weeks.SelectMany(w => w))
            {
                if (!people.TryGetValue(user, out var tally))
                {
                    people[user] = tally = new Tally();
                }

                foreach (var (measure, count) in week._counts)
                {
                    tally._counts[measure] = tally.Count(measure) + count;
                }

                tally.Samples.AddRange(week.Samples);
            }

            return people;
        }

        private void Add(InsightsEntry entry)
        {
            if (entry.Sample is not null)
            {
                if (entry.Measure == InsightsMeasures.TimeToFeedback)
                {
                    Samples.Add(entry.Value);
                }

                return;
            }

            _counts[entry.Measure] = Count(entry.Measure) + entry.Value;
        }
    }
}
