using System.Text;
using System.Text.Json.Nodes;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Messaging;
using FeedbackBot.Slack.Blocks;
using FeedbackBot.Slack.Give;
using FeedbackBot.Slack.Text;

namespace FeedbackBot.Slack.Delivery;

/// <summary>Block Kit for feedback as people read it: the delivered DM, the inbox and App Home lists.</summary>
public static class FeedbackText
{
    /// <summary>
    /// The DM a recipient gets. When the giver is anonymous, <see cref="FeedbackReceivedNotice.From"/> is null,
    /// so no id of theirs can reach the payload: the text, blocks and button values carry only the feedback id.
    /// </summary>
    public static (string Fallback, JsonArray Blocks) Received(FeedbackReceivedNotice notice)
    {
        var from = notice.From is { } giver ? Mrkdwn.Mention(giver.UserId) : "Someone";
        var kind = notice.Kind == FeedbackKind.Praise ? "praise" : "feedback";
        var blocks = new JsonArray(Bk.Section($":speech_balloon: *{from} sent you {kind}*"));
        if (notice.RequestQuestion is { Length: > 0 } question)
        {
            blocks.Add(Bk.Context($"You asked: {Mrkdwn.Safe(question, 500)}"));
        }

        // Never cut: the recipient reads every character that was accepted (up to GiveFeedback.MaxLength), even
        // when escaping and quoting make it longer than one section holds.
        foreach (var (part, text) in notice.Content.FilledParts())
        {
            var label = notice.Content.Template == FeedbackTemplate.Free ? "" : $"*{TemplateParts.Label(part)}*\n";
            foreach (var piece in QuotedPieces(Mrkdwn.Escape(text), MaxPiece))
            {
                blocks.Add(Bk.Section(label + piece));
                label = "";
            }
        }

        if (notice.Source is { } source)
        {
            var excerpt = source.Excerpt is { Length: > 0 } e ? $": “{Mrkdwn.Safe(e, 200)}”" : "";
            blocks.Add(Bk.Context($":link: About {GiveModal.Link(source.Url, "this message")}{excerpt}"));
        }

        blocks.Add(Bk.Actions("feedback_actions",
            Bk.Button("Thank them", ThankAction.ActionId, notice.FeedbackId, "primary"),
            Bk.Button("Ask a follow-up", FollowUpAction.ActionId, notice.FeedbackId),
            Bk.Button("Reflect", Growth.ReflectAction.ActionId, notice.FeedbackId)));
        foreach (var block in Ratings.UsefulBlocks.Ask(notice.FeedbackId))
        {
            blocks.Add(block);
        }

        return ($"{from} sent you {kind}", blocks);
    }

    // Room for a part's label ("*Situation*\n") in the first section of a part, under Slack's 3000.
    private const int MaxPiece = Mrkdwn.MaxText - 100;

    /// <summary>
    /// Escaped text as block-quoted pieces that each fit one section. Quoting adds "&gt; " to every line, so a piece
    /// of many short lines can outgrow the limit after splitting; such a piece is split again, finer.
    /// </summary>
    public static IReadOnlyList<string> QuotedPieces(string escaped, int max) => QuotedPieces(escaped, max, max);

    private static List<string> QuotedPieces(string escaped, int max, int budget)
    {
        var result = new List<string>();
        foreach (var piece in Mrkdwn.Split(escaped, budget))
        {
            var quoted = Mrkdwn.Quote(piece);
            // Quoting at most triples a piece ("x\n" → "> x\n"), so a third of max always fits: the recursion ends.
            if (quoted.Length <= max || budget <= max / 3)
            {
                result.Add(quoted);
            }
            else
            {
                result.AddRange(QuotedPieces(piece, max, Math.Max(max / 3, piece.Length / 2)));
            }
        }

        return result;
    }

    public static (string Fallback, JsonArray Blocks) Sent(FeedbackSentNotice notice)
    {
        var text = $":white_check_mark: Your feedback reached {Mrkdwn.Mention(notice.Recipient.UserId)}"
            + (notice.Anonymous ? " (without your name)." : ".");
        return (text, new JsonArray(Bk.Section(text)));
    }

    public static (string Fallback, JsonArray Blocks) NotDelivered(FeedbackNotDeliveredNotice notice)
    {
        var text = $":warning: I couldn't deliver your feedback to {Mrkdwn.Mention(notice.Recipient.UserId)} "
            + $"({Mrkdwn.Safe(notice.Reason, 200)}). It is saved, nothing is lost.";
        return (text, new JsonArray(Bk.Section(text)));
    }

    /// <summary>One line-block summary for lists; <paramref name="fromSide"/> true shows the giver, false the recipient.</summary>
    public static string Summary(FeedbackItem item, TimeZoneInfo zone, bool fromSide)
    {
        var who = fromSide
            ? (item.Anonymous ? "Someone" : Mrkdwn.Mention(item.Giver.UserId))
            : Mrkdwn.Mention(item.Recipient.UserId);
        var sb = new StringBuilder();
        sb.Append(fromSide ? "*From " : "*To ").Append(who).Append("* · ").Append(Mrkdwn.ShortDate(item.CreatedAt, zone));
        if (!fromSide && item.Delivery == DeliveryStatus.Failed)
        {
            sb.Append(" · not delivered");
        }

        sb.Append('\n').Append(Mrkdwn.Quote(Mrkdwn.Safe(item.Content.PlainText, 400)));
        return sb.ToString();
    }
}
