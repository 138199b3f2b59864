using System.Text.Json.Nodes;
using FeedbackBot.Core.People;
using FeedbackBot.Teams.Addressing;
using FeedbackBot.Teams.Cards;
using FeedbackBot.Teams.Inbound;

namespace FeedbackBot.Teams.Give;

/// <summary>
/// The steps of a give that answer with a card, shared by the card buttons (<c>Action.Execute</c>), the message
/// extension's dialog and the quick give: submit (Core's quick checks, then the coach, then the give), send as
/// is (the give), and the form itself. Refusals come back as the form again with the reasons on it, so the giver
/// fixes them where they wrote.
/// </summary>
public sealed class GiveFlow(TeamsGiver giver, TeamsAddressBook addresses, Microsoft.Extensions.Options.IOptions<Core.Ratings.ValuesOptions> values)
{
    public const string WhoAreYouText = "Teams didn't tell me who you are, so I can't give feedback for you here. Try in your chat with FeedbackBot.";

    /// <summary>The form for <paramref name="draft"/>, prefilled people named.</summary>
    public async Task<JsonObject> FormAsync(PersonRef? who, GiveDraft draft, CardButtons buttons, CancellationToken ct,
        IReadOnlyList<string>? problems = null, IReadOnlyList<string>? tips = null) =>
        GiveCards.Form(draft, buttons, await NamesAsync(who, draft, ct), problems, tips, values.Value.Effective());

    /// <summary>Submit of the form: quick checks → the form with problems; the coach's tips → the review; else the give.</summary>
    public async Task<JsonObject> SubmitAsync(TeamsTurn turn, GiveDraft draft, CardButtons buttons, CancellationToken ct)
    {
        if (turn.Sender is not { } who)
        {
            return GiveCards.Note(WhoAreYouText);
        }

        if (TeamsGiver.Check(draft, who, turn.Activity.From?.Id) is { Count: > 0 } problems)
        {
            return await FormAsync(who, draft, buttons, ct, problems.Select(p => p.Message).ToArray());
        }

        var tips = giver.Tips(draft, turn);
        return tips.Count > 0
            ? GiveCards.Review(draft, tips, await ToNamesAsync(who, draft, ct), buttons)
            : await SendAsync(turn, draft, buttons, ct);
    }

    /// <summary>The give itself: the outcome card, or the form with the reasons it was refused.</summary>
    public async Task<JsonObject> SendAsync(TeamsTurn turn, GiveDraft draft, CardButtons buttons, CancellationToken ct)
    {
        if (turn.Sender is not { } who)
        {
            return GiveCards.Note(WhoAreYouText);
        }

        var outcome = await giver.GiveAsync(who, draft, turn.Activity.ServiceUrl!, ct);
        return outcome.Problems.Count > 0
            ? await FormAsync(who, draft, buttons, ct, outcome.Problems)
            : GiveCards.Outcome(outcome, await ToNamesAsync(who, draft, ct));
    }

    /// <summary>Display names of the draft's recipients, in order (user text).</summary>
    public async Task<IReadOnlyList<string>> ToNamesAsync(PersonRef? who, GiveDraft draft, CancellationToken ct)
    {
        var names = await NamesAsync(who, draft, ct);
        return draft.To.Select(id => names[id]).ToArray();
    }

    private async Task<Dictionary<string, string>> NamesAsync(PersonRef? who, GiveDraft draft, CancellationToken ct)
    {
        var names = new Dictionary<string, string>();
        foreach (var id in draft.To.Distinct())
        {
            var person = who is null ? null : GiveRecipients.Preview(draft with { To = [id] }, who, null)[0];
            names[id] = draft.NameOf(id)
                ?? (person is not null && Guid.TryParse(person.UserId, out _) ? (await addresses.GetAsync(person, ct))?.Name : null)
                ?? "a colleague";
        }

        return names;
    }
}
