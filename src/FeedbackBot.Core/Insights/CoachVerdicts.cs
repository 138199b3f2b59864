using FeedbackBot.Core.Coaching;
using FeedbackBot.Core.Feedback;

namespace FeedbackBot.Core.Insights;

/// <summary>
/// The coach's verdict on a give's text, per criterion, computed once when the give is saved
/// (<see cref="GiveFeedback"/>) and stored on each of its items: team insights and the growth page's monthly
/// figures both count it, and nothing reviews stored text again (an item's text never changes). Text with nothing
/// to review has every criterion <see cref="Verdict.NotApplicable"/>, which counts neither way.
/// </summary>
public sealed record CoachVerdicts(Verdict Specific, Verdict Why, Verdict Actionable, Verdict Kind, Verdict Timely)
{
    /// <summary>The criteria's names in the order of <see cref="Criteria"/> (<see cref="CoachCriteria"/>).</summary>
    public static readonly IReadOnlyList<string> Names = [CoachCriteria.Specific, CoachCriteria.Why, CoachCriteria.Actionable, CoachCriteria.Kind, CoachCriteria.Timely];

    /// <summary>Reviews a text once.</summary>
    public static CoachVerdicts Of(FeedbackCoach coach, FeedbackContent content, FeedbackKind kind)
    {
        var report = coach.Review(new CoachDraft(content.Template, content.Parts, kind));
        return report.NothingToReview
            ? new(Verdict.NotApplicable, Verdict.NotApplicable, Verdict.NotApplicable, Verdict.NotApplicable, Verdict.NotApplicable)
            : new(report.Specific.Verdict, report.Why.Verdict, report.Actionable.Verdict, report.Kind.Verdict, report.Timely.Verdict);
    }

    /// <summary>The stored verdicts of <paramref name="item"/>, or a review of it when it was saved before verdicts were stored.</summary>
    public static CoachVerdicts For(FeedbackCoach coach, FeedbackItem item) => item.Coach ?? Of(coach, item.Content, item.Kind);

    /// <summary>
    /// The verdicts as one short stored word, one letter per criterion in <see cref="Names"/> order: <c>m</c> met,
    /// <c>x</c> missing, <c>n</c> not applicable (e.g. <c>mxnmm</c>). Counting a give under this word is one write
    /// for all five criteria (<see cref="JudgedIn"/> reads it back); the order of <see cref="Names"/> is stored
    /// with it, so new criteria go at the end.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Code => string.Create(Names.Count, this, static (letters, v) =>
    {
        var i = 0;
        foreach (var (_, verdict) in v.Criteria)
        {
            letters[i++] = verdict switch { Verdict.Met => 'm', Verdict.Missing => 'x', _ => 'n' };
        }
    });

    /// <summary>The code of items without stored verdicts: counted as given, judged on nothing.</summary>
    public static string NoVerdictsCode { get; } = new('n', Names.Count);

    /// <summary>Reads <see cref="Code"/> back: each criterion the coach could judge, and whether the text met it.</summary>
    public static IEnumerable<(string Name, bool Met)> JudgedIn(string code)
    {
        for (var i = 0; i < code.Length && i < Names.Count; i++)
        {
            if (code[i] is 'm' or 'x')
            {
                yield return (Names[i], code[i] == 'm');
            }
        }
    }

    /// <summary>Each criterion's name and verdict, in <see cref="Names"/> order.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IEnumerable<(string Name, Verdict Verdict)> Criteria => Names.Zip([Specific, Why, Actionable, Kind, Timely]);
}
