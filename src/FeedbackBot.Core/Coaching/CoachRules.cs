namespace FeedbackBot.Core.Coaching;

/// <summary>The roles a single word can play, looked up once per token (one hash look-up, not one per list).</summary>
[Flags]
internal enum WordRole : ulong
{
    None = 0,
    Determiner = 1 << 0,
    PastForm = 1 << 1,
    PastException = 1 << 2,
    GeneralVerb = 1 << 3,
    Auxiliary = 1 << 4,
    ResultVerb = 1 << 5,
    ClauseLink = 1 << 6,
    Greeting = 1 << 7,
    NonName = 1 << 8,
    Time = 1 << 9,
    // First words of phrases, so the phrase look-up runs only where one can start.
    NumberStart = 1 << 10,
    ChangeStart = 1 << 11,
    ResultVerbStart = 1 << 12,
    SubjectStart = 1 << 13,
    Imperative = 1 << 14,
    Softener = 1 << 15,
    Degree = 1 << 16,
    DegreeConsequence = 1 << 17,
    Habit = 1 << 18,
    Frequency = 1 << 19,
    Indefinite = 1 << 20,
    Thanks = 1 << 21,
    Contrast = 1 << 22,
    MonthPreposition = 1 << 23,
    Person = 1 << 24,
    Hindsight = 1 << 26,
    Comparison = 1 << 27,
    CharacterLabel = 1 << 25,
    Without = 1UL << 28,
    Any = 1UL << 29,
    RangeFrom = 1UL << 30,
    RangeTo = 1UL << 31,
    Causative = 1UL << 32,
    Comparative = 1UL << 33,
    Condition = 1UL << 34,
    Ago = 1UL << 35,
    StaleUnit = 1UL << 36,
    Deadline = 1UL << 37,
    Copula = 1UL << 38,
    Delight = 1UL << 39,
    SelfSubject = 1UL << 40,
    // Coach v5.
    Praise = 1UL << 41,
    Receiver = 1UL << 42,
    QuestionSubject = 1UL << 43,
    Clitic = 1UL << 44,
    Consequence = 1UL << 45,
    NearMiss = 1UL << 46,
    Proportion = 1UL << 47,
    RelativeAntecedent = 1UL << 48,
    Negation = 1UL << 49,
    // Coach v6.
    Then = 1UL << 50,
    // Coach v7.
    PronounSubject = 1UL << 51,
    Since = 1UL << 52,
    Clock = 1UL << 53,
    Repetition = 1UL << 54,
    // Coach v8.
    ProposalOpener = 1UL << 55,
    TeamSubject = 1UL << 56,
    Obligation = 1UL << 57,
    // Coach v9.
    WriterObject = 1UL << 58,
    WriterObjectBlocker = 1UL << 59,
    Preposition = 1UL << 60,
    Demonstrative = 1UL << 61,
    FiniteVerb = 1UL << 62,
    // Coach v10.
    ImperativeObject = 1UL << 63,
}

/// <summary>The phrase lists found by the single token pass, as bit positions in <see cref="WordInfo.Sets"/>.</summary>
internal enum PhraseList
{
    Time,
    Situation,
    Place,
    Impact,
    Suggestion,
    Problem,
    VaguePraise,
    Absolute,
    PersonalAbsolute,
    Insult,
    Anger,
    Sarcasm,
    Hedge,
    Minimiser,
    Stale,
    Zero,
    Deictic,
    Rarity,
    Learn,
    Exclamation,
    Again,
    MockAgreement,
    FrontedImpact,
    Count,
}

/// <summary>
/// What one lower-case word is in a language: its roles, the phrase lists that have a phrase starting with it, its month,
/// and its id in the language's word table (0: a word the table does not have), which phrase matching compares.
/// </summary>
internal readonly record struct WordInfo(WordRole Roles, uint Sets, sbyte Month, int Id = 0)
{
    /// <summary>True when a list gives the word a role, a phrase list starts with it or it names a month.</summary>
    public bool Known => Roles != WordRole.None || Sets != 0 || Month != 0;
}

