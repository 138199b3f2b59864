using System.Text;
using System.Text.Json.Nodes;
using FeedbackBot.Core.Growth;
using FeedbackBot.Core.Ports;
using FeedbackBot.Slack.Blocks;
using FeedbackBot.Slack.Text;

namespace FeedbackBot.Slack.Growth;

/// <summary>
/// Block Kit for the growth loop: the check-in DM, themes and open commitments (App Home, inbox) and the review-prep
/// summary. User text (commitments, theme names, quotes) is escaped here, once; an anonymous giver is never named.
/// </summary>
public static class GrowthText
{
    private const int MaxCommitmentsShown = 5;

    /// <summary>"Two weeks ago you planned to *…*. How is it going?" with the outcome buttons (and "ask them" only for a named giver).</summary>
    public static (string Fallback, JsonArray Blocks) CheckIn(CommitmentCheckInNotice notice)
    {
        var text = ":seedling: " + GrowthWords.CheckInQuestion(notice, $"*{Mrkdwn.Safe(notice.Text, 600)}*");
        var blocks = new JsonArray(Bk.Section(text));
        var buttons = new List<JsonObject>
        {
            Bk.Button(GrowthWords.GoingWellButton, CheckInAction.Id(CommitmentOutcome.GoingWell), notice.CommitmentId, "primary"),
            Bk.Button(GrowthWords.NotYetButton, CheckInAction.Id(CommitmentOutcome.NotYet), notice.CommitmentId),
        };
        if (notice.Giver is { } giver)
        {
            blocks.Add(Bk.Context($"It came from feedback by {Mrkdwn.Mention(giver.UserId)}."));
            buttons.Add(Bk.Button("Ask them how it looks now", AskGiverAction.ActionId, notice.CommitmentId));
        }

        buttons.Add(Bk.Button(GrowthWords.DoneButton, CheckInAction.Id(CommitmentOutcome.Done), notice.CommitmentId));
        blocks.Add(Bk.Actions("growth_checkin", [.. buttons]));
        return (GrowthWords.CheckInQuestion(notice, Mrkdwn.Safe(notice.Text, 200)), blocks);
    }

    /// <summary>Themes and open commitments, for App Home and the inbox; empty when the person has neither.</summary>
    public static IReadOnlyList<JsonObject> Overview(GrowthRecord record, TimeZoneInfo zone)
    {
        if (record.Themes.Count == 0 && record.Commitments.Count == 0)
        {
            return [];
        }

        var blocks = new List<JsonObject>();
        if (record.Themes.Count > 0)
        {
            var names = record.Themes.Select(t => $"*{Mrkdwn.Safe(t.Name, 60)}* ({t.FeedbackIds.Count})");
            blocks.Add(Bk.Section($":compass: *{GrowthWords.YourThemes}:* {string.Join(" · ", names)}"));
        }

        var open = GrowthOverview.OpenOf(record);
        if (open.Count > 0)
        {
            var lines = open.Take(MaxCommitmentsShown).Select(c =>
                $"• {Mrkdwn.Safe(c.Text, 200)}{ThemeSuffix(record, c)} — {Outcome(c.Outcome)}"
                + (c.CheckInAt is { } at ? $", check-in {Mrkdwn.ShortDate(at, zone)}" : ""));
            var more = open.Count > MaxCommitmentsShown ? "\n" + GrowthWords.AndMore(open.Count - MaxCommitmentsShown) : "";
            blocks.Add(Bk.Section($":dart: *{GrowthWords.OpenCommitments}*\n{string.Join("\n", lines)}{more}"));
        }

        return blocks;
    }

    /// <summary>
    /// The review-prep summary: per theme what people praised and suggested (short quotes; an anonymous giver shows
    /// as "someone"), the commitments and their outcomes, then the requests answered, and one action: ask for fresh
    /// feedback before the review. At most ~30 blocks, within a message's and a modal's limits.
    /// </summary>
    public static JsonArray ReviewPrep(ReviewPrep prep, TimeZoneInfo zone)
    {
        var blocks = new JsonArray(
            Bk.Header(GrowthWords.ReviewPrepTitle),
            Bk.Context($"Since {Mrkdwn.ShortDate(prep.Since, zone)} · only you can see this"));
        if (prep.IsEmpty)
        {
            blocks.Add(Bk.Section(GrowthWords.ReviewPrepEmpty));
        }

        foreach (var theme in prep.Themes)
        {
            blocks.Add(Bk.Divider());
            var text = new StringBuilder(theme.Name is { } name ? $":compass: *{Mrkdwn.Safe(name, 60)}*" : $":compass: *{GrowthWords.WithoutTheme}*");
            AppendQuotes(text, "Praised", theme.Praised, zone);
            AppendQuotes(text, "Suggested", theme.Suggested, zone);
            if (theme.Commitments.Count > 0)
            {
                text.Append("\n_Commitments_");
                foreach (var c in theme.Commitments)
                {
                    text.Append($"\n• {Mrkdwn.Safe(c.Text, 200)} — {Outcome(c.Outcome)}");
                }
            }

            blocks.Add(Bk.Section(Mrkdwn.Truncate(text.ToString(), Mrkdwn.MaxText)));
        }

        if (prep.RequestsAnswered.Count > 0)
        {
            blocks.Add(Bk.Divider());
            var lines = prep.RequestsAnswered.Select(r => $"• “{Mrkdwn.Safe(r.Question, 150)}” — {r.Answers} answer{(r.Answers == 1 ? "" : "s")}");
            blocks.Add(Bk.Section($":inbox_tray: *Requests answered*\n{string.Join("\n", lines)}"));
        }

        blocks.Add(Bk.Actions("review_prep_actions",
            Bk.Button(GrowthWords.FreshFeedbackButton, FreshFeedbackAction.ActionId, style: "primary")));
        return blocks;
    }

    private static void AppendQuotes(StringBuilder text, string label, IReadOnlyList<ReviewQuote> quotes, TimeZoneInfo zone)
    {
        if (quotes.Count == 0)
        {
            return;
        }

        text.Append($"\n_{label}_");
        foreach (var q in quotes)
        {
            var who = q.From is { } from ? Mrkdwn.Mention(from.UserId) : "someone";
            text.Append($"\n> “{Mrkdwn.Safe(q.Text, BuildReviewPrep.QuoteLength + 20)}” — {who}, {Mrkdwn.ShortDate(q.At, zone)}");
        }
    }

    private static string ThemeSuffix(GrowthRecord record, CommitmentView c) =>
        record.Themes.FirstOrDefault(t => t.Id == c.ThemeId) is { } theme ? $" _({Mrkdwn.Safe(theme.Name, 60)})_" : "";

    public static string Outcome(CommitmentOutcome outcome) => GrowthWords.Outcome(outcome);
}
