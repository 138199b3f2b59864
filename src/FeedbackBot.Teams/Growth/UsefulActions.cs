using System.Text.Json.Nodes;
using FeedbackBot.Core.Growth;
using FeedbackBot.Core.Ratings;
using FeedbackBot.Teams.Activities;
using FeedbackBot.Teams.Cards;
using FeedbackBot.Teams.Inbound;
using FeedbackBot.Teams.Received;

namespace FeedbackBot.Teams.Growth;

/// <summary>
/// <c>feedback.useful</c> (<i>Helpful</i> / <i>Not really</i> on delivered feedback) through Core's
/// <see cref="RateFeedback"/>: only the recipient's tap counts, one rating per person and item, a later tap changes
/// it. The card is the recipient's own (their 1:1), so it is updated in place with what was noted and, for helpful,
/// the reasons to toggle; the giver only ever sees Core's aggregate (≥ 3 raters) in their digest.
/// </summary>
public sealed class UsefulAction(FeedbackThanks thanks, RateFeedback? rate = null) : ITeamsCardAction
{
    public const string Verb = "feedback.useful";
    public const string Yes = "yes";
    public const string No = "no";

    public async Task<InvokeResponse> HandleAsync(TeamsTurn turn, JsonObject data, CancellationToken ct)
    {
        bool? helpful = Ac.Str(data, GrowthCards.HelpfulKey) switch { Yes => true, No => false, _ => null };
        var id = Ac.Str(data, ThankAction.FeedbackIdKey);
        if (helpful is null || id is null || turn.Sender is not { } who || rate is null
            || await rate.RateAsync(who, id, helpful.Value, ct) is null)
        {
            return CardActionResponse.Message(GrowthWords.OnlyRecipientRates);
        }

        return await UsefulCard.AfterAsync(thanks, who, id, ct);
    }
}

/// <summary><c>feedback.useful.reason</c>: toggles one reason (and marks the feedback helpful), the card redrawn.</summary>
public sealed class UsefulReasonAction(FeedbackThanks thanks, RateFeedback? rate = null) : ITeamsCardAction
{
    public const string Verb = "feedback.useful.reason";

    public async Task<InvokeResponse> HandleAsync(TeamsTurn turn, JsonObject data, CancellationToken ct)
    {
        var id = Ac.Str(data, ThankAction.FeedbackIdKey);
        if (!Enum.TryParse<UsefulReason>(Ac.Str(data, GrowthCards.ReasonKey), out var reason) || !Enum.IsDefined(reason)
            || id is null || turn.Sender is not { } who || rate is null
            || await rate.ToggleReasonAsync(who, id, reason, ct) is null)
        {
            return CardActionResponse.Message(GrowthWords.OnlyRecipientRates);
        }

        return await UsefulCard.AfterAsync(thanks, who, id, ct);
    }
}

internal static class UsefulCard
{
    // The delivered card again, its "was it useful?" part showing the stored rating.
    public static async Task<InvokeResponse> AfterAsync(FeedbackThanks thanks, Core.People.PersonRef who, string feedbackId, CancellationToken ct) =>
        await thanks.ReceivedAsync(who, feedbackId, ct) is { } item
            ? CardActionResponse.Card(await thanks.DeliveredCardAsync(item, (JsonObject?)null, thanked: false, ct))
            : CardActionResponse.Message(ThankAction.NotFoundText);
}
