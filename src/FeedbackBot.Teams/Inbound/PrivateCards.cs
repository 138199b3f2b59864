using System.Text.Json.Nodes;
using FeedbackBot.Core.Messaging;
using FeedbackBot.Core.People;
using FeedbackBot.Teams.Activities;
using FeedbackBot.Teams.Cards;
using FeedbackBot.Teams.Delivery;

namespace FeedbackBot.Teams.Inbound;

/// <summary>
/// Replies that only the person may read (their inbox, what they owe, their settings): in the 1:1 they are sent
/// where they were asked for; asked by @mention in a channel or group chat, they go to the person's 1:1 and the
/// conversation only hears "sent you a private message", so nothing private is shown to the others there.
/// </summary>
public sealed class PrivateCards(TeamsMessenger messenger)
{
    public const string SentPrivately = "I sent you the answer in a private chat.";
    public const string NoPrivateChat = "That is private, and I couldn't open a private chat with you. Open a chat with FeedbackBot and ask me there.";

    public async Task ReplyPrivatelyAsync(TeamsTurn turn, PersonRef person, JsonObject card, CancellationToken ct)
    {
        if (IsPersonal(turn))
        {
            await turn.ReplyAsync(card, ct);
            return;
        }

        await turn.ReplyAsync(RequestCards.Notice(await SendToOneOnOneAsync(person, card, ct)), ct);
    }

    /// <summary>The sender's own card (<paramref name="card"/> made for them), privately; "who are you?" without a sender.</summary>
    public async Task ReplyToSenderAsync(TeamsTurn turn, Func<PersonRef, Task<JsonObject>> card, CancellationToken ct)
    {
        if (turn.Sender is not { } person)
        {
            await turn.ReplyAsync(RequestCards.Notice(CardOwner.WhoAreYou), ct);
            return;
        }

        await ReplyPrivatelyAsync(turn, person, await card(person), ct);
    }

    /// <summary>
    /// The same for a button (<c>Action.Execute</c>): in the 1:1 <paramref name="card"/> replaces the clicked card; in a
    /// channel or group chat a replaced card would be seen by everyone there, so the clicked card stays, the private card
    /// goes to the clicker's 1:1 and only the clicker is told so.
    /// </summary>
    public async Task<InvokeResponse> AnswerPrivatelyAsync(TeamsTurn turn, PersonRef person, JsonObject card, CancellationToken ct) =>
        IsPersonal(turn)
            ? CardActionResponse.Card(card)
            : CardActionResponse.Message(await SendToOneOnOneAsync(person, card, ct));

    private static bool IsPersonal(TeamsTurn turn) => turn.Activity.Conversation?.ConversationType is null or "personal";

    private async Task<string> SendToOneOnOneAsync(PersonRef person, JsonObject card, CancellationToken ct)
    {
        try
        {
            await messenger.SendCardAsync(person, card, ct);
            return SentPrivately;
        }
        catch (ChatDeliveryException)
        {
            return NoPrivateChat;
        }
    }
}
