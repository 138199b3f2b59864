using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using FeedbackBot.Core;
using FeedbackBot.Core.Growth;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Core.Requests;
using FeedbackBot.Teams.Activities;
using FeedbackBot.Teams.Cards;
using FeedbackBot.Teams.Connector;
using FeedbackBot.Teams.Delivery;
using FeedbackBot.Teams.Inbound;
using Microsoft.Extensions.Logging;

namespace FeedbackBot.Teams.Growth;

/// <summary>
/// <c>growth.checkin</c>: <i>Going well</i> / <i>Not yet</i> / <i>Done</i> on a check-in (Core's
/// <see cref="CommitmentCheckInNotice"/>, sent by the same <see cref="RunCheckIns"/> job as on Slack). Core's
/// <see cref="GrowthBook.RecordOutcomeAsync"/> records it for the commitment's owner only (<i>Not yet</i> plans the
/// next check-in); the check-in is replaced by what was recorded.
/// </summary>
public sealed class CheckInOutcomeAction(GrowthBook growth, TeamsGrowth teams) : ITeamsCardAction
{
    public const string Verb = "growth.checkin";

    public async Task<InvokeResponse> HandleAsync(TeamsTurn turn, JsonObject data, CancellationToken ct)
    {
        if (!Enum.TryParse<CommitmentOutcome>(Ac.Str(data, GrowthCards.OutcomeKey), out var outcome) || !Enum.IsDefined(outcome) || outcome == CommitmentOutcome.Open)
        {
            return CardActionResponse.Message("That button no longer does anything.");
        }

        var result = turn.Sender is { } who
            ? await growth.RecordOutcomeAsync(who, Ac.Str(data, GrowthCards.CommitmentIdKey) ?? "", outcome, ct)
            : new GrowthResult(null, GrowthProblem.NotFound);
        if (result.Commitment is not { } c)
        {
            return CardActionResponse.Message(GrowthResult.Describe(result.Problem!.Value));
        }

        var next = c.CheckInAt is { } at ? Requests.TeamsRequestRunner.Local(at, await teams.ZoneAsync(c.Owner, ct)) : null;
        return CardActionResponse.Card(GrowthCards.OutcomeNoted(c, outcome, next));
    }
}

/// <summary>
/// <c>growth.askgiver</c>, "Ask {giver} how it looks now": the question form (prefilled) in place of the check-in.
/// Only the owner, and only when the feedback had a name on it (the button is not on an anonymous check-in; a
/// crafted click on one gets Core's "there is nobody to ask").
/// </summary>
public sealed class AskGiverOpenAction(GrowthBook growth, TeamsGrowth teams) : ITeamsCardAction
{
    public const string Verb = "growth.askgiver";

    public async Task<InvokeResponse> HandleAsync(TeamsTurn turn, JsonObject data, CancellationToken ct)
    {
        var (commitment, giver, refusal) = await AskGiver.CheckAsync(growth, turn, data, ct);
        return refusal is not null
            ? CardActionResponse.Message(refusal)
            : CardActionResponse.Card(GrowthCards.AskGiverForm(commitment!, await teams.NameAsync(giver!, ct), Give.GiveDraft.NewId()));
    }
}

/// <summary>
/// <c>growth.askgiver.send</c>: the request to the giver is Core's <see cref="GrowthBook.AskGiverAsync"/> (an ordinary
/// request, linked to the commitment), which sends a prompt, so it is stored as durable work
/// (<see cref="AskGiverWork"/>, kind <c>teams-ask-giver</c>) before Teams is answered with "Asking…"; the job
/// updates this card with how it went.
/// </summary>
public sealed class AskGiverSendAction(GrowthBook growth, TeamsGrowth teams, IBackgroundWork work, ILogger<AskGiverSendAction> logger) : ITeamsCardAction
{
    public const string Verb = "growth.askgiver.send";

    public async Task<InvokeResponse> HandleAsync(TeamsTurn turn, JsonObject data, CancellationToken ct)
    {
        var (commitment, giver, refusal) = await AskGiver.CheckAsync(growth, turn, data, ct);
        if (refusal is not null)
        {
            return CardActionResponse.Message(refusal);
        }

        var name = await teams.NameAsync(giver!, ct);
        var onceId = Ac.Str(data, GrowthCards.OnceKey) is { Length: > 0 and <= 64 } id ? id : Give.GiveDraft.NewId();
        var question = Ac.Str(data, GrowthCards.QuestionInput)?.Trim() ?? "";
        if (question.Length == 0)
        {
            return CardActionResponse.Card(GrowthCards.AskGiverForm(commitment!, name, onceId, question, "Write your question first."));
        }

        var item = new AskGiverWorkItem(onceId, turn.Sender!.Key, commitment!.Id,
            question.Length > RequestFeedback.MaxQuestionLength ? question[..RequestFeedback.MaxQuestionLength] : question,
            turn.Activity.ServiceUrl!, turn.Activity.Conversation?.Id, turn.Activity.ReplyToId);
        if (!await work.TryEnqueueAsync(AskGiverWork.Kind, AskGiverWork.Payload(item), logger, ct))
        {
            return CardActionResponse.Card(GrowthCards.AskGiverForm(commitment, name, onceId, question, Requests.RequestWork.NotSavedText));
        }

        return CardActionResponse.Card(GrowthCards.Line("Asking how it looks now", $"Asking {name} how it looks now…"));
    }
}

