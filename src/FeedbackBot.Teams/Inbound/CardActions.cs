using System.Text.Json.Nodes;
using FeedbackBot.Teams.Activities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FeedbackBot.Teams.Inbound;

/// <summary>
/// One button on a card (<c>Action.Execute</c>, Universal Actions), keyed by its <c>verb</c> in
/// <see cref="TeamsRoutes"/>. The answer goes into the invoke's HTTP response: a card that replaces the one the
/// button was on (no pile of stale cards) or a short message (<see cref="CardActionResponse"/>).
/// https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/universal-actions-for-adaptive-cards/work-with-universal-actions-for-adaptive-cards
/// </summary>
public interface ITeamsCardAction
{
    /// <summary>Acts on the button; <c>data</c> is the action's <c>data</c> merged with the card's inputs (empty when none).</summary>
    Task<InvokeResponse> HandleAsync(TeamsTurn turn, JsonObject data, CancellationToken ct);
}

/// <summary>
/// One message-extension action command ("… on this message"), keyed by its manifest <c>commandId</c> in
/// <see cref="TeamsRoutes"/>: <c>composeExtension/fetchTask</c> returns the form, <c>composeExtension/submitAction</c> acts.
/// https://learn.microsoft.com/microsoftteams/platform/messaging-extensions/how-to/action-commands/create-task-module
/// </summary>
public interface ITeamsMessageExtension
{
    /// <summary>Returns the form; <c>value</c> is the invoke's value (commandId, commandContext, messagePayload).</summary>
    Task<InvokeResponse> FetchTaskAsync(TeamsTurn turn, JsonObject value, CancellationToken ct);

    /// <summary>Acts on the submitted form (<c>value.data</c>) and answers in the invoke response.</summary>
    Task<InvokeResponse> SubmitActionAsync(TeamsTurn turn, JsonObject value, CancellationToken ct);
}

/// <summary>The two shapes an <c>adaptiveCard/action</c> invoke may answer with.</summary>
public static class CardActionResponse
{
    /// <summary>Replaces the card the button was on with <paramref name="card"/>.</summary>
    public static InvokeResponse Card(JsonObject card) => new(200, new JsonObject
    {
        ["statusCode"] = 200,
        ["type"] = "application/vnd.microsoft.card.adaptive",
        ["value"] = card,
    });

    /// <summary>Leaves the card as it is and shows <paramref name="text"/> (plain text, shown briefly by the client).</summary>
    public static InvokeResponse Message(string text) => new(200, new JsonObject
    {
        ["statusCode"] = 200,
        ["type"] = "application/vnd.microsoft.activity.message",
        ["value"] = text,
    });
}

/// <summary><c>adaptiveCard/action</c>: picks the <see cref="ITeamsCardAction"/> by the action's <c>verb</c>.</summary>
public sealed class CardActionInvoke(IServiceProvider services, ILogger<CardActionInvoke> logger) : ITeamsInvokeHandler
{
    public const string Name = "adaptiveCard/action";

    public Task<InvokeResponse> HandleAsync(TeamsTurn turn, CancellationToken ct)
    {
        var action = turn.Activity.Value?["action"] as JsonObject;
        var verb = (string?)(action?["verb"] as JsonValue) ?? "";
        var handler = verb.Length == 0 ? null : services.GetKeyedService<ITeamsCardAction>(verb);
        if (handler is null)
        {
            logger.LogInformation("Teams card action {Verb} has no handler", verb);
            return Task.FromResult(CardActionResponse.Message("That button no longer does anything. Type help to see what I can do."));
        }

        var data = action?["data"] as JsonObject ?? new JsonObject();
        return handler.HandleAsync(turn, data, ct);
    }
}

/// <summary><c>composeExtension/fetchTask</c> and <c>composeExtension/submitAction</c>: pick the <see cref="ITeamsMessageExtension"/> by <c>commandId</c>.</summary>
public sealed class MessageExtensionInvoke(IServiceProvider services, ILogger<MessageExtensionInvoke> logger) : ITeamsInvokeHandler
{
    public const string FetchTask = "composeExtension/fetchTask";
    public const string SubmitAction = "composeExtension/submitAction";

    public Task<InvokeResponse> HandleAsync(TeamsTurn turn, CancellationToken ct)
    {
        var value = turn.Activity.Value as JsonObject ?? new JsonObject();
        var commandId = (string?)(value["commandId"] as JsonValue) ?? "";
        var extension = commandId.Length == 0 ? null : services.GetKeyedService<ITeamsMessageExtension>(commandId);
        if (extension is null)
        {
            logger.LogInformation("Teams message extension command {CommandId} has no handler", commandId);
            return Task.FromResult(new InvokeResponse(404));
        }

        return turn.Activity.Name == FetchTask
            ? extension.FetchTaskAsync(turn, value, ct)
            : extension.SubmitActionAsync(turn, value, ct);
    }
}
