using System.Globalization;
using System.Text.RegularExpressions;
using FeedbackBot.Core.Ports;

namespace FeedbackBot.Core.Growth;

/// <summary>A theme the feedback's words point at, and the word that did it (shown to the person as the reason).</summary>
public sealed record ThemeSuggestion(string Name, string? ExistingThemeId, string Because);

/// <summary>
/// Suggests a growth theme for a piece of received feedback from its words, deterministically: first one of the
/// person's own themes whose name (or the start of one of its words) appears in the text, then a small built-in list
/// of common themes, each with its evidence words. It only suggests: the Reflect form shows the suggestion and why,
/// and nothing is attached unless the person submits it.
/// </summary>
public static partial class ThemeSuggester
{
    // Evidence words per theme, matched as word starts ("delegat" matches delegate, delegating, delegation).
    private static readonly (string Theme, string[] Words)[] Known =
    [
        ("Delegation", ["delegat", "hand off", "handing off", "hand over", "let others"]),
        ("Speaking up", ["speak up", "speaking up", "voice", "in meetings", "quiet"]),
        ("Project planning", ["plan", "estimat", "deadline", "timeline", "scope", "milestone"]),
        ("Communication", ["communicat", "explain", "clear", "update", "writing", "document"]),
        ("Presenting", ["present", "demo", "slides", "talk"]),
        ("Listening", ["listen", "interrupt"]),
        ("Code quality", ["test", "refactor", "review", "code"]),
        ("Collaboration", ["collaborat", "team", "together", "help"]),
    ];

    private const int MinWordStart = 4;

    [GeneratedRegex(@"[\p{L}\p{N}']+")]
    private static partial Regex WordPattern();

    public static ThemeSuggestion? Suggest(string feedbackText, IReadOnlyList<GrowthTheme> ownThemes)
    {
        var text = " " + string.Join(' ', WordPattern().Matches(feedbackText.ToLower(CultureInfo.InvariantCulture)).Select(m => m.Value)) + " ";
        foreach (var theme in ownThemes)
        {
            foreach (var word in WordPattern().Matches(theme.Name.ToLower(CultureInfo.InvariantCulture)).Select(m => m.Value).Where(w => w.Length >= MinWordStart))
            {
                var stem = word[..Math.Max(MinWordStart, word.Length - 3)];
                if (Find(text, stem) is { } hit)
                {
                    return new ThemeSuggestion(theme.Name, theme.Id, hit);
                }
            }
        }

        foreach (var (name, words) in Known)
        {
            foreach (var word in words)
            {
                if (Find(text, word) is { } hit)
                {
                    var existing = ownThemes.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));
                    return new ThemeSuggestion(existing?.Name ?? name, existing?.Id, hit);
                }
            }
        }

        return null;
    }

    // The whole word of the text that starts with `start`, or null.
    private static string? Find(string spacedText, string start)
    {
        var at = spacedText.IndexOf(" " + start, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var end = spacedText.IndexOf(' ', at + 1 + start.Length);
        return spacedText[(at + 1)..end];
    }
}
