using System.Text.Json.Nodes;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Slack.Blocks;
using FeedbackBot.Slack.Coaching;
using FeedbackBot.Slack.Inbound;
using FeedbackBot.Slack.Text;

namespace FeedbackBot.Slack.Give;

/// <summary>Messages and buttons of the quick give's review step.</summary>
public static class QuickGiveMessages
{
    public static GiveFeedbackCommand ToCommand(Core.People.PersonRef giver, QuickDraft draft) =>
        new(giver, draft.Recipients.Select(r => SlackIds.Person(giver.WorkspaceId, r)).ToArray(),
            FeedbackContent.FromText(draft.Text), draft.Kind);

    public static string OutcomeText(GiveOutcome outcome, GiveFeedbackCommand command)
    {
        var text = GiveText.Describe(outcome, command.Recipients);
        return outcome.Succeeded || outcome.Failure is not null || outcome.Duplicate ? text : text + "\n\n" + FeedbackCommandParser.Usage;
    }

    /// <summary>Tips plus "Send as is" / "Edit" / "Cancel". Without room for the draft in a button, only the form is offered.</summary>
    public static JsonArray Review(QuickDraft draft, DraftAdvice advice)
    {
        var to = string.Join(", ", draft.Recipients.Select(Mrkdwn.Mention));
        var tips = string.Join("\n", advice.Tips.Take(5).Select(t => "• " + Mrkdwn.Escape(t)));
        var blocks = new JsonArray(
            Bk.Section($"*Your feedback to {to}:*\n{Mrkdwn.Quote(Mrkdwn.Safe(draft.Text, 2500))}"),
            Bk.Context($":bulb: *Coach:*\n{tips}"));
        var value = draft.Encode();
        blocks.Add(value is null
            ? Bk.Section("This note is too long to carry over. Use `/feedback give` to write it in the form.")
            : Bk.Actions("quick_review",
                Bk.Button("Send as is", QuickSendAction.ActionId, value, "primary"),
                Bk.Button("Edit", QuickEditAction.ActionId, value),
                Bk.Button("Cancel", QuickCancelAction.ActionId, "cancel")));
        return blocks;
    }
}
