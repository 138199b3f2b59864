namespace FeedbackBot.Core.Coaching;

/// <summary>What the rules found in one part of a draft (or, merged, in all of it).</summary>
internal sealed class Findings
{
    // A label counts as being about the person when a person word is this close before it ("you are so lazy").
    private const int LabelReach = 3;
    private const int MaxShoutedEvidence = 8;
    // An observed action's object follows within this many words ("rewrote the billing job", "ayudaste con el despliegue").
    private const int ObjectReach = 3;
    // A number and the word that says it changed sit this close ("ten minutes instead of an afternoon").
    private const int ChangeReach = 4;
    // Two or more shouted words read as a raised voice; fewer are acronyms or names ("README").
    private const int ShoutingWords = 2;
    // A word this short in capitals is an acronym ("CET", "SOC") unless it stands next to another capitalised word ("FIX THIS NOW").
    private const int AcronymLength = 4;
    // "so long that ...", "tan soberbio en las revisiones de código que ...": the consequence follows within this many words.
    private const int DegreeReach = 8;
    // A result clause names who was affected among its first words; German puts the verb second ("heute haben sich vier Kunden beschwert").
    private const int SubjectReach = 4;
    // Praise this short names nothing it praises ("Nice one.", "Echt beeindruckend.", "Un aplauso.").
    private const int FragmentWords = 3;

    /// <summary>Evidence for <c>specific</c>: time, occasion, place, artefact, quote, action.</summary>
    public List<FeatureHit> Anchors { get; } = [];
    /// <summary>Evidence for <c>why</c>: reason, result, number.</summary>
    public List<FeatureHit> Effects { get; } = [];
    public List<string> Suggestion { get; } = [];
    public List<string> Problem { get; } = [];
    public List<string> VaguePraise { get; } = [];
    public List<string> Absolute { get; } = [];
    public List<string> PersonalAbsolute { get; } = [];
    public List<string> Labels { get; } = [];
    /// <summary>What a copula says the person is ("you're not a team player", "eres un desordenado", "rücksichtslos"): labels in constructive feedback.</summary>
    public List<string> PersonJudgements { get; } = [];
    /// <summary>Delight at an ordeal ("enjoyed repeating", "me encantó esperarte"): sarcasm in constructive feedback.</summary>
    public List<string> Delight { get; } = [];
    /// <summary>
    /// Coach v12: the first sentence of at most three words that only praises, after the draft's first sentence ("Nice
    /// one.", "Weiter so.", "Bravo."): with nothing named to praise, sarcasm in constructive feedback. One quote, not a
    /// list, so a review allocates nothing more for it.
    /// </summary>
    public string? PraiseFragment { get; private set; }
    public List<string> Anger { get; } = [];
    public List<string> Shouted { get; } = [];
    public List<string> Sarcasm { get; } = [];
    public List<string> Hedge { get; } = [];
    public List<string> Minimiser { get; } = [];
    public List<string> Stale { get; } = [];
    /// <summary>Months named after a preposition that dates the event ("in March", "im Juli"), 1 = January, with the words.</summary>
    public List<(int Month, string Quote)> PastMonths { get; } = [];
    /// <summary>Quarters named by their short form ("Q2"), 1 to 4, with the words (coach v5).</summary>
    public List<(int Quarter, string Quote)> Quarters { get; } = [];
    public int ExclamationRuns { get; private set; }
    public int Words { get; private set; }
    public int LetterWords { get; private set; }
    public int LongestSentence { get; private set; }
    public int Letters { get; private set; }
    public int LettersInAlphabet { get; private set; }
    public int ControlChars { get; private set; }
    /// <summary>Emoji and other symbols: a draft of only these ("👍") is a reaction, reviewed as content-free praise.</summary>
    public int Symbols { get; private set; }
    public int Characters { get; private set; }
    /// <summary>Coach v5: words of praise or thanks, and words for the receiver; a draft with neither reports on a thing.</summary>
    public int PraiseMarks { get; private set; }
    public int ReceiverMarks { get; private set; }

    public static Findings Scan(DraftText text, CoachRules rules)
    {
        var f = new Findings
        {
            ExclamationRuns = text.ExclamationRuns,
            Words = text.WordCount,
            LetterWords = text.LetterWordCount,
            LongestSentence = text.LongestSentenceWords,
            Letters = text.Letters,
            LettersInAlphabet = text.LettersInAlphabet,
            ControlChars = text.ControlChars,
            Symbols = text.Symbols,
            Characters = text.Original.Length,
        };
        new TokenScan(text, rules, f).Run();
        f.ScanQuotes(text, rules);
        return f;
    }

    public void Add(Findings other)
    {
        foreach (var hit in other.Anchors) FeatureHit.AddOnce(Anchors, hit);
        foreach (var hit in other.Effects) FeatureHit.AddOnce(Effects, hit);
        AddDistinct(Suggestion, other.Suggestion);
        AddDistinct(Problem, other.Problem);
        AddDistinct(VaguePraise, other.VaguePraise);
        AddDistinct(Absolute, other.Absolute);
        AddDistinct(PersonalAbsolute, other.PersonalAbsolute);
        AddDistinct(Labels, other.Labels);
        AddDistinct(PersonJudgements, other.PersonJudgements);
        AddDistinct(Delight, other.Delight);
        PraiseFragment ??= other.PraiseFragment;
        AddDistinct(Anger, other.Anger);
        AddDistinct(Shouted, other.Shouted);
        AddDistinct(Sarcasm, other.Sarcasm);
        AddDistinct(Hedge, other.Hedge);
        AddDistinct(Minimiser, other.Minimiser);
        AddDistinct(Stale, other.Stale);
        foreach (var month in other.PastMonths)
        {
            if (!PastMonths.Contains(month)) PastMonths.Add(month);
        }
        foreach (var quarter in other.Quarters)
        {
            if (!Quarters.Contains(quarter)) Quarters.Add(quarter);
        }
        ExclamationRuns += other.ExclamationRuns;
        Words += other.Words;
        LetterWords += other.LetterWords;
        LongestSentence = Math.Max(LongestSentence, other.LongestSentence);
        Letters += other.Letters;
        LettersInAlphabet += other.LettersInAlphabet;
        ControlChars += other.ControlChars;
        Symbols += other.Symbols;
        Characters += other.Characters;
        PraiseMarks += other.PraiseMarks;
        ReceiverMarks += other.ReceiverMarks;
    }

    // Quotations anchor the draft ("fix stuff"). One lower-case word in quotes in the middle of a clause, in a
    // draft that thanks or praises, is the written eye-roll ("thanks for the 'quick' review", "la revisión
    // 'rápida' que tardó"): sarcasm without a cue phrase. A quoted word that opens a sentence is only a quotation.
    private void ScanQuotes(DraftText text, CoachRules rules)
    {
        foreach (var quote in text.Quotes)
        {
            var quoted = text.QuoteRange(quote.Start, quote.End).Trim();
            if (quoted.Length == 0) continue;
            FeatureHit.AddOnce(Anchors, new FeatureHit(CoachFeatures.Quotation, quoted));
            if (VaguePraise.Count > 0 && char.IsLower(quoted[0]) && IsScareQuoted(text, quote))
            {
                AddOnce(Sarcasm, $"{rules.Messages.ScareQuotes}: '{quoted}'");
            }
        }
    }

