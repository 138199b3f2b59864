using System.Text.Json;
using System.Text.Json.Nodes;

namespace FeedbackBot.Teams.Give;

/// <summary>Reading what a card or invoke sent: a field is used only when it is a JSON string.</summary>
internal static class JsonText
{
    public static string? Str(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
