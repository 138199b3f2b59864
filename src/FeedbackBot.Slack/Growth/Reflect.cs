using System.Text.Json.Nodes;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Growth;
using FeedbackBot.Core.Nudges;
using FeedbackBot.Core.Ports;
using FeedbackBot.Slack.Api;
using FeedbackBot.Slack.Blocks;
using FeedbackBot.Slack.Inbound;
using FeedbackBot.Slack.Text;
using FeedbackBot.Slack.Views;

namespace FeedbackBot.Slack.Growth;

/// <summary>
/// "Reflect" on delivered feedback: the "What will you try?" modal — free text, a theme (one of the person's, or a new
/// one; a suggestion from the feedback's words is prefilled with the word that suggested it, never applied unseen) and
/// a check-in choice. Only the recipient can open it.
/// </summary>
public sealed class ReflectAction(IFeedbackStore feedback, GrowthBook growth, ModalOpener modals, PrivateReply reply)
    : OwnFeedbackModalAction(feedback, growth, modals, reply)
{
    public const string ActionId = "feedback_reflect";

    protected override JsonObject Modal(Interaction interaction, FeedbackItem item, IReadOnlyList<Core.Ports.GrowthTheme> themes, ThemeSuggestion? suggestion) =>
        ReflectSubmission.Modal(item, themes, suggestion);
}

/// <summary>Submit of the Reflect modal: checks the input in the ack, stores the commitment after it and confirms by DM.</summary>
public sealed class ReflectSubmission(IFeedbackStore feedback, GrowthBook growth, SlackApiClient api, PersonClock clock) : IViewSubmissionHandler
{
    public const string CallbackId = "growth_reflect";
    private const string TextBlock = "what";
    private const string TextAction = "what_text";
    private const string CheckInBlock = "checkin";
    private const string CheckInAction = "checkin_when";

    public static JsonObject Modal(FeedbackItem item, IReadOnlyList<Core.Ports.GrowthTheme> themes, ThemeSuggestion? suggestion)
    {
        var blocks = new List<JsonObject>
        {
            Bk.Context($"About: {Mrkdwn.Quote(Mrkdwn.Safe(item.Content.PlainText, 300))}"),
            Bk.Input(TextBlock, GrowthWords.ReflectTitle, new JsonObject
            {
                ["type"] = "plain_text_input",
                ["action_id"] = TextAction,
                ["multiline"] = true,
                ["max_length"] = Commitment.MaxTextLength,
                ["placeholder"] = Bk.Plain(GrowthWords.ReflectPlaceholder),
            }),
        };
        blocks.AddRange(ThemePicker.Blocks(themes, suggestion));
        var radios = GrowthWords.CheckInChoices.Select(c => Bk.Option(c.Label, c.Choice.ToString())).ToArray();
        blocks.Add(Bk.Input(CheckInBlock, GrowthWords.CheckInLabel, new JsonObject
        {
            ["type"] = "radio_buttons",
            ["action_id"] = CheckInAction,
            ["options"] = new JsonArray([.. radios]),
            ["initial_option"] = radios[1].DeepClone(),
        }, hint: GrowthWords.CheckInHint));
        return Bk.Modal(CallbackId, "Reflect", blocks, submit: "Save", privateMetadata: item.Id);
    }

    public async ValueTask<SlackAck> AckAsync(Interaction interaction, SlackView view, CancellationToken ct)
    {
        var text = view.State[TextBlock, TextAction]?.Value?.Trim() ?? "";
        var (themeId, newTheme) = ThemePicker.Read(view);
        var checkIn = Enum.TryParse<CheckInChoice>(view.State[CheckInBlock, CheckInAction]?.SelectedOption, out var c) && Enum.IsDefined(c) ? c : CheckInChoice.TwoWeeks;
        if (text.Length == 0 || text.Length > Commitment.MaxTextLength)
        {
            return SlackAck.ViewErrors(new Dictionary<string, string> { [TextBlock] = GrowthResult.Describe(text.Length == 0 ? GrowthProblem.EmptyText : GrowthProblem.TooLong) });
        }

        var item = Core.Ids.IsPlausible(view.PrivateMetadata) ? await feedback.GetAsync(view.PrivateMetadata!, ct) : null;
        if (item is null || item.Recipient != interaction.Person)
        {
            return SlackAck.ViewErrors(new Dictionary<string, string> { [TextBlock] = GrowthResult.Describe(GrowthProblem.NotYourFeedback) });
        }

        // Slack sends input text as typed (not escaped): stored as is, escaped once when shown.
        return SlackAck.Ok.ThenRun(new CommitCommand(interaction.Person, text, item.Id, themeId, newTheme, checkIn));
    }

    public async Task RunAsync(Interaction interaction, SlackView view, object? state, CancellationToken ct)
    {
        if (state is not CommitCommand command)
        {
            return;
        }

        var result = await growth.CommitAsync(command, ct);
        string message;
        if (result.Commitment is { } saved)
        {
            var zone = (await clock.LoadAsync(command.Person, ct)).Calendar.TimeZone;
            message = ":white_check_mark: " + GrowthWords.Saved($"*{Mrkdwn.Safe(saved.Text, 600)}*",
                saved.CheckInAt is { } at ? $"on {Mrkdwn.ShortDate(at, zone)}" : null);
        }
        else
        {
            message = $":warning: {Mrkdwn.Escape(GrowthResult.Describe(result.Problem!.Value))} Nothing was saved.";
        }

        await api.SendDmAsync(interaction.TeamId, interaction.UserId, message, new JsonArray(Bk.Section(message)), ct);
    }
}
