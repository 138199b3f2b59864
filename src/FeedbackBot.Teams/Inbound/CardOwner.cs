using System.Text.Json.Nodes;
using FeedbackBot.Core.People;
using FeedbackBot.Teams.Activities;
using FeedbackBot.Teams.Cards;

namespace FeedbackBot.Teams.Inbound;

/// <summary>
/// Whose private card a button is on: the card's action data names its owner (a person key), and a click by anyone
/// else (a card forwarded or seen over a shoulder) changes nothing. The action still acts only for the clicker.
/// </summary>
public static class CardOwner
{
    /// <summary>The action data key naming the owner.</summary>
    public const string Key = "for";

    public const string WhoAreYou = "I can't tell who you are in Teams.";

    /// <summary><paramref name="data"/> (new when null) with the owner set to <paramref name="person"/>.</summary>
    public static JsonObject Mark(PersonRef person, JsonObject? data = null)
    {
        data ??= new JsonObject();
        data[Key] = person.Key;
        return data;
    }

    /// <summary>The refusal when the clicker is unknown or not the card's owner; null when the card is theirs.</summary>
    public static InvokeResponse? Refusal(TeamsTurn turn, JsonObject data) =>
        turn.Sender is not { } person ? CardActionResponse.Message(WhoAreYou)
        : Ac.Str(data, Key) != person.Key ? CardActionResponse.Message("This card is someone else's. Ask me in your own chat with FeedbackBot.")
        : null;
}
