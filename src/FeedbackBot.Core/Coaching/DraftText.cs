namespace FeedbackBot.Core.Coaching;

/// <summary>What a token is: a word, a clause break (comma, semicolon) or a sentence end.</summary>
internal enum TokenKind : byte
{
    Word,
    Comma,
    Stop,
}

internal readonly record struct Token(int Start, int Length, TokenKind Kind)
{
    public int End => Start + Length;
}

/// <summary>Text between quotation marks: where it starts and ends in the draft (marks excluded).</summary>
internal readonly record struct QuoteSpan(int Start, int End);

/// <summary>
/// A draft split into tokens in one left-to-right pass, with lower-cased text for look-ups and the surface
/// facts the rules need (capitals, exclamation runs, quotes, digits). Every character is visited a constant
/// number of times, so the cost is linear in the input whatever it contains.
/// </summary>
internal sealed class DraftText
{
    // A few quotations are enough to quote back; a draft of a thousand quotes must not cost a thousand entries.
    private const int MaxQuotes = 8;
    private const int MaxQuoteLength = 60;

    // Latin letters and punctuation lower-cased once: char.ToLowerInvariant leaves ASCII fast but asks ICU for every
    // other character (á, ñ, ü), which made lower-casing a Spanish or German draft several times dearer.
    private static readonly char[] LowerTable = CreateLowerTable();

    private readonly List<Token> _tokens;
    private readonly List<QuoteSpan> _quotes = [];
    private int _openDouble = -1;
    private int _openSingle = -1;

    public string Original { get; }

    /// <summary>Lower-cased with typographic apostrophes folded to ', same length as <see cref="Original"/>.</summary>
    public string Lower { get; }

    // The concrete list, so the rules' hot loops index it without an interface call.
    public List<Token> Tokens => _tokens;

    /// <summary>Closed quotations, at most a few.</summary>
    public IReadOnlyList<QuoteSpan> Quotes => _quotes;
    public int WordCount { get; }
    public int LetterWordCount { get; }
    public int LongestSentenceWords { get; }
    public int ExclamationRuns { get; private set; }
    public bool HasQuote { get; private set; }
    public bool HasDigit { get; }
    public int Letters { get; }
    public int LettersInAlphabet { get; }
    public int ControlChars { get; }
    public int Symbols { get; }