    private static bool IsScareQuoted(DraftText text, QuoteSpan quote)
    {
        var tokens = text.Tokens;
        // Tokens are in order: find the first one inside the quotation by binary search.
        int lo = 0, hi = tokens.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (tokens[mid].Start < quote.Start) lo = mid + 1; else hi = mid;
        }
        var word = lo;
        return word > 0 && word + 1 < tokens.Count
            && tokens[word].Kind == TokenKind.Word && tokens[word].End <= quote.End && tokens[word + 1].Start > quote.End
            && tokens[word - 1].Kind == TokenKind.Word && tokens[word + 1].Kind == TokenKind.Word;
    }

    /// <summary>
    /// One left-to-right pass for the features that look at single tokens in context: labels near a person word,
    /// shouting, named artefacts, observed actions, result clauses and changed numbers. Clause state is a few
    /// integers, reset at each comma, stop or clause link, so the pass stays linear.
    /// </summary>
    private sealed class TokenScan(DraftText text, CoachRules rules, Findings f)
    {
        private readonly List<Token> _tokens = text.Tokens;
        private int _clauseStart;
        private int _clauses;
        private bool _auxiliary;
        private int _verb = -1;
        private int _nounPhrase = -1;
        private int _nounPhraseEnd = -1;
        private int _resultSubject = -1;
        private int _resultVerb = -1;
        private int _lastNumber = -1;
        private int _lastChange = -1;
        private int _numberStart = -1;
        private int _acronymCount;
        private WordInfo[] _infos = [];

        // What each token is, for phrase matching (the rented array may be longer than the draft).
        private ReadOnlySpan<WordInfo> Words => _infos.AsSpan(0, _tokens.Count);
        private int _thingSubject = -1;
        private int _eventVerb = -1;
        private int _asyndeticVerb = -1;
        private int _since = -1;
        private int _presentVerb = -1;
        private int _contrast = -1;
        private int _repetition = -1;
        private int _strongVerb = -1;
        private int _degree = -1;
        private bool _thanks;
        private bool _frequency;
        // Occasions and places of the current sentence: kept unless a frequency word makes the sentence a habit.
        private readonly List<FeatureHit> _pending = [];
        private int _without = -1;
        private int _rangeFrom = -1;
        private int _rangeFromNumber = -1;
        private int _rangeTo = -1;
        private int _ago = -1;
        private int _staleUnit = -1;
        private int _copula = -1;
        private int _sentenceStart;
        // Where the sentence's first request starts (-1: none yet).
        private int _requestAt = -1;
        private bool _conditional;
        private int _conditionSuggestions;
        private int _consequence = -1;
        // "today", "heute": kept when the sentence observes an action or is not general praise ("Great job today").
        private FeatureHit? _deictic;
        private bool _vagueSentence;
        private bool _pastVerb;
        private string? _acronym0;
        private string? _acronym1;
        private string? _acronym2;
        // Coach v5: the last word for the receiver, the end of the last "finally"/"por fin", and whether the
        // current sentence is a question (found once per sentence by looking ahead to its end).
        private int _receiver = -10;
        private int _rarityEnd = -10;
        private int _questionEnd = -1;
        private bool _question;
        // Praise in the current sentence, and a verb of finding out in it (sarcasm together, see EndSentence).
        private bool _praiseSentence;
        private bool _receiverSentence;
        private bool _relativeClause;
        // Coach v6: a condition anywhere in the sentence (for "then"), and where the clause proper opens after its
        // leading time words and negation ("El lunes entraron ...", "hoy no pudimos ...").
        private bool _conditionSeen;
        private int _clauseOpen;
        private string? _learn;
        // Coach v12: the current sentence's words (count, first, last) and how many sentences with words came before.
        private int _sentenceWords;
        private int _sentenceFirstWord;
        private int _sentenceLastWord;
        private int _sentencesBefore;
        // Coach v12: the comma that closes the sentence's opening exclamation ("Wow,", "Ah, genial,"); -10: none.
        private int _exclamationEnd = -10;

        public void Run()
        {
            // One hash look-up per token, up front: the rules look a few words back and ahead without hashing again.
            _infos = System.Buffers.ArrayPool<WordInfo>.Shared.Rent(Math.Max(1, _tokens.Count));
            try
            {
                for (var i = 0; i < _tokens.Count; i++) _infos[i] = rules.InfoOf(text.LowerSpan(_tokens[i]));
                Pass();
            }
            finally
            {
                System.Buffers.ArrayPool<WordInfo>.Shared.Return(_infos);
            }
        }

        private void Pass()
        {
            for (var i = 0; i < _tokens.Count; i++)
            {
                var token = _tokens[i];
                var info = _infos[i];
                if (token.Kind != TokenKind.Word)
                {
                    // Phrases may start at a comma (", so", ", which").
                    if (info.Sets != 0) Phrases(i, info.Sets);
                    EndClause(i);
                    if (token.Kind == TokenKind.Stop) EndSentence(i);
                    continue;
                }

                var lower = text.LowerSpan(token);
                var roles = info.Roles;
                if (info.Sets != 0) Phrases(i, info.Sets);
                if ((roles & WordRole.ClauseLink) != 0)
                {
                    EndClause(i);
                    if ((roles & WordRole.Then) != 0) ThenClause(i + 1);
                    continue;
                }
                if ((roles & WordRole.Then) != 0 && i == _clauseStart) ThenClause(i);
                if (i == _clauseOpen && LeadingAdverbial(i, roles)) _clauseOpen = i + 1;

                if (i > _questionEnd) FindQuestion(i);
                Sentence(i, roles, info.Month);
                Praise(i, lower, roles);
                Kindness(i, token, lower, roles);
                Imperative(i, token, lower, roles);
                Artefact(i, token, roles);
                Action(i, token, lower, roles);
                Result(i, token, lower, roles);
                ChangedNumber(i, token, roles);
                if ((roles & WordRole.WriterObject) != 0) WriterObject(i);
                if ((roles & WordRole.Negation) != 0 && rules.NegatedResultSuffixes.Length > 0) NegatedResult(i);
                if ((roles & WordRole.Since) != 0) _since = i;
                else if (_since >= _clauseStart && (roles & (WordRole.ResultVerb | WordRole.ResultVerbStart)) != 0) ChangeSince(i, roles);
                if ((roles & (WordRole.Without | WordRole.Any | WordRole.Causative | WordRole.Comparative | WordRole.Ago | WordRole.StaleUnit | WordRole.Delight | WordRole.Negation)) != 0)
                {
                    Implicit(i, lower, roles);
                }
            }
            EndClause(_tokens.Count);
            EndSentence(_tokens.Count);

            // Capitals are artefacts (README, QA) unless the draft is shouting.
            if (f.Shouted.Count < ShoutingWords)
            {
                if (_acronym0 is not null) Anchor(CoachFeatures.Artefact, _acronym0);
                if (_acronym1 is not null) Anchor(CoachFeatures.Artefact, _acronym1);
                if (_acronym2 is not null) Anchor(CoachFeatures.Artefact, _acronym2);
            }
        }

        // Every phrase list in one pass: the word's entry says which lists have a phrase starting here.
        private void Phrases(int i, uint sets)
        {
            while (sets != 0)
            {
                var k = System.Numerics.BitOperations.TrailingZeroCount(sets);
                sets &= sets - 1;
                var phrase = rules.Lists[k].Match(Words, i, out var length);
                if (phrase is null)
                {
                    // "Last year's budget spreadsheet", "dein Konzept vom letzten Jahr": an old period named next to a
                    // piece of work dates the work; "last year's numbers", "como el año pasado" do not (coach v5).
                    if ((PhraseList)k == PhraseList.Stale) OldWork(i);
                    continue;
                }
                switch ((PhraseList)k)
                {
                    // "bis Freitag" in a request is a deadline, not the moment it happened.
                    case PhraseList.Time when !(_requestAt >= 0 && DeadlineBefore(i)): Anchor(CoachFeatures.Time, text.Quote(i, i + length - 1)); break;
                    // "every meeting", "cada sprint", "in jedem Meeting": a habit, not a moment.
                    case PhraseList.Situation when !HabitBefore(i): _pending.Add(new(CoachFeatures.Occasion, text.Quote(i, i + length - 1))); break;
                    case PhraseList.Place when !HabitBefore(i): _pending.Add(new(CoachFeatures.Place, text.Quote(i, i + length - 1))); break;
                    // "Tausend Dank!": thanks closing a sentence is not "thanks to".
                    // "danke für alles, was du machst": ", was" after "alles" opens a relative clause, not a consequence.
                    case PhraseList.Impact when !ThanksAlone(i, length) && !RelativeClause(i): Effect(CoachFeatures.Reason, text.Quote(i, i + length - 1)); break;
                    // "Finally you ...", "dass du auch mal ...": for once, next to the receiver (see Praise).
                    case PhraseList.Rarity:
                        if (i - _receiver <= 2 && _receiver >= _clauseStart) Backhanded(_receiver, i + length - 1);
                        else _rarityEnd = i + length - 1;
                        break;
                    case PhraseList.Suggestion:
                        AddOnce(f.Suggestion, phrase);
                        if (_requestAt < 0) _requestAt = i;
                        break;
                    // "today", "heute": judged when the sentence ends (see EndSentence).
                    case PhraseList.Deictic: _deictic ??= new FeatureHit(CoachFeatures.Time, text.Quote(i, i + length - 1)); break;
                    // Like a result, a quantity of none reports what followed: not in the draft's first clause ("Tienes cero iniciativa").
                    case PhraseList.Zero when _clauses > 0: Effect(CoachFeatures.Number, text.Quote(i, i + length - 1)); break;
                    // In a sentence of thanks a problem word names what was fixed ("thanks for jumping on the VPN issue").
                    case PhraseList.Problem when !_thanks: AddOnce(f.Problem, phrase); break;
                    case PhraseList.VaguePraise:
                        AddOnce(f.VaguePraise, phrase);
                        _vagueSentence = true;
                        break;
                    case PhraseList.Absolute:
                        AddOnce(f.Absolute, phrase);
                        // "Siempre igual contigo", "you ... always": an absolute next to the receiver, in any order (coach v5).
                        if (ReceiverNear(i, length)) AddOnce(f.PersonalAbsolute, text.Quote(i, i + length - 1));
                        break;
                    case PhraseList.Learn: _learn ??= text.Quote(i, i + length - 1); break;
                    case PhraseList.Exclamation: Exclamation(i, i + length - 1); break;
                    case PhraseList.FrontedImpact when i == _sentenceStart: Effect(CoachFeatures.Reason, text.Quote(i, i + length - 1)); break;
                    case PhraseList.MockAgreement when i == _sentenceStart && Exclamation(i, i + length - 1): AddOnce(f.Sarcasm, phrase); break;
                    case PhraseList.Again when i == _exclamationEnd + 1: AddOnce(f.Sarcasm, text.Quote(_sentenceStart, i + length - 1)); break;
                    case PhraseList.PersonalAbsolute: AddOnce(f.PersonalAbsolute, phrase); break;
                    case PhraseList.Insult: AddOnce(f.Labels, phrase); break;
                    case PhraseList.Anger: AddOnce(f.Anger, phrase); break;
                    case PhraseList.Sarcasm: AddOnce(f.Sarcasm, phrase); break;
                    case PhraseList.Hedge: AddOnce(f.Hedge, phrase); break;
                    case PhraseList.Minimiser: AddOnce(f.Minimiser, phrase); break;
                    // "statt wie letztes Jahr" compares with the old period; it does not date the event.
                    case PhraseList.Stale when i == 0 || (_infos[i - 1].Roles & WordRole.Comparison) == 0: AddOnce(f.Stale, phrase); break;
                }
            }
        }

        // Facts that hold for a whole sentence: thanks (until a "but"), frequency, "so ... that", a dated month.
        private void Sentence(int i, WordRole roles, int month)
        {
            if (_sentenceWords++ == 0) _sentenceFirstWord = i;
            _sentenceLastWord = i;
            if ((roles & WordRole.Thanks) != 0) _thanks = true;
            if ((roles & WordRole.Condition) != 0) _conditionSeen = true;
            if ((roles & WordRole.Repetition) != 0) _repetition = i;
            if ((roles & WordRole.Contrast) != 0)
            {
                _thanks = false;
                _contrast = i;
            }
            if ((roles & WordRole.Frequency) != 0) _frequency = true;
            // "Wenn X, dauern die Reviews doppelt so lang": a sentence opening with a condition states its consequence next.
            // Coach v5: a clause opening with one after a semicolon, colon or dash too ("...; wenn eine Migration
            // schiefgeht, sind Kundendaten weg"); after a comma the condition belongs to the clause before ("Du bist
            // ..., wenn du glaubst, dass ...").
            if ((i == _sentenceStart || (i == _clauseStart && !_conditional && StrongBreakBefore(i))) && (roles & WordRole.Condition) != 0)
            {
                _conditional = true;
                _conditionSuggestions = f.Suggestion.Count;
            }
            if ((roles & WordRole.DegreeConsequence) != 0 && _degree >= 0 && i - _degree <= DegreeReach)
            {
                Effect(CoachFeatures.Reason, text.Quote(_degree, i));
                _degree = -1;
            }
            // "Thanks so much for ..." is warmth, not a degree.
            else if ((roles & WordRole.Degree) != 0 && !(i > 0 && (_infos[i - 1].Roles & WordRole.Thanks) != 0))
            {
                _degree = i;
            }
            // After a request a month is when to do it ("Vorschlag: 7 % im Februar"), like a quantity (coach v5).
            if (month > 0 && i > 0 && _requestAt < 0 && _tokens[i - 1].Kind == TokenKind.Word
                && (_infos[i - 1].Roles & WordRole.MonthPreposition) != 0)
            {
                f.PastMonths.Add((month, text.Quote(i - 1, i)));
            }
        }

        private void EndSentence(int end)
        {
            if (!_frequency)
            {
                foreach (var hit in _pending) FeatureHit.AddOnce(f.Anchors, hit);
            }
            if (_deictic is { } day && (_pastVerb || !_vagueSentence)) FeatureHit.AddOnce(f.Anchors, day);
            _deictic = null;
            // "Really appreciate finding out about the reorg from the slides": praise of one's own finding out. Praise
            // that credits the receiver is genuine ("thanks, your notes helped me find out the cause").
            if (_learn is not null && (_praiseSentence || _vagueSentence) && !_receiverSentence) AddOnce(f.Sarcasm, _learn);
            _learn = null;
            PraiseFragment();
            _exclamationEnd = -10;
            _praiseSentence = _receiverSentence = false;
            _pending.Clear();
            _thanks = _frequency = _conditional = _vagueSentence = _pastVerb = _conditionSeen = false;
            _degree = _consequence = _requestAt = -1;
            _sentenceStart = end + 1;
        }

        // Coach v12: "Great, so the client got the draft with our internal comments still in it. Nice one.", "Klasse, die
        // Kundin hat die Rechnung ... bekommen. Weiter so.", "... de tres líneas. Bravo.": praise standing alone after the
        // draft has said what happened names nothing it praises, so it comments on what was said. Not a draft's first
        // sentence ("Great work. One thing: ..." opens a sandwich), not thanks, not a question (see FeedbackCoach.Kindness:
        // sarcasm only in constructive feedback).
        private void PraiseFragment()
        {
            if (_sentenceWords == 0) return;
            if (_sentenceWords <= FragmentWords && _sentencesBefore > 0 && (_praiseSentence || _vagueSentence) && !_thanks && !_question)
            {
                f.PraiseFragment ??= text.Quote(_sentenceFirstWord, _sentenceLastWord);
            }
            _sentencesBefore++;
            _sentenceWords = 0;
        }

        // Coach v12: an exclamation (words first..last) that opens the sentence, or follows the one that does ("Ah,
        // genial,"), and is closed by a comma: where it ends, so "yet again" right after it is read as sarcasm.
        private bool Exclamation(int first, int last)
        {
            if ((first != _sentenceStart && first != _exclamationEnd + 1) || last + 1 >= _tokens.Count
                || _tokens[last + 1].Kind != TokenKind.Comma || text.Original[_tokens[last + 1].Start] != ',')
            {
                return false;
            }
            _exclamationEnd = last + 1;
            return true;
        }

        // Coach v6: "Wär gut, wenn du sie im CRM ablegst, dann findet die Vertretung alles": "then" after a condition
        // anywhere in the sentence (v4 saw only one opening the sentence) opens the condition's consequence, judged
        // when its clause ends like v4's (see EndClause): not when that clause asks for something ("..., dann schick es mir").
        private void ThenClause(int start)
        {
            if (!_conditionSeen) return;
            _conditional = true;
            _conditionSuggestions = f.Suggestion.Count;
            _consequence = start;
        }

        // Coach v6: a clause may open with when it happened (and then a negation) before who was affected and what happened
        // ("El lunes entraron 60 llamadas", "ayer dos clientes pidieron", "hoy no pudimos restaurar"): the subject and
        // verb positions count from after them. Not a word that reports a result itself ("now", "no tuvimos que").
        private bool LeadingAdverbial(int i, WordRole roles)
        {
            if ((roles & WordRole.ResultVerb) != 0 || ((roles & WordRole.ResultVerbStart) != 0 && rules.ResultVerbPhrases.MatchLength(Words, i) > 0)) return false;
            if ((roles & WordRole.Time) != 0) return true;
            // A negation only after a time word: "No se puede trabajar así" opening a sentence is a verdict, not what happened.
            if ((roles & WordRole.Negation) != 0) return i > _clauseStart;
            // "el lunes", "the next day": a determiner before a time word.
            return (roles & WordRole.Determiner) != 0 && i + 1 < _tokens.Count && _tokens[i + 1].Kind == TokenKind.Word
                && (_infos[i + 1].Roles & WordRole.Time) != 0;
        }

        // Coach v4's implicit effects and judgements, for the few words that play one of these roles.
        private void Implicit(int i, ReadOnlySpan<char> lower, WordRole roles)
        {
            // "without a single rollback", "without pinging anyone", "sin una sola objeción": a cost that did not happen.
            if ((roles & WordRole.Without) != 0) _without = i;
            else if ((roles & WordRole.Any) != 0 && _without >= 0 && i - _without <= 2) Effect(CoachFeatures.Number, text.Quote(_without, i));

            // "makes the whole team calmer", "turned an angry customer into ...": a cause with who it affected.
            if ((roles & WordRole.Causative) != 0)
            {
                for (var j = i + 1; j <= i + 3 && j < _tokens.Count && _tokens[j].Kind == TokenKind.Word; j++)
                {
                    var n = (_infos[j].Roles & WordRole.SubjectStart) != 0 ? rules.ResultSubjects.MatchLength(Words, j) : 0;
                    if (n > 0)
                    {
                        Effect(CoachFeatures.Result, text.Quote(i, j + n - 1));
                        break;
                    }
                }
            }

            // "los clientes cuelgan mucho más tranquilos": who was affected, and how their state compares.
            if ((roles & WordRole.Comparative) != 0 && _resultSubject >= 0 && i > _resultSubject) _resultVerb = i;
            // "y la gente no los lee hasta el final": what did not happen to them (coach v5).
            // Not the writer ("Ich fass es nicht", "I'm not sure"): a reaction, not what happened to someone.
            if ((roles & WordRole.Negation) != 0 && _resultSubject >= 0 && i > _resultSubject && (_infos[_resultSubject].Roles & WordRole.SelfSubject) == 0) _resultVerb = i;

            // "two years ago", "hace seis meses", "vor einem Jahr": months back, an old event.
            if ((roles & WordRole.Ago) != 0)
            {
                if (!rules.Language.AgoAfterUnit) _ago = i;
                else if (_staleUnit >= 0 && i - _staleUnit == 1) AddOnce(f.Stale, text.Quote(Math.Max(_clauseStart, _staleUnit - 1), i));
            }
            if ((roles & WordRole.StaleUnit) != 0)
            {
                if (!rules.Language.AgoAfterUnit && _ago >= 0 && i - _ago <= 3) AddOnce(f.Stale, text.Quote(_ago, i));
                _staleUnit = i;
            }

            // "enjoyed repeating", "me encantó esperarte": delight at what someone had to go through. Delight at
            // the person's own work ("loved reading your draft", "working with you") is praise, even in criticism.
            if ((roles & WordRole.Delight) != 0 && i + 1 < _tokens.Count && _tokens[i + 1].Kind == TokenKind.Word)
            {
                var next = text.LowerSpan(_tokens[i + 1]);
                if (next.Length >= 5 && EndsWithAny(next, rules.ExperienceSuffixes) && !PersonAfter(i + 1, 2)) AddOnce(f.Delight, text.Quote(i, i + 1));
            }
        }

        // Coach v5: praise marks, the receiver, "so" + who was affected, and backhanded praise.
        private void Praise(int i, ReadOnlySpan<char> lower, WordRole roles)
        {
            if ((roles & (WordRole.Praise | WordRole.Thanks)) != 0)
            {
                f.PraiseMarks++;
                _praiseSentence = true;
                if ((roles & WordRole.Praise) != 0) Exclamation(i, i);
            }
            var receiver = (roles & WordRole.Receiver) != 0
                || (rules.ReceiverSuffixes.Length > 0 && lower.Length >= 6 && EndsWithAny(lower, rules.ReceiverSuffixes)
                    && (roles & (WordRole.PastException | WordRole.Determiner)) == 0);
            if (receiver)
            {
                f.ReceiverMarks++;
                _receiverSentence = true;
                if (i - _rarityEnd <= 2 && _rarityEnd >= _clauseStart) Backhanded(_rarityEnd, i);
                _receiver = i;
            }
            // "so support had no idea", "so the client signed": "so" before who was affected opens its consequence.
            if ((roles & WordRole.Consequence) != 0 && i + 1 < _tokens.Count && _tokens[i + 1].Kind == TokenKind.Word)
            {
                var n = (_infos[i + 1].Roles & WordRole.SubjectStart) != 0 ? rules.ResultSubjects.MatchLength(Words, i + 1) : 0;
                if (n > 0) Effect(CoachFeatures.Reason, text.Quote(i, i + n));
                // Coach v7: a count of who was affected, as the result rule counts them ("so 30 customers got ...").
                else if (IsNumber(i + 1, _tokens[i + 1], _infos[i + 1].Roles)) Effect(CoachFeatures.Reason, text.Quote(i, i + 1));
                // Coach v6: before a negation it is what the action prevents ("mandalo hoy así no se renueva"); not
                // opening a sentence, where "Así no se trabaja" is a verdict.
                else if (i > _sentenceStart && (_infos[i + 1].Roles & WordRole.Negation) != 0) Effect(CoachFeatures.Reason, text.Quote(i, i + 1));
            }
        }

        // Praise of what is expected anyway, as a rare event, says it usually fails: a backhanded compliment.
        private void Backhanded(int first, int last)
        {
            AddOnce(f.Sarcasm, text.Quote(Math.Min(first, last), Math.Max(first, last)));
            _rarityEnd = -10;
        }

        private void FindQuestion(int i) => _question = QuestionFrom(i, out _questionEnd);

        // Whether the sentence from token i ends in a question mark; end is its stop.
        private bool QuestionFrom(int i, out int end)
        {
            var j = i;
            while (j < _tokens.Count && _tokens[j].Kind != TokenKind.Stop) j++;
            end = j;
            // Breaks collapse ("?\n" is one stop), so look back from the stop over white space for the question mark.
            var k = j < _tokens.Count ? _tokens[j].Start : text.Original.Length - 1;
            while (k > 0 && char.IsWhiteSpace(text.Original[k])) k--;
            return k >= 0 && k < text.Original.Length && (text.Original[k] == '?' || (text.Original[k] == '!' && text.At(k - 1) == '?'));
        }

        // Coach v8: a question that opens with a hedge ("Maybe start with ...?", "evtl. noch ein Kapitel ...?") puts
        // forward a step; an abbreviated hedge ("evtl.") keeps the question that follows its full stop.
        private bool ProposalQuestion(int i, WordRole roles)
        {
            if ((roles & WordRole.ProposalOpener) == 0 || i != _sentenceStart || rules.Suggestion.Voided(Words, i)) return false;
            var next = i + 1;
            if (next < _tokens.Count && _tokens[next].Kind == TokenKind.Stop && text.Original[_tokens[next].Start] == '.') next++;
            return next < _tokens.Count && _tokens[next].Kind == TokenKind.Word && QuestionFrom(next, out _);
        }

        private const WordRole NotARequestVerb = WordRole.Auxiliary | WordRole.GeneralVerb | WordRole.Copula | WordRole.PastForm
            | WordRole.Determiner | WordRole.Condition | WordRole.Clitic | WordRole.Receiver | WordRole.QuestionSubject | WordRole.Softener;

        // A question that opens with a verb asking the receiver (or us) to do something: "Erneuerst du's heute?",
        // "wollen wir die zusammenfassen?", and where the subject is dropped, by the verb's person: "¿Podés sumarlos?",
        // "¿La pides hoy?", "¿pedimos dos lectores?". Not "Hast du ...?", "¿Estás ...?": auxiliaries and copulas ask about a state.
        private bool QuestionRequest(int i, int position, ReadOnlySpan<char> lower, WordRole roles)
        {
            if (position > 1 || (roles & NotARequestVerb) != 0 || rules.Suggestion.Voided(Words, i)) return false;
            if (position == 0 && i + 1 < _tokens.Count && _tokens[i + 1].Kind == TokenKind.Word && (_infos[i + 1].Roles & WordRole.QuestionSubject) != 0)
            {
                return true;
            }
            if (rules.QuestionVerbSuffixes.Length == 0 || lower.Length < 3) return false;
            if (position != 0 && !(position == 1 && (_infos[i - 1].Roles & WordRole.Clitic) != 0)) return false;
            // The person ending, with any written accent inside it ("podés", "enviarías"): "cuántas" is not a verb form.
            foreach (var suffix in rules.QuestionVerbSuffixes)
            {
                if (lower.EndsWith(suffix, StringComparison.Ordinal) && lower[..^suffix.Length].IndexOfAny("áéíóú") < 0) return true;
            }
            return false;
        }

        private bool ReceiverNear(int i, int length)
        {
            for (var j = i - 1; j >= 0 && j >= i - 2 && _tokens[j].Kind == TokenKind.Word; j--)
            {
                if ((_infos[j].Roles & WordRole.Receiver) != 0) return true;
            }
            for (var j = i + length; j < _tokens.Count && j <= i + length + 1 && _tokens[j].Kind == TokenKind.Word; j++)
            {
                if ((_infos[j].Roles & WordRole.Receiver) != 0) return true;
            }
            return false;
        }

        private void OldWork(int i)
        {
            var length = rules.Stale.ExceptionLength(Words, i);
            if (length == 0 || (_infos[i].Roles & WordRole.Comparison) != 0) return;
            var before = i - 1;
            var work = before >= 0 && _tokens[before].Kind == TokenKind.Word && IsWork(before);
            for (var j = i + length; !work && j < _tokens.Count && j <= i + length + 1 && _tokens[j].Kind == TokenKind.Word; j++)
            {
                work = IsWork(j);
            }
            if (work) AddOnce(f.Stale, text.Quote(i, i + length - 1));
        }

        // A piece of work or an occasion: a listed one, or a compound that ends in one ("Onboarding-Konzept").
        private bool IsWork(int j) =>
            ((_infos[j].Sets & (1u << (int)PhraseList.Situation)) != 0 && rules.Situation.MatchLength(Words, j) > 0)
            || (rules.SituationSuffixes.Length > 0 && EndsWithSituation(text.LowerSpan(_tokens[j])));

        private bool StrongBreakBefore(int i) =>
            i > 0 && _tokens[i - 1].Kind == TokenKind.Comma && text.Original[_tokens[i - 1].Start] != ',';

        private bool RelativeClause(int i) =>
            _tokens[i].Kind != TokenKind.Word && i > 0 && (_infos[i - 1].Roles & WordRole.RelativeAntecedent) != 0;

        private bool PersonAfter(int i, int reach)
        {
            for (var j = i + 1; j < _tokens.Count && j <= i + reach; j++)
            {
                if (_tokens[j].Kind != TokenKind.Word) return false;
                if ((_infos[j].Roles & WordRole.Person) != 0) return true;
            }
            return false;
        }

        private bool DeadlineBefore(int i)
        {
            for (var j = i - 1; j >= 0 && j >= i - 2; j--)
            {
                if (_tokens[j].Kind != TokenKind.Word) return false;
                if ((_infos[j].Roles & WordRole.Deadline) != 0) return true;
            }
            return false;
        }

        private bool ThanksAlone(int i, int length) =>
            length == 1 && (_infos[i].Roles & WordRole.Thanks) != 0 && (i + 1 >= _tokens.Count || _tokens[i + 1].Kind != TokenKind.Word);

        private bool HabitBefore(int i)
        {
            for (var j = i - 1; j >= 0 && j >= i - 2; j--)
            {
                if (_tokens[j].Kind != TokenKind.Word) return false;
                if ((_infos[j].Roles & WordRole.Habit) != 0) return true;
            }
            return false;
        }

        // A clause that opens with an imperative ("Use the checklist", "Revisa la plantilla", "Schick das bitte"),
        // directly or after a softener ("maybe route ...", "porfa ponles ..."), asks for a next step.
        private void Imperative(int i, Token token, ReadOnlySpan<char> lower, WordRole roles)
        {
            var position = i - _clauseStart;
            if (ProposalQuestion(i, roles) || (_question && QuestionRequest(i, position, lower, roles)))
            {
                AddOnce(f.Suggestion, text.Quote(i, Math.Min(i + 1, _questionEnd - 1)));
                if (_requestAt < 0) _requestAt = i;
                return;
            }
            if (i == _sentenceStart && rules.BareImperatives && BareImperative(i, lower))
            {
                AddOnce(f.Suggestion, text.Quote(i, i + 1));
                if (_requestAt < 0) _requestAt = i;
                return;
            }
            if (position > 1) return;
            if (position == 1 && (_infos[i - 1].Roles & WordRole.Softener) == 0) return;
            // "mach ich halt wieder": a verb followed by its own subject "ich" is a statement, not a request.
            var selfSubject = i + 1 < _tokens.Count && _tokens[i + 1].Kind == TokenKind.Word && (_infos[i + 1].Roles & WordRole.SelfSubject) != 0;
            // "Let's see how it goes" is waiting, not a request: the suggestion exceptions void an imperative too.
            if (((roles & WordRole.Imperative) != 0 || IsImperativeForm(lower)) && !selfSubject && !rules.Suggestion.Voided(Words, i))
            {
                AddOnce(f.Suggestion, text.OriginalText(token));
                if (_requestAt < 0) _requestAt = i;
            }
        }

        // Coach v10: a sentence that opens with a word the lists do not know, followed at once by its object or
        // particle ("Redo it with ...", "Set up a checklist", "Read the guide", "Stopp den Job"), is an imperative
        // whatever its verb: a statement opens with its subject, and praise with a listed word ("Loved the ...").
        // Not a name after "@", and not an order of fewer than four words ("Fix it.", "Mark the calendar."): a
        // concrete step says what to do to what.
        private bool BareImperative(int i, ReadOnlySpan<char> lower)
        {
            if (_question || _infos[i].Known || lower.Length < 3 || i + 1 >= _tokens.Count || _tokens[i + 1].Kind != TokenKind.Word) return false;
            if ((_infos[i + 1].Roles & (WordRole.Determiner | WordRole.ImperativeObject)) == 0 || text.Before(_tokens[i]) is '@' or '#') return false;
            if (EndsWithAny(lower, rules.NotImperativeSuffixes) || rules.NotImperativeWords.Contains(lower) || rules.Suggestion.Voided(Words, i)) return false;
            var words = 0;
            for (var j = i; j < _tokens.Count && words < MinImperativeWords && _tokens[j].Kind != TokenKind.Stop; j++)
            {
                if (_tokens[j].Kind == TokenKind.Word) words++;
            }
            return words >= MinImperativeWords;
        }

        private const int MinImperativeWords = 4;

        // Spanish attaches pronouns to an imperative: "repartidlos" (-d + los), and a written accent appears when
        // one is attached ("muévelas", "ciérrala", "mándenlas").
        private bool IsImperativeForm(ReadOnlySpan<char> lower)
        {
            if (lower.Length < 6) return false;
            if (EndsWithAny(lower, rules.ImperativeSuffixes)) return true;
            return rules.ImperativeEnclitics.Length > 0 && EndsWithAny(lower, rules.ImperativeEnclitics) && lower.IndexOfAny("áéíóú") >= 0;
        }

        private void Kindness(int i, Token token, ReadOnlySpan<char> lower, WordRole roles)
        {
            if ((roles & WordRole.CharacterLabel) != 0 && (IsAboutPerson(i) || AfterIndefinite(i) || _copula >= 0))
            {
                AddOnce(f.Labels, text.Lower.Substring(token.Start, token.Length));
            }
            // "you're ...", "Du bist ...", "Sie sind ...": the rest of the clause is said about the person.
            if ((roles & WordRole.Copula) != 0 && ((roles & WordRole.Person) != 0
                || (i > 0 && _tokens[i - 1].Kind == TokenKind.Word && (_infos[i - 1].Roles & WordRole.Person) != 0)))
            {
                _copula = i;
            }
            else if (_copula >= 0 && !_thanks)
            {
                // "you're clearly not a team player", "eres un desordenado": calling the person a kind of person.
                if ((roles & WordRole.Indefinite) != 0 && i - _copula <= 3 && i + 1 < _tokens.Count && _tokens[i + 1].Kind == TokenKind.Word
                    && (_infos[i + 1].Sets & (1u << (int)PhraseList.VaguePraise)) == 0)
                {
                    AddOnce(f.PersonJudgements, text.Quote(_copula, i + 1));
                }
                // "rücksichtslos", "careless": a quality denied.
                else if (lower.Length >= 7 && EndsWithAny(lower, rules.LabelSuffixes))
                {
                    AddOnce(f.PersonJudgements, text.OriginalText(token));
                }
            }
            if (text.IsUpperCase(token, 3) && (token.Length > AcronymLength || NextToCapitals(i)))
            {
                var word = text.OriginalText(token);
                // Capped: a whole page in capitals needs only a few words of evidence, not a quadratic de-duplication.
                if (f.Shouted.Count < MaxShoutedEvidence && !rules.Acronyms.Contains(word)) AddOnce(f.Shouted, word);
            }
        }

        private void Artefact(int i, Token token, WordRole roles)
        {
            var before = text.Before(token);
            var after = text.After(token);
            // @mention, #channel, #123 (Slack's own <@U123> and <#C123|name> read the same way).
            if (before is '@' or '#')
            {
                Anchor(CoachFeatures.Artefact, text.QuoteRange(token.Start - 1, token.End));
                return;
            }
            // Tickets (ABC-123), file names (README.md), paths (src/app) and snake_case: a word glued to the next
            // (the '.' of a file name is a stop token between the two words).
            if (after is '.' or '_' or '/' or '-' && token.Length >= 2)
            {
                var next = i + 1 < _tokens.Count && _tokens[i + 1].Kind != TokenKind.Word && _tokens[i + 1].Start == token.End ? i + 2 : i + 1;
                if (next < _tokens.Count && _tokens[next].Start == token.End + 1 && _tokens[next].Kind == TokenKind.Word
                    && (after != '-' || (text.IsUpperCase(token, 2) && char.IsDigit(text.At(token.End + 1)))))
                {
                    Anchor(CoachFeatures.Artefact, text.Quote(i, next));
                    return;
                }
            }

            var digits = false;
            var innerCapital = false;
            var span = text.Original.AsSpan(token.Start, token.Length);
            for (var k = 0; k < span.Length; k++)
            {
                digits |= char.IsDigit(span[k]);
                innerCapital |= k > 0 && char.IsUpper(span[k]) && char.IsLower(span[k - 1]);
            }
            // Numbers, versions and times (3,000 lines, v2, Q3, 2am) and code-like names (FeedbackCoach, GitHub).
            if (digits || innerCapital)
            {
                // "Q2": a quarter, dated like a month (FeedbackCoach.Timely).
                if (span.Length == 2 && span[0] is 'Q' or 'q' && span[1] is >= '1' and <= '4' && f.Quarters.Count < MaxShoutedEvidence)
                {
                    f.Quarters.Add((span[1] - '0', text.OriginalText(token)));
                }
                Anchor(CoachFeatures.Artefact, text.OriginalText(token));
                return;
            }

            if ((roles & (WordRole.NonName | WordRole.Time)) != 0) return;
            if (text.IsUpperCase(token, 2))
            {
                if (_acronymCount++ < 3) SetAcronym(text.OriginalText(token));
                return;
            }
            if (!rules.Language.NounsCapitalised && char.IsUpper(span[0]) && MidSentence(token) && !Vocative(i))
            {
                Anchor(CoachFeatures.Artefact, text.OriginalText(token));
            }
            // A compound names its occasion by its ending ("Kundentermin"); "bei jedem einzelnen Kundentermin" is a habit.
            else if (rules.SituationSuffixes.Length > 0 && EndsWithSituation(text.LowerSpan(token)) && !HabitBefore(i))
            {
                _pending.Add(new(CoachFeatures.Occasion, text.OriginalText(token)));
            }
        }

        // A past action with its object: "rewrote the billing job", "presentaste el informe", and in German, where
        // the participle closes the clause, "hast den Bericht geschrieben" (checked when the clause ends).
        private void Action(int i, Token token, ReadOnlySpan<char> lower, WordRole roles)
        {
            var language = rules.Language;
            if ((roles & WordRole.Auxiliary) != 0) _auxiliary = true;
            if ((roles & WordRole.Determiner) != 0 && _nounPhrase < 0)
            {
                var noun = NounAfter(i);
                if (noun >= 0)
                {
                    _nounPhrase = i;
                    _nounPhraseEnd = noun;
                }
            }

            var lowerStart = !char.IsUpper(text.Original[token.Start]);
            if ((roles & (WordRole.GeneralVerb | WordRole.PastException | WordRole.Determiner)) != 0) return;
            var past = (roles & WordRole.PastForm) != 0
                || (lower.Length >= 5 && EndsWithAny(lower, rules.PastSuffixes) && (lowerStart || !language.NounsCapitalised));
            var participle = !past && _auxiliary && lower.Length >= 4 && EndsWithAny(lower, rules.ParticipleSuffixes)
                && (lowerStart || !language.NounsCapitalised) && HasParticipleMarker(lower);
            if (!past && !participle) return;

            _resultVerb = _eventVerb = i;
            _pastVerb = true;
            // "ist ein Staplerfahrer fast reingefahren", "nearly lost the account": an outcome narrowly averted.
            if (_clauses > 0 && i > 0 && (_infos[i - 1].Roles & WordRole.NearMiss) != 0) Effect(CoachFeatures.Result, text.Quote(i - 1, i));
            if (language.ParticipleLast)
            {
                _verb = i;
                return;
            }
            for (var j = i + 1; j <= i + ObjectReach && j + 1 < _tokens.Count; j++)
            {
                if (_tokens[j].Kind != TokenKind.Word) return;
                if ((_infos[j].Roles & WordRole.Determiner) != 0 && _tokens[j + 1].Kind == TokenKind.Word)
                {
                    Anchor(CoachFeatures.Action, text.Quote(i, j + 1));
                    return;
                }
            }
        }

        // A later clause that opens with who was affected and says what happened to them: "and they renewed",
        // ", so the client signed", "y el equipo pudo", "und der Kunde hat unterschrieben".
        private void Result(int i, Token token, ReadOnlySpan<char> lower, WordRole roles)
        {
            if (_clauses == 0 || i < _clauseOpen) return;
            var position = i - _clauseOpen;
            // German capitalises nouns: ", die man sich wünschen kann" is a relative clause (a pronoun before a lower-case
            // word), it describes the noun before it; ", die Kunden haben verlängert" is a result (coach v5).
            if (position == 0 && rules.Language.NounsCapitalised && (roles & WordRole.Determiner) != 0 && i + 1 < _tokens.Count
                && _tokens[i - 1].Kind == TokenKind.Comma && text.Original[_tokens[i - 1].Start] == ','
                && _tokens[i + 1].Kind == TokenKind.Word && char.IsLower(text.Original[_tokens[i + 1].Start])
                && rules.ResultSubjects.MatchLength(Words, i) == 0 && !AdjectiveNoun(i) && !Demonstrative(i))
            {
                _relativeClause = true;
            }
            if (_relativeClause) return;
            // Coach v9: "– die haben gestern unterschrieben", "Die wollen das Angebot": a demonstrative with the finite
            // verb right after it is a main clause about the people just named (a relative clause ends with its verb).
            if (position == 0 && _resultSubject < 0 && Demonstrative(i)) _resultSubject = i;
            if (position <= SubjectReach && _resultSubject < 0)
            {
                // Who was affected: a listed subject ("they", "the client", "nadie", "keiner") or a count of people or
                // things opening the clause ("two customers", "half the team", "drei Teams").
                if (((roles & WordRole.SubjectStart) != 0 && rules.ResultSubjects.MatchLength(Words, i) > 0 && !Judgement(i))
                    || ((position == 0 || (rules.Language.VerbSecond && position <= SubjectReach)) && IsNumber(i, token, roles)))
                {
                    _resultSubject = i;
                }
                // Or something ("the backlog", "el muelle"): then only a word that reports a result counts ("is finally").
                // Coach v7: a determiner with a noun after it; alone it is a pronoun ("Das kann doch nicht wahr sein").
                else if (position <= 1 && _thingSubject < 0 && (roles & WordRole.Determiner) != 0 && (roles & WordRole.Person) == 0 && NounAfter(i) >= 0)
                {
                    _thingSubject = i;
                }
            }
            if (rules.Language.VerbSecond && _asyndeticVerb < 0)
            {
                // The same clause with its verb second after an adverb: ", heute kam die Unterschrift", ", dann ist der Login down".
                // Coach v11: or a count of things after the verb (", und heute früh standen zwanzig Leute vor ...").
                if (i - _clauseStart == 2 && (_thingSubject < 0 || _thingSubject == i) && ((roles & WordRole.Determiner) != 0 || IsNumber(i, token, roles))
                    && (roles & (WordRole.Person | WordRole.Preposition)) == 0 && NounAfter(i) >= 0 && InvertedAfterBreak(i))
                {
                    _thingSubject = i;
                    _asyndeticVerb = i - 1;
                }
                else if (_thingSubject >= 0) AsyndeticVerb(i, token, roles);
            }
            var resultVerb = (roles & WordRole.ResultVerb) != 0
                || ((roles & WordRole.ResultVerbStart) != 0 && rules.ResultVerbPhrases.MatchLength(Words, i) > 0);
            // "could have" is hindsight, not a result.
            // Coach v7: any word after who was affected, but a copula or an auxiliary, may be what they do now.
            if (_resultSubject >= 0 && i > _resultSubject && _presentVerb < 0 && (roles & (WordRole.Copula | WordRole.Auxiliary | WordRole.SubjectStart)) == 0) _presentVerb = i;
            if (resultVerb && !(i + 1 < _tokens.Count && (_infos[i + 1].Roles & WordRole.Hindsight) != 0))
            {
                _resultVerb = _strongVerb = i;
            }
            // Where the subject is dropped, a clause opening with a third-person past says it ("y renovaron").
            if (rules.SubjectlessResultSuffixes.Length > 0 && i - _clauseOpen <= 1 && _resultSubject < 0
                && (resultVerb || (lower.Length >= 5 && EndsWithAny(lower, rules.SubjectlessResultSuffixes) && (roles & (WordRole.GeneralVerb | WordRole.PastException | WordRole.Obligation)) == 0)))
            {
                Effect(CoachFeatures.Result, text.Quote(_clauseStart, i));
            }
        }

        // Coach v9: the finite verb of a clause that opens with a thing after a comma or a dash (not a colon: "Zur
        // Weihnachtsfeier: Die Location war zu klein" introduces the point): the first lower-case word after the noun
        // that is no preposition, which would continue the noun phrase ("die Liquidität für Dezember wird knapp").
        // Not in a question or a request ("Hätten Sie Zeit, das Handbuch ... noch zu ergänzen?").
        private void AsyndeticVerb(int i, Token token, WordRole roles)
        {
            if (i <= _thingSubject + 1 || char.IsUpper(text.Original[token.Start]) || (roles & (WordRole.Preposition | WordRole.Determiner)) != 0) return;
            if (i < NounAfter(_thingSubject) || _thingSubject != _clauseOpen || _clauseOpen == 0 || _question || _requestAt >= 0) return;
            // "im Angebot fehlt ...": a contracted preposition opens an adverbial, not the subject.
            if ((_infos[_thingSubject].Roles & WordRole.Preposition) != 0) return;
            if (AsyndeticBreak(_clauseOpen)) _asyndeticVerb = i;
        }

        private bool InvertedAfterBreak(int i) =>
            !_question && _requestAt < 0 && AsyndeticBreak(_clauseStart) && LowerWord(i - 2) && LowerWord(i - 1);

        private bool LowerWord(int j) =>
            _tokens[j].Kind == TokenKind.Word && !char.IsUpper(text.Original[_tokens[j].Start])
            && (_infos[j].Roles & (WordRole.Preposition | WordRole.Determiner)) == 0;

        // Coach v11: "und" joins a second main clause the same way ("…, und kurz war die Bestellstrecke weg", "und die
        // Kundschaft ruft hier an"): the verb second after "und" shows a main clause, not a list of nouns.
        private bool AsyndeticBreak(int clauseOpen) =>
            clauseOpen > 0 && (text.Original[_tokens[clauseOpen - 1].Start] is ',' or '–' or '—' or '-' or ';'
                || (_tokens[clauseOpen - 1].Kind == TokenKind.Word && (_infos[clauseOpen - 1].Roles & (WordRole.ClauseLink | WordRole.Then)) == WordRole.ClauseLink));

        // Coach v9: "Seit dem Release ruft kaum noch jemand an": a change since an event is an effect when the clause says
        // what changed (a result word); "seit dem Update fehlen die Screenshots" only dates a state.
        private void ChangeSince(int i, WordRole roles)
        {
            var length = (roles & WordRole.ResultVerb) != 0 ? 1 : rules.ResultVerbPhrases.MatchLength(Words, i);
            if (length > 0) Effect(CoachFeatures.Reason, text.Quote(_since, i + length - 1));
        }

        // Coach v9: "y logística no llega", "en tienda no sabían": what did not happen, at most two words into a later
        // clause; not to the receiver ("no te enteras"), not a copula, not in a question or a request.
        private void NegatedResult(int i)
        {
            if (_clauses == 0 || i - _clauseStart > 2 || _question || _requestAt >= 0 || i + 1 >= _tokens.Count || _tokens[i + 1].Kind != TokenKind.Word) return;
            // After a colon the clause is the point being introduced ("Lo de la cena: el menú no tenía opción vegana").
            if (_clauseStart > 0 && text.Original[_tokens[_clauseStart - 1].Start] == ':') return;
            var next = _infos[i + 1].Roles;
            if ((next & (WordRole.Receiver | WordRole.Copula | WordRole.Clitic | WordRole.Negation)) != 0) return;
            var verb = text.LowerSpan(_tokens[i + 1]);
            if (verb.Length >= 4 && EndsWithAny(verb, rules.NegatedResultSuffixes)) Effect(CoachFeatures.Result, text.Quote(i, i + 1));
        }

        // Coach v9: "nos salvó", "hat uns getragen": the writer's side as the object of a verb is what the work did to
        // the team, in any clause; not in a request or a question, nor after a reflexive's subject or a preposition.
        private void WriterObject(int i)
        {
            if (_question || _requestAt >= 0 || i + 1 >= _tokens.Count || _tokens[i + 1].Kind != TokenKind.Word) return;
            if (i > 0 && _tokens[i - 1].Kind == TokenKind.Word && (_infos[i - 1].Roles & (WordRole.WriterObjectBlocker | WordRole.Preposition)) != 0) return;
            Effect(CoachFeatures.Result, text.Quote(i, i + 1));
        }

        // Coach v9: ", die neue Kollegin hat ..." opens a main clause with an adjective and its noun; ", das eine Woche
        // gedauert hat" stays a relative clause (an article after the pronoun), as does ", die man sich wünschen kann".
        private bool AdjectiveNoun(int i) =>
            NounAfter(i) == i + 2 && (_infos[i + 1].Roles & WordRole.Determiner) == 0;

        private bool Demonstrative(int i) =>
            (_infos[i].Roles & WordRole.Demonstrative) != 0 && i + 1 < _tokens.Count && _tokens[i + 1].Kind == TokenKind.Word
            && (_infos[i + 1].Roles & WordRole.FiniteVerb) != 0;

        // Coach v11: "ist mir ein Rätsel", "bin mir nicht sicher": after a form of "to be" the writer in the dative
        // judges or doubts; no one was affected.
        private bool Judgement(int i) =>
            i > 0 && _tokens[i - 1].Kind == TokenKind.Word && rules.Judgement.MatchLength(Words, i - 1) == 2;

        private bool IsNumber(int i, Token token, WordRole roles) =>
            char.IsDigit(text.Original[token.Start]) || ((roles & WordRole.NumberStart) != 0 && rules.NumberWords.MatchLength(Words, i) > 0);

        private void ChangedNumber(int i, Token token, WordRole roles)
        {
            var isNumber = IsNumber(i, token, roles);
            var change = (roles & WordRole.ChangeStart) != 0 ? rules.ChangeWords.MatchLength(Words, i) : 0;
            // Coach v7: "seit Montag", "seit 14 Uhr" say when a state began; the quantity near them is no count since.
            if (change > 0 && (roles & WordRole.Since) != 0 && PointInTimeAfter(i)) change = 0;
            // A percentage is a change by itself ("von 12 % auf 4 %").
            if (isNumber && (text.After(token) == '%' || (text.After(token) == ' ' && text.At(token.End + 1) == '%'))) change = 1;
            if ((roles & WordRole.RangeFrom) != 0)
            {
                _rangeFrom = i;
                _rangeFromNumber = _rangeTo = -1;
            }
            if (isNumber)
            {
                // "from an hour to twenty minutes", "de seis a uno": one quantity turned into another.
                if (_rangeTo >= 0 && i - _rangeTo <= 2) NumberEffect(_rangeFrom, i);
                else if (_rangeFrom >= 0 && _rangeFromNumber < 0 && i - _rangeFrom <= 2) _rangeFromNumber = i;
                // "y auditoría nos tuvo tres días parados": a quantity is what happened to who was affected.
                if (_resultSubject >= 0 && i > _resultSubject) _resultVerb = i;
                // Coach v7: a quantity is what happened to a named thing too ("el almacén estuvo dos horas sin ..."), not
                // after a request, where it is the instruction ("Pon una alarma diez minutos antes").
                if (_thingSubject >= 0 && i > _thingSubject + 1 && _eventVerb < 0 && _requestAt < 0) _eventVerb = i;
                if (_lastChange >= 0 && i - _lastChange <= ChangeReach) NumberEffect(_lastChange, i);
                // "4 of 5 people", "5 de 6 usuarios", "3 von 10": a proportion is a measured outcome, like a percentage.
                if (_lastNumber == i - 2 && (_infos[i - 1].Roles & WordRole.Proportion) != 0 && _tokens[i - 1].Kind == TokenKind.Word) NumberEffect(_numberStart, i);
                // "ten minutes" is one quantity: quote it from its first word. A draft's first token has no number
                // before it ("15 tickets cerrados ..."), although "none yet" (-1) equals i - 1 there.
                if (_lastNumber < 0 || _lastNumber != i - 1) _numberStart = i;
                _lastNumber = i;
            }
            if (change > 0)
            {
                if (_lastNumber >= 0 && i - _lastNumber <= ChangeReach) NumberEffect(_numberStart, i + change - 1);
                _lastChange = i;
            }
            if ((roles & WordRole.RangeTo) != 0 && _rangeFromNumber >= 0 && i - _rangeFromNumber <= 3) _rangeTo = i;
        }

        private bool PointInTimeAfter(int i)
        {
            if (i + 1 >= _tokens.Count || _tokens[i + 1].Kind != TokenKind.Word) return false;
            if ((_infos[i + 1].Roles & WordRole.Time) != 0) return true;
            return IsNumber(i + 1, _tokens[i + 1], _infos[i + 1].Roles) && i + 2 < _tokens.Count && (_infos[i + 2].Roles & WordRole.Clock) != 0;
        }

        // After a request a quantity is part of the instruction ("Pon una alarma diez minutos antes"), not an effect.
        private void NumberEffect(int first, int last)
        {
            if (_requestAt < 0 || _requestAt > first) Effect(CoachFeatures.Number, text.Quote(first, last));
        }

        private void EndClause(int next)
        {
            if (rules.Language.ParticipleLast && _verb >= 0 && _nounPhrase >= 0)
            {
                Anchor(CoachFeatures.Action, text.Quote(Math.Min(_nounPhrase, _verb), Math.Max(_nounPhraseEnd, _verb)));
            }
            // Subject and verb in either order: German and Spanish put the verb first after an adverb ("So konnte ich").
            // The verb may come first only when it reports a result itself ("So konnte ich"), not in "and shipped it".
            // A relative clause describes the noun before it (see Result).
            if (_relativeClause)
            {
                _relativeClause = false;
            }
            else if (_resultSubject >= 0 && (_resultVerb > _resultSubject || (_strongVerb >= 0 && _strongVerb < _resultSubject)))
            {
                var verb = _resultVerb > _resultSubject ? _resultVerb : _strongVerb;
                Effect(CoachFeatures.Result, text.Quote(Math.Min(_resultSubject, verb), Math.Max(_resultSubject, verb)));
            }
            else if (_thingSubject >= 0 && _strongVerb > _thingSubject)
            {
                Effect(CoachFeatures.Result, text.Quote(_thingSubject, _strongVerb));
            }
            else if (_resultSubject >= 0 && _presentVerb > _resultSubject && _resultSubject - _clauseOpen <= 1 && !_question && _requestAt < 0
                && (((_infos[_resultSubject].Roles & WordRole.TeamSubject) != 0 && (_infos[_presentVerb].Roles & WordRole.Obligation) == 0)
                    || (_infos[_resultSubject].Roles & (WordRole.SelfSubject | WordRole.PronounSubject | WordRole.Person)) == 0) && !ContinuesNumber(_resultSubject))
            {
                Effect(CoachFeatures.Result, text.Quote(_resultSubject, _presentVerb));
            }
            else if (_thingSubject >= 0 && _eventVerb > _thingSubject + 1 && _receiver < _clauseStart && _contrast < _clauseStart - 1 && _clauseStart > 3 && _repetition < _clauseStart)
            {
                Effect(CoachFeatures.Result, text.Quote(_thingSubject, _eventVerb));
            }
            // Coach v9: German puts the finite verb second, so after a comma or a dash a clause "die Lieferungen stapeln
            // sich", "die Warteschlange war am Montag leer" is a second main clause with no connective: what followed.
            else if (_asyndeticVerb >= 0 && _thingSubject >= 0 && _receiver < _clauseStart && _contrast < _clauseStart - 1 && _clauseStart > 3)
            {
                Effect(CoachFeatures.Result, text.Quote(Math.Min(_thingSubject, _asyndeticVerb), Math.Max(_asyndeticVerb, NounAfter(_thingSubject))));
            }
            // The main clause after a condition is its consequence, unless it asks for something ("Wenn du Zeit
            // hast, schau bitte ...": a request, not an effect).
            if (_conditional && _consequence >= 0 && _clauseStart == _consequence)
            {
                if (next > _consequence && f.Suggestion.Count == _conditionSuggestions)
                {
                    Effect(CoachFeatures.Result, text.Quote(_consequence, Math.Min(next - 1, _consequence + 3)));
                }
                _conditional = false;
            }
            if (_conditional && _consequence < 0 && next < _tokens.Count && _tokens[next].Kind == TokenKind.Comma) _consequence = next + 1;
            // A new clause starts after the break; the first clause of the draft is never a result.
            if (next > _clauseStart) _clauses++;
            _clauseStart = _clauseOpen = next + 1;
            _auxiliary = false;
            _verb = _nounPhrase = _nounPhraseEnd = _resultSubject = _resultVerb = _thingSubject = _strongVerb = _eventVerb = _presentVerb = _asyndeticVerb = -1;
            _without = _rangeFrom = _rangeFromNumber = _rangeTo = _ago = _staleUnit = _copula = -1;
        }

        // "2.3", "3,000", "4–7": digits after a separator continue a number; they open no clause of their own.
        private bool ContinuesNumber(int i) =>
            _tokens[i].Start > 0 && text.Original[_tokens[i].Start - 1] is '.' or ',' or '–' or '-' && char.IsDigit(text.Original[_tokens[i].Start]);

        // A determiner opens a noun phrase when a word follows; in German the noun (capitalised) is one of the next two.
        private int NounAfter(int i)
        {
            for (var j = i + 1; j < _tokens.Count && j <= i + 2; j++)
            {
                if (_tokens[j].Kind != TokenKind.Word) return -1;
                if (!rules.Language.NounsCapitalised || char.IsUpper(text.Original[_tokens[j].Start])) return j;
            }
            return -1;
        }

        // A capital mid-sentence is a name ("the Acme account"); at a sentence start, after a colon or a
        // quotation mark it is only grammar.
        private bool MidSentence(Token token)
        {
            for (var k = token.Start - 1; k >= 0 && k >= token.Start - 3; k--)
            {
                var c = text.Original[k];
                if (c == ' ') continue;
                return char.IsLetterOrDigit(c) || c == ',';
            }
            return false;
        }

        // A name said to someone ("Thanks Maria!", "Great job, Sam.") names no situation.
        private bool Vocative(int i)
        {
            var previous = i > 0 ? _tokens[i - 1] : default;
            if (i > 0 && previous.Kind == TokenKind.Word && (_infos[i - 1].Roles & WordRole.Greeting) != 0) return true;
            var nextIsBreak = i + 1 >= _tokens.Count || _tokens[i + 1].Kind != TokenKind.Word;
            return nextIsBreak && (i == 0 || previous.Kind != TokenKind.Word);
        }

        private bool IsAboutPerson(int labelIndex)
        {
            for (var j = labelIndex - 1; j >= 0 && j >= labelIndex - LabelReach; j--)
            {
                if (_tokens[j].Kind == TokenKind.Stop) return false;
                if (_tokens[j].Kind == TokenKind.Word && (_infos[j].Roles & WordRole.Person) != 0) return true;
            }
            // "schlampig von dir", "careless of you", "descuidado de tu parte": the person named right after (coach v5).
            for (var j = labelIndex + 1; j < _tokens.Count && j <= labelIndex + 2 && _tokens[j].Kind == TokenKind.Word; j++)
            {
                if ((_infos[j].Roles & WordRole.Person) != 0) return true;
            }
            return false;
        }

        // A label after an indefinite article is used as a noun, which names the person ("es un inútil", "ein Besserwisser").
        private bool AfterIndefinite(int i)
        {
            for (var j = i - 1; j >= 0 && j >= i - 2; j--)
            {
                if (_tokens[j].Kind != TokenKind.Word) return false;
                if ((_infos[j].Roles & WordRole.Indefinite) != 0) return true;
            }
            return false;
        }

        private bool NextToCapitals(int i) =>
            (i > 0 && _tokens[i - 1].Kind == TokenKind.Word && text.IsUpperCase(_tokens[i - 1], 2))
            || (i + 1 < _tokens.Count && _tokens[i + 1].Kind == TokenKind.Word && text.IsUpperCase(_tokens[i + 1], 2));

        private bool EndsWithSituation(ReadOnlySpan<char> lower) =>
            (!lower.IsEmpty && EndsWithSituation(lower, lower[^1])) || EndsWithSituation(lower, '\0');

        private bool EndsWithSituation(ReadOnlySpan<char> lower, char last)
        {
            if (!rules.SituationSuffixesByLast.TryGetValue(last, out var suffixes)) return false;
            foreach (var suffix in suffixes)
            {
                if (lower.Length >= suffix.Length + 3 && lower.EndsWith(suffix, StringComparison.Ordinal)) return true;
            }
            return false;
        }

        // "geschrieben", "verbessert", "aufgeräumt" (marker after a separable prefix), not "arbeiten".
        private bool HasParticipleMarker(ReadOnlySpan<char> lower)
        {
            if (rules.ParticipleMarkers.Length == 0) return true;
            foreach (var marker in rules.ParticipleMarkers)
            {
                if (lower.StartsWith(marker, StringComparison.Ordinal)) return true;
                var at = lower.IndexOf(marker, StringComparison.Ordinal);
                if (at is >= 2 and <= 4) return true;
            }
            return false;
        }

        private static bool EndsWithAny(ReadOnlySpan<char> lower, string[] suffixes)
        {
            foreach (var suffix in suffixes)
            {
                if (lower.EndsWith(suffix, StringComparison.Ordinal)) return true;
            }
            return false;
        }

        private void SetAcronym(string word)
        {
            if (_acronym0 is null) _acronym0 = word;
            else if (_acronym1 is null) _acronym1 = word;
            else _acronym2 ??= word;
        }

        private void Anchor(string feature, string quote) => FeatureHit.AddOnce(f.Anchors, new FeatureHit(feature, quote));

        private void Effect(string feature, string quote) => FeatureHit.AddOnce(f.Effects, new FeatureHit(feature, quote));
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
