using System.Globalization;
using System.Text.Json.Nodes;
using FeedbackBot.Core.YearInFeedback;
using FeedbackBot.Slack.Blocks;
using FeedbackBot.Slack.Text;

namespace FeedbackBot.Slack.Ratings;

/// <summary>Block Kit for the private "your year in feedback" DM. Counts, theme names and values only: no giver is named.</summary>
public static class YearInFeedbackBlocks
{
    private const int MaxListed = 5;

    public static (string Fallback, JsonArray Blocks) Render(YearInFeedbackNotice notice)
    {
        var year = notice.Year.ToString(CultureInfo.InvariantCulture);
        var blocks = new JsonArray(
            Bk.Header($"Your year in feedback, {year}"),
            Bk.Section($"You gave *{notice.Given}* and received *{notice.Received}* pieces of feedback in the last twelve months."));
        if (notice.Themes is { Count: > 0 } themes)
        {
            blocks.Add(Bk.Section("*Themes that grew:* " + string.Join(", ", themes.Take(MaxListed).Select(t => $"{Mrkdwn.Escape(t.Name)} ({t.Feedback})"))));
        }

        if (notice.CommitmentsDone is > 0 and var done)
        {
            blocks.Add(Bk.Section($"*Commitments done:* {done}. Nice follow-through."));
        }

        if (notice.Values.Count > 0)
        {
            blocks.Add(Bk.Section("*Values colleagues recognised in you:* " + string.Join(", ", notice.Values.Take(MaxListed).Select(v => $"{Mrkdwn.Escape(v.Value)} ×{v.Count}"))));
        }

        blocks.Add(Bk.Context("Only you get this. Turn it off in `/feedback settings`."));
        return ($"Your year in feedback, {year}", blocks);
    }
}
