using FeedbackBot.Core.Coaching;
using FeedbackBot.Core.Feedback;

namespace FeedbackBot.Core.Tests.Coaching;

/// <summary>
/// A draft whose first token is a number followed by a change word made the number rule quote from token -1 (an
/// index out of range): the tests saw the exception, production answered "nothing to review" for a good draft.
/// Found by the first reading of HeldOut10 (a Spanish draft opening "15 tickets cerrados ..."); these drafts are
/// written for the test.
/// </summary>
public sealed class CoachOpeningNumberTests
{
    [Fact]
    public void Review_DraftOpeningWithANumber_IsReviewed_AndReadsTheNumberAsAnEffect()
    {
        var report = RuleReview.Review("40 pedidos enviados antes de las 9 y ninguno devuelto; la cola de ayer quedó en cero.", "es");

        Assert.Equal("es", report.Language);
        Assert.Equal(Verdict.Met, report.Why.Verdict);
        Assert.Contains(report.Why.Evidence, e => e.StartsWith("number: \"40 pedidos", StringComparison.Ordinal));
    }
}
