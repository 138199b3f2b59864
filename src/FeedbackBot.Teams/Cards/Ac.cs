using System.Globalization;
using System.Text.Json.Nodes;

namespace FeedbackBot.Teams.Cards;

/// <summary>
/// Adaptive Card 1.5 building blocks (Teams renders at most 1.5:
/// https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/cards-reference#adaptive-card).
/// <para>
/// Escaping rule: every piece of user text (feedback, questions, names, excerpts) goes into a
/// <c>RichTextBlock</c>'s <c>TextRun</c> via <see cref="Run"/> / <see cref="Rich"/>, which Teams never reads as
/// Markdown (only <c>TextBlock</c> and <c>FactSet</c> are: https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/cards-format#markdown-formatting-for-adaptive-cards),
/// and no card carries <c>msteams.entities</c>, so an <c>&lt;at&gt;</c> in user text is shown, never a mention.
/// <see cref="Text"/> (a <c>TextBlock</c>) is for the bot's own fixed words only. That is the whole escaping: one
/// placement, no character replacement, so nothing is ever shown escaped twice.
/// </para>
/// </summary>
public static class Ac
{
    public const string Version = "1.5";

    /// <summary>A card with <paramref name="body"/>; <paramref name="fallbackText"/> is the bot's own words only.</summary>
    public static JsonObject Card(string fallbackText, IEnumerable<JsonNode?> body, JsonArray? actions = null)
    {
        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = Version,
            ["fallbackText"] = fallbackText,
            ["body"] = new JsonArray(body.Where(b => b is not null).ToArray()),
            ["msteams"] = new JsonObject { ["width"] = "Full" },
        };
        if (actions is { Count: > 0 })
        {
            card["actions"] = actions;
        }

        return card;
    }

    /// <summary>A <c>TextBlock</c> for the bot's own words (never user text: TextBlock reads Markdown).</summary>
    public static JsonObject Text(string ownWords, bool subtle = false, bool heading = false)
    {
        var block = new JsonObject { ["type"] = "TextBlock", ["text"] = ownWords, ["wrap"] = true };
        if (subtle)
        {
            block["isSubtle"] = true;
            block["size"] = "Small";
        }

        if (heading)
        {
            block["weight"] = "Bolder";
            block["size"] = "Medium";
        }

        return block;
    }

    /// <summary>A line of inert runs (user text safe).</summary>
    public static JsonObject Rich(params JsonObject[] runs) => new()
    {
        ["type"] = "RichTextBlock",
        ["inlines"] = new JsonArray(runs),
    };

    /// <summary>A plain-text run: shown exactly as given.</summary>
    public static JsonObject Run(string text, bool strong = false, bool italic = false, bool subtle = false)
    {
        var run = new JsonObject { ["type"] = "TextRun", ["text"] = text };
        if (strong)
        {
            run["weight"] = "Bolder";
        }

        if (italic)
        {
            run["italic"] = true;
        }

        if (subtle)
        {
            run["isSubtle"] = true;
        }

        return run;
    }

    /// <summary>User text set apart (a quote), inert.</summary>
    public static JsonObject Quote(string userText, string? label = null)
    {
        var items = new JsonArray();
        if (label is not null)
        {
            items.Add(Rich(Run(label, strong: true)));
        }

        items.Add(Rich(Run(userText)));
        return new JsonObject { ["type"] = "Container", ["style"] = "emphasis", ["items"] = items };
    }

    /// <summary>An <c>Action.OpenUrl</c> for an http(s) link, else null (a <c>javascript:</c> or odd scheme is dropped).</summary>
    public static JsonObject? OpenUrl(string title, string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttps || u.Scheme == Uri.UriSchemeHttp)
            ? new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = title, ["url"] = u.AbsoluteUri }
            : null;

    /// <summary>At most <paramref name="max"/> characters, with an ellipsis when cut.</summary>
    public static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    /// <summary>A date the card shows the same to everyone (Teams renders UTC text as is).</summary>
    public static string When(DateTimeOffset at) =>
        at.UtcDateTime.ToString("ddd d MMM HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>
    /// An <c>Action.Execute</c> button (Universal Actions): Teams sends the invoke <c>adaptiveCard/action</c> with
    /// <paramref name="verb"/> and <paramref name="data"/> merged with the card's inputs, and shows the card the bot
    /// answers in place of this one.
    /// https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/universal-actions-for-adaptive-cards/work-with-universal-actions-for-adaptive-cards
    /// </summary>
    public static JsonObject Execute(string title, string verb, JsonObject? data = null, bool primary = false)
    {
        var action = new JsonObject { ["type"] = "Action.Execute", ["title"] = title, ["verb"] = verb, ["data"] = data ?? new JsonObject() };
        if (primary)
        {
            action["style"] = "positive";
        }

        return action;
    }

    /// <summary>An <c>Action.Submit</c> button, for forms in a dialog (dialogs do not run <c>Action.Execute</c>).</summary>
    public static JsonObject Submit(string title, JsonObject? data = null) =>
        new() { ["type"] = "Action.Submit", ["title"] = title, ["data"] = data ?? new JsonObject() };

    /// <summary>Buttons inside the body (e.g. one row per listed request).</summary>
    public static JsonObject ActionSet(params JsonObject[] actions) => new() { ["type"] = "ActionSet", ["actions"] = new JsonArray(actions) };

    /// <summary>A string field of a submitted card's data (inputs arrive as strings), else null.</summary>
    public static string? Str(JsonObject? data, string key) =>
        data?[key] is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String ? v.GetValue<string>() : null;
}
