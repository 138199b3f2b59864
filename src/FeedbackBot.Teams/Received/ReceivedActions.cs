using System.Text.Json;
using System.Text.Json.Nodes;
using FeedbackBot.Teams.Activities;
using FeedbackBot.Teams.Inbound;
using Microsoft.Extensions.Logging;
using static FeedbackBot.Teams.Give.JsonText;

namespace FeedbackBot.Teams.Received;

/// <summary>
/// <c>feedback.thank</c>, the delivered feedback's <i>Thank them</i>: the giver hears it once; the card is
/// replaced by itself without the button and with "You thanked them".
/// </summary>
public sealed class ThankAction(FeedbackThanks thanks) : ITeamsCardAction
{
    public const string Verb = "feedback.thank";
    public const string FeedbackIdKey = "feedbackId";

    public async Task<InvokeResponse> HandleAsync(TeamsTurn turn, JsonObject data, CancellationToken ct)
    {
        var id = Str(data[FeedbackIdKey]);
        if (turn.Sender is not { } who || await thanks.ReceivedAsync(who, id, ct) is not { } item)
        {
            return CardActionResponse.Message(NotFoundText);
        }

        return await thanks.ThankAsync(who, id, ct) switch
        {
            ThankResult.Thanked => CardActionResponse.Card(await thanks.DeliveredCardAsync(item, "🙏 You thanked them.", thanked: true, ct)),
            ThankResult.AlreadyThanked => CardActionResponse.Card(await thanks.DeliveredCardAsync(item, "🙏 You already thanked them.", thanked: true, ct)),
            ThankResult.NotReached => CardActionResponse.Message("I couldn't reach them in Teams just now. Please try again later."),
            _ => CardActionResponse.Message(NotFoundText),
        };
    }

    public const string NotFoundText = "I can't find that feedback any more.";
}

/// <summary>
/// <c>feedback.followup</c>, the <i>Send question</i> under the delivered feedback's <i>Ask a follow-up</i>
/// (an <c>Action.ShowCard</c> with the question field): the question goes to the giver, who stays anonymous if
/// they were; the card is replaced by itself with "Question sent".
/// </summary>
public sealed class FollowUpAction(FeedbackThanks thanks) : ITeamsCardAction
{
    public const string Verb = "feedback.followup";
    public const string QuestionInput = "followUpQuestion";
    public const int MaxQuestion = 1000;

    public async Task<InvokeResponse> HandleAsync(TeamsTurn turn, JsonObject data, CancellationToken ct)
    {
        var question = Str(data[QuestionInput])?.Trim();
        if (string.IsNullOrEmpty(question))
        {
            return CardActionResponse.Message("Write your question first.");
        }

        if (turn.Sender is not { } who || await thanks.ReceivedAsync(who, Str(data[ThankAction.FeedbackIdKey]), ct) is not { } item)
        {
            return CardActionResponse.Message(ThankAction.NotFoundText);
        }

        return await thanks.AskAsync(item, Capped(question), ct)
            ? CardActionResponse.Card(await thanks.DeliveredCardAsync(item, "❓ Question sent. If they stayed anonymous, they still do.", thanked: false, ct))
            : CardActionResponse.Message("I couldn't reach them in Teams just now. Please try again later.");

        static string Capped(string q) => q.Length > MaxQuestion ? q[..MaxQuestion] : q;
    }
}

/// <summary>
/// <c>messageReaction</c>: Teams sends reactions only on the bot's own messages; a reaction added to a delivered
/// feedback, by its recipient, is a thank-you (once, shared with the button). Reactions elsewhere are ignored.
/// https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/subscribe-to-conversation-events#message-reaction-events
/// </summary>
public sealed class ReactionHandler(DeliveredMessages delivered, FeedbackThanks thanks, ILogger<ReactionHandler> logger) : ITeamsActivityHandler
{
    public async Task HandleAsync(TeamsTurn turn, CancellationToken ct)
    {
        var added = turn.Activity.ReactionsAdded;
        if (added is not { Count: > 0 } || turn.Sender is not { } who || turn.Activity.ReplyToId is not { } messageId)
        {
            return;
        }

        if (await delivered.FindAsync(who, messageId, ct) is { } feedbackId)
        {
            var result = await thanks.ThankAsync(who, feedbackId, ct);
            logger.LogInformation("Reaction on delivered feedback {FeedbackId}: {Result}", feedbackId, result);
        }
    }
}
