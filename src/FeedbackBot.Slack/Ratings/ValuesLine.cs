using FeedbackBot.Core.Ratings;
using FeedbackBot.Slack.Text;

namespace FeedbackBot.Slack.Ratings;

/// <summary>The recipient's line "values colleagues recognised in you", for the inbox and App Home (both private).</summary>
public static class ValuesLine
{
    /// <summary>Escaped mrkdwn, or null when nobody tagged a value yet.</summary>
    public static string? For(IReadOnlyList<ValueTag> tags)
    {
        var counts = RecognisedValues.Count(tags);
        return counts.Count == 0
            ? null
            : ":gem: Values colleagues recognised in you: " + string.Join(", ", counts.Select(c => $"*{Mrkdwn.Escape(c.Value)}* ×{c.Count}"));
    }
}
