using System.Text.Json.Nodes;
using FeedbackBot.Core.Growth;
using FeedbackBot.Core.Nudges;
using FeedbackBot.Core.Ports;
using FeedbackBot.Core.Requests;
using FeedbackBot.Slack.Blocks;
using FeedbackBot.Slack.Inbound;
using FeedbackBot.Slack.Text;
using FeedbackBot.Slack.Views;

namespace FeedbackBot.Slack.Growth;

/// <summary>
/// The check-in's outcome buttons (<c>growth_checkin:GoingWell</c>, <c>:NotYet</c>, <c>:Done</c>, value = commitment
/// id): records the outcome for its owner only and replaces the check-in with what was recorded.
/// </summary>
public sealed class CheckInAction(GrowthBook growth, PersonClock clock, PrivateReply reply) : IBlockActionHandler
{
    public const string ActionId = "growth_checkin";

    public static string Id(CommitmentOutcome outcome) => $"{ActionId}:{outcome}";

    public ValueTask<SlackAck> AckAsync(Interaction interaction, BlockAction action, CancellationToken ct) =>
        ValueTask.FromResult(Enum.TryParse<CommitmentOutcome>(action.Argument, out var outcome) && outcome != CommitmentOutcome.Open
            && Enum.IsDefined(outcome) && Core.Ids.IsPlausible(action.Value)
            ? SlackAck.Ok.ThenRun(outcome)
            : SlackAck.Ok);

    public async Task RunAsync(Interaction interaction, BlockAction action, object? state, CancellationToken ct)
    {
        if (state is not CommitmentOutcome outcome)
        {
            return;
        }

        var who = SlackRequester.Of(interaction);
        var result = await growth.RecordOutcomeAsync(interaction.Person, action.Value!, outcome, ct);
        if (result.Commitment is not { } c)
        {
            await reply.TellAsync(who, Mrkdwn.Escape(GrowthResult.Describe(result.Problem!.Value)), ct);
            return;
        }

        var what = $"*{Mrkdwn.Safe(c.Text, 600)}*";
        var emoji = outcome switch
        {
            CommitmentOutcome.GoingWell => ":sparkles:",
            CommitmentOutcome.Done => ":tada:",
            _ => ":hourglass_flowing_sand:",
        };
        var next = c.CheckInAt is { } at ? $"on {Mrkdwn.ShortDate(at, (await clock.LoadAsync(c.Owner, ct)).Calendar.TimeZone)}" : null;
        var text = $"{emoji} {GrowthWords.OutcomeNoted(outcome, what, next)}";
        await reply.TellAsync(who, text, ct, replaceOriginal: true);
    }
}

/// <summary>"Ask them how it looks now": a small request modal to the original giver, the question prefilled.</summary>
public sealed class AskGiverAction(GrowthBook growth, ModalOpener modals, PrivateReply reply) : IBlockActionHandler
{
    public const string ActionId = "growth_ask_giver";

    public ValueTask<SlackAck> AckAsync(Interaction interaction, BlockAction action, CancellationToken ct) =>
        ValueTask.FromResult(Core.Ids.IsPlausible(action.Value) ? SlackAck.Ok.ThenRun(action.Value) : SlackAck.Ok);

    public async Task RunAsync(Interaction interaction, BlockAction action, object? state, CancellationToken ct)
    {
        var who = SlackRequester.Of(interaction);
        var commitment = state is string id ? await growth.OwnCommitmentAsync(interaction.Person, id, ct) : null;
        if (commitment is null || await growth.GiverOfAsync(commitment, ct) is not { } giver)
        {
            await reply.TellAsync(who, Mrkdwn.Escape(GrowthResult.Describe(commitment is null ? GrowthProblem.NotFound : GrowthProblem.GiverAnonymous)), ct);
            return;
        }

        await modals.OpenAsync(who, interaction.TriggerId, AskGiverSubmission.Modal(commitment, giver.UserId), ct);
    }
}

/// <summary>Submit of the ask-the-giver modal: a feedback request to the giver, linked to the commitment.</summary>
public sealed class AskGiverSubmission(GrowthBook growth, Api.SlackApiClient api) : IViewSubmissionHandler
{
    public const string CallbackId = "growth_ask_giver";
    private const string QuestionBlock = "question";
    private const string QuestionAction = "question_text";

    public static JsonObject Modal(Commitment commitment, string giverUserId) => Bk.Modal(CallbackId, "Ask how it looks now",
    [
        Bk.Section(GrowthWords.AskGiverLead(Mrkdwn.Mention(giverUserId))),
        Bk.Input(QuestionBlock, "Your question", new JsonObject
        {
            ["type"] = "plain_text_input",
            ["action_id"] = QuestionAction,
            ["multiline"] = true,
            ["max_length"] = RequestFeedback.MaxQuestionLength,
            ["initial_value"] = GrowthBook.AskGiverQuestion(commitment),
        }),
    ], submit: "Ask", privateMetadata: commitment.Id);

    public ValueTask<SlackAck> AckAsync(Interaction interaction, SlackView view, CancellationToken ct)
    {
        var question = view.State[QuestionBlock, QuestionAction]?.Value?.Trim();
        if (string.IsNullOrEmpty(question) || !Core.Ids.IsPlausible(view.PrivateMetadata))
        {
            return ValueTask.FromResult(SlackAck.ViewErrors(new Dictionary<string, string> { [QuestionBlock] = "Write your question first." }));
        }

        return ValueTask.FromResult(SlackAck.Ok.ThenRun(question));
    }

    public async Task RunAsync(Interaction interaction, SlackView view, object? state, CancellationToken ct)
    {
        if (state is not string question)
        {
            return;
        }

        var result = await growth.AskGiverAsync(interaction.Person, view.PrivateMetadata!, question, ct);
        var text = result.Request is { } request
            ? $":white_check_mark: Asked {Mrkdwn.Mention(request.Recipients[0].Person.UserId)} how it looks now. I'll tell you when they answer."
            : $":warning: {Mrkdwn.Escape(result.RequestProblems.FirstOrDefault()?.Message ?? GrowthResult.Describe(result.Problem!.Value))}";
        await api.SendDmAsync(interaction.TeamId, interaction.UserId, text, new JsonArray(Bk.Section(text)), ct);
    }
}
