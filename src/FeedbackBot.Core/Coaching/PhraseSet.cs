namespace FeedbackBot.Core.Coaching;

/// <summary>
/// A list of phrases indexed by their first word. The draft's single token pass asks, at each word that starts a phrase of
/// this set, for the few phrases that start with it, so the cost is linear in the draft (no regex, no backtracking).
/// </summary>
internal sealed class PhraseSet
{
    private sealed record Phrase(string Text, string[] Rest);

    private readonly Dictionary<string, Phrase[]>.AlternateLookup<ReadOnlySpan<char>> _byFirstWord;
    private readonly PhraseSet? _exceptions;

    /// <param name="phrases">Lower-case phrases, split into words by the draft tokenizer.</param>
    /// <param name="exceptions">Longer phrases that void a match starting at the same word: "you could" is a suggestion, "you could have" is hindsight.</param>
    public PhraseSet(IEnumerable<string> phrases, IEnumerable<string>? exceptions = null)
    {
        var byFirst = new Dictionary<string, List<Phrase>>(StringComparer.Ordinal);
        foreach (var phrase in phrases)
        {
            var text = new DraftText(phrase, []);
            var words = text.Tokens.Select(t => text.Lower.Substring(t.Start, t.Length)).ToArray();
            if (words.Length == 0) continue;
            if (!byFirst.TryGetValue(words[0], out var list)) byFirst[words[0]] = list = [];
            list.Add(new Phrase(phrase, words[1..]));
        }
        // Longest first, so "every single time" is reported rather than "every single".
        _byFirstWord = byFirst
            .ToDictionary(p => p.Key, p => p.Value.OrderByDescending(x => x.Rest.Length).ToArray(), StringComparer.Ordinal)
            .GetAlternateLookup<ReadOnlySpan<char>>();
        _exceptions = exceptions is null ? null : new PhraseSet(exceptions);
    }

    /// <summary>The first word of every phrase (lower case), for the shared per-token index.</summary>
    public IEnumerable<string> FirstWords => _byFirstWord.Dictionary.Keys;

    /// <summary>The longest phrase starting at <paramref name="index"/> that no exception voids, or null.</summary>
    public string? Match(DraftText text, int index, out int length)
    {
        var phrase = MatchAt(text, index, out length);
        if (phrase is null || _exceptions?.MatchAt(text, index, out _) is null) return phrase;
        length = 0;
        return null;
    }

    /// <summary>The number of tokens of the longest phrase starting at <paramref name="index"/>, or 0.</summary>
    public int MatchLength(DraftText text, int index) =>
        MatchAt(text, index, out var length) is not null && _exceptions?.MatchAt(text, index, out _) is null ? length : 0;

    /// <summary>The number of tokens of the exception starting at <paramref name="index"/>, or 0.</summary>
    public int ExceptionLength(DraftText text, int index) =>
        _exceptions?.MatchAt(text, index, out var length) is not null ? length : 0;

    /// <summary>True when an exception starts at <paramref name="index"/> ("let's see" voids the request "let").</summary>
    public bool Voided(DraftText text, int index) => _exceptions?.MatchAt(text, index, out _) is not null;

    private string? MatchAt(DraftText text, int start, out int length)
    {
        length = 0;
        var tokens = text.Tokens;
        if (!_byFirstWord.TryGetValue(text.LowerSpan(tokens[start]), out var candidates)) return null;
        foreach (var phrase in candidates)
        {
            if (start + 1 + phrase.Rest.Length > tokens.Count) continue;
            var matched = true;
            for (var k = 0; k < phrase.Rest.Length && matched; k++)
            {
                matched = text.LowerSpan(tokens[start + 1 + k]).SequenceEqual(phrase.Rest[k]);
            }
            if (matched)
            {
                length = phrase.Rest.Length + 1;
                return phrase.Text;
            }
        }
        return null;
    }
}
