namespace FeedbackBot.Core.Coaching;

/// <summary>The roles a single word can play, looked up once per token (one hash look-up, not one per list).</summary>
[Flags]
internal enum WordRole : ushort
{
    None = 0,
    Determiner = 1,
    PastForm = 2,
    PastException = 4,
    GeneralVerb = 8,
    Auxiliary = 16,
    ResultVerb = 32,
    ClauseLink = 64,
    Greeting = 128,
    NonName = 256,
    Time = 512,
    // First words of phrases, so the phrase look-up runs only where one can start.
    NumberStart = 1024,
    ChangeStart = 2048,
    ResultVerbStart = 4096,
    SubjectStart = 8192,
}

/// <summary>A <see cref="CoachLanguage"/> compiled for matching: every list becomes a <see cref="PhraseSet"/> once.</summary>
internal sealed class CoachRules
{
    public CoachRules(CoachLanguage language)
    {
        Language = language;
        Time = new(language.TimePhrases);
        Situation = new(language.SituationPhrases);
        Place = new(language.PlacePhrases);
        Impact = new(language.ImpactPhrases, language.ImpactExceptions);
        Suggestion = new(language.SuggestionPhrases, language.SuggestionExceptions);
        Problem = new(language.ProblemPhrases);
        VaguePraise = new(language.VaguePraisePhrases);
        Absolute = new(language.AbsolutePhrases);
        PersonalAbsolute = new(language.PersonalAbsolutePhrases);
        PersonWords = new(language.PersonWords);
        CharacterLabels = new(language.CharacterLabels);
        Insult = new(language.InsultPhrases);
        Anger = new(language.AngerPhrases);
        Sarcasm = new(language.SarcasmPhrases);
        Hedge = new(language.HedgePhrases);
        Minimiser = new(language.MinimiserPhrases);
        Stale = new(language.StalePhrases, language.StaleExceptions);
        ResultSubjects = new(language.ResultSubjects);
        ResultVerbPhrases = new(language.ResultVerbs.Where(v => v.Contains(' ', StringComparison.Ordinal)));
        ChangeWords = new(language.ChangeWords);
        NumberWords = new(language.NumberWords);
        Acronyms = new(language.Acronyms, StringComparer.Ordinal);
        SituationSuffixes = [.. language.SituationSuffixes.Select(s => s.ToLowerInvariant())];
        PastSuffixes = [.. language.PastSuffixes];
        ParticipleSuffixes = [.. language.ParticipleSuffixes];
        ParticipleMarkers = [.. language.ParticipleMarkers];
        SubjectlessResultSuffixes = [.. language.SubjectlessResultSuffixes];

        var roles = new Dictionary<string, WordRole>(StringComparer.Ordinal);
        Add(roles, language.Determiners, WordRole.Determiner);
        Add(roles, language.PastForms, WordRole.PastForm);
        Add(roles, language.PastExceptions, WordRole.PastException);
        Add(roles, language.GeneralVerbs, WordRole.GeneralVerb);
        Add(roles, language.PerfectAuxiliaries, WordRole.Auxiliary);
        Add(roles, language.ResultVerbs, WordRole.ResultVerb);
        Add(roles, language.ClauseLinks, WordRole.ClauseLink);
        Add(roles, language.Greetings, WordRole.Greeting);
        Add(roles, language.CapitalisedNonNames, WordRole.NonName);
        Add(roles, language.TimePhrases, WordRole.Time);
        AddFirstWords(roles, language.NumberWords, WordRole.NumberStart);
        AddFirstWords(roles, language.ChangeWords, WordRole.ChangeStart);
        AddFirstWords(roles, language.ResultVerbs, WordRole.ResultVerbStart);
        AddFirstWords(roles, language.ResultSubjects, WordRole.SubjectStart);
        _roles = roles.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    private readonly Dictionary<string, WordRole>.AlternateLookup<ReadOnlySpan<char>> _roles;

    public CoachLanguage Language { get; }
    public CoachMessages Messages => Language.Messages;
    public PhraseSet Time { get; }
    public PhraseSet Situation { get; }
    public PhraseSet Place { get; }
    public PhraseSet Impact { get; }
    public PhraseSet Suggestion { get; }
    public PhraseSet Problem { get; }
    public PhraseSet VaguePraise { get; }
    public PhraseSet Absolute { get; }
    public PhraseSet PersonalAbsolute { get; }
    public PhraseSet PersonWords { get; }
    public PhraseSet CharacterLabels { get; }
    public PhraseSet Insult { get; }
    public PhraseSet Anger { get; }
    public PhraseSet Sarcasm { get; }
    public PhraseSet Hedge { get; }
    public PhraseSet Minimiser { get; }
    public PhraseSet Stale { get; }
    public PhraseSet ResultSubjects { get; }
    public PhraseSet ResultVerbPhrases { get; }
    public PhraseSet ChangeWords { get; }
    public PhraseSet NumberWords { get; }
    public HashSet<string> Acronyms { get; }
    public string[] SituationSuffixes { get; }
    public string[] PastSuffixes { get; }
    public string[] ParticipleSuffixes { get; }
    public string[] ParticipleMarkers { get; }
    public string[] SubjectlessResultSuffixes { get; }

    /// <summary>Every role the lower-case word plays in this language.</summary>
    public WordRole RolesOf(ReadOnlySpan<char> lowerWord) => _roles.TryGetValue(lowerWord, out var role) ? role : WordRole.None;

    private static void AddFirstWords(Dictionary<string, WordRole> roles, IEnumerable<string> phrases, WordRole role)
    {
        foreach (var phrase in phrases)
        {
            var text = new DraftText(phrase, []);
            if (text.Tokens.Count == 0) continue;
            var key = text.Lower.Substring(text.Tokens[0].Start, text.Tokens[0].Length);
            roles[key] = roles.TryGetValue(key, out var existing) ? existing | role : role;
        }
    }

    // Only one-word entries take a role; phrases ("this morning") are matched by their PhraseSet.
    private static void Add(Dictionary<string, WordRole> roles, IEnumerable<string> words, WordRole role)
    {
        foreach (var word in words)
        {
            if (word.Contains(' ', StringComparison.Ordinal)) continue;
            var key = word.ToLowerInvariant();
            roles[key] = roles.TryGetValue(key, out var existing) ? existing | role : role;
        }
    }
}
