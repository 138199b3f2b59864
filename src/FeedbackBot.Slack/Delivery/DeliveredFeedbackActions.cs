using System.Text.Json.Nodes;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Ports;
using FeedbackBot.Slack.Api;
using FeedbackBot.Slack.Background;
using FeedbackBot.Slack.Blocks;
using FeedbackBot.Slack.Give;
using FeedbackBot.Slack.Http;
using FeedbackBot.Slack.Inbound;
using FeedbackBot.Slack.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace FeedbackBot.Slack.Delivery;

/// <summary>
/// "Thank them" on a delivered feedback: tells the giver, once. Works for anonymous feedback too: the giver
/// learns who thanked them, the recipient still never learns who wrote it.
/// </summary>
public sealed class ThankAction(SlackBackgroundQueue queue) : IBlockActionHandler
{
    public const string ActionId = "feedback_thank";

    public Task<IResult> HandleAsync(Interaction interaction, BlockAction action, CancellationToken ct)
    {
        queue.Enqueue(async (sp, workCt) =>
        {
            var item = action.Value is null ? null : await sp.GetRequiredService<IFeedbackStore>().GetAsync(action.Value, workCt);
            var responses = sp.GetRequiredService<ResponseUrlClient>();
            if (item is null || item.Recipient != interaction.Person)
            {
                await responses.PostAsync(interaction.ResponseUrl, interaction.Person, GiveService.EphemeralMessage("I can't find that feedback any more."), workCt);
                return;
            }

            // Double clicks and Slack's own retries of a slow ack must not thank twice.
            if (!await sp.GetRequiredService<IOnceStore>().TryClaimAsync($"slack:thank:{item.Id}", TimeSpan.FromDays(30), workCt))
            {
                await responses.PostAsync(interaction.ResponseUrl, interaction.Person, GiveService.EphemeralMessage("You already thanked them."), workCt);
                return;
            }

            var text = $":pray: {Mrkdwn.Mention(item.Recipient.UserId)} thanked you for your feedback:\n{Mrkdwn.Quote(Mrkdwn.Safe(item.Content.PlainText, 300))}";
            await sp.GetRequiredService<SlackApiClient>().SendDmAsync(item.Giver.WorkspaceId, item.Giver.UserId, text,
                new JsonArray(Bk.Section(text)), workCt);
            await responses.PostAsync(interaction.ResponseUrl, interaction.Person, GiveService.EphemeralMessage(":white_check_mark: Thanks sent."), workCt);
        });
        return Task.FromResult(SlackReplies.Ack());
    }
}

/// <summary>"Ask a follow-up": a small modal whose question is relayed to the giver (who stays anonymous if they were).</summary>
public sealed class FollowUpAction(ModalOpener modals) : IBlockActionHandler
{
    public const string ActionId = "feedback_followup";

    public Task<IResult> HandleAsync(Interaction interaction, BlockAction action, CancellationToken ct)
    {
        if (action.Value is { Length: > 0 and <= 64 } feedbackId)
        {
            _ = modals.Open(interaction.TeamId, interaction.TriggerId, FollowUpSubmission.Modal(feedbackId), interaction.ResponseUrl);
        }

        return Task.FromResult(SlackReplies.Ack());
    }
}

/// <summary>Submit of the follow-up modal: checks the reader is the recipient, then DMs the giver in the background.</summary>
public sealed class FollowUpSubmission(IFeedbackStore store, SlackBackgroundQueue queue) : IViewSubmissionHandler
{
    public const string CallbackId = "feedback_followup";
    private const string QuestionBlock = "question";
    private const string QuestionAction = "question_text";

    public static JsonObject Modal(string feedbackId) => Bk.Modal(CallbackId, "Ask a follow-up",
    [
        Bk.Section("Your question goes to the person who wrote the feedback. If they stayed anonymous, they still do."),
        Bk.Input(QuestionBlock, "Your question", new JsonObject
        {
            ["type"] = "plain_text_input",
            ["action_id"] = QuestionAction,
            ["multiline"] = true,
            ["max_length"] = 1000,
        }),
    ], submit: "Send", privateMetadata: feedbackId);

    public async Task<IResult> HandleAsync(Interaction interaction, SlackView view, CancellationToken ct)
    {
        var question = Interaction.Str(view.StateValues[QuestionBlock].At(QuestionAction).At("value"))?.Trim();
        if (string.IsNullOrEmpty(question))
        {
            return SlackReplies.ViewErrors(new Dictionary<string, string> { [QuestionBlock] = "Write your question first." });
        }

        var item = view.PrivateMetadata is { } id ? await store.GetAsync(id, ct) : null;
        if (item is null || item.Recipient != interaction.Person)
        {
            return SlackReplies.ViewErrors(new Dictionary<string, string> { [QuestionBlock] = "I can't find that feedback any more." });
        }

        queue.Enqueue((sp, workCt) =>
        {
            var text = $":question: {Mrkdwn.Mention(item.Recipient.UserId)} has a question about your feedback "
                + $"“{Mrkdwn.Safe(item.Content.PlainText, 200)}”:\n{Mrkdwn.Quote(Mrkdwn.Safe(question, 1000))}";
            return sp.GetRequiredService<SlackApiClient>().SendDmAsync(item.Giver.WorkspaceId, item.Giver.UserId, text,
                new JsonArray(Bk.Section(text)), workCt);
        });
        return SlackReplies.Ack();
    }
}
