using System.Text.Json.Nodes;
using FeedbackBot.Core.Messaging;
using FeedbackBot.Core.People;
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
    public async Task ReplyPrivatelyAsync(TeamsTurn turn, PersonRef person, JsonObject card, CancellationToken ct)
    {
        if (turn.Activity.Conversation?.ConversationType is null or "personal")
        {
            await turn.ReplyAsync(card, ct);
            return;
        }

        try
        {
            await messenger.SendCardAsync(person, card, ct);
            await turn.ReplyAsync(RequestCards.Notice("I sent you the answer in a private chat."), ct);
        }
        catch (ChatDeliveryException)
        {
            await turn.ReplyAsync(RequestCards.Notice("That is private, and I couldn't open a private chat with you. Open a chat with FeedbackBot and ask me there."), ct);
        }
    }
}
