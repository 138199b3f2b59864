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

        foreach (var (part, text) in notice.Content.FilledParts())
        {
            var label = notice.Content.Template == FeedbackTemplate.Free ? "" : $"*{TemplateParts.Label(part)}*\n";
            blocks.Add(Bk.Section(label + Mrkdwn.Quote(Mrkdwn.Safe(text, 2900))));
        }

        if (notice.Source is { } source)
        {
            var excerpt = source.Excerpt is { Length: > 0 } e ? $": “{Mrkdwn.Safe(e, 200)}”" : "";
            blocks.Add(Bk.Context($":link: About {GiveModal.Link(source.Url, "this message")}{excerpt}"));
        }

        blocks.Add(Bk.Actions("feedback_actions",
            Bk.Button("Thank them", ThankAction.ActionId, notice.FeedbackId, "primary"),
            Bk.Button("Ask a follow-up", FollowUpAction.ActionId, notice.FeedbackId)));
        return ($"{from} sent you {kind}", blocks);
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
