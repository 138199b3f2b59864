using FeedbackBot.Core.Feedback;

namespace FeedbackBot.Slack.Coaching;

/// <summary>What the coach says about a draft: whether it has advice, and its tips in reading order.</summary>
public sealed record DraftAdvice(bool HasAdvice, IReadOnlyList<string> Tips)
{
    public static DraftAdvice None { get; } = new(false, []);
}

/// <summary>
/// The feedback coach as the Slack adapter sees it. The host adapts Core's FeedbackCoach to this; when no
/// coach is registered the adapter simply gives no advice.
/// </summary>
public interface IDraftCoach
{
    /// <summary>Tips for <paramref name="content"/>, in the draft's own language, or the giver's <paramref name="locale"/> when the draft does not say.</summary>
    DraftAdvice Review(FeedbackContent content, FeedbackKind kind, string? locale);
}
