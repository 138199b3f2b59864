using FeedbackBot.Core.Coaching;
using FeedbackBot.Core.Feedback;
using Microsoft.Extensions.Time.Testing;

namespace FeedbackBot.Core.Tests.Coaching;

/// <summary>
/// The rule tests' review (CoachV5RuleTests onwards): a coach fixed to one language, on the day the held-out sets were
/// written, over a free-text draft; and a criterion's evidence as one line for an assertion's message.
/// </summary>
internal static class RuleReview
{
    /// <summary>The clock every rule test's coach reads (never moved).</summary>
    public static readonly FakeTimeProvider Time = new(Agreement.HeldOutWritten);

    public static CoachReport Review(string text, string language, FeedbackKind? kind = null) =>
        new FeedbackCoach(Time, CoachLanguages.Find(language)).Review(CoachDraft.FromText(text, kind));

    public static string Evidence(CriterionResult result) => string.Join(" | ", result.Evidence);
}
