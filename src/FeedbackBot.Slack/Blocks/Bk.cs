using System.Text.Json.Nodes;
using FeedbackBot.Slack.Text;

namespace FeedbackBot.Slack.Blocks;

/// <summary>
/// Tiny Block Kit builders, one partial file per kind of thing they build: text objects (here), layout blocks
/// (<c>Bk.Blocks.cs</c>), interactive elements (<c>Bk.Elements.cs</c>) and views (<c>Bk.Views.cs</c>). Every helper
/// that takes user text escapes it (or uses plain_text) and cuts it to Slack's limits, so a view can never be
/// refused for a long field or turned into a mention.
/// </summary>
public static partial class Bk
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
}