    public DraftText(string text, IReadOnlyList<(char First, char Last)> alphabet)
    {
        Original = text;
        Lower = string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = c is '\u2019' or '\u2018' ? '\'' : ToLower(c);
            }
        });
        // Room for a token every three characters (prose has a word every five or six, plus its breaks; a two-letter word
        // repeated with spaces fits too), so the list is seldom copied into a bigger one on the way.
        _tokens = new List<Token>(text.Length / 3 + 4);
        var ranges = alphabet as (char First, char Last)[] ?? [.. alphabet];

        var wordsInSentence = 0;
        for (var i = 0; i < text.Length;)
        {
            var c = text[i];
            if (char.IsLetterOrDigit(c))
            {
                var start = i;
                var hasLetter = false;
                while (i < text.Length)
                {
                    var d = text[i];
                    if (char.IsLetterOrDigit(d))
                    {
                        if (char.IsLetter(d))
                        {
                            hasLetter = true;
                            Letters++;
                            if (InAlphabet(d, ranges)) LettersInAlphabet++;
                        }
                        else
                        {
                            HasDigit = true;
                        }
                        i++;
                    }
                    // An apostrophe inside a word ("don't", "you're") keeps it whole, except a possessive "'s",
                    // which becomes its own token so "Tuesday's" still matches "tuesday".
                    else if (IsApostrophe(d) && i + 1 < text.Length && char.IsLetter(text[i + 1]) && !IsPossessive(text, i))
                    {
                        i++;
                    }
                    else
                    {
                        break;
                    }
                }
                _tokens.Add(new Token(start, i - start, TokenKind.Word));
                WordCount++;
                wordsInSentence++;
                if (hasLetter) LetterWordCount++;
                if (i < text.Length && IsApostrophe(text[i]) && IsPossessive(text, i))
                {
                    _tokens.Add(new Token(i, 2, TokenKind.Word));
                    i += 2;
                }
                continue;
            }

            switch (c)
            {
                case ',' or ';' or '\u2013' or '\u2014':
                    AddBreak(i, TokenKind.Comma);
                    break;
                // Coach v8: a hyphen with a space on each side is a dash typed on a keyboard ("last year - we didn't lose").
                case '-' when i > 0 && text[i - 1] == ' ' && i + 1 < text.Length && text[i + 1] == ' ':
                    AddBreak(i, TokenKind.Comma);
                    break;
                // Coach v6: an arrow ("->", "=>", "→") separates an action from what followed, like a dash.
                case '\u2192':
                    AddBreak(i, TokenKind.Comma);
                    break;
                case '-' or '=' when i + 1 < text.Length && text[i + 1] == '>':
                    AddBreak(i, TokenKind.Comma);
                    i++;
                    break;
                // A colon before a space opens a clause ("...: two new hires asked me"); in "8:30" or "https:" it does not.
                case ':' when i + 1 >= text.Length || char.IsWhiteSpace(text[i + 1]):
                    AddBreak(i, TokenKind.Comma);
                    break;
                case '.' or '!' or '?' or '\n' or '\u2026':
                    if (wordsInSentence > LongestSentenceWords) LongestSentenceWords = wordsInSentence;
                    wordsInSentence = 0;
                    if (c is '!' or '?') i = CountPunctuationRun(text, i) - 1;
                    AddBreak(i, TokenKind.Stop);
                    break;
                // Straight, curly, German („…“) and Spanish («…») quotation marks all open or close a quotation.
                case '"' or '\u201C' or '\u201D' or '\u201E' or '\u00AB' or '\u00BB':
                    HasQuote = true;
                    _openDouble = Pair(_openDouble, i);
                    break;
                // A single quote opens before a letter and closes after one ('quick'); inside a word it is an
                // apostrophe and never reaches here.
                case '\'' or '\u2018' or '\u2019':
                    if (_openSingle < 0 && i + 1 < text.Length && char.IsLetterOrDigit(text[i + 1]) && (i == 0 || !char.IsLetterOrDigit(text[i - 1])))
                    {
                        _openSingle = i;
                    }
                    else if (_openSingle >= 0 && i > 0 && char.IsLetterOrDigit(text[i - 1]))
                    {
                        HasQuote = true;
                        _openSingle = Pair(_openSingle, i);
                    }
                    break;
                default:
                    if ((char.IsControl(c) && c is not ('\r' or '\t')) || c == '\uFFFD') ControlChars++;
                    // Emoji (a surrogate pair) and other symbols ("👍", "✓"): a reaction, not nothing.
                    else if ((char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                        || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.OtherSymbol) Symbols++;
                    break;
            }
            i++;
        }
        if (wordsInSentence > LongestSentenceWords) LongestSentenceWords = wordsInSentence;
    }

    public ReadOnlySpan<char> LowerSpan(Token token) => Lower.AsSpan(token.Start, token.Length);

    /// <summary>The draft's own words from token <paramref name="first"/> to token <paramref name="last"/>, cut to a short quote.</summary>
    public string Quote(int first, int last) => QuoteRange(_tokens[first].Start, _tokens[last].End);

    /// <summary>The draft's own text between two offsets, cut to a short quote on a whole character.</summary>
    public string QuoteRange(int start, int end)
    {
        var length = Math.Min(end - start, MaxQuoteLength);
        if (length < end - start && char.IsHighSurrogate(Original[start + length - 1])) length--;
        return length < end - start ? Original.Substring(start, length) + "..." : Original.Substring(start, length);
    }

    /// <summary>The character just before <paramref name="token"/>, or a space at the start.</summary>
    public char Before(Token token) => token.Start > 0 ? Original[token.Start - 1] : ' ';

    /// <summary>The character just after <paramref name="token"/>, or a space at the end.</summary>
    public char After(Token token) => token.End < Original.Length ? Original[token.End] : ' ';

    /// <summary>The character at <paramref name="index"/>, or a space outside the draft.</summary>
    public char At(int index) => index >= 0 && index < Original.Length ? Original[index] : ' ';

    // Records a closed quotation; returns the new "open" position (-1 when this mark closed one).
    private int Pair(int open, int at)
    {
        if (open < 0) return at;
        if (_quotes.Count < MaxQuotes && at > open + 1) _quotes.Add(new QuoteSpan(open + 1, at));
        return -1;
    }

    public string OriginalText(Token token) => Original.Substring(token.Start, token.Length);

    /// <summary>True when every letter is upper case and there are at least <paramref name="minLetters"/> of them.</summary>
    public bool IsUpperCase(Token token, int minLetters)
    {
        var letters = 0;
        foreach (var c in Original.AsSpan(token.Start, token.Length))
        {
            if (!char.IsLetter(c)) continue;
            if (!char.IsUpper(c)) return false;
            letters++;
        }
        return letters >= minLetters;
    }

    // Consecutive breaks collapse into one so phrase matching sees ", so" the same after ",," or "!!".
    private void AddBreak(int at, TokenKind kind)
    {
        if (_tokens.Count > 0 && _tokens[^1].Kind != TokenKind.Word)
        {
            if (kind == TokenKind.Stop) _tokens[^1] = new Token(at, 1, TokenKind.Stop);
            return;
        }
        _tokens.Add(new Token(at, 1, kind));
    }

    // Returns the index after a run of '!' and '?'; a run of two or more ('!!', '?!', '??') counts as one
    // exclamation run, which reads as raised voice in writing.
    private int CountPunctuationRun(string text, int i)
    {
        var bangs = 0;
        var end = i;
        for (; end < text.Length && text[end] is '!' or '?'; end++)
        {
            if (text[end] == '!') bangs++;
        }
        // "??" is exasperation too ("Are you serious??").
        if (bangs >= 2 || end - i >= 2) ExclamationRuns++;
        return end;
    }

    private static bool IsApostrophe(char c) => c is '\'' or '\u2019';

    private static bool IsPossessive(string text, int apostrophe) =>
        apostrophe + 1 < text.Length && text[apostrophe + 1] is 's' or 'S'
        && (apostrophe + 2 >= text.Length || !char.IsLetterOrDigit(text[apostrophe + 2]));

    /// <summary><see cref="char.ToLowerInvariant"/>, from a table for the Latin range.</summary>
    public static char ToLower(char c) => c < LowerTable.Length ? LowerTable[c] : char.ToLowerInvariant(c);

    private static char[] CreateLowerTable()
    {
        var table = new char[0x250];
        for (var c = 0; c < table.Length; c++) table[c] = char.ToLowerInvariant((char)c);
        return table;
    }

    private static bool InAlphabet(char c, (char First, char Last)[] alphabet)
    {
        for (var i = 0; i < alphabet.Length; i++)
        {
            if (c >= alphabet[i].First && c <= alphabet[i].Last) return true;
        }
        return false;
    }
}