internal static class AskGiver
{
    // The clicker's own commitment and its named giver, or the one sentence why not.
    public static async Task<(Commitment? Commitment, PersonRef? Giver, string? Refusal)> CheckAsync(GrowthBook growth, TeamsTurn turn, JsonObject data, CancellationToken ct)
    {
        var commitment = turn.Sender is { } who ? await growth.OwnCommitmentAsync(who, Ac.Str(data, GrowthCards.CommitmentIdKey) ?? "", ct) : null;
        if (commitment is null)
        {
            return (null, null, GrowthResult.Describe(GrowthProblem.NotFound));
        }

        return await growth.GiverOfAsync(commitment, ct) is { } giver
            ? (commitment, giver, null)
            : (commitment, null, GrowthResult.Describe(GrowthProblem.GiverAnonymous));
    }
}

/// <summary>An accepted "ask the giver": who, which commitment, the question, and the card to update with the outcome.</summary>
public sealed record AskGiverWorkItem(
    string Id,
    string Person,
    string CommitmentId,
    string Question,
    string ServiceUrl,
    string? ConversationId,
    string? CardId);

/// <summary>
/// Core's <see cref="GrowthBook.AskGiverAsync"/> after the answer, once per accepted form (the form's one-shot id is
/// claimed: held while asking, kept a day once asked, given back when nothing was asked), then the card updated in
/// place with the outcome (or, if it is gone, the outcome in the person's 1:1).
/// </summary>
public sealed class AskGiverWork(
    GrowthBook growth,
    TeamsGrowth teams,
    IOnceStore once,
    WorkOutcomes outcomes,
    ILogger<AskGiverWork> logger) : IBackgroundWorkHandler
{
    public const string Kind = "teams-ask-giver";

    private static readonly TimeSpan WhileAsking = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Asked = TimeSpan.FromDays(1);

    public static string Payload(AskGiverWorkItem item) => JsonSerializer.Serialize(item, AskGiverJson.Default.AskGiverWorkItem);

    public async Task RunAsync(string payload, CancellationToken ct)
    {
        var item = TeamsWork.Read(payload, AskGiverJson.Default.AskGiverWorkItem);
        var person = PersonRef.Parse(item.Person);
        (bool Ran, GrowthResult Result) asked;
        try
        {
            // Asked: the key is kept a day; nothing asked: given back, so a retry may.
            asked = await once.RunOnceAsync($"teams:askgiver:{item.Id}", WhileAsking, Asked,
                ct => growth.AskGiverAsync(person, item.CommitmentId, item.Question, ct), r => r.Request is not null, ct, logger);
        }
        catch (SaveUnconfirmedException ex)
        {
            // Maybe asked: the key stays, so a rerun cannot ask twice.
            logger.LogError(ex, "Teams ask-the-giver {WorkId}: not known whether the request was saved", item.Id);
            await TellAsync(item, person, RequestCards.Outcome(new Requests.RequestOutcome(null, ex, []), new Dictionary<PersonRef, string>()), ct);
            return;
        }

        if (!asked.Ran)
        {
            logger.LogInformation("Teams ask-the-giver {WorkId} already ran", item.Id);
            return;
        }

        var result = asked.Result;
        var card = result.Request is { } request
            ? GrowthCards.Line("Asked how it looks now",
                $"✅ Asked {await teams.NameAsync(request.Recipients[0].Person, ct)} how it looks now. I'll tell you when they answer.")
            : GrowthCards.Line("Nobody was asked", "⚠ " + (result.RequestProblems.FirstOrDefault()?.Message ?? GrowthResult.Describe(result.Problem!.Value)));
        await TellAsync(item, person, card, ct);
    }

    private Task TellAsync(AskGiverWorkItem item, PersonRef person, JsonObject card, CancellationToken ct) =>
        outcomes.TellAsync(person, new OutcomePlace(item.ServiceUrl, item.ConversationId, item.CardId), card, item.Id, ct);
}

[JsonSerializable(typeof(AskGiverWorkItem))]
internal sealed partial class AskGiverJson : JsonSerializerContext;
