using System.Text.Json.Nodes;
using FeedbackBot.Core.Growth;
using FeedbackBot.Core.People;
using FeedbackBot.Teams.Activities;
using FeedbackBot.Teams.Addressing;
using FeedbackBot.Teams.Cards;
using FeedbackBot.Teams.Inbound;

namespace FeedbackBot.Teams.Growth;

/// <summary>
/// The person's growth card (Teams has no Home tab to carry Slack's Home growth section): Core's
/// <see cref="ReadGrowthOverview"/> (the same record Slack's Home reads, plus the latest items per theme and the
/// usefulness aggregate), dates in the person's zone, givers by their stored names.
/// </summary>
public sealed class GrowthView(ReadGrowthOverview overview, TeamsGrowth teams, TeamsAddressBook addresses)
{
    public async Task<JsonObject> CardAsync(PersonRef person, CancellationToken ct)
    {
        var read = await overview.ReadAsync(person, ct);
        // Only named givers are asked for: an anonymous quote carries no giver.
        var givers = read.Themes.SelectMany(t => t.Latest).Select(q => q.From).OfType<PersonRef>();
        var zone = read.Open.Any(c => c.CheckInAt is not null) || read.Themes.Count > 0
            ? await teams.ZoneAsync(person, ct)
            : TimeZoneInfo.Utc;
        return GrowthCards.Overview(read, zone, await addresses.NamesAsync(givers, ct));
    }

    /// <summary>The button that opens the growth card (on <c>inbox</c> and <c>help</c>).</summary>
    public static JsonObject Button() => Ac.Execute(GrowthWords.YourGrowth, GrowthShowAction.Verb);
}

/// <summary>
/// <c>growth</c>: the growth card, privately — in the 1:1 where typed there; typed by @mention in a channel or group
/// chat it goes to the person's 1:1 and the conversation hears only "I sent you the answer in a private chat".
/// </summary>
public sealed class GrowthCommand(GrowthView view, PrivateCards cards) : ITeamsCommand
{
    public const string Name = "growth";

    public Task HandleAsync(TeamsTurn turn, string arguments, CancellationToken ct) =>
        cards.ReplyToSenderAsync(turn, person => view.CardAsync(person, ct), ct);
}

/// <summary>
/// <b>Your growth</b> (<c>growth.show</c>, on the inbox and help cards): the clicker's own growth card, never anyone
/// else's — a help card in a channel can be clicked by anyone, and each gets theirs. In the 1:1 it replaces the card;
/// in a channel or group chat the card there stays, the growth card goes to the clicker's 1:1.
/// </summary>
public sealed class GrowthShowAction(GrowthView view, PrivateCards cards) : ITeamsCardAction
{
    public const string Verb = "growth.show";

    public async Task<InvokeResponse> HandleAsync(TeamsTurn turn, JsonObject data, CancellationToken ct) =>
        turn.Sender is { } person
            ? await cards.AnswerPrivatelyAsync(turn, person, await view.CardAsync(person, ct), ct)
            : CardActionResponse.Message(CardOwner.WhoAreYou);
}
