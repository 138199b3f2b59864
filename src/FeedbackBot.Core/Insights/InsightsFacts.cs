using System.Globalization;
using FeedbackBot.Core.People;

namespace FeedbackBot.Core.Insights;

/// <summary>The names of what insights count, per person and week. Stable: they are stored.</summary>
public static class InsightsMeasures
{
    /// <summary>Feedback items given (one per recipient).</summary>
    public const string Given = "given";

    /// <summary>Feedback items received.</summary>
    public const string Received = "received";

    /// <summary>Asks received (one per request the person was asked in), in the request's week.</summary>
    public const string Asked = "asked";

    /// <summary>Asks answered, in the request's week (so answered / asked is that week's answer rate).</summary>
    public const string Answered = "answered";

    /// <summary>A sample: seconds from a request to this person's answer (one per request), in the request's week.</summary>
    public const string TimeToFeedback = "ttf";

    /// <summary>Requests listed in a nudge that reached the person, in the nudge's week.</summary>
    public const string Nudged = "nudged";

    /// <summary>Of those, answered within 24 hours of the nudge, in the nudge's week.</summary>
    public const string NudgeAnswered = "nudge_answered_24h";

    /// <summary>How long after a nudge an answer still counts as following it.</summary>
    public static readonly TimeSpan NudgeWindow = TimeSpan.FromHours(24);

    /// <summary>Gives whose text the coach could judge on <paramref name="criterion"/> (it applied).</summary>
    public static string CoachApplies(string criterion) => $"coach.{criterion}.applies";

    /// <summary>Gives whose text met <paramref name="criterion"/>.</summary>
    public static string CoachMet(string criterion) => $"coach.{criterion}.met";

    /// <summary>
    /// Gives whose text got <paramref name="verdicts"/>: one count for all five criteria (one write per give, not
    /// two per criterion), read back as <see cref="CoachApplies"/> / <see cref="CoachMet"/> of each by
    /// <see cref="Expand"/>. Null when the coach could judge nothing (nothing to count).
    /// </summary>
    public static string? Coach(CoachVerdicts verdicts)
    {
        var code = verdicts.Code;
        return CoachVerdicts.JudgedIn(code).Any() ? CoachPrefix + code : null;
    }

    /// <summary>
    /// A stored count as the measures it stands for: a <see cref="Coach"/> count as <see cref="CoachApplies"/>
    /// and <see cref="CoachMet"/> of each criterion it names; any other (including those per-criterion counts as
    /// written before <see cref="Coach"/>) as itself.
    /// </summary>
    public static IEnumerable<(string Measure, long Value)> Expand(string measure, long value)
    {
        if (!measure.StartsWith(CoachPrefix, StringComparison.Ordinal))
        {
            yield return (measure, value);
            yield break;
        }

        foreach (var (name, met) in CoachVerdicts.JudgedIn(measure[CoachPrefix.Length..]))
        {
            yield return (CoachApplies(name), value);
            if (met)
            {
                yield return (CoachMet(name), value);
            }
        }
    }

    private const string CoachPrefix = "coach:";

    /// <summary>Presses of a digest button.</summary>
    public static string Digest(DigestAction action) => $"digest.{action.ToString().ToLowerInvariant()}";
}

/// <summary>
/// One thing to count: <paramref name="Value"/> added to <paramref name="Person"/>'s <paramref name="Measure"/> in
/// the week of <paramref name="At"/>; with <paramref name="Sample"/> (e.g. a request id) the value is a sample kept
/// under that name instead (set, not added: recording it twice keeps one).
/// </summary>
public sealed record InsightsFact(PersonRef Person, DateTimeOffset At, string Measure, long Value = 1, string? Sample = null);

/// <summary>One stored count or sample of one person in one week (read back for aggregation only).</summary>
public sealed record InsightsEntry(string UserId, string Measure, long Value, string? Sample = null);

/// <summary>Weeks as insights name them: ISO 8601 weeks in UTC, <c>2026-W48</c>.</summary>
public static class InsightsWeek
{
    /// <summary>The ISO week of <paramref name="at"/> (UTC).</summary>
    public static string Of(DateTimeOffset at)
    {
        var date = at.UtcDateTime;
        return string.Create(CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(date)}-W{ISOWeek.GetWeekOfYear(date):D2}");
    }

    /// <summary>The <paramref name="count"/> weeks up to and including the one of <paramref name="now"/>, oldest first.</summary>
    public static IReadOnlyList<string> Last(DateTimeOffset now, int count) =>
        Enumerable.Range(0, count).Select(i => Of(now.AddDays(-7 * (count - 1 - i)))).ToArray();
}

/// <summary>
/// Where insights keep their counts: per workspace and week, per person and measure. Per person, because a
/// report for a team is computed over the team's members, picked when the report is asked for; the figures leave
/// storage only as aggregates over at least <c>Insights:MinGroupSize</c> people (<see cref="InsightsAggregator"/>).
/// </summary>
public interface IInsightsStore
{
    /// <summary>Adds the facts (each in its person's workspace and week). Counts add up; samples are set.</summary>
    Task AddAsync(IReadOnlyList<InsightsFact> facts, CancellationToken ct);

    /// <summary>Everything stored for <paramref name="workspace"/> in <paramref name="week"/> (see <see cref="InsightsWeek"/>).</summary>
    Task<IReadOnlyList<InsightsEntry>> ReadWeekAsync(WorkspaceRef workspace, string week, CancellationToken ct);
}
