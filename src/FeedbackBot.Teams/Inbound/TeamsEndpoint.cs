using System.Text.Json.Nodes;
using FeedbackBot.Teams.Activities;
using FeedbackBot.Teams.Addressing;
using FeedbackBot.Teams.Auth;
using FeedbackBot.Teams.Connector;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FeedbackBot.Teams.Inbound;

/// <summary>
/// <c>POST /api/messages</c>: the gate (<see cref="TeamsActivityGate"/>), then the conversation reference is
/// captured, then the activity's handler runs. Invokes are answered in the response body with the handler's
/// status; every other activity gets an empty 200 once handled (Teams waits up to 15 s; replies go through the
/// connector). A handler that fails is logged with the activity id and answered 500 (an invoke) or 200 with the
/// person told (a message), never half-done silently.
/// </summary>
public static class TeamsEndpoint
{
    public const string Path = "/api/messages";

    public static async Task<IResult> PostAsync(
        HttpContext http,
        TeamsActivityGate gate,
        ConversationReferences references,
        TeamsDispatcher dispatcher,
        TeamsConnectorClient connector,
        ILoggerFactory loggers,
        CancellationToken ct)
    {
        var admitted = await gate.AdmitAsync(http, ct);
        if (admitted.Refusal is not null)
        {
            return admitted.Refusal;
        }

        var activity = admitted.Activity!;
        await references.CaptureAsync(activity, admitted.Authenticated, ct);
        var turn = new TeamsTurn(activity, connector);
        try
        {
            var invoke = await dispatcher.DispatchAsync(turn, ct);
            return invoke is null ? Results.Ok() : Results.Json(invoke.Body, statusCode: invoke.Status);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            loggers.CreateLogger(typeof(TeamsEndpoint)).LogError(ex, "Teams {Type} activity {Id} ({Name}) failed", activity.Type, activity.Id, activity.Name);
            if (activity.Type == ActivityTypes.Invoke)
            {
                return Results.Json(new JsonObject
                {
                    ["statusCode"] = 500,
                    ["type"] = "application/vnd.microsoft.error",
                    ["value"] = new JsonObject { ["code"] = "InternalError", ["message"] = "Something went wrong; please try again." },
                }, statusCode: StatusCodes.Status500InternalServerError);
            }

            return Results.Ok();
        }
    }
}
