using System.Globalization;
using System.Text.Json.Nodes;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Messaging;
using FeedbackBot.Core.Requests;
using FeedbackBot.Slack.Blocks;
using FeedbackBot.Slack.Give;
using FeedbackBot.Slack.Text;

namespace FeedbackBot.Slack.Requests;

/// <summary>
/// Block Kit for requests: the ask, the nudge, and what the requester is told. Every question, reason and excerpt
/// is user text and goes through <see cref="Mrkdwn.Safe"/>. A notice with a null person (anonymous answer) is
/// rendered without any id, not even in a button value.
/// </summary>
public static class RequestText
{
    /// <summary>At most this many asks in one nudge; each takes three blocks of Slack's 50 per message.</summary>
    public const int MaxNudgeItems = 10;

    public static (string Fallback, JsonArray Blocks) Requested(FeedbackRequestedNotice notice)
    {
        var from = Mrkdwn.Mention(notice.Requester.UserId);
        var blocks = new JsonArray(
            Bk.Section($":raising_hand: *{from} asks for your feedback*"),
            Bk.Section(Mrkdwn.Quote(Mrkdwn.Safe(notice.Question, 2900))));
        if (SourceLine(notice.Source) is { } source)
        {
            blocks.Add(Bk.Context(source));
        }

        blocks.Add(Bk.Context($"Please answer by {When(notice.DueAt)}."));
        blocks.Add(Buttons(notice.RequestId, "request_actions"));
        return ($"{from} asks for your feedback: {Mrkdwn.Safe(notice.Question, 150)}", blocks);
    }

    public static (string Fallback, JsonArray Blocks) Nudge(NudgeNotice notice)
    {
        var count = notice.Pending.Count;
        var intro = count == 1
            ? ":wave: A friendly reminder: someone is waiting for your feedback."
            : $":wave: A friendly reminder: {count} people are waiting for your feedback.";
        var blocks = new JsonArray(Bk.Section(intro));
        foreach (var (owed, i) in notice.Pending.Take(MaxNudgeItems).Select((o, i) => (o, i)))
        {
            blocks.Add(Bk.Divider());
            var source = SourceLine(owed.Source) is { } s ? "\n" + s : "";
            blocks.Add(Bk.Section($"*{Mrkdwn.Mention(owed.Requester.UserId)}* asks, by {When(owed.DueAt)}:\n"
                + Mrkdwn.Quote(Mrkdwn.Safe(owed.Question, 600)) + source));
            // block_id unique per message, so each row's buttons are told apart.
            blocks.Add(Buttons(owed.RequestId, $"nudge_{i}"));
        }

        if (count > MaxNudgeItems)
        {
            blocks.Add(Bk.Context($"…and {count - MaxNudgeItems} more. `/feedback pending` lists them all."));
        }

        return (Mrkdwn.Escape(intro), blocks);
    }

    public static (string Fallback, JsonArray Blocks) Answered(RequestAnsweredNotice notice)
    {
        var who = notice.AnsweredBy is { } p ? Mrkdwn.Mention(p.UserId) : "Someone (anonymously)";
        var text = $":tada: {who} answered your request {QuestionRef(notice.Question)}. {Tally(notice.Tally)}";
        return (text, new JsonArray(Bk.Section(text)));
    }

    public static (string Fallback, JsonArray Blocks) Declined(RequestDeclinedNotice notice)
    {
        var text = $":no_entry_sign: {Mrkdwn.Mention(notice.DeclinedBy.UserId)} declined your request {QuestionRef(notice.Question)}. {Tally(notice.Tally)}";
        var blocks = new JsonArray(Bk.Section(text));
        if (notice.Reason is { Length: > 0 } reason)
        {
            blocks.Add(Bk.Section("*Their reason*\n" + Mrkdwn.Quote(Mrkdwn.Safe(reason, 1000))));
        }

        return (text, blocks);
    }

    public static (string Fallback, JsonArray Blocks) Summary(RequestSummaryNotice notice)
    {
        var text = $":bar_chart: Your request {QuestionRef(notice.Question)} is closed: {Tally(notice.Tally)}";
        var details = new List<string>();
        if (notice.Tally.Declined > 0)
        {
            details.Add($"{notice.Tally.Declined} declined");
        }

        if (notice.Tally.Expired > 0)
        {
            details.Add($"{notice.Tally.Expired} didn't answer in time");
        }

        var blocks = new JsonArray(Bk.Section(text));
        if (details.Count > 0)
        {
            blocks.Add(Bk.Context(string.Join(", ", details) + "."));
        }

        return (text, blocks);
    }

    public static (string Fallback, JsonArray Blocks) NotReached(RequestNotReachedNotice notice)
    {
        var text = $":warning: I couldn't ask {Mrkdwn.Mention(notice.Recipient.UserId)} about your request {QuestionRef(notice.Question)}: {Mrkdwn.Escape(notice.Reason)}. They can still answer from `/feedback pending`.";
        return (text, new JsonArray(Bk.Section(text)));
    }

    /// <summary>"2 of 3 answered."</summary>
    public static string Tally(RequestTally tally) => $"{tally.Answered} of {tally.Total} answered.";

    /// <summary>Give / Decline / Snooze, each carrying only the request id.</summary>
    public static JsonObject Buttons(string requestId, string blockId) => Bk.Actions(blockId,
        Bk.Button("Give feedback", RequestGiveAction.ActionId, requestId, "primary"),
        Bk.Button("Decline", RequestDeclineAction.ActionId, requestId),
        Bk.Button("Snooze 1 day", RequestSnoozeAction.ActionId, requestId));

    /// <summary>
    /// A date Slack renders in the reader's own time zone (<c>&lt;!date^…&gt;</c>); the fallback after the pipe is
    /// UTC for clients that cannot.
    /// </summary>
    public static string When(DateTimeOffset at) =>
        $"<!date^{at.ToUnixTimeSeconds()}^{{date_short_pretty}} at {{time}}|{at.UtcDateTime.ToString("ddd d MMM HH:mm 'UTC'", CultureInfo.InvariantCulture)}>";

    internal static string? SourceLine(SourceLink? source) => source is null ? null
        : $":link: About {GiveModal.Link(source.Url, "this message")}"
          + (source.Excerpt is { Length: > 0 } e ? $": “{Mrkdwn.Safe(e, 200)}”" : "");

    private static string QuestionRef(string question) => $"“{Mrkdwn.Safe(question, 200)}”";
}
