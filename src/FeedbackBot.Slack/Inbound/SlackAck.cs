using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace FeedbackBot.Slack.Inbound;

/// <summary>
/// What a handler answers Slack within its 3 s, as a value: an empty 200, an ephemeral reply, view errors or a
/// view stack change (https://api.slack.com/surfaces/modals#updating_response). <see cref="ThenRun"/> marks that the
/// handler's RunAsync follows once the answer is written, with <see cref="State"/> handed to it.
/// </summary>
public sealed record SlackAck
{
    private SlackAck(JsonObject? body) => Body = body;

    /// <summary>The JSON body, or null for an empty 200.</summary>
    public JsonObject? Body { get; }

    /// <summary>True when the handler's RunAsync runs after this answer.</summary>
    public bool RunsAfter { get; private init; }

    /// <summary>What the ack hands to RunAsync (e.g. a give still running, a parsed draft); null when nothing.</summary>
    public object? State { get; private init; }

    /// <summary>An empty 200: Slack's plain "got it" (and, for a view submission, "close this view").</summary>
    public static SlackAck Ok { get; } = new((JsonObject?)null);

    /// <summary>An ephemeral reply in the HTTP body (slash commands); <paramref name="escapedText"/> must already be escaped.</summary>
    public static SlackAck Ephemeral(string escapedText, JsonArray? blocks = null)
    {
        var body = new JsonObject { ["response_type"] = "ephemeral", ["text"] = escapedText };
        if (blocks is not null)
        {
            body["blocks"] = blocks;
        }

        return new SlackAck(body);
    }

    /// <summary><c>response_action: errors</c> for a view submission, keyed by input block_id (plain text, not escaped).</summary>
    public static SlackAck ViewErrors(IReadOnlyDictionary<string, string> errors)
    {
        var map = new JsonObject();
        foreach (var (block, message) in errors)
        {
            map[block] = message;
        }

        return new SlackAck(new JsonObject { ["response_action"] = "errors", ["errors"] = map });
    }

    /// <summary><c>response_action: update</c>: replaces the submitted view.</summary>
    public static SlackAck UpdateView(JsonObject view) => new(new JsonObject { ["response_action"] = "update", ["view"] = view });

    /// <summary><c>response_action: push</c>: a new view on top of the submitted one.</summary>
    public static SlackAck PushView(JsonObject view) => new(new JsonObject { ["response_action"] = "push", ["view"] = view });

    /// <summary><c>response_action: clear</c>: closes every view of the modal stack.</summary>
    public static SlackAck ClearViews() => new(new JsonObject { ["response_action"] = "clear" });

    /// <summary>This answer, followed by the handler's RunAsync with <paramref name="state"/>.</summary>
    public SlackAck ThenRun(object? state = null) => this with { RunsAfter = true, State = state };

    /// <summary>The HTTP result the endpoint writes.</summary>
    public IResult ToResult() =>
        Body is null ? Results.Ok() : Results.Text(Body.ToJsonString(), "application/json; charset=utf-8");
}
