namespace FeedbackBot.Core.Coaching.Languages;

/// <summary>
/// English rules as data (the first language: a draft in no known language is read with these). Lists are deliberately short and concrete: each entry should be explainable to a
/// user who asks "why did the coach say that?". Singular nouns only in <see cref="CoachLanguage.SituationPhrases"/>
/// because plurals ("meetings", "reports") usually mean a habit, not a moment.
/// </summary>
public static class English
{
    public static CoachLanguage Language { get; } = new()
    {
        Code = "en",
        Name = "English",
        Alphabet = [('a', 'z'), ('A', 'Z'), ('\u00C0', '\u024F')],
        // Frequent here, rare in Spanish and German ("in", "so", "was", "me", "he" are shared, so left out).
        CommonWords =
        [
            "the", "and", "you", "your", "you're", "to", "of", "for", "on", "with", "that", "this", "it", "is", "were",
            "we", "they", "have", "be", "it's", "i'm", "at", "by", "from", "but", "what", "which", "when", "thanks",
            "thank", "great", "job", "good", "work", "next", "could", "would", "please", "are", "not", "don't",
            "didn't", "our", "my", "she", "about", "just", "really", "well", "done", "because", "how", "there",
        ],
        TimePhrases =
        [
            "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "fridays", "mondays",
            "january", "february", "march", "april", "june", "july", "august", "september", "october", "november", "december",
            "yesterday", "this morning", "this afternoon", "this evening", "last night", "tonight", "earlier today", "weekend",
            "midnight", "overnight", "last week", "earlier this week",
        ],
        DeicticTimePhrases = ["today", "this week", "this month"],
        // Singular nouns: a plural ("meetings", "reports") usually describes a habit, not a moment.
        SituationPhrases =
        [
            "demo", "meeting", "standup", "stand up", "retro", "retrospective", "call", "webinar", "outage", "incident",
            "launch", "release", "presentation", "pitch", "kickoff", "kick off", "planning", "workshop", "interview",
            "offsite", "all hands", "conference", "session", "sync", "one on one", "migration", "deployment", "deploy",
            "rollout", "sprint", "postmortem", "handover", "handoff", "training", "audit", "pipeline", "build", "hotfix",
            "rota", "on call", "escalation", "walkthrough", "brown bag", "branch",
            "code review", "design review", "sprint review", "quarterly review", "the review", "a review", "board meeting",
            "report", "email", "slide", "slides", "deck", "doc", "document", "spec", "pr", "pull request", "ticket",
            "commit", "dashboard", "checklist", "script", "proposal", "memo", "spreadsheet", "write up", "channel",
            "wiki", "page", "typo", "invoice", "production", "feature", "estimate", "summary", "readme", "roadmap",
            "contract", "budget", "forecast", "prototype", "mockup", "diagram", "release notes", "test plan", "query",
            // Events and the everyday artefacts of any team (coach v4).
            "event", "dinner", "trade show", "hackathon", "campaign", "newsletter", "survey", "template", "runbook",
            "playbook", "repo",
        ],
        PlacePhrases =
        [
            "in the office", "at the office", "on site", "onsite", "in the kitchen", "at the client", "at the client's",
            "on the phone", "on stage", "in the lobby", "at the booth", "in the meeting room", "in the hallway",
            "at the front desk", "in the warehouse", "on the floor",
        ],
        CapitalisedNonNames =
        [
            "i", "i'm", "i've", "i'd", "i'll", "ok", "okay", "again", "never", "always", "not", "nobody", "please", "now",
            "stop", "why", "what", "no", "yes", "very", "really", "all", "every", "everyone", "god", "lol", "omg", "thanks",
        ],
        Greetings = ["thanks", "thank", "thx", "hi", "hey", "hello", "dear", "cheers", "congrats", "congratulations", "kudos", "bravo"],
        Determiners = ["the", "your", "this", "that", "these", "those", "our", "their", "his", "her", "my", "a", "an", "its"],
        PastForms =
        [
            "wrote", "ran", "led", "built", "caught", "found", "gave", "sent", "took", "spoke", "brought", "taught", "drew",
            "drove", "chose", "broke", "kept", "held", "met", "paid", "sold", "told", "said", "bought", "began", "lost",
            "left", "went", "rewrote", "shown", "written", "given", "taken", "spoken", "broken", "chosen", "drawn",
            "driven", "rebuilt", "undertook", "oversaw", "stood", "forgot", "forgotten", "overlooked",
            // Irregular pasts that are never a present or an imperative.
            "spent", "came", "grew", "rose", "fell", "saw", "heard", "understood", "slept", "flew", "threw", "woke",
        ],
        PastSuffixes = ["ed"],
        PastExceptions =
        [
            "need", "indeed", "speed", "proceed", "exceed", "succeed", "embed", "hundred", "sacred", "naked", "wicked",
            "detailed", "talented", "dedicated", "experienced", "skilled", "interested", "excited", "tired", "limited",
            "advanced", "related", "complicated", "outdated", "automated", "focused", "motivated", "organised",
            "organized", "balanced", "crowded", "based", "used", "supposed", "unused", "biased", "varied", "assumed",
            "expected", "unexpected", "required", "needed", "seed", "breed", "united", "red",
        ],
        GeneralVerbs =
        [
            "was", "were", "had", "did", "got", "made", "been", "became", "seemed", "felt", "loved", "liked", "enjoyed",
            "appreciated", "wanted", "hoped", "thought", "knew", "tried", "impressed", "pleased", "amazed", "surprised",
            "disappointed", "frustrated", "annoyed", "worried", "concerned", "wished", "meant",
        ],
        ResultSubjects =
        [
            "they", "we", "she", "he", "i", "it", "everyone", "everybody", "nobody", "no one", "the team", "the whole team",
            "our team", "the client", "the customer", "customers", "the customers", "our customers", "users", "the users",
            "the new hires", "people", "support", "the support team", "sales", "finance", "the board", "leadership",
            "the reviewers", "reviewers", "the candidate", "the company", "three teams", "two teams", "other teams", "on-call", "on call", "nobody else", "new hires",
            // The affected party as a noun, wherever a causative names it ("turned an angry customer into ...").
            "customer", "client", "team", "anyone", "anybody",
        ],
        ResultVerbs =
        [
            "could", "couldn't", "can", "was able", "were able", "no longer", "didn't have to", "did not have to",
            "never had to", "hasn't", "haven't", "finally", "now", "didn't", "don't", "doesn't", "won't", "stopped", "anymore", "any more", "already", "still",
            "end up", "ends up", "ended up",
            // v5: what it made possible; a state after the action; what never happened.
            "got to", "get to", "afterwards", "afterward", "after that", "never",
            // v7: a state lasting after the action, as "still" (v3) says.
            "to this day", "by now",
        ],
        // "before anyone got paged": what was averted is a result clause too.
        ClauseLinks = ["and", "then", "before"],
        ChangeWords =
        [
            "instead of", "rather than", "down from", "up from", "down to", "fewer", "less than", "faster", "quicker",
            "sooner", "earlier", "early", "ahead of schedule", "more", "percent", "shorter", "under", "below", "waiting", "waited", "wait",
            // v5: a quantity that went down or up, compared with the plan, or lost.
            "down", "up to", "than planned", "than expected", "lost", "wasted",
            // v6: a count or a wait since an event ("14 tickets since", "open since 3 days"), like v5's "since the launch".
            "since",
        ],
        NumberWords =
        [
            "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "fifteen",
            "twenty", "thirty", "fifty", "hundred", "half", "twice", "a day", "a week", "an hour", "a month",
            "an afternoon", "a morning", "zero", "seconds", "minutes", "hours", "days", "weeks", "overnight",
            // v6: a whole span of time is a quantity ("QA lost the whole afternoon").
            "the whole afternoon", "the whole morning", "the whole day", "the whole week", "all afternoon", "all morning", "all day",
        ],
        ImpactPhrases =
        [
            "because", "since then", ", which", ", so", "so that", "so the", "so she", "so he", "so they", "so we",
            "so i", "so everyone", "so nobody", "so our", "so people", "as a result", "that's why", "which is why", "it's why", "it is why", "that is why", "the result is", "the result was",
            // v10: the share by which something changed ("cut payment queries by a third").
            "by a third", "by about a third", "by half", "by about half", "by a quarter", "by two thirds",
            "thanks to", "helped", "helps", "help us", "saved", "saves", "spared", "meant", "means that", "made it",
            "made them", "made sense", "made the", "allowed", "enabled", "let us", "let everyone", "let the", "unblocked",
            "blocked", "delayed", "pushed", "slowed", "slows", "confused", "confusion", "caused", "led to", "resulted",
            "impact", "difference", "had to", "has to", "easier", "harder", "at risk", "risk",
            "won", "thanked", "inspired", "noticed", "discouraged", "hesitant", "went quiet", "tune out", "landed badly",
            "she felt", "he felt", "i felt", "they felt", "we felt", "everyone felt", "didn't get to", "cost us",
            // A first time, a cut in half and what would have happened are changes too; "made her" is a caused effect.
            "for the first time", "in half", "by half", "would have", "would've", "made her", "made him", "made me", "made us",
            "made everyone", "block", "blocks", "blocking", "since your", "since you",
            // v4: "never got to" is "didn't get to"; "the reason" names a cause; a verb of changed quantity is a change by itself.
            "never got to", "the reason", "halved", "doubled", "tripled",
            // v5: a caused effect on the writer's own evening or plans; a change since an event.
            "made my", "made our", "since the",
            // v7: what the work became, a change of state ("became our most-used tool", "turned into").
            "became our", "became the", "has become", "turned into", "turned a", "turned an",
            "make it", "makes it",
            // v6: "so" before who was affected, contracted with its verb ("so I'm not caught off guard"), or before nobody.
            "so i'm", "so we're", "so they're", "so no one",
        ],
        ImpactExceptions =
        [
            // v10: a clock time, not a share ("by half past nine").
            "by half past",
            ", so nice", ", so much", ", so good", ", so great", ", so proud", ", so glad", ", so happy", ", so sorry",
            ", so far", ", so many", ", so kind", ", so cool", "would have been", "would have liked", "would have loved", "would have preferred",
            "since you joined", "since you started",
        ],
        SuggestionPhrases =
        [
            "next time", "could you", "can you", "would you", "will you", "could we", "can we", "you could", "we could",
            "try", "trying", "i suggest", "i'd suggest", "suggestion", "what if", "how about", "consider", "please",
            "it would help", "would help if", "would be great if", "it'd be great", "i'd love", "going forward",
            "in future", "in the future", "from now on", "let's", "instead", "you might", "maybe you", "maybe we",
            "maybe try", "might be worth", "worth trying", "i recommend", "i'd recommend", "make sure", "remember to",
            "you should", "we should",
            // "pls" is "please"; "when you get a sec" only ever frames a request; "would really help" is "would help".
            "pls", "plz", "when you get a", "when you have a", "would really help", "it would really",
            // v5: a counterfactual evaluation that proposes the alternative.
            "would it be better", "wouldn't it be better", "would it make sense", "it might be better",
            // v8: the same evaluation of an easier or good alternative; a thing that "would help"; asking what the
            // receiver thinks of a step; a request put to anyone on the team ("Could someone post them by noon?").
            "would it be easier", "wouldn't it be easier", "would be good if", "it'd be good to", "would help",
            "what do you think of", "what do you think about", "could someone", "can someone", "could somebody",
            "can somebody", "could anyone", "can anyone",
            // v10: a polite request asked as whether it can be done.
            "would it be possible", "is it possible to", "is there any way you could",
        ],
        SuggestionExceptions =
        [
            "you could have", "you could've", "we could have", "we could've", "you should have", "you should've",
            "we should have", "we should've", "you might have", "you might've",
            "let's see",
            // v5: a question about what the receiver remembers or knows asks for nothing.
            "do you remember", "do you know",
            // v5: a question about what the receiver thinks asks for an opinion, not an action.
            "do you think", "do you really", "do you even",
            // v10: asking to talk names no step (it announces the feedback).
            "can we talk", "could we talk", "can we chat", "could we chat", "can we have a chat", "can we have a word",
        ],
        ProblemPhrases =
        [
            "late", "missed", "missing", "mistake", "wrong", "error", "errors", "broken", "broke", "didn't", "did not",
            "wasn't", "weren't", "not", "isn't", "never", "too", "interrupted", "hard to", "confusing", "problem",
            "issue", "below", "harsh", "improve", "instead", "should", "failed", "crashed", "mess", "worse",
            // v4: complaints and duplicates are problems in any domain.
            "complained", "complaint", "complaints", "duplicate", "duplicated", "duplicates",
            // v5: someone left without the information they needed.
            "no idea", "no clue",
        ],
        // Not a problem: a saving ("meant I didn't need to join").
        ProblemExceptions = ["didn't need", "didn't have to", "did not need", "did not have to"],
        ZeroQuantities = ["not a single", "not one", "zero"],
        WithoutWords = ["without"],
        AnyWords = ["anyone", "anybody", "single", "any"],
        RangeFrom = ["from"],
        RangeTo = ["to"],
        CausativeVerbs = ["makes", "made", "keeps", "kept", "turned", "turns", "gets", "leaves", "got"],
        Comparatives = ["more", "less", "fewer", "faster"],
        ConditionWords = ["when", "whenever", "if"],
        AgoWords = ["ago"],
        AgoAfterUnit = true,
        StaleUnits = ["month", "months", "year", "years", "quarter", "quarters"],
        DeadlineWords = ["by", "until", "till"],
        CopulaWords = ["are", "were", "you're", "youre", "he's", "she's", "they're"],
        LabelSuffixes = ["less"],
        DelightVerbs = ["enjoyed", "enjoy", "enjoys", "loved", "love", "loves"],
        ExperienceSuffixes = ["ing"],
        VaguePraisePhrases =
        [
            "great job", "good job", "nice job", "nice work", "great work", "good work", "awesome work", "well done",
            "awesome", "amazing", "kudos", "you rock", "keep it up", "nice one", "great stuff", "good stuff",
            "thanks for everything", "you're the best", "great energy", "proud of you", "good effort", "thanks",
        ],
        AbsolutePhrases = ["always", "never", "every time", "constantly", "all the time", "every single", "nobody ever", "forever"],
        PersonalAbsolutePhrases =
        [
            "you always", "you never", "you're always", "you are always", "you're never", "you are never",
            "you constantly", "you keep", "every single time",
        ],
        PersonWords = ["you", "you're", "youre", "you've", "your", "yourself", "he", "she", "they", "he's", "she's", "they're", "being"],
        CharacterLabels =
        [
            "lazy", "careless", "sloppy", "incompetent", "useless", "stupid", "dumb", "clueless", "hopeless", "rude",
            "arrogant", "selfish", "difficult", "unprofessional", "terrible", "awful", "annoying", "irresponsible",
            "unreliable", "toxic", "disorganised", "disorganized", "bossy", "aggressive", "hostile", "immature",
            "pathetic", "hopeless", "negative",
        ],
        InsultPhrases =
        [
            "idiot", "moron", "loser", "clown", "garbage", "trash", "crap", "rubbish", "disappointed in you",
            "don't care", "doesn't care", "what's wrong with you", "what is wrong with you", "shame on you",
        ],
        AngerPhrases =
        [
            "ridiculous", "unacceptable", "unbelievable", "what a joke", "absurd", "outrageous", "disgraceful", "insane", "what were you thinking",
            "for the love of god", "what the hell", "wtf", "sick of", "fed up", "how many times", "i can't believe",
        ],
        SarcasmPhrases =
        [
            "yeah right", "oh great", "oh wonderful", "oh brilliant", "oh fantastic", "nice going", "real smooth",
            "thanks for nothing", "as usual", "what a surprise", "surprise surprise", "must be nice", "thanks for finally",
            "so nice of you", "i'm sure you were", "great job breaking", "good job breaking", "big surprise", "slow clap",
            // Delight at one's own loss: "Loved waiting 40 minutes", "really loved finding out from a customer".
            "loved waiting", "love waiting", "loved finding out", "love finding out", "nothing like waiting", "highlight of my",
        ],
        HedgePhrases =
        [
            "just", "kind of", "sort of", "a bit", "a little", "maybe", "perhaps", "i guess", "possibly", "somewhat",
            "not sure if", "sorry", "i think",
        ],
        MinimiserPhrases =
        [
            "not a big deal", "no big deal", "probably just me", "feel free to ignore", "ignore this", "might be wrong",
            "could be wrong", "just a thought", "not that it matters",
        ],
        StalePhrases =
        [
            "last quarter", "previous quarter", "months ago", "last year", "a while ago", "a while back", "back in",
            "weeks ago", "last month", "long ago", "ages ago", "earlier this year", "last summer", "last winter",
            "last spring", "last autumn", "last fall", "some time ago", "last semester",
        ],
        StaleExceptions =
        [
            "last quarter's", "previous quarter's", "last year's", "last month's", "last summer's", "last winter's",
            "last spring's", "last autumn's", "last fall's", "last semester's",
        ],
        // Not "start" and "stop": "Start pulling your weight" is a call, not a concrete step.
        ImperativeVerbs =
        [
            "use", "add", "let", "send", "check", "put", "move", "ask", "tell", "write", "share", "loop", "assign", "switch",
            "route", "include", "book", "talk", "give", "avoid", "ping", "pair", "mention", "bring", "drop", "double-check",
            "remember", "lock", "split", "cc", "flag", "make", "take", "speak", "slow", "leave", "wait",
            "prepare", "reach", "follow", "think", "hold", "skip", "double check", "invite", "ship", "merge", "push",
        ],
        ImperativeSofteners = ["please", "maybe", "just", "perhaps", "then", "pls", "plz"],
        ProposalOpeners = ["maybe", "perhaps"],
        ImperativeObjects = ["it", "them", "one", "anything", "everything", "up", "off"],
        NotImperativeSuffixes = ["ed", "ing", "ly", "s", "'s", "'ll", "'re", "'ve", "'d", "'m"],
        NotImperativeWords = ["fyi", "btw", "imo", "fwiw", "wow", "ok", "okay", "yes", "yeah", "well", "hmm", "also", "and", "but", "now", "same", "ps"],
        HindsightMarkers = ["have", "'ve"],
        ComparisonWords = ["like", "than"],
        DegreeWords = ["so", "such"],
        DegreeConsequence = ["that"],
        HabitWords = ["every", "each", "all", "any"],
        FrequencyWords = ["often", "usually", "generally", "typically", "sometimes", "regularly", "tend", "tends"],
        IndefiniteArticles = ["a", "an"],
        ThanksWords = ["thanks", "thank", "thx", "kudos"],
        ContrastWords = ["but", "though", "however", "although", "only"],
        MonthNames = ["january|jan", "february|feb", "march", "april", "may", "june", "july", "august", "september|sept", "october", "november", "december"],
        PastMonthPrepositions = ["in", "from", "since", "last"],
        Acronyms =
        [
            "API", "CEO", "CTO", "CFO", "COO", "HR", "QA", "UI", "UX", "PR", "SQL", "AWS", "CI", "CD", "ASAP", "FYI",
            "OKR", "OKRS", "KPI", "KPIS", "JSON", "HTML", "HTTP", "URL", "SLA", "MVP", "ROI", "EOD", "TBD", "CSS",
            "SDK", "GDPR", "SSO", "CRM", "ERP", "NASA", "AI", "ML", "IT", "VP", "PM", "RFC", "YAML", "XML", "PDF", "NPS",
        ],
        // Coach v5 (grammar of the rules in CoachLanguage.cs).
        PraiseWords = ["great", "nice", "good", "love", "loved", "lovely", "appreciate", "appreciated", "helpful", "brilliant", "excellent", "impressive", "impressed", "perfect", "fantastic", "wonderful", "superb", "outstanding", "awesome", "amazing", "beautiful", "solid", "textbook", "glad", "happy", "proud", "cool", "neat", "sharp", "elegant", "terrific", "stellar", "best", "smooth", "well", "pleased", "delighted", "thrilled", "grateful", "thankful"],
        ReceiverWords = ["you", "your", "you're", "you've", "yours", "yourself", "you'd", "you'll", "u"],
        QuestionSubjects = ["you", "we"],
        RarityPhrases = ["finally", "for once", "at last", "for a change"],
        ConsequenceWords = ["so"],
        ThenWords = ["then"],
        NearMissWords = ["almost", "nearly"],
        ProportionWords = ["of"],
        NegationWords = ["not", "no"],
        SelfSubjects = ["i", "we"],
        TeamSubjects = ["we"],
        Obligations = ["need", "must", "have", "should", "ought"],
        PronounSubjects = ["it"],
        SinceWords = ["since"],
        ClockWords = ["am", "pm", "o'clock"],
        RepetitionWords = ["again", "too"],
        LearnPhrases = ["finding out", "find out"],
        ExclamationPhrases = ["wow", "oh", "oh wow", "oh great", "oh nice", "oh good", "oh perfect", "ah", "whoa", "gee", "yay", "hooray"],
        AgainPhrases = ["another", "yet another", "again"],
        MockAgreementPhrases = ["sure", "oh sure", "yeah sure", "yeah right", "sure thing"],
        Messages = new()
        {
            NoSituation = "no concrete situation (no time, place, event or piece of work named)",
            AnchorFound = "You named \"{0}\".",
            VagueFound = "\"{0}\" is warm, and on its own it is general.",
            ForExample = "For example",
            ScareQuotes = "a word in quotation marks next to thanks",
            OnlyVaguePraise = "general praise only",
            EmptyPart = "the {0} field is empty",
            NoImpact = "no effect or reason given (no \"because\", \"so\", \"which meant\" or similar)",
            NoSuggestion = "no suggestion for what to do next",
            PraiseNeedsNoStep = "praise needs no next step",
            NothingUnkind = "no labels, anger or sarcasm found",
            NothingStale = "nothing suggests the event is old",
            EventDaysAgo = "the event was {0} days ago",
            EventInFuture = "the event date is in the future",
            Shouting = "capitals",
            Exclamations = "repeated exclamation marks",
            NothingToReviewEvidence = "nothing to review",

            SpecificTip = "Name the moment, so they know exactly what to repeat or change.",
            SpecificExamplePraise = "In Tuesday's demo, you walked the client through the billing flow step by step.",
            SpecificExampleConstructive = "In yesterday's standup, Maria was interrupted twice while explaining the bug.",
            WhyTip = "Add the difference it made, so they can see why it matters.",
            WhyExamplePraise = "..., which meant the client felt confident enough to sign the renewal.",
            WhyExampleConstructive = "..., so she stopped sharing her update.",
            ActionableTip = "Offer one concrete next step they could try.",
            ActionableExample = "Next time, could you let her finish and then ask your questions?",
            KindTip = "Read it as the receiver would. Describe what happened and what it changed, and leave out words about who they are.",
            KindExample = "The totals were missing from Friday's report, so finance had to redo the forecast.",
            TimelyTip = "This happened a while ago. Feedback lands best within a few days; if it is still worth sharing, say why now, or pick a recent example.",
            StaleTip = "This mentions an older event. Feedback lands best within a few days, so a recent example will be easier to act on.",
            TimelyExample = "In this week's review, ...",

            LabelTip = "Describe the action rather than the person. People can change what they do; a word about who they are tends to make them defend themselves. For example: 'The totals were missing from Friday's report.'",
            AngerTip = "This reads as upset. That is understandable; it may help to wait until it has cooled, then write in normal case with calm punctuation, so the message is heard rather than the tone.",
            SarcasmTip = "Sarcasm can read as a put-down in writing. Say what you mean directly, for example: 'The release failed on Friday; could we add a smoke test before deploying?'",
            AbsoluteTip = "Words like 'always' and 'never' invite a debate about the exceptions. Try one or two recent moments instead: 'In the last two standups, ...'",
            VaguePraiseTip = "Praise like this feels good, and it means more with detail: say what they did and what it changed, so they know what to repeat.",
            HedgingTip = "Softeners can hide your point. Being clear is kind: say the one thing you would like to change, plainly.",
            ConciseTip = "This is long ({0} words). Could you trim it to the one or two moments that matter most? Situation, impact and a suggestion in three sentences is often enough.",
            LongSentenceTip = "One sentence runs to {0} words. Splitting it will make the point easier to take in.",
            TruncatedTip = "I reviewed the first {0} characters only. For feedback this long, consider splitting it up or talking in person.",
            OtherLanguageTip = "I can coach English, Spanish and German so far, so this review may miss things.",
            EmptyTip = "There is nothing to review yet. A good start is the moment: 'In today's standup, ...'",
            NotTextTip = "This does not look like text, so there is nothing to review.",
            InternalErrorTip = "I could not review this draft. Your message is unaffected; you can still send it.",
        },
    };
}
