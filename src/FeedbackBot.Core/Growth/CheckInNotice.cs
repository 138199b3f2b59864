using FeedbackBot.Core.Messaging;
using FeedbackBot.Core.People;

namespace FeedbackBot.Core.Growth;

/// <summary>
/// "Two weeks ago you planned to … How is it going?" for the owner of a commitment. Adapters offer Going well, Not
/// yet, Done and — only when <see cref="Giver"/> is set — "Ask the giver how it looks now", each carrying
/// <see cref="CommitmentId"/>. <see cref="Giver"/> is null when the feedback was anonymous (or there was none), so no
/// renderer can name or offer to ask an anonymous giver.
/// <see cref="DaysAgo"/> counts calendar days in the owner's time zone since the commitment was made.
/// </summary>
public sealed record CommitmentCheckInNotice(string CommitmentId, string Text, int DaysAgo, PersonRef? Giver) : ChatNotice
{
    public override T RenderWith<T>(INoticeRenderer<T> renderer) => renderer.Render(this);

    /// <summary>How long ago it was planned, in words: "A week ago", "Two weeks ago", "A month ago", "12 days ago".</summary>
    public string Ago => DaysAgo switch
    {
        <= 1 => "Recently",
        7 => "A week ago",
        14 => "Two weeks ago",
        >= 28 and <= 31 => "A month ago",
        _ => $"{DaysAgo} days ago",
    };
}
