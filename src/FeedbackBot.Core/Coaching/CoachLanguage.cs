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

    /// <summary>The language's name in itself, for people ("English", "Español", "Deutsch").</summary>
    public string Name { get; init; } = "";

    /// <summary>
    /// Frequent function words ("the", "and", "you"; "el", "que"; "der", "und") that identify the language of a
    /// draft. Kept to words that are rare in the other supported languages.
    /// </summary>
    public IReadOnlyList<string> CommonWords { get; init; } = [];

    /// <summary>Letters that, among the supported languages, only this one uses (ñ ¿ ¡; ß ä ö ü).</summary>
    public string DistinctiveLetters { get; init; } = "";

    /// <summary>
    /// True when every noun is capitalised (German): a capital then says nothing about a name, and a noun
    /// phrase is a determiner followed by a capitalised word.
    /// </summary>
    public bool NounsCapitalised { get; init; }

    /// <summary>Feature <c>time</c>: days, months and moments ("tuesday", "yesterday", "this morning").</summary>
    public IReadOnlyList<string> TimePhrases { get; init; } = [];

    /// <summary>
    /// Feature <c>time</c>, weaker: the present day or period ("today", "this week"; "hoy"; "heute"). It anchors a
    /// sentence with an observed action or without general praise; "Great job today" only dates the praise.
    /// </summary>
    public IReadOnlyList<string> DeicticTimePhrases { get; init; } = [];

    /// <summary>Feature <c>occasion</c>: events, moments and pieces of work named by a common noun ("demo", "pull request").</summary>
    public required IReadOnlyList<string> SituationPhrases { get; init; }

    /// <summary>
    /// Feature <c>occasion</c> inside compounds: a word ending in one of these names an occasion or a piece of
    /// work (German "Kundentermin" ends in "termin"). At least four letters each.
    /// </summary>
    public IReadOnlyList<string> SituationSuffixes { get; init; } = [];

    /// <summary>Feature <c>place</c>: where it happened ("in the office", "at the client's").</summary>
    public IReadOnlyList<string> PlacePhrases { get; init; } = [];

    /// <summary>Capitalised words that name nothing ("I"); a capital elsewhere mid-sentence is a name (feature <c>artefact</c>).</summary>
    public IReadOnlyList<string> CapitalisedNonNames { get; init; } = [];

    /// <summary>Greetings and thanks before a name ("thanks Maria!"): a name addressed is not a situation.</summary>
    public IReadOnlyList<string> Greetings { get; init; } = [];

    /// <summary>Words that open a noun phrase ("the", "your", "that"; "el", "tu"; "den", "deine").</summary>
    public IReadOnlyList<string> Determiners { get; init; } = [];

    /// <summary>Irregular past forms and participles ("wrote", "ran"; "hiciste"; "geschrieben").</summary>
    public IReadOnlyList<string> PastForms { get; init; } = [];

    /// <summary>Endings of regular past forms ("ed"; "aste", "iste"). Words of at least five letters.</summary>
    public IReadOnlyList<string> PastSuffixes { get; init; } = [];

    /// <summary>Words with a past ending that are not a past action ("need", "indeed", "interested").</summary>
    public IReadOnlyList<string> PastExceptions { get; init; } = [];

    /// <summary>Perfect auxiliaries ("have"; "has", "hemos"; "hast", "hat"): with a participle in the same clause they make a past action.</summary>
    public IReadOnlyList<string> PerfectAuxiliaries { get; init; } = [];

    /// <summary>Participle endings used with <see cref="PerfectAuxiliaries"/> ("ado", "ido"; "t", "en").</summary>
    public IReadOnlyList<string> ParticipleSuffixes { get; init; } = [];

    /// <summary>
    /// Beginnings a participle must have, at the start or after a separable prefix of up to four letters
    /// (German "geschrieben", "aufgeräumt", "verbessert"), so an infinitive ("zu arbeiten") is not taken for one.
    /// Empty: any word with a participle ending counts.
    /// </summary>
    public IReadOnlyList<string> ParticipleMarkers { get; init; } = [];

    /// <summary>
    /// Third-person past endings that open a result clause without a subject, in languages that drop it
    /// (Spanish "..., y renovaron el contrato"). Empty where a result clause needs its subject.
    /// </summary>
    public IReadOnlyList<string> SubjectlessResultSuffixes { get; init; } = [];

    /// <summary>
    /// Coach v9. Third-person and first-person-plural verb endings that, right after a negation opening a later clause,
    /// say what did not happen to someone ("y logística no lleg<b>a</b>", "no pud<b>imos</b> reclamar").
    /// </summary>
    public IReadOnlyList<string> NegatedResultSuffixes { get; init; } = [];

    /// <summary>Feature <c>result</c>: who or what is affected, opening a later clause ("they", "the team", "customers").</summary>
    public IReadOnlyList<string> ResultSubjects { get; init; } = [];

    /// <summary>Verbs too general to count as an observed action or a result ("was", "did", "got").</summary>
    public IReadOnlyList<string> GeneralVerbs { get; init; } = [];

    /// <summary>Feature <c>number</c> (why): a number that changed, found near one of these ("instead of", "from", "faster").</summary>
    public IReadOnlyList<string> ChangeWords { get; init; } = [];

    /// <summary>Verbs that report a result in a later clause without being a past form ("could", "no longer"; "pudo"; "konnte").</summary>
    public IReadOnlyList<string> ResultVerbs { get; init; } = [];

    /// <summary>Words that join a result clause to what came before ("and"; "y"; "und").</summary>
    public IReadOnlyList<string> ClauseLinks { get; init; } = [];

    /// <summary>True when a participle closes its clause (German): the object comes before it, not after.</summary>
    public bool ParticipleLast { get; init; }

    /// <summary>Numbers written as words ("two", "half"; "dos", "mitad"; "zwei", "Hälfte").</summary>
    public IReadOnlyList<string> NumberWords { get; init; } = [];

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

    /// <summary>
    /// Verbs in the imperative ("use", "let"; "revisa", "pide"; "schreib", "schick"): opening a clause, directly or
    /// after a softener ("please", "maybe"; "porfa"; "bitte", "vielleicht"), they make it a request, i.e. a next step.
    /// </summary>
    public IReadOnlyList<string> ImperativeVerbs { get; init; } = [];

    /// <summary>
    /// Endings that mark an imperative with an attached pronoun when the word opens a clause (Spanish "repartidlos":
    /// the vosotros imperative's -d before -los). Words with a written accent that end in a pronoun from
    /// <see cref="ImperativeEnclitics"/> count too ("muévelas", "ciérrala", "mándenlas": the stress mark is only
    /// needed because the pronoun was attached).
    /// </summary>
    public IReadOnlyList<string> ImperativeSuffixes { get; init; } = [];

    /// <summary>Pronouns attached to an imperative ("la", "las", "le", "les", "lo", "los", "nos").</summary>
    public IReadOnlyList<string> ImperativeEnclitics { get; init; } = [];

    /// <summary>Softeners that may come before an imperative ("please", "maybe", "just"; "porfa"; "bitte", "vielleicht").</summary>
    public IReadOnlyList<string> ImperativeSofteners { get; init; } = [];

    /// <summary>
    /// Degree words that announce a consequence clause ("so", "such" ... "that"; "tan" ... "que"; "so" ... "dass"):
    /// "so long that people stop reading" states an effect.
    /// </summary>
    public IReadOnlyList<string> DegreeWords { get; init; } = [];

    /// <summary>The conjunction that opens the consequence after a <see cref="DegreeWords"/> word ("that"; "que"; "dass").</summary>
    public IReadOnlyList<string> DegreeConsequence { get; init; } = [];

    /// <summary>
    /// Words that make a named occasion a habit, when they come just before it ("every meeting", "cada sprint",
    /// "in jedem Meeting") or anywhere in its sentence ("often", "a menudo", "oft"): a habit names no moment.
    /// </summary>
    public IReadOnlyList<string> HabitWords { get; init; } = [];

    /// <summary>
    /// Words that take a result word's result away when they follow it: a modal made hindsight ("could have"; "podría
    /// haber"), or "schon" made a repetition ("schon wieder", yet again: a complaint, coach v7). No result was reported.
    /// </summary>
    public IReadOnlyList<string> HindsightMarkers { get; init; } = [];

    /// <summary>Words that make an old period a baseline, not the event's date ("like last year"; "como el año pasado"; "wie letztes Jahr").</summary>
    public IReadOnlyList<string> ComparisonWords { get; init; } = [];

    /// <summary>Frequency adverbs: in the same sentence, an occasion or place is a habit, not a moment ("Am Telefon redest du oft ...").</summary>
    public IReadOnlyList<string> FrequencyWords { get; init; } = [];

    /// <summary>Indefinite articles: a character label after one is used as a noun, which is name-calling ("un inútil", "ein Besserwisser").</summary>
    public IReadOnlyList<string> IndefiniteArticles { get; init; } = [];

    /// <summary>
    /// Words of thanks ("thanks"; "gracias"; "danke"). In a sentence of thanks, a problem word names what was fixed
    /// ("thanks for jumping on the VPN issue"), so it does not make the draft constructive, unless a
    /// <see cref="ContrastWords"/> word turns the sentence ("thanks, but ...").
    /// </summary>
    public IReadOnlyList<string> ThanksWords { get; init; } = [];

    /// <summary>Words that turn a sentence ("but", "though"; "pero", "aunque"; "aber", "allerdings").</summary>
    public IReadOnlyList<string> ContrastWords { get; init; } = [];

    /// <summary>
    /// The twelve month names, January first; alternatives separated by '|' ("septiembre|setiembre"). With a
    /// <see cref="PastMonthPrepositions"/> word before it, a month two or more months back is an old event.
    /// </summary>
    public IReadOnlyList<string> MonthNames { get; init; } = [];

    /// <summary>Prepositions that place an event in a month ("in", "from"; "en"; "im", "seit"): "in March" dates the event, "for March" does not.</summary>
    public IReadOnlyList<string> PastMonthPrepositions { get; init; } = [];

    /// <summary>
    /// Coach v4. Quantities of none ("not a single", "cero", "keine einzige"): an outcome measured as zero is an
    /// effect (feature <c>number</c>), "cero incidencias", "not a single ticket".
    /// </summary>
    public IReadOnlyList<string> ZeroQuantities { get; init; } = [];

    /// <summary>Privative prepositions ("without"; "sin"; "ohne"): with an <see cref="AnyWords"/> word after them a cost was avoided.</summary>
    public IReadOnlyList<string> WithoutWords { get; init; } = [];

    /// <summary>Words for "anyone", "a single" ("anyone", "single"; "nadie", "sola"; "einzige", "jemanden").</summary>
    public IReadOnlyList<string> AnyWords { get; init; } = [];

    /// <summary>"from" and "to" of a range ("from an hour to twenty minutes"; "de seis a uno"; "von 12 % auf 4 %"): two quantities, one changed into the other.</summary>
    public IReadOnlyList<string> RangeFrom { get; init; } = [];

    /// <summary>See <see cref="RangeFrom"/>.</summary>
    public IReadOnlyList<string> RangeTo { get; init; } = [];

    /// <summary>Causative verbs ("makes", "keeps", "turned"): followed by who was affected, they state an effect ("makes the whole team calmer").</summary>
    public IReadOnlyList<string> CausativeVerbs { get; init; } = [];

    /// <summary>Comparatives ("more", "fewer"; "más", "menos"; "mehr", "weniger"): in a later clause about who was affected, their state changed.</summary>
    public IReadOnlyList<string> Comparatives { get; init; } = [];

    /// <summary>Words that open a condition ("when", "if"; "cuando", "si"; "wenn", "sobald"): the main clause after it states the consequence.</summary>
    public IReadOnlyList<string> ConditionWords { get; init; } = [];

    /// <summary>"ago" ("ago"; "hace"; "vor"): with a unit of <see cref="StaleUnits"/> next to it the event is months old.</summary>
    public IReadOnlyList<string> AgoWords { get; init; } = [];

    /// <summary>True when "ago" follows its quantity (English "two years ago"); false when it comes first ("hace dos años", "vor einem Jahr").</summary>
    public bool AgoAfterUnit { get; init; }

    /// <summary>Units of a month or more ("months", "year"; "meses", "año"; "Monaten", "Jahr").</summary>
    public IReadOnlyList<string> StaleUnits { get; init; } = [];

    /// <summary>Deadline prepositions ("by", "until"; "hasta"; "bis"): in a request, a day after one is when to do it, not when it happened.</summary>
    public IReadOnlyList<string> DeadlineWords { get; init; } = [];

    /// <summary>
    /// Copulas ("are", "were"; "eres", "fuiste"; "bist", "warst"). After a person word (or being one, "eres"), the
    /// rest of the clause is said about the person: a character label anywhere in it counts, and so does calling
    /// them "a ..." in constructive feedback ("you're clearly not a team player", "eres un desordenado").
    /// </summary>
    public IReadOnlyList<string> CopulaWords { get; init; } = [];

    /// <summary>Endings of adjectives that deny a quality ("careless"; "rücksichtslos"): said of the person after a copula, a label.</summary>
    public IReadOnlyList<string> LabelSuffixes { get; init; } = [];

    /// <summary>Longer phrases that start like a problem word but report a saving ("didn't need to", "didn't have to").</summary>
    public IReadOnlyList<string> ProblemExceptions { get; init; } = [];

    /// <summary>
    /// True for verb-second languages (German): after a fronted phrase the verb comes before the subject, so a count
    /// of people may stand a few words into a result clause ("im Support sind schon zwanzig Beschwerden eingegangen").
    /// </summary>
    public bool VerbSecond { get; init; }

    /// <summary>First-person subject pronouns ("ich", "wir"): right after a verb that looks imperative, the verb is a statement ("mach ich halt wieder").</summary>
    public IReadOnlyList<string> SelfSubjects { get; init; } = [];

    /// <summary>
    /// Coach v7: pronouns among <see cref="ResultSubjects"/> that name nobody in particular or the writer ("it", "es",
    /// "me", "uns"): in the present tense they open a reaction or a judgement ("it's frustrating", "me encanta"), not
    /// what the action did to someone.
    /// </summary>
    public IReadOnlyList<string> PronounSubjects { get; init; } = [];

    /// <summary>
    /// Coach v7: "since" among <see cref="ChangeWords"/> ("seit"). Before a day or a clock time it names when a state
    /// began ("seit Montag", "seit 14 Uhr"), so a quantity near it is not a count since the action.
    /// </summary>
    public IReadOnlyList<string> SinceWords { get; init; } = [];

    /// <summary>Coach v7: words after a number that make it a clock time ("14 Uhr", "3 pm"), a moment, not a quantity.</summary>
    public IReadOnlyList<string> ClockWords { get; init; } = [];

    /// <summary>
    /// Coach v7: words that say a clause repeats what happened before ("again", "too", "wieder"): "the release broke
    /// again" reports the same failure once more, so a named thing's event in that clause is not what the action did.
    /// </summary>
    public IReadOnlyList<string> RepetitionWords { get; init; } = [];

    /// <summary>Verbs of delight ("enjoyed", "loved"; "encantó"): followed by a verb form, in constructive feedback, delight at an ordeal is sarcasm.</summary>
    public IReadOnlyList<string> DelightVerbs { get; init; } = [];

    /// <summary>Endings of the verb form after a <see cref="DelightVerbs"/> word ("ing"; "ar", "er", "ir", "arte").</summary>
    public IReadOnlyList<string> ExperienceSuffixes { get; init; } = [];

    /// <summary>
    /// Coach v5. Words of positive evaluation ("lovely", "helpful", "appreciate"; "útil", "maravilla"; "hilfreich",
    /// "Traum"). With thanks, general praise, emoji or a word for the receiver they mark a draft as praise when the
    /// giver did not say; a draft with none of these reports on a thing, and a report given as feedback is criticism.
    /// </summary>
    public IReadOnlyList<string> PraiseWords { get; init; } = [];

    /// <summary>Coach v5. Words for the receiver ("you", "your"; "tú", "contigo"; "du", "dein"): praise credits someone.</summary>
    public IReadOnlyList<string> ReceiverWords { get; init; } = [];

    /// <summary>Coach v5. Verb endings that name the receiver where the subject is dropped (Spanish "escrib<b>iste</b>", "entreg<b>aste</b>").</summary>
    public IReadOnlyList<string> ReceiverSuffixes { get; init; } = [];

    /// <summary>
    /// Coach v5. Pronouns that make a question with the verb first a request ("Erneuerst <b>du</b>'s heute?",
    /// "wollen <b>wir</b> die zusammenfassen?", "Do <b>you</b> want to ...?").
    /// </summary>
    public IReadOnlyList<string> QuestionSubjects { get; init; } = [];

    /// <summary>
    /// Coach v5. Where the subject is dropped (Spanish), endings of a present verb in the second person (tú "-as",
    /// "-es"; vos "-ás", "-és", "-ís") or the first person plural ("-amos", "-emos", "-imos"): a question that
    /// opens with one asks for something ("¿Podés sumarlos?", "¿La pides hoy?", "¿pedimos dos lectores?").
    /// </summary>
    public IReadOnlyList<string> QuestionVerbSuffixes { get; init; } = [];

    /// <summary>
    /// Coach v8. Hedges that, opening a question, put forward a step ("Maybe start with a summary?", "Vielleicht
    /// hilft ein Satz mehr Kontext?", "evtl. noch ein Kapitel zu den Risiken?", "¿Quizás un resumen al principio?"):
    /// a question that opens with "maybe" proposes, whatever its verb.
    /// </summary>
    public IReadOnlyList<string> ProposalOpeners { get; init; } = [];

    /// <summary>
    /// Coach v10. Words that, right after the first word of a sentence that is no question, make that word an imperative
    /// whatever its verb ("Redo <b>it</b> with references", "Set <b>up</b> a checklist", "Cut <b>one</b> of them"); a
    /// determiner does too ("Read <b>the</b> guide", "Stopp <b>den</b> Job"). The first word must have no other role in
    /// the language's lists (no praise, time, greeting, determiner, ...). Empty: the rule is off for the language.
    /// </summary>
    public IReadOnlyList<string> ImperativeObjects { get; init; } = [];

    /// <summary>
    /// Coach v10. Endings of a sentence's first word that are no imperative ("Loved the ...", "Seeing the ...",
    /// "Finally the ...", "Thanks the ..."): past forms, gerunds, adverbs, plurals.
    /// </summary>
    public IReadOnlyList<string> NotImperativeSuffixes { get; init; } = [];

    /// <summary>
    /// Coach v10. Words the lists do not know that open a sentence without being an imperative: abbreviations and
    /// interjections ("fyi the ...", "Wow the ..."), sentence adverbs ("Nochmal zum Sommerfest ...", "Kurz zum Sheet ...").
    /// </summary>
    public IReadOnlyList<string> NotImperativeWords { get; init; } = [];

    /// <summary>
    /// Coach v8. The writer's side in the plural ("we", "wir", "nosotros"): opening a later clause it is who the work
    /// affected ("..., we didn't lose a single customer"), though a self-subject; "I" stays a reaction ("I love it").
    /// </summary>
    public IReadOnlyList<string> TeamSubjects { get; init; } = [];

    /// <summary>
    /// Coach v8. Verbs of need after the writer's side ("we need to talk", "wir müssen reden", "tenemos que hablar"):
    /// what the team must do is a request, not what the work did.
    /// </summary>
    public IReadOnlyList<string> Obligations { get; init; } = [];

    /// <summary>
    /// Coach v9. The writer's side as the object of a verb ("<b>nos</b> salvó", "<b>nos</b> quedamos sin margen", "hat
    /// <b>uns</b> getragen", "prägt <b>uns</b> bis heute"): what the work did to the team, in any clause. Not in a request
    /// or a question ("¿nos lo mandas?"), nor after a word of <see cref="WriterObjectBlockers"/>.
    /// </summary>
    public IReadOnlyList<string> WriterObjects { get; init; } = [];

    /// <summary>
    /// Coach v9. Words before a <see cref="WriterObjects"/> pronoun that make it no object of what happened: a
    /// reflexive after its subject ("müssen <b>wir uns</b> anschauen"), "lass uns" (a proposal); so does any of
    /// <see cref="Prepositions"/> ("für uns", "bei uns": a place or a beneficiary, and in sarcasm "toll für uns").
    /// </summary>
    public IReadOnlyList<string> WriterObjectBlockers { get; init; } = [];

    /// <summary>
    /// Coach v9. Prepositions: after one, "uns" is no object of a verb, and after a subject's noun one continues the
    /// noun phrase ("die Liquidität <b>für</b> Dezember wird knapp") rather than being its verb.
    /// </summary>
    public IReadOnlyList<string> Prepositions { get; init; } = [];

    /// <summary>
    /// Coach v9. Pronouns that open a main clause about people just named when a <see cref="FiniteVerbs"/> form
    /// follows at once ("– <b>die haben</b> gestern unterschrieben"); a relative clause puts its verb last.
    /// </summary>
    public IReadOnlyList<string> Demonstratives { get; init; } = [];

    /// <summary>Coach v9. Finite verbs (plural) that may follow a <see cref="Demonstratives"/> pronoun.</summary>
    public IReadOnlyList<string> FiniteVerbs { get; init; } = [];

    /// <summary>
    /// Coach v11. A form of "to be" with the writer in the dative ("<b>ist mir</b> ein Rätsel", "<b>bin mir</b> nicht
    /// sicher", "<b>war mir</b> zu knapp"): the writer's judgement or doubt, so the pronoun after it is no one affected.
    /// </summary>
    public IReadOnlyList<string> JudgementPhrases { get; init; } = [];

    /// <summary>Coach v5. Object pronouns that may stand before the verb of such a question ("¿<b>La</b> podés cambiar?").</summary>
    public IReadOnlyList<string> ObjectClitics { get; init; } = [];

    /// <summary>
    /// Coach v5. Words that say something happened for once ("finally", "for once"; "por fin"; "endlich", "auch mal"):
    /// next to the receiver, praise of what is expected anyway is backhanded ("Finally you got something right").
    /// </summary>
    public IReadOnlyList<string> RarityPhrases { get; init; } = [];

    /// <summary>Coach v5. "so" before who was affected opens a consequence ("so support had no idea"; "así"; "also").</summary>
    public IReadOnlyList<string> ConsequenceWords { get; init; } = [];

    /// <summary>
    /// Coach v6. "then"; "entonces"; "dann": opening a clause after a condition anywhere in the sentence, it states the
    /// condition's consequence ("Wär gut, wenn du sie ablegst, dann findet die Vertretung alles").
    /// </summary>
    public IReadOnlyList<string> ThenWords { get; init; } = [];

    /// <summary>Coach v5. "almost", "nearly"; "casi"; "fast", "beinahe": before a past form in a later clause, an outcome narrowly averted.</summary>
    public IReadOnlyList<string> NearMissWords { get; init; } = [];

    /// <summary>Coach v5. "of", "de", "von" between two numbers: a proportion ("4 of 5 people") is a measured outcome.</summary>
    public IReadOnlyList<string> ProportionWords { get; init; } = [];

    /// <summary>
    /// Coach v5. Pronouns a relative clause can hang on ("alles", "das", "nichts"): ", was" after one opens a relative
    /// clause ("danke für alles, was du machst"), not a consequence.
    /// </summary>
    public IReadOnlyList<string> RelativeAntecedents { get; init; } = [];

    /// <summary>
    /// Coach v5. Negations ("not"; "no"; "nicht", "kein"): after who was affected, in a later clause, what did not
    /// happen to them is the result ("y la gente no los lee hasta el final"), like a comparative.
    /// </summary>
    public IReadOnlyList<string> NegationWords { get; init; } = [];

    /// <summary>
    /// Coach v5. Verbs of finding something out ("finding out"; "enterarme"; "zu erfahren"): praised in the same
    /// sentence ("Really appreciate finding out about the reorg from the slides", "Qué bonito enterarme por el
    /// cliente"), one's own discovery of news is the complaint that nobody said: sarcasm.
    /// </summary>
    public IReadOnlyList<string> LearnPhrases { get; init; } = [];

    /// <summary>
    /// Coach v12. Exclamations that can open a sentence on their own, set off by a comma ("wow", "oh great"; "ah",
    /// "vaya"; "na toll", "ach"); a praise word does the same ("Great, ..."). See <see cref="AgainPhrases"/>.
    /// </summary>
    public IReadOnlyList<string> ExclamationPhrases { get; init; } = [];

    /// <summary>
    /// Coach v12. "Yet again" as the first thing after an opening exclamation ("Wow, another release note full of
    /// typos", "Ah, genial, otro lunes sin el reporte", "Na toll, schon wieder ..."): cheering one more of the same
    /// thing is exasperation, sarcasm.
    /// </summary>
    public IReadOnlyList<string> AgainPhrases { get; init; } = [];

    /// <summary>
    /// Coach v12. Agreement that opens a sentence on its own, set off by a comma ("Sure, let's skip QA again", "Oh sure,
    /// shipping ... on a Friday"; "Claro, ..."; "Na klar, ..."): feedback answers no one, so agreeing with nobody is
    /// mock agreement, sarcasm.
    /// </summary>
    public IReadOnlyList<string> MockAgreementPhrases { get; init; } = [];

    /// <summary>
    /// Coach v12. Reasons that are reasons only when they open a sentence ("Mit deiner Geduld hast du ... gehalten"):
    /// after the verb the same words name what came along or what is meant ("beehrst uns mit deiner Anwesenheit",
    /// "reicht es mir mit deiner Schlamperei", "..., mit deiner Power in jedem Meeting").
    /// </summary>
    public IReadOnlyList<string> FrontedImpactPhrases { get; init; } = [];

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
    /// <summary>Prefix of the "why" tip when the draft already names its moment: {0} quotes it.</summary>
    public required string AnchorFound { get; init; }
    /// <summary>Prefix of the "specific" tip when the draft has only general praise: {0} quotes it.</summary>
    public required string VagueFound { get; init; }
    /// <summary>"For example" before an example rewrite.</summary>
    public required string ForExample { get; init; }
    /// <summary>Sarcasm cue: thanks or praise around a word in quotation marks ("thanks for the 'quick' review").</summary>
    public required string ScareQuotes { get; init; }
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
