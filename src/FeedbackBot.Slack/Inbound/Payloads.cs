using System.Text.Json;
using System.Text.Json.Nodes;
using FeedbackBot.Core.People;
using FeedbackBot.Slack.Inbound.Wire;
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

/// <summary>
/// One element's action in a block_actions payload. <c>ActionTs</c> is Slack's time of the click (with the clicking
/// user it identifies one click); <c>SelectedOption</c> is the chosen option's value, for a select or radio buttons.
/// </summary>
public sealed record BlockAction(string ActionId, string? BlockId, string? Value, string? ActionTs, string? SelectedOption)
{
    /// <summary>The part after <c>:</c> in a routed action id (<c>give_part:impact</c> → <c>impact</c>).</summary>
    public string? Argument => ActionId.IndexOf(':') is var i and >= 0 ? ActionId[(i + 1)..] : null;
}

/// <summary>The view carried by view_submission and by block_actions inside a modal or App Home.</summary>
public sealed record SlackView(string Id, string Type, string? CallbackId, string? PrivateMetadata, string? Hash, ViewState State);

/// <summary>The message a shortcut or button was used on.</summary>
public sealed record SlackMessage(string Ts, string? Text, string? UserId, string? ThreadTs);

/// <summary>
/// Any interactivity payload (block_actions, view_submission, view_closed, message_action, shortcut), read
/// totally: a field of the wrong JSON type, a duplicate key or absurd nesting makes the payload malformed, optional
/// fields are null, and a payload without what its kind needs is null (the endpoint answers 400), never an exception.
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
    SlackMessage? Message)
{
    public PersonRef Person => SlackIds.Person(TeamId, UserId);

    /// <summary>Parses the JSON of the <c>payload</c> form field; null when it is not a usable payload.</summary>
    public static Interaction? Parse(string json) =>
        SlackJson.TryRead(json, SlackWireJson.Default.InteractionWire, out var wire) ? From(wire) : null;

    private static Interaction? From(InteractionWire? root)
    {
        // Enterprise Grid: the user's home team can differ from the team the app runs in; the app's team wins.
        var team = root?.Team?.Id ?? root?.User?.TeamId ?? root?.View?.TeamId;
        if (root is not { Type: { } type, User.Id: { } user } || team is null)
        {
            return null;
        }

        var actions = (root.Actions ?? []).OfType<ElementWire>()
            .Where(a => a.ActionId is not null)
            .Select(a => new BlockAction(a.ActionId!, a.BlockId, a.Value, a.ActionTs, a.SelectedOption?.Value))
            .ToArray();

        var view = root.View is { Id: { } viewId } v
            ? new SlackView(viewId, v.Type ?? "modal", v.CallbackId, v.PrivateMetadata, v.Hash, ViewState.From(v.State))
            : null;

        var message = root.Message is { Ts: { } ts } m ? new SlackMessage(ts, m.Text, m.User, m.ThreadTs) : null;

        // Each kind needs the parts its handlers read; without them the payload is malformed (400), not a handler's
        // problem (which could only fail later, after side effects).
        var complete = type switch
        {
            "block_actions" => actions.Length > 0,
            "view_submission" or "view_closed" => view is { CallbackId: not null },
            "message_action" => message is not null && root.CallbackId is not null,
            "shortcut" => root.CallbackId is not null,
            _ => true,
        };
        if (!complete)
        {
            return null;
        }

        return new Interaction(type, team, root.Team?.Domain, user, root.CallbackId, root.TriggerId, root.ResponseUrl,
            root.Channel?.Id ?? root.Container?.ChannelId, actions, view, message);
    }

    /// <summary>A non-empty string, or null: total access to Web API replies (and our own metadata) as JsonNode.</summary>
    internal static string? Str(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;
}

/// <summary>An Events API <c>event_callback</c>, checked: team, event id and type are present.</summary>
public sealed record SlackEvent(string TeamId, string EventId, string Type, SlackEventBody Event)
{
    public string? UserId => Event.User;
}

/// <summary>
/// An Events API request body. <see cref="EventType"/> is read first; the event's own fields are read (and must
/// have their documented JSON types) only for a type the bot handles: Slack adds event types and fields freely,
/// and an envelope of a type we ignore still needs its 200.
/// </summary>
public sealed record SlackEventEnvelope(string Type, string? Challenge, string? TeamId, string? EventId, string? EventType)
{
    private JsonElement? _event;

    /// <summary>Parses the body; null when it is not a JSON object with a string <c>type</c> (400).</summary>
    public static SlackEventEnvelope? Parse(string json)
    {
        if (!SlackJson.TryRead(json, SlackWireJson.Default.EventEnvelopeWire, out var wire) || wire?.Type is not { } type)
        {
            return null;
        }

        string? eventType = null;
        if (wire.Event is { ValueKind: JsonValueKind.Object } evt)
        {
            if (!SlackJson.TryRead(evt, SlackWireJson.Default.EventTypeWire, out var peek))
            {
                return null;
            }

            eventType = peek?.Type;
        }

        return new SlackEventEnvelope(type, wire.Challenge, wire.TeamId, wire.EventId, eventType) { _event = wire.Event };
    }

    /// <summary>The typed event of an <c>event_callback</c>; null when ids are missing or a field has the wrong type.</summary>
    public SlackEvent? ToEvent() =>
        TeamId is { } team && EventId is { } id && EventType is { } type && _event is { } evt
        && SlackJson.TryRead(evt, SlackWireJson.Default.SlackEventBody, out var body) && body is not null
            ? new SlackEvent(team, id, type, body)
            : null;
}

/// <summary>Turning Slack ids into Core's person references, in one place.</summary>
public static class SlackIds
{
    public static PersonRef Person(string teamId, string userId) => new(Platform.Slack, teamId, userId);
}