/// <summary>A <see cref="CoachLanguage"/> compiled for matching: every list becomes a <see cref="PhraseSet"/> once.</summary>
internal sealed class CoachRules
{
    public CoachRules(CoachLanguage language)
    {
        Language = language;
        Alphabet = [.. language.Alphabet];
        Time = new(language.TimePhrases);
        Situation = new(language.SituationPhrases);
        Place = new(language.PlacePhrases);
        Impact = new(language.ImpactPhrases, language.ImpactExceptions);
        Suggestion = new(language.SuggestionPhrases, language.SuggestionExceptions);
        Problem = new(language.ProblemPhrases, language.ProblemExceptions);
        VaguePraise = new(language.VaguePraisePhrases);
        Absolute = new(language.AbsolutePhrases);
        PersonalAbsolute = new(language.PersonalAbsolutePhrases);
        Insult = new(language.InsultPhrases);
        Anger = new(language.AngerPhrases);
        Sarcasm = new(language.SarcasmPhrases);
        Hedge = new(language.HedgePhrases);
        Minimiser = new(language.MinimiserPhrases);
        Stale = new(language.StalePhrases, language.StaleExceptions);
        Zero = new(language.ZeroQuantities);
        Deictic = new(language.DeicticTimePhrases);
        Rarity = new(language.RarityPhrases);
        Learn = new(language.LearnPhrases);
        Exclamation = new(language.ExclamationPhrases);
        Again = new(language.AgainPhrases);
        MockAgreement = new(language.MockAgreementPhrases);
        FrontedImpact = new(language.FrontedImpactPhrases);
        ResultSubjects = new(language.ResultSubjects);
        Judgement = new(language.JudgementPhrases);
        ResultVerbPhrases = new(language.ResultVerbs.Where(v => v.Contains(' ', StringComparison.Ordinal)));
        ChangeWords = new(language.ChangeWords);
        NumberWords = new(language.NumberWords);
        Acronyms = new(language.Acronyms, StringComparer.Ordinal);
        SituationSuffixes = [.. language.SituationSuffixes.Select(s => s.ToLowerInvariant())];
        // German lists some sixty heads of compounds; grouped by their last letter, a word is compared with the few that
        // could match (an empty suffix, which would match any word, is kept under '\0').
        SituationSuffixesByLast = SituationSuffixes.GroupBy(s => s.Length == 0 ? '\0' : s[^1]).ToDictionary(g => g.Key, g => g.ToArray());
        PastSuffixes = [.. language.PastSuffixes];
        ParticipleSuffixes = [.. language.ParticipleSuffixes];
        ParticipleMarkers = [.. language.ParticipleMarkers];
        SubjectlessResultSuffixes = [.. language.SubjectlessResultSuffixes];
        NegatedResultSuffixes = [.. language.NegatedResultSuffixes];

        Lists = [Time, Situation, Place, Impact, Suggestion, Problem, VaguePraise, Absolute, PersonalAbsolute, Insult, Anger, Sarcasm, Hedge, Minimiser, Stale, Zero, Deictic, Rarity, Learn, Exclamation, Again, MockAgreement, FrontedImpact];
        LabelSuffixes = [.. language.LabelSuffixes];
        ExperienceSuffixes = [.. language.ExperienceSuffixes];
        ImperativeSuffixes = [.. language.ImperativeSuffixes];
        ImperativeEnclitics = [.. language.ImperativeEnclitics];
        ReceiverSuffixes = [.. language.ReceiverSuffixes];
        QuestionVerbSuffixes = [.. language.QuestionVerbSuffixes];
        NotImperativeSuffixes = [.. language.NotImperativeSuffixes];
        NotImperativeWords = new HashSet<string>(language.NotImperativeWords, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        BareImperatives = language.ImperativeObjects.Count > 0;

        var words = new Dictionary<string, WordInfo>(StringComparer.Ordinal);
        Add(words, language.Determiners, WordRole.Determiner);
        Add(words, language.PastForms, WordRole.PastForm);
        Add(words, language.PastExceptions, WordRole.PastException);
        Add(words, language.GeneralVerbs, WordRole.GeneralVerb);
        Add(words, language.PerfectAuxiliaries, WordRole.Auxiliary);
        Add(words, language.ResultVerbs, WordRole.ResultVerb);
        Add(words, language.ClauseLinks, WordRole.ClauseLink);
        Add(words, language.Greetings, WordRole.Greeting);
        Add(words, language.CapitalisedNonNames, WordRole.NonName);
        Add(words, language.TimePhrases, WordRole.Time);
        Add(words, language.DeicticTimePhrases, WordRole.Time);
        Add(words, language.ImperativeVerbs, WordRole.Imperative);
        Add(words, language.ImperativeSofteners, WordRole.Softener);
        Add(words, language.DegreeWords, WordRole.Degree);
        Add(words, language.DegreeConsequence, WordRole.DegreeConsequence);
        Add(words, language.HabitWords, WordRole.Habit);
        Add(words, language.FrequencyWords, WordRole.Frequency);
        Add(words, language.IndefiniteArticles, WordRole.Indefinite);
        Add(words, language.ThanksWords, WordRole.Thanks);
        Add(words, language.ContrastWords, WordRole.Contrast);
        Add(words, language.PastMonthPrepositions, WordRole.MonthPreposition);
        Add(words, language.PersonWords, WordRole.Person);
        Add(words, language.HindsightMarkers, WordRole.Hindsight);
        Add(words, language.ComparisonWords, WordRole.Comparison);
        Add(words, language.CharacterLabels, WordRole.CharacterLabel);
        Add(words, language.WithoutWords, WordRole.Without);
        Add(words, language.AnyWords, WordRole.Any);
        Add(words, language.RangeFrom, WordRole.RangeFrom);
        Add(words, language.RangeTo, WordRole.RangeTo);
        Add(words, language.CausativeVerbs, WordRole.Causative);
        Add(words, language.Comparatives, WordRole.Comparative);
        Add(words, language.ConditionWords, WordRole.Condition);
        Add(words, language.AgoWords, WordRole.Ago);
        Add(words, language.StaleUnits, WordRole.StaleUnit);
        Add(words, language.DeadlineWords, WordRole.Deadline);
        Add(words, language.CopulaWords, WordRole.Copula);
        Add(words, language.DelightVerbs, WordRole.Delight);
        Add(words, language.SelfSubjects, WordRole.SelfSubject);
        Add(words, language.PronounSubjects, WordRole.PronounSubject);
        Add(words, language.SinceWords, WordRole.Since);
        Add(words, language.ClockWords, WordRole.Clock);
        Add(words, language.RepetitionWords, WordRole.Repetition);
        Add(words, language.PraiseWords, WordRole.Praise);
        Add(words, language.ReceiverWords, WordRole.Receiver);
        Add(words, language.QuestionSubjects, WordRole.QuestionSubject);
        Add(words, language.ObjectClitics, WordRole.Clitic);
        Add(words, language.ConsequenceWords, WordRole.Consequence);
        Add(words, language.NearMissWords, WordRole.NearMiss);
        Add(words, language.ThenWords, WordRole.Then);
        Add(words, language.ProportionWords, WordRole.Proportion);
        Add(words, language.RelativeAntecedents, WordRole.RelativeAntecedent);
        Add(words, language.NegationWords, WordRole.Negation);
        Add(words, language.ProposalOpeners, WordRole.ProposalOpener);
        Add(words, language.TeamSubjects, WordRole.TeamSubject);
        Add(words, language.Obligations, WordRole.Obligation);
        Add(words, language.WriterObjects, WordRole.WriterObject);
        Add(words, language.WriterObjectBlockers, WordRole.WriterObjectBlocker);
        Add(words, language.Prepositions, WordRole.Preposition);
        Add(words, language.Demonstratives, WordRole.Demonstrative);
        Add(words, language.FiniteVerbs, WordRole.FiniteVerb);
        Add(words, language.ImperativeObjects, WordRole.ImperativeObject);
        // "double-check", "double check": the first word opens the imperative.
        AddFirstWords(words, language.ImperativeVerbs.Where(v => v.Contains(' ', StringComparison.Ordinal) || v.Contains('-', StringComparison.Ordinal)), WordRole.Imperative);
        AddFirstWords(words, language.NumberWords, WordRole.NumberStart);
        AddFirstWords(words, language.ChangeWords, WordRole.ChangeStart);
        AddFirstWords(words, language.ResultVerbs, WordRole.ResultVerbStart);
        AddFirstWords(words, language.ResultSubjects, WordRole.SubjectStart);
        for (var k = 0; k < Lists.Length; k++)
        {
            foreach (var first in Lists[k].FirstWords)
            {
                words.TryGetValue(first, out var info);
                words[first] = info with { Sets = info.Sets | (1u << k) };
            }
        }
        for (var month = 0; month < language.MonthNames.Count; month++)
        {
            foreach (var name in language.MonthNames[month].Split('|'))
            {
                words.TryGetValue(name, out var info);
                words[name] = info with { Month = (sbyte)(month + 1) };
            }
        }
        // Every word of every phrase gets an id (a phrase's later words too, with no role), so a draft's tokens,
        // looked up once each, are matched against phrases by comparing ids.
        PhraseSet[] sets = [.. Lists, ResultSubjects, Judgement, ResultVerbPhrases, ChangeWords, NumberWords];
        foreach (var word in sets.SelectMany(set => set.AllWords)) words.TryAdd(word, default);
        var id = 0;
        foreach (var word in words.Keys.ToArray()) words[word] = words[word] with { Id = ++id };
        foreach (var set in sets) set.Bind(word => words[word].Id, id + 1);
        _words = words.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    private readonly Dictionary<string, WordInfo>.AlternateLookup<ReadOnlySpan<char>> _words;

    /// <summary>The phrase lists in <see cref="PhraseList"/> order.</summary>
    public PhraseSet[] Lists { get; }
    public string[] ImperativeSuffixes { get; }
    public string[] ImperativeEnclitics { get; }

    public CoachLanguage Language { get; }
    /// <summary>The language's letter ranges as an array, so a draft's letter count reads them without an interface call.</summary>
    public (char First, char Last)[] Alphabet { get; }
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
    public PhraseSet Insult { get; }
    public PhraseSet Anger { get; }
    public PhraseSet Sarcasm { get; }
    public PhraseSet Hedge { get; }
    public PhraseSet Minimiser { get; }
    public PhraseSet Stale { get; }
    public PhraseSet Zero { get; }
    public PhraseSet Deictic { get; }
    public PhraseSet Rarity { get; }
    public PhraseSet Learn { get; }
    public PhraseSet Exclamation { get; }
    public PhraseSet Again { get; }
    public PhraseSet MockAgreement { get; }
    public PhraseSet FrontedImpact { get; }
    public string[] ReceiverSuffixes { get; }
    public string[] QuestionVerbSuffixes { get; }
    public string[] NotImperativeSuffixes { get; }
    public HashSet<string>.AlternateLookup<ReadOnlySpan<char>> NotImperativeWords { get; }
    public bool BareImperatives { get; }
    public string[] LabelSuffixes { get; }
    public string[] ExperienceSuffixes { get; }
    public PhraseSet ResultSubjects { get; }
    public PhraseSet Judgement { get; }
    public PhraseSet ResultVerbPhrases { get; }
    public PhraseSet ChangeWords { get; }
    public PhraseSet NumberWords { get; }
    public HashSet<string> Acronyms { get; }
    public string[] SituationSuffixes { get; }
    /// <summary><see cref="SituationSuffixes"/> by their last character.</summary>
    public Dictionary<char, string[]> SituationSuffixesByLast { get; }
    public string[] PastSuffixes { get; }
    public string[] ParticipleSuffixes { get; }
    public string[] ParticipleMarkers { get; }
    public string[] SubjectlessResultSuffixes { get; }
    public string[] NegatedResultSuffixes { get; }

    /// <summary>Everything known about the lower-case word: one hash look-up per token for all lists.</summary>
    public WordInfo InfoOf(ReadOnlySpan<char> lowerWord) => _words.TryGetValue(lowerWord, out var info) ? info : default;

    private static void AddFirstWords(Dictionary<string, WordInfo> words, IEnumerable<string> phrases, WordRole role)
    {
        foreach (var phrase in phrases)
        {
            var text = new DraftText(phrase, []);
            if (text.Tokens.Count == 0) continue;
            AddRole(words, text.Lower.Substring(text.Tokens[0].Start, text.Tokens[0].Length), role);
        }
    }

    private static void AddRole(Dictionary<string, WordInfo> words, string key, WordRole role)
    {
        words.TryGetValue(key, out var info);
        words[key] = info with { Roles = info.Roles | role };
    }

    // Only one-word entries take a role; phrases ("this morning") are matched by their PhraseSet.
    private static void Add(Dictionary<string, WordInfo> words, IEnumerable<string> list, WordRole role)
    {
        foreach (var word in list)
        {
            if (!word.Contains(' ', StringComparison.Ordinal)) AddRole(words, word.ToLowerInvariant(), role);
        }
    }
}
