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

    /// <summary>Escapes <c>&amp;</c> first (so we never double-escape our own output), then <c>&lt;</c> and <c>&gt;</c>.</summary>
    public static string Escape(string? text) =>
        string.IsNullOrEmpty(text) ? "" : text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

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

        var amp = text.LastIndexOf('&', Math.Max(0, cut - 1), Math.Min(cut, 5));
        if (amp >= 0 && text.IndexOf(';', amp) >= cut)
        {
            cut = amp;
        }

        return string.Concat(text.AsSpan(0, cut), "…");
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
