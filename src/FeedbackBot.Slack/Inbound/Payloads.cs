using System.Text.Json;
using System.Text.Json.Nodes;
using FeedbackBot.Core.People;
using Microsoft.AspNetCore.WebUtilities;

namespace FeedbackBot.Slack.Inbound;

/// <summary>A slash command as Slack posts it (form fields; <c>token</c> and <c>user_name</c> are deprecated and ignored).</summary>
public sealed record SlashCommand(
    string TeamId,
    string UserId,
    string Command,
    string Text,
    string? ChannelId,
    string? ResponseUrl,
    string? TriggerId)
{
    public PersonRef Person => SlackIds.Person(TeamId, UserId);

    /// <summary>Reads the form body; null when a field we rely on is missing.</summary>
    public static SlashCommand? Parse(string formBody)
    {
        var form = QueryHelpers.ParseQuery(formBody);
        string? Get(string key) => form.TryGetValue(key, out var v) ? v.ToString() : null;
        var team = Get("team_id");
        var user = Get("user_id");
        var command = Get("command");
        if (string.IsNullOrEmpty(team) || string.IsNullOrEmpty(user) || string.IsNullOrEmpty(command))
        {
            return null;
        }

        return new SlashCommand(team, user, command, Get("text") ?? "", Get("channel_id"), Get("response_url"), Get("trigger_id"));
    }
}

/// <summary>One element's action in a block_actions payload.</summary>
public sealed record BlockAction(string ActionId, string? BlockId, string? Value, JsonObject Raw)
{
    /// <summary>The part after <c>:</c> in a routed action id (<c>give_part:impact</c> → <c>impact</c>).</summary>
    public string? Argument => ActionId.IndexOf(':') is var i and >= 0 ? ActionId[(i + 1)..] : null;
}

/// <summary>The view carried by view_submission and by block_actions inside a modal or App Home.</summary>
public sealed record SlackView(string Id, string Type, string? CallbackId, string? PrivateMetadata, string? Hash, JsonObject StateValues);

/// <summary>The message a shortcut or button was used on.</summary>
public sealed record SlackMessage(string Ts, string? Text, string? UserId, string? ThreadTs);

/// <summary>
/// Any interactivity payload (block_actions, view_submission, view_closed, message_action, shortcut), read
/// totally: a field of the wrong JSON type counts as missing (see <see cref="JsonAt"/>), optional ones are null,
/// and a payload without what its kind needs is null (the endpoint answers 400), never an exception.
/// </summary>
public sealed record Interaction(
    string Type,
    string TeamId,
    string? TeamDomain,
    string UserId,
    string? CallbackId,
    string? TriggerId,
    string? ResponseUrl,
    string? ChannelId,
    IReadOnlyList<BlockAction> Actions,
    SlackView? View,
    SlackMessage? Message,
    JsonObject Raw)
{
    public PersonRef Person => SlackIds.Person(TeamId, UserId);

    // Duplicate keys are refused at parse time: JsonObject would otherwise throw on first access, deep in a handler.
    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false };

    /// <summary>Parses the JSON of the <c>payload</c> form field; null when it is not a usable payload.</summary>
    public static Interaction? Parse(string json)
    {
        // One catch for the whole read: whatever shape a crafted payload has, the answer is a 400, never a 500.
        try
        {
            return ParseObject(JsonNode.Parse(json, documentOptions: Strict) as JsonObject);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or ArgumentException or FormatException)
        {
            return null;
        }
    }

    private static Interaction? ParseObject(JsonObject? root)
    {
        if (root is null)
        {
            return null;
        }

        var type = Str(root["type"]);
        var user = Str(root["user"].At("id"));
        // Enterprise Grid: the user's home team can differ from the team the app runs in; the app's team wins.
        var team = Str(root["team"].At("id")) ?? Str(root["user"].At("team_id")) ?? Str(root["view"].At("team_id"));
        if (type is null || user is null || team is null)
        {
            return null;
        }

        var actions = new List<BlockAction>();
        if (root["actions"] is JsonArray array)
        {
            foreach (var a in array.OfType<JsonObject>())
            {
                if (Str(a["action_id"]) is { } id)
                {
                    actions.Add(new BlockAction(id, Str(a["block_id"]), Str(a["value"]), a));
                }
            }
        }

        SlackView? view = null;
        if (root["view"] is JsonObject v && Str(v["id"]) is { } viewId)
        {
            view = new SlackView(viewId, Str(v["type"]) ?? "modal", Str(v["callback_id"]), Str(v["private_metadata"]),
                Str(v["hash"]), v["state"].At("values") as JsonObject ?? []);
        }

        SlackMessage? message = null;
        if (root["message"] is JsonObject m && Str(m["ts"]) is { } ts)
        {
            message = new SlackMessage(ts, Str(m["text"]), Str(m["user"]), Str(m["thread_ts"]));
        }

        // Each kind needs the parts its handlers read; without them the payload is malformed (400), not a handler's
        // problem (which could only fail later, after side effects).
        var complete = type switch
        {
            "block_actions" => actions.Count > 0,
            "view_submission" or "view_closed" => view is { CallbackId: not null },
            "message_action" => message is not null && Str(root["callback_id"]) is not null,
            "shortcut" => Str(root["callback_id"]) is not null,
            _ => true,
        };
        if (!complete)
        {
            return null;
        }

        return new Interaction(type, team, Str(root["team"].At("domain")), user, Str(root["callback_id"]),
            Str(root["trigger_id"]), Str(root["response_url"]),
            Str(root["channel"].At("id")) ?? Str(root["container"].At("channel_id")), actions, view, message, root);
    }

    internal static string? Str(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;
}

/// <summary>
/// Total JSON access for payloads a workspace member can shape: <c>node.At("key")</c> is null when the node is not
/// an object (JsonNode's own indexer throws on an array or a value, which turned <c>"user": []</c> into a 500).
/// </summary>
public static class JsonAt
{
    public static JsonNode? At(this JsonNode? node, string key) => node is JsonObject o ? o[key] : null;
}

/// <summary>An Events API <c>event_callback</c> envelope.</summary>
public sealed record SlackEvent(string TeamId, string EventId, string Type, JsonObject Event)
{
    public string? UserId => Interaction.Str(Event["user"]);
}

/// <summary>Turning Slack ids into Core's person references, in one place.</summary>
public static class SlackIds
{
    public static PersonRef Person(string teamId, string userId) => new(Platform.Slack, teamId, userId);
}
