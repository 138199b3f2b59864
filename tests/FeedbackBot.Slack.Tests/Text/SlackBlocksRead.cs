using System.Text.Json.Nodes;
using FeedbackBot.Testing;

namespace FeedbackBot.Slack.Tests.Text;

/// <summary>Reads what the bot posted, whether the client sent <c>blocks</c> as JSON or form-encoded (stringified).</summary>
internal static class SlackBlocksRead
{
    public static JsonArray Blocks(this RecordedCall call) => call.Args["blocks"] switch
    {
        JsonArray array => array,
        JsonValue value when value.TryGetValue<string>(out var s) => JsonNode.Parse(s)!.AsArray(),
        _ => [],
    };

    /// <summary>The mrkdwn of every section, in order.</summary>
    public static IReadOnlyList<string> SectionTexts(this RecordedCall call) =>
        call.Blocks().OfType<JsonObject>()
            .Where(b => (string?)b["type"] == "section" && b["text"] is JsonObject)
            .Select(b => b["text"]!["text"]!.GetValue<string>())
            .ToArray();

    /// <summary>Every section and context text, joined: what the reader sees.</summary>
    public static string AllText(this RecordedCall call) =>
        string.Join("\n", call.Blocks().OfType<JsonObject>().SelectMany(b => b["type"]?.GetValue<string>() switch
        {
            "section" when b["text"] is JsonObject t => [t["text"]!.GetValue<string>()],
            "context" => b["elements"]!.AsArray().OfType<JsonObject>().Select(e => e["text"]?.GetValue<string>() ?? ""),
            _ => [],
        }));
}
