namespace FeedbackBot.Core.Coaching.Languages;

/// <summary>
/// German rules as data, for the German of work chat (du, as most teams write; Sie forms where they differ).
/// German capitalises every noun, so a capital names nothing by itself (<see cref="CoachLanguage.NounsCapitalised"/>),
/// compounds carry their occasion at the end ("Kundentermin", "Sprintplanung": <see cref="CoachLanguage.SituationSuffixes"/>),
/// and the participle closes the clause ("du hast den Bericht geschrieben": <see cref="CoachLanguage.ParticipleLast"/>).
/// </summary>
public static class German
{
    public static CoachLanguage Language { get; } = new()
    {
        Code = "de",
        Name = "Deutsch",
        Alphabet = [('a', 'z'), ('A', 'Z'), ('\u00C0', '\u024F')],
        NounsCapitalised = true,
        ParticipleLast = true,
        CommonWords =
        [
            "der", "die", "das", "und", "ist", "nicht", "du", "dich", "dir", "dein", "deine", "deinen", "deiner", "ich",
            "wir", "ein", "eine", "einen", "mit", "für", "auf", "von", "zu", "dem", "den", "hast", "hat", "sehr", "danke",
            "gut", "gemacht", "auch", "aber", "wie", "im", "bei", "weil", "dass", "sodass", "gestern", "heute", "noch",
            "schon", "bitte", "beim", "vom", "zum", "zur", "wenn", "ob", "toll", "super", "arbeit", "uns", "euch",
            "könntest", "nächste", "nächsten", "mal", "sind", "waren", "hatte",
        ],
        DistinctiveLetters = "äöüß",
        TimePhrases =
        [
            "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "montags", "freitags",
            "januar", "februar", "märz", "april", "juni", "juli", "august", "september", "oktober", "november", "dezember",
            "gestern", "vorgestern", "heute morgen", "heute früh", "heute nachmittag", "heute vormittag", "gestern abend",
            "letzte nacht", "heute nacht", "wochenende", "mitternacht", "letzte woche", "vormittag",
            "freitagabend",
            // v4: "Jänner" is Austrian January; a season names when it happened.
            "jänner", "sommer", "herbst", "frühling", "winter",
        ],
        DeicticTimePhrases = ["heute", "diese woche", "diesen monat"],
        // Whole words; the suffixes below find the same nouns inside compounds.
        SituationPhrases =
        [
            "demo", "meeting", "besprechung", "termin", "daily", "standup", "stand-up", "retro", "retrospektive", "call",
            "anruf", "telefonat", "webinar", "ausfall", "störung", "incident", "launch", "release", "präsentation",
            "vortrag", "pitch", "kickoff", "planung", "workshop", "vorstellungsgespräch", "interview", "offsite",
            "konferenz", "sitzung", "migration", "deployment", "deploy", "rollout", "sprint", "postmortem", "übergabe",
            "schulung", "audit", "pipeline", "build", "hotfix", "bereitschaft", "rufbereitschaft", "eskalation",
            "review", "code-review", "pull request", "pr", "bericht", "report", "e-mail", "mail", "folie", "folien",
            "foliensatz", "dokument", "doku", "dokumentation", "spezifikation", "ticket", "commit", "dashboard",
            "checkliste", "skript", "angebot", "tabelle", "kanal", "wiki", "seite", "tippfehler", "rechnung", "produktion",
            "feature", "schätzung", "zusammenfassung", "readme", "roadmap", "vertrag", "budget", "prognose", "prototyp",
            "entwurf", "diagramm", "release notes", "testplan", "abfrage", "fehlerbehebung",
            "einarbeitung", "protokoll", "kundentermin", "konzept", "repo", "styleguide", "vorlage", "anleitung",
            // Events and the everyday artefacts of any team (coach v4).
            "feier", "messe", "veranstaltung", "event", "kampagne", "newsletter", "umfrage", "leitfaden", "handbuch",
            "formular",
        ],
        SituationSuffixes =
        [
            "meeting", "besprechung", "termin", "präsentation", "vortrag", "planung", "workshop", "gespräch", "konferenz",
            "sitzung", "migration", "bericht", "report", "dokument", "folie", "folien", "ticket", "review", "release",
            "deployment", "ausfall", "störung", "übergabe", "schulung", "angebot", "tabelle", "rechnung", "schätzung",
            "zusammenfassung", "vertrag", "entwurf", "diagramm", "protokoll", "demo", "retro", "runde", "call",
            "telefonat", "pitch", "audit", "hotfix", "feature", "dashboard", "skript", "abfrage", "seite", "kanal",
            "umfrage", "abschluss", "inventur",
            // v4: the heads of compounds that name a piece of work or an event ("Onboarding-Konzept",
            // "Weihnachtsfeier", "Produktbeschreibung", "Migrationsprojekt", "Dienstplan").
            "konzept", "feier", "projekt", "beschreibung", "vorlage", "anleitung", "plan", "abrechnung", "export",
        ],
        PlacePhrases =
        [
            "im büro", "im buero", "vor ort", "beim kunden", "in der küche", "am telefon", "auf der bühne", "am stand",
            "im besprechungsraum", "im meetingraum", "am empfang", "im lager", "im flur", "in der kantine",
        ],
        CapitalisedNonNames = ["ok", "okay"],
        Greetings = ["danke", "hallo", "hi", "hey", "liebe", "lieber", "glückwunsch", "bravo", "servus", "moin"],
        Determiners =
        [
            "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "dein", "deine", "deinen",
            "deinem", "deiner", "unser", "unsere", "unseren", "unserem", "unserer", "ihr", "ihre", "ihren", "ihrem",
            "sein", "seine", "seinen", "seinem", "diesen", "diese", "dieses", "diesem", "dieser", "im", "am", "beim",
            "vom", "zum", "zur",
        ],
        PastForms =
        [
            "schriebst", "schrieb", "brachtest", "brachte", "fandest", "fand", "gabst", "gab", "nahmst", "nahm",
            "unterschrieb", "unterschrieben", "geschrieben", "gegeben", "genommen", "gefunden", "gebracht", "gehalten",
            "behoben", "erklärt", "erklärtest", "präsentiert", "präsentiertest", "organisiert", "moderiert", "verbessert",
            "übernommen", "beantwortet", "vorbereitet", "aufgeräumt", "zusammengefasst", "geleitet", "gebaut",
            "dokumentiert", "aktualisiert", "implementiert", "koordiniert", "analysiert", "repariert", "installiert",
        ],
        // Präteritum of weak verbs in the second person ("du präsentiertest") is rare in chat; the perfect covers most.
        PastSuffixes = ["iertest", "iertet"],
        PastExceptions =
        [
            "nicht", "jetzt", "selbst", "erst", "zuerst", "meist", "echt", "recht", "leicht", "bereits", "damit", "zuletzt",
            "sofort", "fast", "sonst", "perfekt", "direkt", "konkret", "korrekt", "oben", "unten", "neben", "eben",
            "gern", "gerne", "morgen", "haben", "werden", "worden", "sollten", "könnten", "wollten", "müssten", "würden",
            "hatten", "waren", "sehen", "gesehen", "einen", "deinen", "seinen", "ihren", "unseren", "diesen", "allen",
            "vielen", "wirklich", "meinen", "keinen", "schnellen", "guten", "klaren", "nett", "bisschen", "mindestens",
            "schlecht", "spät", "laut", "weit", "breit", "bekannt", "gesamt", "insgesamt", "heftig", "mehrmals", "oft",
        ],
        GeneralVerbs =
        [
            "war", "warst", "wart", "gewesen", "hatte", "hattest", "gehabt", "gemacht", "getan", "geworden", "gefallen",
            "gefreut", "gedacht", "versucht", "gewollt", "gefühlt", "gemocht", "geliebt", "gearbeitet",
        ],
        PerfectAuxiliaries = ["hast", "hat", "habt", "haben", "hattest", "hatte", "hatten", "bist", "ist", "sind", "seid"],
        ParticipleSuffixes = ["t", "en"],
        // ge- (also after a separable prefix: "auf-ge-räumt") or an inseparable prefix ("verbessert", "erklärt").
        ParticipleMarkers = ["ge", "be", "ver", "er", "ent", "zer", "über", "unter", "miss"],
        ResultSubjects =
        [
            "sie", "wir", "er", "ich", "es", "alle", "jeder", "niemand", "keiner", "uns", "mir", "mich", "das team", "unser team", "das ganze team",
            "der kunde", "die kundin", "die kunden", "unsere kunden", "kunden", "die nutzer", "nutzer", "die neuen",
            "der support", "das support-team", "der vertrieb", "die buchhaltung", "die geschäftsführung", "die reviewer",
            "der kandidat", "die kandidatin", "drei teams", "zwei teams", "andere teams", "die meisten", "viele", "kaum",
            "die bereitschaft", "die kolleginnen", "die kollegen", "der einkaufsleiter",
            // v10: some of the people just named ("und manche trauen sich dann nicht mehr").
            "manche", "einige", "die leute",
        ],
        ResultVerbs =
        [
            "konnte", "konnten", "konntest", "kann", "können", "musste nicht", "mussten nicht", "brauchte nicht",
            "nicht mehr", "endlich", "jetzt", "seitdem", "mehr", "kaum mehr", "kaum noch", "beschwert", "gemeldet", "nachfragen", "lädt",
            // v7: a state reached or lasting after the action, as English "already", "still", "by now" (v3).
            "schon", "inzwischen", "mittlerweile", "bis heute", "immer noch", "noch immer",
        ],
        ClauseLinks = ["und", "dann"],
        ChangeWords =
        [
            "statt", "anstatt", "anstelle", "weniger als", "früher als geplant", "früher", "schneller", "eher", "prozent",
            "gespart", "eingespart", "verkürzt", "kürzer", "unter", "gefallen", "mehr", "weniger",
            "warten", "gewartet",
            // v5: a quantity that went down or up, compared with the plan, or lost.
            "runter", "rauf", "als geplant", "wie geplant", "als erwartet", "verloren", "verschwendet",
            // v6: what a quantity cost; the verb bracket puts it before the participle ("hat uns zwei Wochen gekostet").
            "gekostet",
            // v6: a count or a wait since an event ("seit zehn Tagen ohne Review"), like v5's "seit dem Release".
            "seit",
        ],
        NumberWords =
        [
            "eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn", "elf", "zwölf", "fünfzehn",
            "zwanzig", "dreißig", "fünfzig", "hundert", "hälfte", "halbe", "doppelt", "einen tag", "eine woche",
            "eine stunde", "einen monat", "einen nachmittag", "einen vormittag", "null", "sekunden", "minuten", "stunden",
            "tage", "wochen",
            // v6: a whole span of time is a quantity ("den ganzen Nachmittag verloren").
            "den ganzen tag", "den ganzen nachmittag", "den ganzen vormittag", "die ganze woche",
            // v5: fractions are quantities; the dative of "eine Stunde" ("in einer Stunde statt ...").
            "drittel", "viertel", "ein drittel", "einer stunde", "einem tag", "einer woche", "einem monat",
        ],
        ImpactPhrases =
        [
            "weil", ", denn", ", da", "dadurch", "deshalb", "deswegen", "darum", "daher", "sodass", "so dass", ", so",
            "damit", "um zu", ", was", ", wodurch", "was dazu führte", "was bedeutete", "dank", "dank dir", "geholfen",
            "hilft", "hat uns geholfen", "gespart", "erspart", "bewahrt", "ermöglicht", "erlaubt", "hat es erlaubt",
            "entblockt", "blockiert", "verzögert", "aufgehalten", "verwirrt", "verwirrung", "verursacht", "dazu geführt",
            "führte zu", "hat dazu geführt", "als ergebnis", "infolgedessen", "auswirkung", "unterschied", "mussten",
            "musste", "musstest", "einfacher", "leichter", "schwerer", "schwieriger", "risiko", "gefährdet", "gewonnen",
            "bedankt", "inspiriert", "gemerkt", "aufgefallen", "entmutigt", "verunsichert", "fühlte sich", "fühlten sich",
            "hat sich gefühlt", "ich fühlte mich", "ist still geworden", "hat aufgehört", "kostete", "hat uns gekostet",
            "kam nicht dazu", "kamen nicht dazu", "dafür gesorgt", "seitdem",
            // A first time, a change since the action, what would have happened without it.
            "zum ersten mal", "seit du", "seit deinem", "seit deiner", "seit ihr", "seit sie", "seit ihrem", "sonst hätten",
            "sonst wäre", "hätte", "hätten wir", "wäre", "ohne deinen", "ohne deine", "ohne dich", "demotiviert", "gekündigt",
            "ewig",
            // v4: "sorgt dafür" is "dafür gesorgt" in the present; a verb of changed quantity is a change by itself;
            // a first time said with a possessive ("seinen ersten Deploy"); "der Grund"; "ganz ohne" (a cost avoided).
            "sorgt dafür", "sorgte dafür", "sorgen dafür", "halbiert", "verdoppelt", "gesunken", "gestiegen",
            // v6: a multiplied quantity, like "verdoppelt".
            "verdreifacht",
            // v7: what the work became, a change of state ("wurde zum Standard", "ist zum ... geworden").
            "wurde zum", "wurde zur", "ist zum", "ist zur", "verwandelt",
            "seinen ersten", "ihren ersten", "sein erstes", "ihr erstes", "seine erste", "ihre erste", "der grund", "das ergebnis ist", "das ergebnis war",
            "um ein drittel", "um die hälfte", "um ein viertel", "um zwei drittel", "ganz ohne",
            // v5: "durch dein ..." names the cause like "dank". v9: "seit dem Update" alone only dates a state ("fehlen
            // seit dem Update die Screenshots"); the change since the receiver's action is "seit deinem" (above).
            "durch dein", "durch deine", "durch deinen",
            // v11: "wegen deiner fehlenden Belege" names the receiver's part as the cause, like "durch dein", "dank".
            "wegen dir", "wegen deiner", "wegen deines", "wegen deinem", "wegen deinen", "wegen ihrer", "wegen ihres", "wegen ihnen",
        ],
        ImpactExceptions = ["hätte gern", "hätte gerne", "wäre toll", "wäre super", "wäre schön", "wäre es", "wäre gut", ", so schön", ", so toll", ", so gut", ", so viel", ", so froh", ", so stolz", "da ist", "da war", "da sind", "damit du"],
        SuggestionPhrases =
        [
            "nächstes mal", "beim nächsten mal", "nächste mal", "könntest du", "kannst du", "würdest du", "könnten wir",
            "können wir", "du könntest", "wir könnten", "versuch", "versuche", "probier", "probiere", "ich schlage vor",
            "mein vorschlag", "vorschlag", "was wäre wenn", "was wäre, wenn", "wie wäre es", "wie wärs", "überleg", "bitte",
            "es würde helfen", "es wäre toll", "es wäre super", "ich fände es gut", "ich würde mich freuen", "künftig",
            "zukünftig", "in zukunft", "ab jetzt", "ab sofort", "lass uns", "lasst uns", "stattdessen", "vielleicht könntest",
            "es lohnt sich", "ich empfehle", "achte darauf", "denk daran", "denke daran", "du solltest", "wir sollten",
            "könnten sie", "können sie", "würden sie", "magst du", "möchtest du", "wünsche ich mir", "ich wünsche mir",
            "wie wär's", "wie wäre es", "beim nächsten", "für den nächsten", "für die nächste", "fürs nächste",
            // v4: "wenn du Zeit hast" only frames a request; "ich wäre dir dankbar" is "es würde helfen".
            "wenn du zeit hast", "wenn du kurz zeit hast", "wenn sie zeit haben", "ich wäre dir dankbar", "ich wäre ihnen dankbar",
            // v5: a counterfactual evaluation that proposes the alternative.
            "wäre es nicht besser", "wäre es besser", "wäre es nicht sinnvoller", "wäre es sinnvoll", "wäre es sinnvoller",
            // v5: "wenn du Zeit hast" asked as a question.
            "hast du zeit", "hast du kurz zeit", "hast du morgen zeit", "hast du heute zeit",
            // v8: the same evaluation of an easier alternative; "würde helfen" in verb-second order; asking what the
            // receiver thinks of a step (not "denkst du", which asks for an opinion); a request put to anyone.
            "wäre es nicht einfacher", "wär's nicht einfacher", "wäre es einfacher", "würde helfen", "hilft vielleicht",
            "was hältst du davon", "was haltet ihr davon", "was halten sie davon", "könnte jemand", "kann jemand",
            // v10: a polite request asked as whether it can be done.
            "wäre es möglich", "ist es möglich", "wär's möglich",
        ],
        SuggestionExceptions =
        [
            "du hättest", "wir hätten", "du hättest können", "hättest du", "du hättest sollen", "bitte nicht so",
            // v5: a question about what the receiver remembers or knows asks for nothing.
            "erinnerst du", "weißt du", "kennst du",
            // v5: a question about what the receiver thinks asks for an opinion, not an action.
            "glaubst du", "meinst du", "denkst du",
            // v10: asking to talk names no step (it announces the feedback).
            "können wir reden", "können wir kurz reden", "können wir mal reden", "können wir sprechen",
            "können wir kurz sprechen", "können wir mal sprechen",
        ],
        ProblemPhrases =
        [
            "zu spät", "verspätet", "verpasst", "vergessen", "fehlte", "fehlten", "fehlt", "fehler", "falsch", "kaputt",
            "nicht", "nie", "zu viel", "zu lang", "zu lange", "unterbrochen", "schwer zu", "verwirrend", "problem", "hart", "verbessern",
            "stattdessen", "solltest", "sollte", "fehlgeschlagen", "abgestürzt", "chaos", "schlechter", "verzögerung", "falsche",
            "falschen", "falscher", "leeren", "unbesetzt",
            // v4: complaints and duplicates are problems in any domain.
            "beschwert", "beschwerde", "beschwerden", "doppelt", "reklamation",
            // v5: someone left without the information they needed.
            "keine ahnung",
        ],
        ProblemExceptions = ["nicht mehr nachfragen", "nicht nachfragen", "nicht mehr fragen"],
        ZeroQuantities = ["kein einziger", "keine einzige", "keinen einzigen", "kein einziges", "keiner einzigen", "null"],
        WithoutWords = ["ohne"],
        AnyWords = ["einzige", "einzigen", "einziges", "jemanden", "jede", "jeden"],
        RangeFrom = ["von"],
        RangeTo = ["auf", "zu"],
        Comparatives = ["mehr", "weniger", "schneller"],
        ConditionWords = ["wenn", "sobald", "falls"],
        AgoWords = ["vor"],
        StaleUnits = ["monat", "monaten", "jahr", "jahren", "quartal", "quartalen"],
        DeadlineWords = ["bis"],
        CopulaWords = ["bist", "warst", "sind", "waren", "seid", "wart", "ist"],
        LabelSuffixes = ["los"],
        VerbSecond = true,
        SelfSubjects = ["ich", "wir"],
        TeamSubjects = ["wir"],
        Obligations = ["müssen", "sollten", "sollen", "brauchen"],
        // v9: "uns" after its verb is who the work reached ("hat uns getragen"); after "wir" a reflexive, after "lass" a
        // proposal, after a preposition a place or a beneficiary.
        WriterObjects = ["uns"],
        WriterObjectBlockers = ["wir", "lass", "lasst"],
        Prepositions =
        [
            "für", "bei", "beim", "mit", "zu", "zum", "zur", "von", "vom", "an", "am", "auf", "aus", "in", "im", "vor", "nach",
            "unter", "über", "zwischen", "gegen", "ohne", "um", "außer", "durch", "seit", "bis",
        ],
        Demonstratives = ["die"],
        FiniteVerbs = ["haben", "hatten", "sind", "waren", "wollen", "wollten", "werden", "wurden", "können", "konnten", "müssen", "mussten"],
        PronounSubjects = ["es", "uns", "mir", "mich", "das"],
        SinceWords = ["seit"],
        ClockWords = ["uhr"],
        RepetitionWords = ["wieder", "erneut"],
        VaguePraisePhrases =
        [
            "gute arbeit", "tolle arbeit", "super arbeit", "klasse arbeit", "gut gemacht", "toll gemacht", "super gemacht",
            "weiter so", "mach weiter so", "klasse", "spitze", "super", "genial", "großartig", "grossartig", "du bist die beste",
            "du bist der beste", "danke für alles", "stark", "respekt", "hut ab", "bravo", "danke", "vielen dank",
            "toller einsatz", "top",
        ],
        AbsolutePhrases = ["immer", "nie", "niemals", "jedes mal", "ständig", "dauernd", "die ganze zeit", "jedes einzelne mal", "ewig"],
        PersonalAbsolutePhrases =
        [
            "du immer", "du nie", "du bist immer", "du bist nie", "du ständig", "du dauernd", "immer du", "jedes einzelne mal",
            "schon wieder du", "wie immer du", "nie zu", "bist nie", "hörst nie", "immer zu spät",
        ],
        PersonWords = ["du", "bist", "dich", "dein", "deine", "dir", "sie", "er", "ihr", "seid", "wirkst"],
        CharacterLabels =
        [
            "faul", "nachlässig", "schlampig", "inkompetent", "nutzlos", "dumm", "blöd", "ahnungslos", "hoffnungslos",
            "unhöflich", "arrogant", "egoistisch", "schwierig", "unprofessionell", "furchtbar", "schrecklich", "nervig",
            "verantwortungslos", "unzuverlässig", "toxisch", "chaotisch", "unorganisiert", "herrisch", "aggressiv",
            "feindselig", "unreif", "erbärmlich", "negativ", "peinlich", "unfähig", "stinkfaul", "besserwisser", "besserwisserin",
            "zumutung", "katastrophe", "egal",
        ],
        InsultPhrases =
        [
            "idiot", "trottel", "versager", "clown", "müll", "mist", "schrott", "scheiße", "scheisse", "enttäuscht von dir",
            "ist dir egal", "ist dir doch egal", "was ist los mit dir", "was stimmt nicht mit dir", "schäm dich", "nix anzufangen",
            "nichts anzufangen", "reiß dich", "reiss dich",
        ],
        AngerPhrases =
        [
            "lächerlich", "inakzeptabel", "absurd", "unverschämt", "eine frechheit", "frechheit", "schwachsinn", "murks",
            "unmöglich", "reicht's", "es reicht", "echt jetzt", "was hast du dir dabei gedacht",
            "was hast du dir gedacht", "um himmels willen", "was zum teufel", "verdammt", "ich habe es satt", "ich hab es satt",
            "wie oft noch", "ich fasse es nicht", "ich glaube es nicht",
            "ich fass es nicht",
        ],
        SarcasmPhrases =
        [
            "ja klar", "na toll", "na super", "na prima", "ganz toll", "danke für nichts", "was für eine überraschung",
            "welch überraschung", "schön für dich", "danke, dass du endlich", "wie nett von dir", "gut gemacht, wieder",
            "bravo, wieder", "applaus", "typisch", "sehr witzig", "natürlich wieder",
            // Delight at one's own loss or at a failure: "Toll, dass ich ... ohne die Folien halten durfte".
            "toll, dass ich", "schön, dass ich", "sehr souverän", "spannende erfahrung", "nichts geht über",
        ],
        HedgePhrases =
        [
            "nur", "irgendwie", "ein bisschen", "ein wenig", "etwas", "vielleicht", "eventuell", "möglicherweise",
            "ich glaube", "ich denke", "ich weiß nicht", "sorry", "entschuldige", "wohl", "eigentlich",
        ],
        MinimiserPhrases =
        [
            "nicht so schlimm", "keine große sache", "kein drama", "liegt bestimmt an mir", "vielleicht liegt es an mir",
            "kannst du ignorieren", "ignorier das", "ich kann mich irren", "vielleicht irre ich mich", "nur so ein gedanke",
            "ist nicht wichtig",
        ],
        StalePhrases =
        [
            "letztes quartal", "im letzten quartal", "vor monaten", "vor ein paar monaten", "letztes jahr", "vor einer weile",
            "vor längerer zeit", "damals", "vor wochen", "vor ein paar wochen", "letzten monat", "vor langer zeit",
            "ewig her", "anfang des jahres", "letzten sommer", "letzten winter", "letzten frühling", "letzten herbst",
            "letztes semester",
        ],
        StaleExceptions =
        [
            "des letzten quartals", "des letzten jahres", "letztjährigen", "vom letzten quartal", "vom letzten jahr",
            "wie letztes jahr", "als letztes jahr",
        ],
        ImperativeVerbs =
        [
            "schreib", "schreibt", "schick", "schickt", "prüf", "prüft", "lass", "lasst", "sprich", "sprecht", "zieh", "zieht",
            "schieb", "nimm", "nehmt", "gib", "gebt", "frag", "fragt", "sag", "sagt", "ruf", "meld", "melde", "teil", "teile",
            "setz", "stell", "leg", "trag", "pack", "häng", "nutz", "nutze", "verschick", "änder", "ändere", "klär", "kläre",
            "plan", "plane", "mach", "macht", "check", "ping", "sorg", "sorge", "hol", "bring", "bringt", "vermeide",
            "vermeid", "erklär", "erkläre", "korrigier", "korrigiere", "aktualisier", "aktualisiere", "überprüf", "überprüfe",
            "warte", "wart", "hör", "lies", "informier", "informiere", "stimm", "stimme", "gewöhn", "schau", "schaut",
        ],
        ComparisonWords = ["wie", "als"],
        ImperativeSofteners = ["bitte", "vielleicht", "einfach", "dann", "also", "mal"],
        ProposalOpeners = ["vielleicht", "evtl", "eventuell"],
        ImperativeObjects = ["es"],
        // v11: "ist mir ein Rätsel", "bin mir nicht sicher": the writer's judgement, not who was affected.
        JudgementPhrases = ["ist mir", "bin mir", "war mir", "wäre mir", "sind mir", "waren mir"],
        NotImperativeSuffixes = ["en", "te", "st", "er", "ung"],
        NotImperativeWords = ["nochmal", "noch", "kurz", "auch", "nur", "gerade", "echt", "wow", "ok", "okay", "na", "ja", "jetzt", "zum", "zur", "und", "aber", "sogar", "fyi"],
        DegreeWords = ["so", "derart", "dermaßen"],
        DegreeConsequence = ["dass"],
        HabitWords = ["jedem", "jeden", "jeder", "jede", "jedes", "allen", "alle"],
        FrequencyWords = ["oft", "häufig", "meistens", "normalerweise", "ständig", "regelmäßig", "manchmal", "neigst", "neigt"],
        IndefiniteArticles = ["ein", "eine", "einen", "einer"],
        ThanksWords = ["danke", "dank", "vielen"],
        ContrastWords = ["aber", "allerdings", "jedoch", "nur", "trotzdem"],
        MonthNames =
        [
            // A season dates the event by its last month ("im Sommer": August).
            "januar|jänner", "februar", "märz", "april", "mai|frühling|frühjahr", "juni", "juli", "august|sommer", "september", "oktober",
            "november|herbst", "dezember",
        ],
        PastMonthPrepositions = ["im", "seit", "vom", "anfang", "ende", "mitte"],
        Acronyms =
        [
            "API", "CEO", "CTO", "HR", "QA", "UI", "UX", "PR", "SQL", "AWS", "CI", "CD", "OKR", "KPI", "JSON", "HTML", "HTTP",
            "URL", "SLA", "MVP", "ROI", "CSS", "SDK", "DSGVO", "GDPR", "SSO", "CRM", "ERP", "KI", "IT", "PDF", "NPS", "GMBH",
            "AG", "USA", "EU", "PM",
        ],
        // Coach v5 (grammar of the rules in CoachLanguage.cs).
        PraiseWords = ["hilfreich", "toll", "stark", "super", "klasse", "traum", "sauber", "saubere", "hervorragend", "ausgezeichnet", "perfekt", "beeindruckend", "vorbildlich", "großartig", "genial", "schön", "gut", "gute", "guter", "gutes", "prima", "spitze", "wunderbar", "fantastisch", "dankbar", "freut", "begeistert", "glückwunsch", "gratuliere", "respekt", "top", "souverän", "tolle", "toller", "tolles", "tollen", "schöne", "schönen", "hilfreiche", "hilfreichen", "starke", "starken", "zufrieden", "froh", "glücklich", "begeisterte", "großartige", "großartigen"],
        ReceiverWords = ["du", "dich", "dir", "dein", "deine", "deinen", "deinem", "deiner", "deines", "euch", "euer", "eure", "euren", "eurem", "bist", "hast", "warst", "hattest", "seid", "habt"],
        QuestionSubjects = ["du", "ihr", "wir", "sie"],
        RarityPhrases = ["endlich", "auch mal", "ausnahmsweise", "zur abwechslung"],
        NearMissWords = ["fast", "beinahe"],
        ThenWords = ["dann"],
        ProportionWords = ["von"],
        // v7: "schon wieder" is "yet again", a complaint; "schon" alone is a state reached ("lachen schon alle").
        HindsightMarkers = ["wieder"],
        RelativeAntecedents = ["alles", "das", "nichts", "etwas", "vieles", "einiges"],
        NegationWords = ["nicht", "kein", "keine", "keinen", "nie"],
        LearnPhrases = ["zu erfahren", "erfahre", "mitzubekommen"],
        ExclamationPhrases = ["wow", "oh", "ah", "ach", "na", "na toll", "na super", "na klasse", "na prima", "na bravo", "boah", "hurra", "juhu"],
        FrontedImpactPhrases = ["mit deinen", "mit deinem", "mit deiner"],
        MockAgreementPhrases = ["klar", "na klar", "ja klar", "ja sicher", "sicher doch", "klar doch"],
        AgainPhrases = ["schon wieder", "mal wieder", "wieder mal", "wieder", "erneut", "noch ein", "noch eine", "noch einen"],
        Messages = new()
        {
            NoSituation = "keine konkrete Situation (kein Zeitpunkt, Ort, Anlass oder Arbeitsergebnis genannt)",
            AnchorFound = "Du nennst \"{0}\".",
            VagueFound = "\"{0}\" ist herzlich, aber für sich allein allgemein.",
            ForExample = "Zum Beispiel",
            ScareQuotes = "ein Wort in Anführungszeichen neben einem Dank",
            OnlyVaguePraise = "nur allgemeines Lob",
            EmptyPart = "das Feld {0} ist leer",
            NoImpact = "keine Wirkung und kein Grund genannt (kein \"weil\", \"sodass\", \"was dazu führte\" oder Ähnliches)",
            NoSuggestion = "kein Vorschlag, was als Nächstes passieren könnte",
            PraiseNeedsNoStep = "Lob braucht keinen nächsten Schritt",
            NothingUnkind = "keine Etiketten, kein Ärger und kein Sarkasmus gefunden",
            NothingStale = "nichts deutet darauf hin, dass es länger her ist",
            EventDaysAgo = "das Ereignis war vor {0} Tagen",
            EventInFuture = "das Datum des Ereignisses liegt in der Zukunft",
            Shouting = "Großbuchstaben",
            Exclamations = "wiederholte Ausrufezeichen",
            NothingToReviewEvidence = "nichts zu prüfen",

            SpecificTip = "Nenne den Moment, damit klar ist, was genau wiederholt oder geändert werden soll.",
            SpecificExamplePraise = "In der Demo am Dienstag hast du dem Kunden den Rechnungsablauf Schritt für Schritt gezeigt.",
            SpecificExampleConstructive = "Im Daily gestern hast du Maria zweimal unterbrochen, während sie den Fehler erklärt hat.",
            WhyTip = "Schreib dazu, was es bewirkt hat, damit sichtbar wird, warum es zählt.",
            WhyExamplePraise = "..., sodass der Kunde genug Vertrauen hatte, den Vertrag zu verlängern.",
            WhyExampleConstructive = "..., sodass sie ihr Update nicht mehr zu Ende erzählt hat.",
            ActionableTip = "Schlag einen konkreten nächsten Schritt vor, den man ausprobieren kann.",
            ActionableExample = "Könntest du sie nächstes Mal ausreden lassen und danach deine Fragen stellen?",
            KindTip = "Lies es so, wie es beim Empfänger ankommt. Beschreibe, was passiert ist und was es verändert hat, und lass Worte darüber weg, wie jemand ist.",
            KindExample = "Im Bericht vom Freitag fehlten die Summen, sodass die Buchhaltung die Prognose neu erstellen musste.",
            TimelyTip = "Das ist schon eine Weile her. Feedback wirkt am besten nach wenigen Tagen; wenn es dir noch wichtig ist, sag, warum gerade jetzt, oder nimm ein aktuelles Beispiel.",
            StaleTip = "Hier geht es um etwas Älteres. Feedback wirkt am besten nach wenigen Tagen, mit einem aktuellen Beispiel lässt sich leichter etwas anfangen.",
            TimelyExample = "Im Review diese Woche ...",

            LabelTip = "Beschreibe die Handlung statt der Person. Was jemand tut, lässt sich ändern; ein Wort darüber, wie jemand ist, bringt eher in die Verteidigung. Zum Beispiel: 'Im Bericht vom Freitag fehlten die Summen.'",
            AngerTip = "Das klingt aufgebracht. Das ist verständlich; vielleicht hilft es, kurz abzuwarten und dann in normaler Schreibweise und mit ruhiger Zeichensetzung zu schreiben, damit die Botschaft ankommt und nicht der Ton.",
            SarcasmTip = "Sarkasmus wirkt schriftlich schnell herabsetzend. Sag direkt, was du meinst, zum Beispiel: 'Das Release am Freitag ist fehlgeschlagen; könnten wir vor dem Deployment einen kurzen Smoke-Test einbauen?'",
            AbsoluteTip = "Wörter wie 'immer' und 'nie' laden zur Diskussion über Ausnahmen ein. Nimm lieber ein oder zwei aktuelle Momente: 'In den letzten beiden Dailys ...'",
            VaguePraiseTip = "So ein Lob tut gut, und mit Details bedeutet es mehr: Sag, was die Person getan hat und was es bewirkt hat, damit klar ist, was sie wiederholen kann.",
            HedgingTip = "Zu viel Abschwächung kann deine Aussage verstecken. Klarheit ist freundlich: Sag schlicht die eine Sache, die du dir anders wünschst.",
            ConciseTip = "Das ist lang ({0} Wörter). Könntest du es auf die ein oder zwei wichtigsten Momente kürzen? Situation, Wirkung und ein Vorschlag in drei Sätzen reichen oft.",
            LongSentenceTip = "Ein Satz hat {0} Wörter. Aufgeteilt ist er leichter zu lesen.",
            TruncatedTip = "Ich habe nur die ersten {0} Zeichen geprüft. Bei so viel Text hilft es, ihn aufzuteilen oder persönlich zu sprechen.",
            OtherLanguageTip = "Ich kann bisher nur auf Englisch, Spanisch und Deutsch coachen, daher übersehe ich hier vielleicht etwas.",
            EmptyTip = "Noch gibt es nichts zu prüfen. Ein guter Anfang ist der Moment: 'Im Daily heute ...'",
            NotTextTip = "Das sieht nicht nach Text aus, daher gibt es nichts zu prüfen.",
            InternalErrorTip = "Ich konnte diesen Entwurf nicht prüfen. Deine Nachricht ist davon nicht betroffen; du kannst sie trotzdem senden.",
        },
    };
}
