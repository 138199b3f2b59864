namespace FeedbackBot.Core.Coaching;

/// <summary>
/// Everything language-specific the coach knows, as plain data: word lists, phrase lists and the wording of
/// its advice. Adding a language means writing another instance (see <c>Languages/English.cs</c>); the rules
/// in <see cref="FeedbackCoach"/> stay the same. Phrases are lower case and split into words by the same
/// tokenizer that reads drafts, so "let's" and "Tuesday's" work as written ("'s" is its own word).
/// </summary>
public sealed record CoachLanguage
{
    /// <summary>IETF tag, e.g. <c>en</c>.</summary>
    public required string Code { get; init; }

    /// <summary>Inclusive ranges of letters this language is written in; mostly other letters means "not this language".</summary>
    public required IReadOnlyList<(char First, char Last)> Alphabet { get; init; }

    /// <summary>Events, moments and pieces of work that name a concrete situation (weekdays, "demo", "pull request").</summary>
    public required IReadOnlyList<string> SituationPhrases { get; init; }

    /// <summary>Words that state an effect or reason ("because", ", which", "saved").</summary>
    public required IReadOnlyList<string> ImpactPhrases { get; init; }

    /// <summary>Longer phrases that look like impact but are not (", so nice" is an intensifier).</summary>
    public required IReadOnlyList<string> ImpactExceptions { get; init; }

    /// <summary>Forward-looking suggestions ("next time", "could you", "what if").</summary>
    public required IReadOnlyList<string> SuggestionPhrases { get; init; }

    /// <summary>Longer phrases that look like a suggestion but are hindsight ("you could have").</summary>
    public required IReadOnlyList<string> SuggestionExceptions { get; init; }

    /// <summary>Words that mark something going wrong; used to tell constructive feedback from praise when the giver did not say.</summary>
    public required IReadOnlyList<string> ProblemPhrases { get; init; }

    /// <summary>Praise that says nothing on its own ("great job").</summary>
    public required IReadOnlyList<string> VaguePraisePhrases { get; init; }

    /// <summary>Absolutes ("always", "never").</summary>
    public required IReadOnlyList<string> AbsolutePhrases { get; init; }

    /// <summary>Absolutes aimed at the person ("you never"); in constructive feedback they read as a verdict on character.</summary>
    public required IReadOnlyList<string> PersonalAbsolutePhrases { get; init; }

    /// <summary>Words that point at the person; a character label counts only near one of these ("you are lazy").</summary>
    public required IReadOnlyList<string> PersonWords { get; init; }

    /// <summary>Character labels, unkind when said about the person ("lazy", "careless").</summary>
    public required IReadOnlyList<string> CharacterLabels { get; init; }

    /// <summary>Insults and personal attacks, unkind wherever they appear.</summary>
    public required IReadOnlyList<string> InsultPhrases { get; init; }

    /// <summary>Anger markers ("ridiculous", "what were you thinking").</summary>
    public required IReadOnlyList<string> AngerPhrases { get; init; }

    /// <summary>Sarcasm cues ("yeah right", "as usual").</summary>
    public required IReadOnlyList<string> SarcasmPhrases { get; init; }

    /// <summary>Softeners; several together hide the point.</summary>
    public required IReadOnlyList<string> HedgePhrases { get; init; }

    /// <summary>Minimisers that undo the message on their own ("not a big deal").</summary>
    public required IReadOnlyList<string> MinimiserPhrases { get; init; }

    /// <summary>References to events long past ("last quarter", "a few months ago").</summary>
    public required IReadOnlyList<string> StalePhrases { get; init; }

    /// <summary>Longer phrases that mention an old period without dating the event ("last year's numbers").</summary>
    public required IReadOnlyList<string> StaleExceptions { get; init; }

    /// <summary>Upper-case words that are acronyms, not shouting.</summary>
    public required IReadOnlyList<string> Acronyms { get; init; }

    /// <summary>The coach's own words.</summary>
    public required CoachMessages Messages { get; init; }
}

/// <summary>
/// The wording of every tip and evidence note. Tips are reviewed by the coach itself in tests, so they must
/// stay kind: no labels, shouting or sarcasm, even when quoting what not to write.
/// </summary>
public sealed record CoachMessages
{
    public required string NoSituation { get; init; }
    public required string OnlyVaguePraise { get; init; }
    public required string EmptyPart { get; init; }
    public required string NoImpact { get; init; }
    public required string NoSuggestion { get; init; }
    public required string PraiseNeedsNoStep { get; init; }
    public required string NothingUnkind { get; init; }
    public required string NothingStale { get; init; }
    public required string EventDaysAgo { get; init; }
    public required string EventInFuture { get; init; }
    public required string Shouting { get; init; }
    public required string Exclamations { get; init; }
    public required string NothingToReviewEvidence { get; init; }

    public required string SpecificTip { get; init; }
    public required string SpecificExamplePraise { get; init; }
    public required string SpecificExampleConstructive { get; init; }
    public required string WhyTip { get; init; }
    public required string WhyExamplePraise { get; init; }
    public required string WhyExampleConstructive { get; init; }
    public required string ActionableTip { get; init; }
    public required string ActionableExample { get; init; }
    public required string KindTip { get; init; }
    public required string KindExample { get; init; }
    public required string TimelyTip { get; init; }
    public required string StaleTip { get; init; }
    public required string TimelyExample { get; init; }

    public required string LabelTip { get; init; }
    public required string AngerTip { get; init; }
    public required string SarcasmTip { get; init; }
    public required string AbsoluteTip { get; init; }
    public required string VaguePraiseTip { get; init; }
    public required string HedgingTip { get; init; }
    public required string ConciseTip { get; init; }
    public required string LongSentenceTip { get; init; }
    public required string TruncatedTip { get; init; }
    public required string OtherLanguageTip { get; init; }
    public required string EmptyTip { get; init; }
    public required string NotTextTip { get; init; }
    public required string InternalErrorTip { get; init; }
}
