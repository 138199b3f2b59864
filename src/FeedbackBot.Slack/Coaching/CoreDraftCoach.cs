using FeedbackBot.Core.Coaching;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Telemetry;

namespace FeedbackBot.Slack.Coaching;

/// <summary>Core's <see cref="FeedbackCoach"/> behind the adapter's <see cref="IDraftCoach"/> seam.</summary>
public sealed class CoreDraftCoach(FeedbackCoach coach) : IDraftCoach
{
    public DraftAdvice Review(FeedbackContent content, FeedbackKind kind, string? locale)
    {
        var report = coach.Review(new CoachDraft(content.Template, content.Parts, kind, Locale: locale));
        FeedbackMetrics.CoachReviewed(report);
        return report.HasAdvice ? new DraftAdvice(true, report.Tips.Select(t => t.Message).ToArray()) : DraftAdvice.None;
    }
}
