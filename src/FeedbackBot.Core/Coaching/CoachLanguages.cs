using FeedbackBot.Core.Coaching.Languages;

namespace FeedbackBot.Core.Coaching;

/// <summary>Where the language of a review came from.</summary>
public enum LanguageSource
{
    /// <summary>The coach was built for one language.</summary>
    Fixed,
    /// <summary>The draft is clearly written in it (its own language wins over the person's locale).</summary>
    Text,
    /// <summary>The draft did not say clearly; the person's platform locale did.</summary>
    Locale,
    /// <summary>The draft leaned towards it, without a locale to go on.</summary>
    TextGuess,
    /// <summary>Nothing said: the first supported language (English).</summary>
    Default,
}

/// <summary>How strongly a text reads as one language.</summary>
/// <param name="Language">The best candidate, or null when no word or letter of any language was found.</param>
/// <param name="Score">Its evidence: function words found, plus two per distinctive letter (ñ, ß, ...).</param>
/// <param name="Clear">True when the evidence is enough to override a person's locale.</param>
public readonly record struct LanguageGuess(CoachLanguage? Language, int Score, bool Clear);

/// <summary>
/// The languages the coach speaks, and how it picks one for a draft: a draft clearly written in a language is
/// coached in it; otherwise the person's locale decides; otherwise the text's lean; otherwise English.
/// </summary>
public static class CoachLanguages
{
    // Function words found before a text counts as clearly one language, and how far ahead of the runner-up.
    private const int ClearScore = 3;
    private const int ClearMargin = 2;
    // Detection reads this much of a draft: a few sentences say which language it is.
    private const int DetectCharacters = 2_000;
    private const int MaxWordLength = 24;

    /// <summary>English, Spanish and German, in that order (the first is the default).</summary>
    public static IReadOnlyList<CoachLanguage> All { get; } = [English.Language, Spanish.Language, German.Language];

    /// <summary>
    /// The supported language for a platform locale or language tag (<c>es-ES</c>, <c>de_AT</c>, <c>en</c>), or
    /// null when it names another language or nothing.
    /// </summary>
    public static CoachLanguage? Find(string? locale, IReadOnlyList<CoachLanguage>? among = null)
    {
        if (string.IsNullOrWhiteSpace(locale)) return null;
        var tag = locale.AsSpan().Trim();
        var cut = tag.IndexOfAny('-', '_');
        var primary = cut < 0 ? tag : tag[..cut];
        foreach (var language in among ?? All)
        {
            if (primary.Equals(language.Code, StringComparison.OrdinalIgnoreCase)) return language;
        }
        return null;
    }

    /// <summary>
    /// Reads the first 2,000 characters of <paramref name="text"/> and scores each language by its function words
    /// and distinctive letters: linear, one hash look-up per word and language.
    /// </summary>
    public static LanguageGuess Detect(string? text, IReadOnlyList<CoachLanguage>? among = null)
    {
        var languages = among ?? All;
        if (string.IsNullOrEmpty(text) || languages.Count == 0) return default;
        Span<int> scores = stackalloc int[languages.Count];
        var words = Words(languages);
        var span = text.AsSpan(0, Math.Min(text.Length, DetectCharacters));
        Span<char> word = stackalloc char[MaxWordLength];
        var length = 0;
        for (var i = 0; i <= span.Length; i++)
        {
            var c = i < span.Length ? DraftText.ToLower(span[i]) : ' ';
            if (char.IsLetter(c) || (c is '\'' or '\u2019' && length > 0))
            {
                if (length < MaxWordLength) word[length] = c == '\u2019' ? '\'' : c;
                length++;
                if (c > '\u007F') ScoreLetter(languages, scores, c);
                continue;
            }
            if (c is '¿' or '¡') ScoreLetter(languages, scores, c);
            if (length is > 0 and <= MaxWordLength)
            {
                if (words.TryGetValue(word[..length], out var mask))
                {
                    for (var k = 0; k < languages.Count; k++)
                    {
                        if ((mask & (1UL << k)) != 0) scores[k]++;
                    }
                }
            }
            length = 0;
        }

        var best = 0;
        for (var k = 1; k < scores.Length; k++)
        {
            if (scores[k] > scores[best]) best = k;
        }
        var second = 0;
        for (var k = 0; k < scores.Length; k++)
        {
            if (k != best) second = Math.Max(second, scores[k]);
        }
        var top = scores[best];
        if (top == 0 || top == second) return new LanguageGuess(null, top, false);
        return new LanguageGuess(languages[best], top, top >= ClearScore && top - second >= ClearMargin);
    }

    /// <summary>
    /// The language to coach <paramref name="text"/> in: clearly detected from the text, else the locale's,
    /// else the text's lean, else the first of <paramref name="among"/>.
    /// </summary>
    public static (CoachLanguage Language, LanguageSource Source) Resolve(string? text, string? locale, IReadOnlyList<CoachLanguage>? among = null)
    {
        var languages = among ?? All;
        var guess = Detect(text, languages);
        if (guess is { Clear: true, Language: { } clear }) return (clear, LanguageSource.Text);
        if (Find(locale, languages) is { } fromLocale) return (fromLocale, LanguageSource.Locale);
        if (guess.Language is { } lean) return (lean, LanguageSource.TextGuess);
        return (languages[0], LanguageSource.Default);
    }

    private static void ScoreLetter(IReadOnlyList<CoachLanguage> languages, Span<int> scores, char c)
    {
        for (var k = 0; k < languages.Count; k++)
        {
            if (languages[k].DistinctiveLetters.Contains(c, StringComparison.Ordinal)) scores[k] += 2;
        }
    }

    // Every language's function words in one table (word -> bit per language), built once per list of languages,
    // so each word of a draft costs one hash look-up whatever the number of languages.
    private static Dictionary<string, ulong>.AlternateLookup<ReadOnlySpan<char>> Words(IReadOnlyList<CoachLanguage> languages) =>
        WordTables.GetValue(languages, static list =>
        {
            var table = new Dictionary<string, ulong>(StringComparer.Ordinal);
            for (var k = 0; k < Math.Min(list.Count, 64); k++)
            {
                foreach (var word in list[k].CommonWords) table[word] = table.GetValueOrDefault(word) | (1UL << k);
            }
            return table;
        }).GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IReadOnlyList<CoachLanguage>, Dictionary<string, ulong>> WordTables = new();
}
