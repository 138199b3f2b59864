namespace FeedbackBot.Core.Coaching;

/// <summary>How a draft fares against one criterion.</summary>
public enum Verdict
{
    Met,
    Missing,
    /// <summary>The criterion does not apply, e.g. a next step for pure praise.</summary>
    NotApplicable,
}

/// <summary>The wire names of the five criteria, in the order they are reported.</summary>
public static class CoachCriteria
{
    public const string Specific = "specific";
    public const string Why = "why";
    public const string Actionable = "actionable";
    public const string Kind = "kind";
    public const string Timely = "timely";
}

/// <summary>
/// The verdict on one criterion, the words (or the absence) that led to it, and, when something is missing,
/// a tip with an example rewrite.
/// </summary>
public sealed record CriterionResult(Verdict Verdict, IReadOnlyList<string> Evidence, string? Tip = null, string? Example = null);

/// <summary>One piece of advice. <see cref="Code"/> is stable for scripts (e.g. <c>absolute</c>, <c>label</c>).</summary>
public sealed record CoachTip(string Code, string Message);

/// <summary>
/// The coach's review of a draft. Advisory only: nothing here blocks sending. <see cref="Language"/> is the code
/// of the language its tips are written in, and <see cref="LanguageSource"/> says why that one.
/// </summary>
public sealed record CoachReport(
    CriterionResult Specific,
    CriterionResult Why,
    CriterionResult Actionable,
    CriterionResult Kind,
    CriterionResult Timely,
    IReadOnlyList<CoachTip> Tips,
    bool NothingToReview,
    string Language = "en",
    LanguageSource LanguageSource = LanguageSource.Default)
{
    /// <summary>True when the coach has at least one tip.</summary>
    public bool HasAdvice => Tips.Count > 0;

    /// <summary>The criteria in their reporting order, with their wire names.</summary>
    public IEnumerable<(string Name, CriterionResult Result)> Criteria
    {
        get
        {
            yield return (CoachCriteria.Specific, Specific);
            yield return (CoachCriteria.Why, Why);
            yield return (CoachCriteria.Actionable, Actionable);
            yield return (CoachCriteria.Kind, Kind);
            yield return (CoachCriteria.Timely, Timely);
        }
    }
}
