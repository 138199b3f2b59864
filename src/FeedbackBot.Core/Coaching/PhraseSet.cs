namespace FeedbackBot.Core.Coaching;

/// <summary>
/// A list of phrases indexed by their first word. The draft's single token pass asks, at each word that starts a phrase of
/// this set, for the few phrases that start with it, so the cost is linear in the draft (no regex, no backtracking).
/// </summary>
/// <remarks>
/// Matching compares word ids, not text: <see cref="CoachRules"/> gives every word of every phrase an id in its one word
/// table (<see cref="Bind"/>), and a draft's tokens get theirs from the one hash look-up per token the rules make anyway.
/// A token equals a phrase word exactly when their ids are equal, so a match costs an array index and a few integer
/// comparisons instead of a hash look-up per list and a string comparison per word.
/// </remarks>
internal sealed class PhraseSet
{
    private sealed record Phrase(string Text, string[] Rest)
    {
        public int[] RestIds { get; set; } = [];
    }

    private readonly Dictionary<string, Phrase[]> _byFirstWord;
    private readonly PhraseSet? _exceptions;
    // Candidates by the id of their first word (see Bind); index 0, "a word no list has", has none.
    private Phrase[]?[] _byId = [];

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
        _byFirstWord = byFirst.ToDictionary(p => p.Key, p => p.Value.OrderByDescending(x => x.Rest.Length).ToArray(), StringComparer.Ordinal);
        _exceptions = exceptions is null ? null : new PhraseSet(exceptions);
    }

    /// <summary>The first word of every phrase (lower case), for the shared per-token index.</summary>
    public IEnumerable<string> FirstWords => _byFirstWord.Keys;

    /// <summary>Every word of every phrase and exception (lower case): each needs an id in the shared word table.</summary>
    public IEnumerable<string> AllWords =>
        _byFirstWord.Keys.Concat(_byFirstWord.Values.SelectMany(p => p).SelectMany(p => p.Rest)).Concat(_exceptions?.AllWords ?? []);

    /// <summary>Takes the ids of the shared word table; <paramref name="idOf"/> knows every word of <see cref="AllWords"/>.</summary>
    public void Bind(Func<string, int> idOf, int ids)
    {
        _byId = new Phrase[]?[ids];
        foreach (var (first, candidates) in _byFirstWord)
        {
            _byId[idOf(first)] = candidates;
            foreach (var phrase in candidates) phrase.RestIds = [.. phrase.Rest.Select(idOf)];
        }
        _exceptions?.Bind(idOf, ids);
    }

    /// <summary>
    /// The longest phrase starting at token <paramref name="index"/> that no exception voids, or null. <paramref name="words"/>
    /// says what each token of the draft is (its word id), one entry per token; <paramref name="length"/> is the phrase's tokens.
    /// </summary>
    public string? Match(ReadOnlySpan<WordInfo> words, int index, out int length)
    {
        var phrase = MatchAt(words, index, out length);
        if (phrase is null || _exceptions?.MatchAt(words, index, out _) is null) return phrase;
        length = 0;
        return null;
    }

    /// <summary>The number of tokens of the longest phrase starting at <paramref name="index"/>, or 0.</summary>
    public int MatchLength(ReadOnlySpan<WordInfo> words, int index) =>
        MatchAt(words, index, out var length) is not null && _exceptions?.MatchAt(words, index, out _) is null ? length : 0;

    /// <summary>The number of tokens of the exception starting at <paramref name="index"/>, or 0.</summary>
    public int ExceptionLength(ReadOnlySpan<WordInfo> words, int index) =>
        _exceptions?.MatchAt(words, index, out var length) is not null ? length : 0;

    /// <summary>True when an exception starts at <paramref name="index"/> ("let's see" voids the request "let").</summary>
    public bool Voided(ReadOnlySpan<WordInfo> words, int index) => _exceptions?.MatchAt(words, index, out _) is not null;

    private string? MatchAt(ReadOnlySpan<WordInfo> words, int start, out int length)
    {
        length = 0;
        var candidates = _byId[words[start].Id];
        if (candidates is null) return null;
        foreach (var phrase in candidates)
        {
            var rest = phrase.RestIds;
            if (start + 1 + rest.Length > words.Length) continue;
            var matched = true;
            for (var k = 0; k < rest.Length && matched; k++)
            {
                matched = words[start + 1 + k].Id == rest[k];
            }
            if (matched)
            {
                length = rest.Length + 1;
                return phrase.Text;
            }
        }
        return null;
    }
}
