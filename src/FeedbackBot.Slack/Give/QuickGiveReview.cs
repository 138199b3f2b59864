using System.Text.Json.Nodes;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Slack.Api;
using FeedbackBot.Slack.Background;
using FeedbackBot.Slack.Blocks;
using FeedbackBot.Slack.Coaching;
using FeedbackBot.Slack.Http;
using FeedbackBot.Slack.Inbound;
using FeedbackBot.Slack.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace FeedbackBot.Slack.Give;

/// <summary>Messages and buttons of the quick give's review step.</summary>
public static class QuickGiveMessages
{
    public static GiveFeedbackCommand ToCommand(Core.People.PersonRef giver, QuickDraft draft) =>
        new(giver, draft.Recipients.Select(r => SlackIds.Person(giver.WorkspaceId, r)).ToArray(),
            FeedbackContent.FromText(draft.Text), draft.Kind);

    public static string OutcomeText(GiveOutcome outcome, GiveFeedbackCommand command)
    {
        var text = GiveService.Describe(outcome, command.Recipients);
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

/// <summary>"Send as is": gives the draft unchanged and replaces the review message with the outcome.</summary>
public sealed class QuickSendAction(SlackBackgroundQueue queue) : IBlockActionHandler
{
    public const string ActionId = "quick_send";

    public Task<IResult> HandleAsync(Interaction interaction, BlockAction action, CancellationToken ct)
    {
        // Block actions ignore the HTTP body, so ack now and answer through response_url. Replacing the
        // buttons with the outcome means a second click has nothing left to send.
        queue.Enqueue(async (sp, workCt) =>
        {
            var responses = sp.GetRequiredService<ResponseUrlClient>();
            if (QuickDraft.Decode(action.Value) is not { } draft)
            {
                await responses.PostAsync(interaction.ResponseUrl, interaction.Person, GiveService.EphemeralMessage("That draft can't be read any more. Please write it again."), workCt);
                return;
            }

            var command = QuickGiveMessages.ToCommand(interaction.Person, draft);
            // A second click (or a replay) of the same draft finds its id claimed and changes nothing.
            var outcome = await GiveService.RunGiveAsync(sp, command, new OnceKey("draft", draft.Id ?? action.Raw["action_ts"]?.ToString()), workCt);
            if (outcome.Duplicate)
            {
                return;
            }

            await responses.PostAsync(interaction.ResponseUrl, interaction.Person,
                GiveService.EphemeralMessage(QuickGiveMessages.OutcomeText(outcome, command), replaceOriginal: true), workCt);
        });
        return Task.FromResult(SlackReplies.Ack());
    }
}

/// <summary>"Edit": opens the Give modal prefilled with the draft, then removes the review message.</summary>
public sealed class QuickEditAction(ModalOpener modals) : IBlockActionHandler
{
    public const string ActionId = "quick_edit";

    public Task<IResult> HandleAsync(Interaction interaction, BlockAction action, CancellationToken ct)
    {
        if (QuickDraft.Decode(action.Value) is { } draft)
        {
            var modal = GiveModal.Build(GiveDraft.Empty with
            {
                Recipients = draft.Recipients,
                Kind = draft.Kind,
                Parts = new Dictionary<string, string> { [TemplateParts.Text] = draft.Text },
            });
            _ = modals.Open(interaction.TeamId, interaction.TriggerId, modal, interaction.ResponseUrl,
                (sp, _, workCt) => sp.GetRequiredService<ResponseUrlClient>().PostAsync(interaction.ResponseUrl, new JsonObject { ["delete_original"] = true }, workCt));
        }

        return Task.FromResult(SlackReplies.Ack());
    }
}

/// <summary>"Cancel": drops the draft; nothing was stored.</summary>
public sealed class QuickCancelAction(SlackBackgroundQueue queue) : IBlockActionHandler
{
    public const string ActionId = "quick_cancel";

    public Task<IResult> HandleAsync(Interaction interaction, BlockAction action, CancellationToken ct)
    {
        queue.Enqueue((sp, workCt) => sp.GetRequiredService<ResponseUrlClient>()
            .PostAsync(interaction.ResponseUrl, new JsonObject { ["delete_original"] = true }, workCt));
        return Task.FromResult(SlackReplies.Ack());
    }
}
