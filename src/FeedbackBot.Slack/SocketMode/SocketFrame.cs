using System.Text.Json;

namespace FeedbackBot.Slack.SocketMode;

/// <summary>
/// One message Slack sends over a Socket Mode WebSocket
/// (https://docs.slack.dev/apis/events-api/using-socket-mode): <c>hello</c> once connected, <c>disconnect</c> with a
/// <c>reason</c> (<c>refresh_requested</c> and <c>warning</c> about 10 s before Slack closes the link,
/// <c>link_disabled</c> when Socket Mode was turned off for the app), or an envelope
/// (<c>slash_commands</c>, <c>interactive</c>, <c>events_api</c>) with an <c>envelope_id</c> to ack, the same
/// payload the HTTP request would carry, <c>accepts_response_payload</c>, and on redelivery of an unacked envelope
/// <c>retry_attempt</c> / <c>retry_reason</c>.
/// </summary>
internal sealed record SocketFrame(
    string Type,
    string? EnvelopeId,
    JsonElement? Payload,
    bool AcceptsResponsePayload,
    int RetryAttempt,
    string? Reason)
{
    public const string Hello = "hello";
    public const string Disconnect = "disconnect";
    public const string SlashCommands = "slash_commands";
    public const string Interactive = "interactive";
    public const string EventsApi = "events_api";

    /// <summary>The disconnect reason after which Slack will not take this app's connections any more.</summary>
    public const string LinkDisabled = "link_disabled";

    /// <summary>True for the three envelope types the bot handles and acks.</summary>
    public bool IsEnvelope => Type is SlashCommands or Interactive or EventsApi && EnvelopeId is not null && Payload is not null;

    /// <summary>Reads one text frame; null when it is not a JSON object with a string <c>type</c>.</summary>
    public static SocketFrame? Parse(ReadOnlyMemory<byte> utf8)
    {
        try
        {
            using var document = JsonDocument.Parse(utf8, new JsonDocumentOptions { MaxDepth = 64 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || Str(root, "type") is not { } type)
            {
                return null;
            }

            var payload = root.TryGetProperty("payload", out var p) && p.ValueKind == JsonValueKind.Object ? p.Clone() : (JsonElement?)null;
            var accepts = root.TryGetProperty("accepts_response_payload", out var a) && a.ValueKind == JsonValueKind.True;
            var retry = root.TryGetProperty("retry_attempt", out var r) && r.ValueKind == JsonValueKind.Number && r.TryGetInt32(out var n) ? n : 0;
            return new SocketFrame(type, Str(root, "envelope_id"), payload, accepts, retry, Str(root, "reason"));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// A <c>slash_commands</c> payload carries the form fields Slack would POST, as a JSON object of strings; turned
    /// back into the form body so the one parser (<see cref="Inbound.SlashCommand.Parse"/>) reads both transports.
    /// </summary>
    public static string CommandForm(JsonElement payload) =>
        string.Join("&", payload.EnumerateObject()
            .Where(f => f.Value.ValueKind == JsonValueKind.String)
            .Select(f => $"{Uri.EscapeDataString(f.Name)}={Uri.EscapeDataString(f.Value.GetString()!)}"));

    private static string? Str(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
