using System.Text.Json.Nodes;
using FeedbackBot.Core.Growth;
using FeedbackBot.Teams.Activities;
using FeedbackBot.Teams.Addressing;
using FeedbackBot.Teams.Cards;
using FeedbackBot.Teams.Inbound;
using FeedbackBot.Teams.Requests;

namespace FeedbackBot.Teams.Growth;

/// <summary>
/// <c>review-prep [since]</c>: Core's <see cref="BuildReviewPrep"/> for the period (<see cref="ReviewPeriod"/>: empty =
/// the last 6 months, "3 months", "2026-01-01", read in the person's zone) as a private card, grouped by theme; typed
/// in a channel or group chat it goes to the person's 1:1 (<see cref="PrivateCards"/>). Anonymous givers are
/// "someone": Core's summary carries no giver for them, so nothing of theirs can reach the card.
/// </summary>
public sealed class ReviewPrepCommand(BuildReviewPrep prep, TeamsGrowth teams, TeamsAddressBook addresses, PrivateCards cards, TimeProvider time) : ITeamsCommand
{
    public const string Name = "review-prep";

    public async Task HandleAsync(TeamsTurn turn, string arguments, CancellationToken ct)
    {
        if (turn.Sender is not { } person)
        {
            await turn.ReplyAsync(RequestCards.Notice("I can't tell who you are in Teams."), ct);
            return;
        }

        var zone = await teams.ZoneAsync(person, ct);
        if (!ReviewPeriod.TryParse(arguments, time.GetUtcNow(), zone, out var since))
        {
            await turn.ReplyAsync(GrowthCards.Line("I couldn't read that period",
                GrowthWords.UnreadablePeriod(Ac.Cut(arguments, 40), "review-prep 3 months", "review-prep 2026-01-01")), ct);
            return;
        }

        var summary = await prep.BuildAsync(person, since, ct);
        var givers = summary.Themes.SelectMany(t => t.Praised.Concat(t.Suggested)).Select(q => q.From).OfType<Core.People.PersonRef>();
        await cards.ReplyPrivatelyAsync(turn, person, GrowthCards.ReviewPrep(summary, zone, await addresses.NamesAsync(givers, ct)), ct);
    }
}

/// <summary>
/// <c>growth.fresh</c>, "Ask for fresh feedback before your review": the request form in place of the summary, its
/// question prefilled (Core's, shared with Slack) and the default due date; the people are the person's to pick.
/// </summary>
public sealed class FreshFeedbackAction(TeamsRequestRunner runner) : ITeamsCardAction
{
    public const string Verb = "growth.fresh";

    public async Task<InvokeResponse> HandleAsync(TeamsTurn turn, JsonObject data, CancellationToken ct) =>
        turn.Sender is { } requester
            ? CardActionResponse.Card(RequestCards.Form(RequestForm.Empty with
            {
                Question = GrowthWords.FreshFeedbackQuestion,
                Due = await runner.DefaultDueDateAsync(requester, ct),
            }))
            : CardActionResponse.Message("I can't tell who you are in Teams.");
}
