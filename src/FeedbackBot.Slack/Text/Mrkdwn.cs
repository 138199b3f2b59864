using System.Globalization;
using System.Text;

namespace FeedbackBot.Slack.Text;

/// <summary>
/// Making user text safe for Slack. Slack's control sequences (<c>&lt;@U…&gt;</c>, <c>&lt;!channel&gt;</c>,
/// links) all need <c>&lt;</c> and <c>&gt;</c>, so escaping those three characters makes user text inert.
/// </summary>
public static class Mrkdwn
{
    /// <summary>Slack's text objects take at most 3000 characters.</summary>
    public const int MaxText = 3000;

    /// <summary>
    /// Escapes neutral text (see <see cref="SlackInbound"/>) exactly once: <c>&amp;</c> first, then <c>&lt;</c> and
    /// <c>&gt;</c> (https://api.slack.com/reference/surfaces/formatting#escaping). A stored mention token becomes a
    /// real <c>&lt;@U…&gt;</c> only when it holds a well-formed user id; nothing else can produce a control sequence.
    /// </summary>
    public static string Escape(string? text) =>
        string.IsNullOrEmpty(text) ? "" : RenderMentions(text, static (id, name) => IsUserId(id) ? $"<@{id}>" : EscapeOnly("@" + (name ?? id)), EscapeOnly);

    /// <summary>Just the three replacements, for text that holds no mention tokens.</summary>
    private static string EscapeOnly(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    /// <summary>Renders every mention token with <paramref name="mention"/> and the text between with <paramref name="other"/>.</summary>
    internal static string RenderMentions(string text, Func<string, string?, string> mention, Func<string, string> other)
    {
        if (text.IndexOf(SlackInbound.MentionStart) < 0)
        {
            return other(text);
        }

        var sb = new StringBuilder(text.Length + 16);
        var at = 0;
        while (at < text.Length)
        {
            var start = text.IndexOf(SlackInbound.MentionStart, at);
            var end = start < 0 ? -1 : text.IndexOf(SlackInbound.MentionEnd, start);
            if (start < 0 || end < 0)
            {
                // A token cut in half (or none left): the rest is text, without the stray marker.
                sb.Append(other(text[at..].Replace(SlackInbound.MentionStart.ToString(), "", StringComparison.Ordinal)));
                break;
            }

            sb.Append(other(text[at..start]));
            var inner = text[(start + 1)..end];
            var bar = inner.IndexOf('|');
            sb.Append(bar < 0 ? mention(inner, null) : mention(inner[..bar], inner[(bar + 1)..]));
            at = end + 1;
        }

        return sb.ToString().Replace(SlackInbound.MentionEnd.ToString(), "", StringComparison.Ordinal);
    }

    /// <summary>
    /// Cuts <paramref name="text"/> to at most <paramref name="max"/> characters with an ellipsis, never inside a
    /// surrogate pair or an escape entity (<c>&amp;amp;</c>), which Slack would show half-cooked.
    /// </summary>
    public static string Truncate(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var cut = Math.Max(0, max - 1);
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        cut = SafeCut(text, cut);
        return string.Concat(text.AsSpan(0, cut), "…");
    }

    /// <summary>
    /// Moves <paramref name="cut"/> back so it is not inside an entity (<c>&amp;amp;</c>), a control sequence we
    /// rendered (<c>&lt;@U1&gt;</c>; every other <c>&lt;</c> is escaped, so a raw one is ours) or a mention token.
    /// </summary>
    private static int SafeCut(string text, int cut)
    {
        var amp = text.LastIndexOf('&', Math.Max(0, cut - 1), Math.Min(cut, 5));
        if (amp >= 0 && text.IndexOf(';', amp) >= cut)
        {
            cut = amp;
        }

        var open = cut == 0 ? -1 : text.LastIndexOf('<', cut - 1);
        if (open >= 0 && (cut == 0 ? -1 : text.LastIndexOf('>', cut - 1)) < open)
        {
            cut = open;
        }

        var token = cut == 0 ? -1 : text.LastIndexOf(SlackInbound.MentionStart, cut - 1);
        if (token >= 0 && (cut == 0 ? -1 : text.LastIndexOf(SlackInbound.MentionEnd, cut - 1)) < token)
        {
            cut = token;
        }

        return cut;
    }

    /// <summary>
    /// Splits escaped mrkdwn into pieces of at most <paramref name="max"/> characters, preferring line breaks, then
    /// spaces, and never cutting an entity, a mention or a surrogate pair: Slack refuses a section over 3000
    /// characters (https://api.slack.com/reference/block-kit/composition-objects#text), and escaping can make
    /// 3000 typed characters five times longer, so a delivered message spreads over several sections.
    /// </summary>
    public static IReadOnlyList<string> Split(string escaped, int max = MaxText)
    {
        var pieces = new List<string>();
        var rest = escaped;
        while (rest.Length > max)
        {
            var cut = rest.LastIndexOf('\n', max - 1, max / 2);
            if (cut <= 0)
            {
                cut = rest.LastIndexOf(' ', max - 1, max / 2);
            }

            if (cut <= 0)
            {
                cut = max;
                if (char.IsHighSurrogate(rest[cut - 1]))
                {
                    cut--;
                }
            }

            cut = SafeCut(rest, cut);
            if (cut <= 0)
            {
                cut = max;
            }

            pieces.Add(rest[..cut]);
            // Drop only the line break we split at: blank lines after it are part of the text.
            rest = rest[cut] == '\n' ? rest[(cut + 1)..] : rest[cut..];
        }

        if (rest.Length > 0 || pieces.Count == 0)
        {
            pieces.Add(rest);
        }

        return pieces;
    }

    /// <summary>Escaped and cut to fit a text object.</summary>
    public static string Safe(string? text, int max = MaxText) => Truncate(Escape(text), max);

    /// <summary>A mention Slack renders as the person's name; ids come from Slack, never from user text.</summary>
    public static string Mention(string userId) => IsUserId(userId) ? $"<@{userId}>" : Escape(userId);

    /// <summary>Slack user ids: U… or W… (enterprise), upper-case letters and digits only.</summary>
    public static bool IsUserId(string? id) =>
        id is { Length: >= 2 and <= 32 } && (id[0] == 'U' || id[0] == 'W') && id.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c));

    /// <summary>
    /// Quotes every line (a literal <c>&gt;</c> at line start is Slack's quote marker). The text must already be
    /// escaped, so the only raw <c>&gt;</c> in the result is ours.
    /// </summary>
    public static string Quote(string escaped)
    {
        var sb = new StringBuilder();
        foreach (var line in escaped.Split('\n'))
        {
            sb.Append("> ").Append(line).Append('\n');
        }

        return sb.ToString().TrimEnd('\n');
    }

    /// <summary>A date in the reader's zone, e.g. "Mon 3 Nov".</summary>
    public static string ShortDate(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("ddd d MMM", CultureInfo.InvariantCulture);
}
