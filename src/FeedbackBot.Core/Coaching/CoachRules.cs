namespace FeedbackBot.Core.Coaching;

/// <summary>A <see cref="CoachLanguage"/> compiled for matching: every list becomes a <see cref="PhraseSet"/> once.</summary>
internal sealed class CoachRules(CoachLanguage language)
{
    public CoachLanguage Language { get; } = language;
    public CoachMessages Messages => Language.Messages;
    public PhraseSet Situation { get; } = new(language.SituationPhrases);
    public PhraseSet Impact { get; } = new(language.ImpactPhrases, language.ImpactExceptions);
    public PhraseSet Suggestion { get; } = new(language.SuggestionPhrases, language.SuggestionExceptions);
    public PhraseSet Problem { get; } = new(language.ProblemPhrases);
    public PhraseSet VaguePraise { get; } = new(language.VaguePraisePhrases);
    public PhraseSet Absolute { get; } = new(language.AbsolutePhrases);
    public PhraseSet PersonalAbsolute { get; } = new(language.PersonalAbsolutePhrases);
    public PhraseSet PersonWords { get; } = new(language.PersonWords);
    public PhraseSet CharacterLabels { get; } = new(language.CharacterLabels);
    public PhraseSet Insult { get; } = new(language.InsultPhrases);
    public PhraseSet Anger { get; } = new(language.AngerPhrases);
    public PhraseSet Sarcasm { get; } = new(language.SarcasmPhrases);
    public PhraseSet Hedge { get; } = new(language.HedgePhrases);
    public PhraseSet Minimiser { get; } = new(language.MinimiserPhrases);
    public PhraseSet Stale { get; } = new(language.StalePhrases, language.StaleExceptions);
    public HashSet<string> Acronyms { get; } = new(language.Acronyms, StringComparer.Ordinal);
}

/// <summary>What the rules found in one part of a draft (or, merged, in all of it).</summary>
internal sealed class Findings
{
    // A label counts as being about the person when a person word is this close before it ("you are so lazy").
    private const int LabelReach = 3;
    private const int MaxShoutedEvidence = 8;

    public List<string> Situation { get; } = [];
    public List<string> Impact { get; } = [];
    public List<string> Suggestion { get; } = [];
    public List<string> Problem { get; } = [];
    public List<string> VaguePraise { get; } = [];
    public List<string> Absolute { get; } = [];
    public List<string> PersonalAbsolute { get; } = [];
    public List<string> Labels { get; } = [];
    public List<string> Anger { get; } = [];
    public List<string> Shouted { get; } = [];
    public List<string> Sarcasm { get; } = [];
    public List<string> Hedge { get; } = [];
    public List<string> Minimiser { get; } = [];
    public List<string> Stale { get; } = [];
    public int ExclamationRuns { get; private set; }
    public bool HasQuote { get; private set; }
    public bool HasDigit { get; private set; }
    public int Words { get; private set; }
    public int LetterWords { get; private set; }
    public int LongestSentence { get; private set; }
    public int Letters { get; private set; }
    public int LettersInAlphabet { get; private set; }
    public int ControlChars { get; private set; }
    public int Characters { get; private set; }

    public static Findings Scan(DraftText text, CoachRules rules)
    {
        var f = new Findings
        {
            ExclamationRuns = text.ExclamationRuns,
            HasQuote = text.HasQuote,
            HasDigit = text.HasDigit,
            Words = text.WordCount,
            LetterWords = text.LetterWordCount,
            LongestSentence = text.LongestSentenceWords,
            Letters = text.Letters,
            LettersInAlphabet = text.LettersInAlphabet,
            ControlChars = text.ControlChars,
            Characters = text.Original.Length,
        };
        rules.Situation.Collect(text, f.Situation);
        rules.Impact.Collect(text, f.Impact);
        rules.Suggestion.Collect(text, f.Suggestion);
        rules.Problem.Collect(text, f.Problem);
        rules.VaguePraise.Collect(text, f.VaguePraise);
        rules.Absolute.Collect(text, f.Absolute);
        rules.PersonalAbsolute.Collect(text, f.PersonalAbsolute);
        rules.Insult.Collect(text, f.Labels);
        rules.Anger.Collect(text, f.Anger);
        rules.Sarcasm.Collect(text, f.Sarcasm);
        rules.Hedge.Collect(text, f.Hedge);
        rules.Minimiser.Collect(text, f.Minimiser);
        rules.Stale.Collect(text, f.Stale);
        f.ScanTokens(text, rules);
        return f;
    }

    public void Add(Findings other)
    {
        AddDistinct(Situation, other.Situation);
        AddDistinct(Impact, other.Impact);
        AddDistinct(Suggestion, other.Suggestion);
        AddDistinct(Problem, other.Problem);
        AddDistinct(VaguePraise, other.VaguePraise);
        AddDistinct(Absolute, other.Absolute);
        AddDistinct(PersonalAbsolute, other.PersonalAbsolute);
        AddDistinct(Labels, other.Labels);
        AddDistinct(Anger, other.Anger);
        AddDistinct(Shouted, other.Shouted);
        AddDistinct(Sarcasm, other.Sarcasm);
        AddDistinct(Hedge, other.Hedge);
        AddDistinct(Minimiser, other.Minimiser);
        AddDistinct(Stale, other.Stale);
        ExclamationRuns += other.ExclamationRuns;
        HasQuote |= other.HasQuote;
        HasDigit |= other.HasDigit;
        Words += other.Words;
        LetterWords += other.LetterWords;
        LongestSentence = Math.Max(LongestSentence, other.LongestSentence);
        Letters += other.Letters;
        LettersInAlphabet += other.LettersInAlphabet;
        ControlChars += other.ControlChars;
        Characters += other.Characters;
    }

    // One pass for the checks that look at single tokens in context: character labels near a person word,
    // and upper-case words that are not acronyms.
    private void ScanTokens(DraftText text, CoachRules rules)
    {
        var tokens = text.Tokens;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Kind != TokenKind.Word) continue;
            if (rules.CharacterLabels.ContainsWord(text, i) && IsAboutPerson(text, rules, i))
            {
                AddOnce(Labels, text.Lower.Substring(tokens[i].Start, tokens[i].Length));
            }
            if (text.IsUpperCase(tokens[i], 3))
            {
                var word = text.OriginalText(tokens[i]);
                // Capped: a whole page in capitals needs only a few words of evidence, not a quadratic de-duplication.
                if (Shouted.Count < MaxShoutedEvidence && !rules.Acronyms.Contains(word)) AddOnce(Shouted, word);
            }
        }
    }

    private static bool IsAboutPerson(DraftText text, CoachRules rules, int labelIndex)
    {
        for (var j = labelIndex - 1; j >= 0 && j >= labelIndex - LabelReach; j--)
        {
            if (text.Tokens[j].Kind == TokenKind.Stop) return false;
            if (rules.PersonWords.ContainsWord(text, j)) return true;
        }
        return false;
    }

    private static void AddOnce(List<string> list, string item)
    {
        if (!list.Contains(item)) list.Add(item);
    }

    private static void AddDistinct(List<string> into, List<string> from)
    {
        foreach (var item in from) AddOnce(into, item);
    }
}
