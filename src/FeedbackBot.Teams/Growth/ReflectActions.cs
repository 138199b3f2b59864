using System.Text.Json.Nodes;
using FeedbackBot.Core.Growth;
using FeedbackBot.Core.Ports;
using FeedbackBot.Teams.Activities;
using FeedbackBot.Teams.Cards;
using FeedbackBot.Teams.Inbound;
using FeedbackBot.Teams.Received;

namespace FeedbackBot.Teams.Growth;

/// <summary>
/// <c>growth.reflect</c>, the delivered feedback's <i>Reflect</i>: the "What will you try?" form in place of the card
/// (only for the feedback's recipient). A theme suggested by the feedback's words is picked in the form, with the word
/// that suggested it; nothing is attached unless the form is saved.
/// </summary>
public sealed class ReflectOpenAction(FeedbackThanks thanks, GrowthBook growth) : ITeamsCardAction
{
    public const string Verb = "growth.reflect";

    public async Task<InvokeResponse> HandleAsync(TeamsTurn turn, JsonObject data, CancellationToken ct)
    {
        if (turn.Sender is not { } who || await thanks.ReceivedAsync(who, Ac.Str(data, ThankAction.FeedbackIdKey), ct) is not { } item)
        {
            return CardActionResponse.Message(ThankAction.NotFoundText);
        }

        var record = await growth.GetAsync(who, ct);
        var suggestion = await growth.SuggestThemeAsync(who, item.Id, ct);
        return CardActionResponse.Card(GrowthCards.ReflectForm(item, record.Themes, suggestion, Give.GiveDraft.NewId()));
    }
}

/// <summary>
/// <c>growth.reflect.save</c>: Core's <see cref="GrowthBook.CommitAsync"/> once per form (the form's one-shot id is
/// claimed, so a double click or a replayed invoke saves one commitment); the delivered card comes back with
/// "Saved, only for you" and the check-in date in the person's zone. A problem brings the form back, values kept.
/// </summary>
public sealed class ReflectSaveAction(FeedbackThanks thanks, GrowthBook growth, IOnceStore once, TeamsGrowth teams) : ITeamsCardAction
{
    public const string Verb = "growth.reflect.save";

    private static readonly TimeSpan WhileSaving = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Saved = TimeSpan.FromDays(1);

    public async Task<InvokeResponse> HandleAsync(TeamsTurn turn, JsonObject data, CancellationToken ct)
    {
        if (turn.Sender is not { } who || await thanks.ReceivedAsync(who, Ac.Str(data, ThankAction.FeedbackIdKey), ct) is not { } item)
        {
            return CardActionResponse.Message(ThankAction.NotFoundText);
        }

        var input = GrowthCards.ReflectInput.Read(data);
        var onceId = Ac.Str(data, GrowthCards.OnceKey) is { Length: > 0 and <= 64 } id ? id : Give.GiveDraft.NewId();
        var text = input.Text.Trim();
        if (text.Length == 0 || text.Length > Commitment.MaxTextLength)
        {
            return await FormAsync(text.Length == 0 ? GrowthProblem.EmptyText : GrowthProblem.TooLong);
        }

        // Saved: the key is kept a day, so a double click or a replayed invoke saves one commitment; a problem gives it back.
        var (ran, result) = await once.RunOnceAsync($"teams:reflect:{onceId}", WhileSaving, Saved,
            ct => growth.CommitAsync(input.ToCommand(who, item.Id), ct), r => r.Commitment is not null, ct);
        if (!ran)
        {
            return CardActionResponse.Card(await thanks.DeliveredCardAsync(item, "✅ Saved already, only for you.", thanked: false, ct));
        }

        if (result.Commitment is not { } saved)
        {
            return await FormAsync(result.Problem!.Value);
        }

        var when = saved.CheckInAt is { } at ? Requests.TeamsRequestRunner.Local(at, await teams.ZoneAsync(who, ct)) : null;
        var note = Ac.Rich(Ac.Run("✅ " + GrowthWords.Saved($"“{Ac.Cut(saved.Text, 600)}”", when)));
        return CardActionResponse.Card(await thanks.DeliveredCardAsync(item, note, thanked: false, ct));

        async Task<InvokeResponse> FormAsync(GrowthProblem problem)
        {
            var record = await growth.GetAsync(who, ct);
            var suggestion = await growth.SuggestThemeAsync(who, item.Id, ct);
            return CardActionResponse.Card(GrowthCards.ReflectForm(item, record.Themes, suggestion, onceId, input, GrowthResult.Describe(problem)));
        }
    }
}

/// <summary><c>growth.reflect.cancel</c>: the delivered card back, nothing saved.</summary>
public sealed class ReflectCancelAction(FeedbackThanks thanks) : ITeamsCardAction
{
    public const string Verb = "growth.reflect.cancel";

    public async Task<InvokeResponse> HandleAsync(TeamsTurn turn, JsonObject data, CancellationToken ct) =>
        turn.Sender is { } who && await thanks.ReceivedAsync(who, Ac.Str(data, ThankAction.FeedbackIdKey), ct) is { } item
            ? CardActionResponse.Card(await thanks.DeliveredCardAsync(item, (JsonObject?)null, thanked: false, ct))
            : CardActionResponse.Message(ThankAction.NotFoundText);
}
