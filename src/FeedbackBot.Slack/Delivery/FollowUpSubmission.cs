using System.Text.Json.Nodes;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Ports;
using FeedbackBot.Slack.Api;
using FeedbackBot.Slack.Blocks;
using FeedbackBot.Slack.Inbound;
using FeedbackBot.Slack.Text;

namespace FeedbackBot.Slack.Delivery;

/// <summary>Submit of the follow-up modal: checks the reader is the recipient in the ack, then DMs the giver after it.</summary>
public sealed class FollowUpSubmission(IFeedbackStore store, SlackApiClient api) : IViewSubmissionHandler
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

    public async ValueTask<SlackAck> AckAsync(Interaction interaction, SlackView view, CancellationToken ct)
    {
        var question = view.State[QuestionBlock, QuestionAction]?.Value?.Trim();
        if (string.IsNullOrEmpty(question))
        {
            return SlackAck.ViewErrors(new Dictionary<string, string> { [QuestionBlock] = "Write your question first." });
        }

        var item = view.PrivateMetadata is { } id ? await store.GetAsync(id, ct) : null;
        if (item is null || item.Recipient != interaction.Person)
        {
            return SlackAck.ViewErrors(new Dictionary<string, string> { [QuestionBlock] = "I can't find that feedback any more." });
        }

        return SlackAck.Ok.ThenRun(new Question(item, question));
    }

    public Task RunAsync(Interaction interaction, SlackView view, object? state, CancellationToken ct)
    {
        if (state is not Question (var item, var question))
        {
            return Task.CompletedTask;
        }

        var text = $":question: {Mrkdwn.Mention(item.Recipient.UserId)} has a question about your feedback "
            + $"“{Mrkdwn.Safe(item.Content.PlainText, 200)}”:\n{Mrkdwn.Quote(Mrkdwn.Safe(question, 1000))}";
        return api.SendDmAsync(item.Giver.WorkspaceId, item.Giver.UserId, text, new JsonArray(Bk.Section(text)), ct);
    }

    private sealed record Question(FeedbackItem Item, string Text);
}
