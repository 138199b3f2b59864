using System.Text.Json.Nodes;
using FeedbackBot.Core;
using FeedbackBot.Core.Nudges;
using FeedbackBot.Core.Ports;
using FeedbackBot.Core.Requests;
using FeedbackBot.Teams.Activities;
using FeedbackBot.Teams.Cards;
using FeedbackBot.Teams.Inbound;
using Microsoft.Extensions.Logging;

namespace FeedbackBot.Teams.Requests;

/// <summary>
/// "Ask for feedback" / "Ask someone else": the request form in place of the card. With the id of one of the
/// clicker's own requests (the summary's button), its question is filled in; any other id gives an empty form.
/// </summary>
public sealed class RequestOpenAction(TeamsRequestRunner runner, IRequestStore requests) : ITeamsCardAction
{
    public const string Verb = "request.open";

    public async Task<InvokeResponse> HandleAsync(TeamsTurn turn, JsonObject data, CancellationToken ct)
    {
        if (turn.Sender is not { } requester)
        {
            return CardActionResponse.Message("I can't tell who you are in Teams.");
        }

        var id = Ac.Str(data, RequestCards.RequestIdKey);
        var earlier = Ids.IsPlausible(id) ? await requests.GetAsync(id!, ct) : null;
        var question = earlier?.Requester == requester ? earlier.Question : "";
        return CardActionResponse.Card(RequestCards.Form(RequestForm.Empty with { Question = question, Due = await runner.DefaultDueDateAsync(requester, ct) }));
    }
}

/// <summary>"Decline" on a prompt, a nudge or a list: the decline form (optional reason) in place of the card.</summary>
public sealed class DeclineAction(TeamsRequestRunner runner) : ITeamsCardAction
{
    public const string Verb = "request.decline";

    public async Task<InvokeResponse> HandleAsync(TeamsTurn turn, JsonObject data, CancellationToken ct)
    {
        var (request, refusal) = await runner.ClickedAsync(turn, data, ct);
        return request is null
            ? await runner.RefusalAsync(turn, refusal!, ct)
            : CardActionResponse.Card(RequestCards.DeclineForm(request, await runner.NameAsync(request.Requester, ct)));
    }
}

/// <summary>
/// The decline form's "Decline". Checked at once (still asked, still pending); Core's decline tells the requester
/// (a message), so it is stored as durable work (<see cref="DeclineWork"/>) before the answer, which is the
/// clicker's list of what they still owe.
/// </summary>
public sealed class DeclineSendAction(TeamsRequestRunner runner, IBackgroundWork work, ILogger<DeclineSendAction> logger) : ITeamsCardAction
{
    public const string Verb = "request.decline.send";

    public async Task<InvokeResponse> HandleAsync(TeamsTurn turn, JsonObject data, CancellationToken ct)
    {
        var (request, refusal) = await runner.ClickedAsync(turn, data, ct);
        if (request is null)
        {
            return await runner.RefusalAsync(turn, refusal!, ct);
        }

        var person = turn.Sender!;
        var reason = Ac.Str(data, RequestCards.ReasonInput);
        if (!await work.TryEnqueueAsync(DeclineWork.Kind, DeclineWork.Payload(new DeclineWorkItem(request.Id, person.Key, reason)), logger, ct))
        {
            return CardActionResponse.Card(await runner.PendingCardAsync(person, "I couldn't save your decline just now, so nothing changed. Please try again in a moment.", waiting: false, ct));
        }

        var name = await runner.NameAsync(request.Requester, ct);
        var status = $"You declined {name}'s request. I'm letting them know" + (string.IsNullOrWhiteSpace(reason) ? "." : ", with your reason.");
        return CardActionResponse.Card(await runner.PendingCardAsync(person, status, waiting: false, ct, without: request.Id));
    }
}

/// <summary>"Snooze 1 day": quiet until the start of the next working day; the card says when, in the person's zone.</summary>
public sealed class SnoozeAction(TeamsRequestRunner runner, SnoozeRequest snooze, PersonClock clock) : ITeamsCardAction
{
    public const string Verb = "request.snooze";

    public async Task<InvokeResponse> HandleAsync(TeamsTurn turn, JsonObject data, CancellationToken ct)
    {
        var (request, refusal) = await runner.ClickedAsync(turn, data, ct);
        if (request is null)
        {
            return await runner.RefusalAsync(turn, refusal!, ct);
        }

        var person = turn.Sender!;
        var result = await snooze.RunAsync(request.Id, person, ct);
        var status = result is { Outcome: RecipientActionOutcome.Done, Until: { } until }
            ? $"Snoozed. I'll remind you about {await runner.NameAsync(request.Requester, ct)}'s request {TeamsRequestRunner.Local(until, (await clock.LoadAsync(person, ct)).Calendar.TimeZone)}."
            : TeamsRequestRunner.NotPending;
        return CardActionResponse.Card(await runner.PendingCardAsync(person, status, waiting: false, ct));
    }
}

/// <summary>"Back" (from the decline form): what the clicker owes, with its buttons.</summary>
public sealed class ShowOwedAction(TeamsRequestRunner runner) : ITeamsCardAction
{
    public const string Verb = "request.show";

    public async Task<InvokeResponse> HandleAsync(TeamsTurn turn, JsonObject data, CancellationToken ct) =>
        turn.Sender is { } person
            ? CardActionResponse.Card(await runner.PendingCardAsync(person, null, waiting: false, ct))
            : CardActionResponse.Message("I can't tell who you are in Teams.");
}
