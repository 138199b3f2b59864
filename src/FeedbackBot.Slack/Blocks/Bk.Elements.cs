using System.Text.Json.Nodes;

namespace FeedbackBot.Slack.Blocks;

/// <summary>Interactive elements and their parts: people picker, button, option.</summary>
public static partial class Bk
{
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

    /// <summary>
    /// Puts Slack's confirmation dialog in front of <paramref name="button"/> (danger style); title, confirm and deny
    /// ≤ 30 characters, text ≤ 300 (https://docs.slack.dev/reference/block-kit/composition-objects/confirmation-dialog-object).
    /// </summary>
    public static JsonObject Confirmed(JsonObject button, string title, string text, string confirm, string deny)
    {
        button["confirm"] = new JsonObject
        {
            ["title"] = Plain(title, 30),
            ["text"] = Plain(text, 300),
            ["confirm"] = Plain(confirm, 30),
            ["deny"] = Plain(deny, 30),
            ["style"] = "danger",
        };
        return button;
    }

    public static JsonObject Option(string text, string value) => new() { ["text"] = Plain(text, 75), ["value"] = value };
}
