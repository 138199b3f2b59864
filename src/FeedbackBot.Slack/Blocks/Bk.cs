using System.Text.Json.Nodes;
using FeedbackBot.Slack.Text;

namespace FeedbackBot.Slack.Blocks;

/// <summary>
/// Tiny Block Kit builders. Every helper that takes user text escapes it (or uses plain_text) and cuts it to
/// Slack's limits, so a view can never be refused for a long field or turned into a mention.
/// </summary>
public static class Bk
{
    public const int MaxBlocks = 100;
    public const int MaxModalTitle = 24;
    public const int MaxButtonValue = 2000;
    public const int MaxPrivateMetadata = 3000;

    /// <summary>plain_text object; Slack never parses mentions in it, but it still has a 3000-char limit.</summary>
    public static JsonObject Plain(string text, int max = Mrkdwn.MaxText) => new()
    {
        ["type"] = "plain_text",
        ["text"] = Mrkdwn.Truncate(string.IsNullOrEmpty(text) ? " " : text, max),
        ["emoji"] = true,
    };

    /// <summary>mrkdwn object for text we composed from already-escaped pieces. verbatim stops Slack auto-linking names.</summary>
    public static JsonObject Md(string escapedText) => new()
    {
        ["type"] = "mrkdwn",
        ["text"] = Mrkdwn.Truncate(string.IsNullOrEmpty(escapedText) ? " " : escapedText, Mrkdwn.MaxText),
        ["verbatim"] = true,
    };

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
    /// <summary>A people picker (multi_users_select) with up to <paramref name="max"/> of <paramref name="initial"/> preselected.</summary>
    public static JsonObject UsersSelect(string actionId, string placeholder, int max, IReadOnlyList<string> initial)
    {
        var select = new JsonObject
        {
            ["type"] = "multi_users_select",
            ["action_id"] = actionId,
            ["placeholder"] = Plain(placeholder),
            ["max_selected_items"] = max,
        };
        if (initial.Count > 0)
        {
            select["initial_users"] = new JsonArray([.. initial.Take(max).Select(u => (JsonNode)u)]);
        }

        return select;
    }

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

    /// <summary>A button; <paramref name="style"/> is "primary", "danger" or null.</summary>
    public static JsonObject Button(string text, string actionId, string? value = null, string? style = null)
    {
        var b = new JsonObject { ["type"] = "button", ["text"] = Plain(text, 75), ["action_id"] = actionId };
        if (value is not null)
        {
            b["value"] = value.Length <= MaxButtonValue ? value : throw new ArgumentException("Button value over 2000 chars.", nameof(value));
        }

        if (style is not null)
        {
            b["style"] = style;
        }

        return b;
    }

    public static JsonObject Option(string text, string value) => new() { ["text"] = Plain(text, 75), ["value"] = value };

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

    /// <summary>A modal view. The title is cut to Slack's 24 characters; blocks beyond 100 are refused.</summary>
    public static JsonObject Modal(string callbackId, string title, IReadOnlyList<JsonObject> blocks, string? submit = null,
        string? privateMetadata = null, string close = "Cancel")
    {
        if (blocks.Count > MaxBlocks)
        {
            throw new ArgumentException($"A view holds at most {MaxBlocks} blocks.", nameof(blocks));
        }

        var view = new JsonObject
        {
            ["type"] = "modal",
            ["callback_id"] = callbackId,
            ["title"] = Plain(title, MaxModalTitle),
            ["close"] = Plain(close, MaxModalTitle),
            ["blocks"] = new JsonArray([.. blocks]),
        };
        if (submit is not null)
        {
            view["submit"] = Plain(submit, MaxModalTitle);
        }

        if (privateMetadata is not null)
        {
            view["private_metadata"] = privateMetadata.Length <= MaxPrivateMetadata
                ? privateMetadata
                : throw new ArgumentException("private_metadata over 3000 chars.", nameof(privateMetadata));
        }

        return view;
    }
}
