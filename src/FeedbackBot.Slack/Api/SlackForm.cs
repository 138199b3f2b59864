using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FeedbackBot.Slack.Api;

/// <summary>
/// Web API arguments as an <c>application/x-www-form-urlencoded</c> body, the one encoding every Slack method
/// reads (https://docs.slack.dev/apis/web-api). Nested JSON arguments (<c>blocks</c>, <c>view</c>,
/// <c>metadata</c>) travel as JSON strings, as each method page documents ("a JSON-based array of structured
/// blocks, presented as a URL-encoded string": https://docs.slack.dev/reference/methods/chat.postMessage).
/// </summary>
/// <remarks>
/// Why not JSON bodies: only "most write methods" accept <c>application/json</c>
/// (https://docs.slack.dev/apis/web-api#methods_supporting_json); read methods such as users.info or
/// conversations.history silently see no arguments in a JSON body and answer <c>user_not_found</c> /
/// <c>channel_not_found</c>. Form works for every method, so there is no per-method table to get wrong, and it
/// is what Slack's Node and Java SDKs send.
/// </remarks>
public static class SlackForm
{
    // Nested JSON is read by Slack's JSON parser, never by a browser: HTML-safe escaping (\u003C) only bloats it.
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The form fields for <paramref name="args"/>; null arguments are left out.</summary>
    public static IEnumerable<KeyValuePair<string, string>> Fields(JsonObject args)
    {
        foreach (var (name, node) in args)
        {
            var value = Value(node);
            if (value is not null)
            {
                yield return new(name, value);
            }
        }
    }

    /// <summary>The encoded body for <paramref name="args"/>.</summary>
    public static FormUrlEncodedContent Content(JsonObject args) => new(Fields(args));

    private static string? Value(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() == JsonValueKind.True => "true",
        JsonValue v when v.GetValueKind() == JsonValueKind.False => "false",
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.ToJsonString(),
        JsonValue v when v.GetValueKind() == JsonValueKind.Null => null,
        _ => node.ToJsonString(Compact),
    };
}
