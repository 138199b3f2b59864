using System.Text.Json.Nodes;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Ports;
using FeedbackBot.Slack.Api;
using FeedbackBot.Slack.Background;
using FeedbackBot.Slack.Blocks;
using FeedbackBot.Slack.Coaching;
using FeedbackBot.Slack.Delivery;
using FeedbackBot.Slack.Http;
using FeedbackBot.Slack.Inbound;
using FeedbackBot.Slack.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace FeedbackBot.Slack.Give;

/// <summary><c>/feedback</c>: help, inbox, open the modal, or a quick give (see <see cref="FeedbackCommandParser"/>).</summary>
public sealed class FeedbackCommandHandler(
    GiveService give,
    ModalOpener modals,
    IFeedbackStore store,
    IPreferencesStore preferences,
    Requests.RequestCommands requests,
    Settings.SettingsOpener settings,
    IDraftCoach? coach = null) : ISlashCommandHandler
{
    public const string Command = "/feedback";
    private const int InboxSize = 5;

    public async Task<IResult> HandleAsync(SlashCommand command, CancellationToken ct)
    {
        switch (FeedbackCommandParser.Parse(command.Text))
        {
            case FeedbackCommandIntent.Help:
                return SlackReplies.Ephemeral("*Give and get feedback*\n" + FeedbackCommandParser.Usage);

            case FeedbackCommandIntent.Invalid invalid:
                return SlackReplies.Ephemeral($"{Mrkdwn.Escape(invalid.Problem)}\n\n{FeedbackCommandParser.Usage}");

            case FeedbackCommandIntent.OpenGive open:
                var draft = GiveDraft.Empty with { Recipients = open.Recipients.Where(r => r != command.UserId).ToArray() };
                _ = modals.Open(command.TeamId, command.TriggerId, GiveModal.Build(draft), command.ResponseUrl);
                return SlackReplies.Ack();

            case FeedbackCommandIntent.Inbox:
                return await InboxAsync(command, ct);

            case Requests.RequestCommandIntent subcommand:
                return await requests.HandleAsync(command, subcommand, ct);
            case FeedbackCommandIntent.Settings:
                _ = settings.Open(command.Person, command.TriggerId, command.ResponseUrl);
                return SlackReplies.Ack();

            case FeedbackCommandIntent.QuickGive quick:
                return await QuickGiveAsync(command, quick);

            default:
                return SlackReplies.Ephemeral(FeedbackCommandParser.Usage);
        }
    }

    private async Task<IResult> QuickGiveAsync(SlashCommand command, FeedbackCommandIntent.QuickGive quick)
    {
        // Refusals that need no lookup are answered on the spot, before anything is stored.
        if (quick.Recipients.Contains(command.UserId))
        {
            return SlackReplies.Ephemeral($"{Mrkdwn.Escape(new GiveProblem(GiveProblemCode.Self).Message)}\n\n{FeedbackCommandParser.Usage}");
        }

        if (quick.Text.Length > GiveFeedback.MaxLength)
        {
            return SlackReplies.Ephemeral(Mrkdwn.Escape(new GiveProblem(GiveProblemCode.TooLong).Message));
        }

        var draft = new QuickDraft(quick.Recipients, quick.Text, FeedbackKind.Praise);
        var advice = coach?.Review(FeedbackContent.FromText(quick.Text), draft.Kind) ?? DraftAdvice.None;
        if (advice.HasAdvice)
        {
            return SlackReplies.Ephemeral("The coach has a few tips before you send this.", QuickGiveMessages.Review(draft.WithNewId(), advice));
        }

        var giveCommand = QuickGiveMessages.ToCommand(command.Person, draft);
        var outcome = await give.GiveWithinBudgetAsync(giveCommand, new OnceKey("command", command.TriggerId), (sp, late, ct) =>
            sp.GetRequiredService<ResponseUrlClient>().PostAsync(command.ResponseUrl,
                GiveService.EphemeralMessage(QuickGiveMessages.OutcomeText(late, giveCommand)), ct));
        return outcome is null
            ? SlackReplies.Ephemeral(GiveService.StillSavingText)
            : SlackReplies.Ephemeral(QuickGiveMessages.OutcomeText(outcome, giveCommand));
    }

    private async Task<IResult> InboxAsync(SlashCommand command, CancellationToken ct)
    {
        var person = command.Person;
        var items = await store.ListReceivedAsync(person, InboxSize, ct);
        if (items.Count == 0)
        {
            return SlackReplies.Ephemeral("You haven't received any feedback yet. Ask for some: people are happy to help.");
        }

        var zone = (await preferences.GetAsync(person, ct)).ResolveTimeZone();
        var blocks = new JsonArray(Bk.Section("*Your latest feedback* (only you can see this)"));
        foreach (var item in items)
        {
            blocks.Add(Bk.Divider());
            blocks.Add(Bk.Section(FeedbackText.Summary(item, zone, fromSide: true)));
        }

        return SlackReplies.Ephemeral("Your latest feedback", blocks);
    }
}

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
                await responses.PostAsync(interaction.ResponseUrl, GiveService.EphemeralMessage("That draft can't be read any more. Please write it again."), workCt);
                return;
            }

            var command = QuickGiveMessages.ToCommand(interaction.Person, draft);
            // A second click (or a replay) of the same draft finds its id claimed and changes nothing.
            var outcome = await GiveService.RunGiveAsync(sp, command, new OnceKey("draft", draft.Id ?? action.Raw["action_ts"]?.ToString()), workCt);
            if (outcome.Duplicate)
            {
                return;
            }

            await responses.PostAsync(interaction.ResponseUrl,
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
