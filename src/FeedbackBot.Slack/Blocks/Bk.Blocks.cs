using System.Text.Json.Nodes;
using FeedbackBot.Slack.Text;

namespace FeedbackBot.Slack.Blocks;

/// <summary>Layout blocks: section, header, divider, context, actions, input.</summary>
public static partial class Bk
{
    public static JsonObject Section(string escapedText, JsonObject? accessory = null, string? blockId = null)
    {
        var block = new JsonObject { ["type"] = "section", ["text"] = Md(escapedText) };
        if (accessory is not null)
        {
            block["accessory"] = accessory;
        }

        if (blockId is not null)
        {
            block["block_id"] = blockId;
        }

        return block;
    }

    public static JsonObject Header(string text) => new() { ["type"] = "header", ["text"] = Plain(text, 150) };

    public static JsonObject Divider() => new() { ["type"] = "divider" };

    /// <summary>A context block: small grey text under other blocks (at most 10 elements).</summary>
    public static JsonObject Context(string escapedText, string? blockId = null)
    {
        var block = new JsonObject { ["type"] = "context", ["elements"] = new JsonArray(Md(escapedText)) };
        if (blockId is not null)
        {
            block["block_id"] = blockId;
        }

        return block;
    }

    public static JsonObject Actions(string? blockId, params JsonObject[] elements)
    {
        var block = new JsonObject { ["type"] = "actions", ["elements"] = new JsonArray(elements) };
        if (blockId is not null)
        {
            block["block_id"] = blockId;
        }

        return block;
    }

    /// <summary>An input block. <paramref name="dispatch"/> makes Slack send block_actions while the person edits it.</summary>
    public static JsonObject Input(string blockId, string label, JsonObject element, bool optional = false, string? hint = null, bool dispatch = false)
    {
        var block = new JsonObject
        {
            ["type"] = "input",
            ["block_id"] = blockId,
            ["label"] = Plain(label, 2000),
            ["element"] = element,
            ["optional"] = optional,
        };
        if (hint is not null)
        {
            block["hint"] = Plain(hint, 2000);
        }

        if (dispatch)
        {
            block["dispatch_action"] = true;
        }

        return block;
    }
}
