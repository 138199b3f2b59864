using System.Text.Json;
using System.Text.Json.Nodes;
using FeedbackBot.Core.Ports;
using FeedbackBot.Teams.Activities;
using FeedbackBot.Teams.Cards;
using FeedbackBot.Teams.Inbound;
using static FeedbackBot.Teams.Give.JsonText;

namespace FeedbackBot.Teams.Give;

/// <summary>
/// <c>give.open</c>: the give form, replacing the card the button was on. Data
/// <c>{ "requestId"?: string, "recipient"?: person key }</c> (the contract with the request cards): with a request
/// the clicker was asked on, the form answers it (the requester prefilled, the request's link as the source);
/// a request the clicker was not asked on is ignored, so the feedback goes out as plain feedback.
/// </summary>
public sealed class GiveOpenAction(GiveFlow flow, IRequestStore requests) : ITeamsCardAction
{
    public const string Verb = "give.open";
    public const string RequestIdKey = "requestId";
    public const string RecipientKey = "recipient";

    public async Task<InvokeResponse> HandleAsync(TeamsTurn turn, JsonObject data, CancellationToken ct)
    {
        var draft = new GiveDraft();
        if (Str(data[RecipientKey]) is { Length: > 0 and <= 300 } recipient)
        {
            draft = draft with { To = [recipient] };
        }

        if (Str(data[RequestIdKey]) is { Length: > 0 and <= 128 } requestId && turn.Sender is { } who
            && await requests.GetAsync(requestId, ct) is { } request && request.RecipientFor(who) is not null)
        {
            draft = draft with
            {
                To = [request.Requester.Key],
                RequestId = requestId,
                Source = request.Source is { } s ? new GiveSource(s.Url, s.Excerpt, s.Author?.Key) : null,
            };
        }

        return CardActionResponse.Card(await flow.FormAsync(turn.Sender, draft, CardButtons.Execute, ct));
    }
}

/// <summary><c>give.template</c>: the form again in the chosen template, everything typed kept.</summary>
public sealed class GiveTemplateAction(GiveFlow flow) : ITeamsCardAction
{
    public const string Verb = "give.template";

    public async Task<InvokeResponse> HandleAsync(TeamsTurn turn, JsonObject data, CancellationToken ct) =>
        CardActionResponse.Card(await flow.FormAsync(turn.Sender, GiveCards.Read(data), CardButtons.Execute, ct));
}

/// <summary>
/// <c>give.submit</c>: the form's Send. A template picked but not switched to re-renders the form first (the
/// parts on screen belong to the old one); otherwise Core's quick checks, the coach, the give (<see cref="GiveFlow"/>).
/// </summary>
public sealed class GiveSubmitAction(GiveFlow flow) : ITeamsCardAction
{
    public const string Verb = "give.submit";

    public async Task<InvokeResponse> HandleAsync(TeamsTurn turn, JsonObject data, CancellationToken ct) =>
        CardActionResponse.Card(await SubmitAsync(flow, turn, data, CardButtons.Execute, ct));

    /// <summary>The submit step for both kinds of card (chat and dialog).</summary>
    public static async Task<JsonObject> SubmitAsync(GiveFlow flow, TeamsTurn turn, JsonObject data, CardButtons buttons, CancellationToken ct)
    {
        var draft = GiveCards.Read(data);
        return GiveDraft.FromData(data) is { } shown && shown.Template != draft.Template
            ? await flow.FormAsync(turn.Sender, draft, buttons, ct)
            : await flow.SubmitAsync(turn, draft, buttons, ct);
    }
}

/// <summary><c>give.send</c>: "Send as is" under the coach's tips: the give, once per draft however often it is clicked.</summary>
public sealed class GiveSendAction(GiveFlow flow) : ITeamsCardAction
{
    public const string Verb = "give.send";
    public const string UnreadableText = "That draft can't be read any more. Please write it again (type give).";

    public async Task<InvokeResponse> HandleAsync(TeamsTurn turn, JsonObject data, CancellationToken ct) =>
        GiveDraft.FromData(data) is { } draft
            ? CardActionResponse.Card(await flow.SendAsync(turn, draft, CardButtons.Execute, ct))
            : CardActionResponse.Message(UnreadableText);
}

/// <summary><c>give.edit</c>: the form prefilled with the draft, in place of the review.</summary>
public sealed class GiveEditAction(GiveFlow flow) : ITeamsCardAction
{
    public const string Verb = "give.edit";

    public async Task<InvokeResponse> HandleAsync(TeamsTurn turn, JsonObject data, CancellationToken ct) =>
        GiveDraft.FromData(data) is { } draft
            ? CardActionResponse.Card(await flow.FormAsync(turn.Sender, draft, CardButtons.Execute, ct))
            : CardActionResponse.Message(GiveSendAction.UnreadableText);
}

/// <summary><c>give.cancel</c>: drops the draft (nothing was stored).</summary>
public sealed class GiveCancelAction : ITeamsCardAction
{
    public const string Verb = "give.cancel";
    public const string DroppedText = "Dropped. Nothing was sent.";

    public Task<InvokeResponse> HandleAsync(TeamsTurn turn, JsonObject data, CancellationToken ct) =>
        Task.FromResult(CardActionResponse.Card(GiveCards.Note(DroppedText)));
}
