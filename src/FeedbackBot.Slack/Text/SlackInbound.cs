using System.Text;
using System.Text.RegularExpressions;

namespace FeedbackBot.Slack.Text;

/// <summary>
/// The one inbound decoder for text Slack wrote: slash-command text (the manifest sets <c>should_escape</c>) and
/// message text from shortcuts, reactions and threads. Slack sends it already escaped (<c>&amp;amp; &amp;lt;
/// &amp;gt;</c>) and with control sequences (<c>&lt;@U…|name&gt;</c>, <c>&lt;#C…|name&gt;</c>, <c>&lt;!here&gt;</c>,
/// <c>&lt;https://…|label&gt;</c>); see https://api.slack.com/reference/surfaces/formatting#escaping and, for
/// slash commands, https://api.slack.com/interactivity/slash-commands. Decoding happens once, here; the
/// result is neutral text that <see cref="Mrkdwn.Escape"/> escapes exactly once on the way out.
/// </summary>
/// <remarks>
/// User mentions the person picked stay mentions: they become a token (<see cref="MentionStart"/> id
/// [<c>|name</c>] <see cref="MentionEnd"/>) that only <see cref="Mrkdwn.Escape"/> turns back into <c>&lt;@U…&gt;</c>, and
/// only for a well-formed user id. Broadcasts and groups (<c>&lt;!channel&gt;</c>, <c>&lt;!here&gt;</c>,
/// <c>&lt;!everyone&gt;</c>, <c>&lt;!subteam^…&gt;</c>) become inert text (<c>@here</c>), so feedback can never ping
/// a channel. Links become "label (url)", which Slack shows as text.
/// </remarks>
public static partial class SlackInbound
{
    /// <summary>Opens a stored user mention (a private-use character nobody types; stripped from input).</summary>
    public const char MentionStart = '\uE000';

    /// <summary>Closes a stored user mention.</summary>
    public const char MentionEnd = '\uE001';

    [GeneratedRegex("<([^<>]*)>")]
    private static partial Regex ControlSequence();

    [GeneratedRegex("&(amp|lt|gt);")]
    private static partial Regex Entity();

    /// <summary>Slack's text → neutral text. Null stays null.</summary>
    public static string? Decode(string? slackText)
    {
        if (slackText is null)
        {
            return null;
        }

        var text = FromInput(slackText);
        var sb = new StringBuilder(text.Length);
        var at = 0;
        foreach (Match match in ControlSequence().Matches(text))
        {
            sb.Append(Unescape(text[at..match.Index]));
            sb.Append(Sequence(match.Groups[1].Value));
            at = match.Index + match.Length;
        }

        sb.Append(Unescape(text[at..]));
        return sb.ToString();
    }

    /// <summary>
    /// Text from a plain_text_input (modal fields): Slack sends it raw, not escaped, so nothing is decoded; only the
    /// token markers are removed, so nobody can forge a mention by typing the private-use characters themselves.
    /// </summary>
    public static string FromInput(string text) =>
        text.Contains(MentionStart) || text.Contains(MentionEnd)
            ? text.Replace(MentionStart.ToString(), "", StringComparison.Ordinal).Replace(MentionEnd.ToString(), "", StringComparison.Ordinal)
            : text;

    /// <summary>The neutral token for a mention of <paramref name="userId"/>, with the name Slack gave if any.</summary>
    public static string MentionToken(string userId, string? name = null) =>
        $"{MentionStart}{userId}{(string.IsNullOrEmpty(name) ? "" : "|" + name)}{MentionEnd}";

    /// <summary>Neutral text for plain_text surfaces (an input's initial value): mentions read as <c>@name</c>.</summary>
    public static string ToPlain(string? neutral) =>
        string.IsNullOrEmpty(neutral) ? "" : Mrkdwn.RenderMentions(neutral, static (id, name) => "@" + (name ?? id), static s => s);

    /// <summary>Only the three entities Slack escapes, decoded in one pass (so <c>&amp;amp;lt;</c> stays <c>&amp;lt;</c>).</summary>
    public static string Unescape(string text) =>
        text.Contains('&') ? Entity().Replace(text, m => m.Groups[1].Value switch { "amp" => "&", "lt" => "<", _ => ">" }) : text;

    private static string Sequence(string inner)
    {
        var bar = inner.IndexOf('|');
        var target = bar < 0 ? inner : inner[..bar];
        var label = bar < 0 ? null : Unescape(inner[(bar + 1)..]);
        switch (target)
        {
            case ['@', .. var id] when Mrkdwn.IsUserId(id):
                return MentionToken(id, label?.TrimStart('@'));
            case ['#', ..]:
                return "#" + (string.IsNullOrEmpty(label) ? "channel" : label.TrimStart('#'));
            case "!here" or "!channel" or "!everyone":
                // Inert on purpose: feedback quoted to one person must never notify a whole channel.
                return "@" + target[1..];
            case ['!', ..] when target.StartsWith("!subteam^", StringComparison.Ordinal):
                return string.IsNullOrEmpty(label) ? "@group" : "@" + label.TrimStart('@');
            case ['!', ..]:
                // <!date^…|fallback> and anything newer: the fallback text Slack provides for clients that can't render it.
                return label ?? "";
            case var other when !other.Contains(':', StringComparison.Ordinal):
                // Slack escapes every '<' a person types, so this never comes from Slack; keep it as the text it is.
                return "<" + Unescape(inner) + ">";
            default:
                var url = Unescape(target);
                var shown = url.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) ? url["mailto:".Length..] : url;
                return string.IsNullOrEmpty(label) || label == url || label == shown ? shown : $"{label} ({shown})";
        }
    }
}
