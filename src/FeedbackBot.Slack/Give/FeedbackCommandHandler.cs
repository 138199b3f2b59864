using System.Text.Json.Nodes;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Ports;
using FeedbackBot.Slack.Api;
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
            sp.GetRequiredService<ResponseUrlClient>().PostAsync(command.ResponseUrl, command.Person,
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
