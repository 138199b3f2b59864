using System.Globalization;
using System.Runtime.CompilerServices;
using FeedbackBot.Core.Coaching.Languages;
using FeedbackBot.Core.Feedback;
using Microsoft.Extensions.Logging;

namespace FeedbackBot.Core.Coaching;

/// <summary>
/// Reviews a feedback draft at the point of writing and says, per criterion (specific, why, actionable, kind,
/// timely), whether it is met, with the evidence and a kind tip. Advisory only; never blocks and never throws.
/// Deterministic, synchronous, free of I/O and safe to share between threads (all state is read-only).
/// </summary>
/// <remarks>
/// Without a <paramref name="language"/>, each draft is coached in its own language (<see cref="CoachLanguages.Resolve"/>):
/// a draft clearly written in Spanish or German gets Spanish or German tips whatever the person's locale; an
/// unclear one follows <see cref="CoachDraft.Locale"/>. With one, every draft is read with that language's data.
/// </remarks>
public sealed partial class FeedbackCoach(TimeProvider time, CoachLanguage? language = null, ILogger<FeedbackCoach>? logger = null)
{
    /// <summary>Only this many characters of a draft are reviewed, to bound the work per request.</summary>
    public const int MaxCharacters = 10_000;

    /// <summary>Events older than this many days get a timeliness tip.</summary>
    public const int TimelyDays = 14;

    /// <summary>A month named as when it happened ("in March") this many months back or more is an old event.</summary>
    public const int StaleMonths = 2;

    /// <summary>A quarter named by its short form ("Q2") exactly this many quarters back is an old event.</summary>
    public const int StaleQuarters = 2;

    // Longer than this reads as an essay in a chat message.
    private const int ConciseWords = 150;
    private const int LongSentenceWords = 40;
    private const int HedgesToHidePoint = 3;
    private const int MaxEvidence = 6;
    private const int QuoteLength = 60;

    // Compiled once per language instance and shared by every coach (a PhraseSet per list is read-only).
    private static readonly ConditionalWeakTable<CoachLanguage, CoachRules> Compiled = new();

    /// <summary>The language every draft is read in, or null when each draft's own language is used.</summary>
    public CoachLanguage? Language { get; } = language;

    /// <summary>
    /// Whether an exception inside a rule escapes <see cref="Review"/>. Production leaves it off: the giver gets "nothing
    /// to review" and the failure is logged once. The test assembly turns it on for every coach (a module initializer
    /// sets <see cref="RethrowByDefault"/>), so a broken rule fails its test instead of showing only as lower agreement.
    /// </summary>
    internal bool RethrowInternalErrors { get; init; } = RethrowByDefault;

    /// <summary>The default of <see cref="RethrowInternalErrors"/> for coaches created from now on (tests only).</summary>
    internal static bool RethrowByDefault { get; set; }

    /// <summary>Test seam: runs where the rules run, after the language is picked, so a test can make a rule throw.</summary>
    internal Action<CoachDraft>? RuleProbe { get; init; }

    /// <summary>Reviews <paramref name="draft"/>. A null or empty draft yields a report with <see cref="CoachReport.NothingToReview"/>.</summary>
    public CoachReport Review(CoachDraft draft)
    {
        CoachRules? rules = null;
        var source = LanguageSource.Fixed;
        try
        {
            // Inside the try: a language whose data fails to compile is a coach bug like any other.
            (rules, source) = Language is null ? Pick(draft) : (RulesFor(Language), LanguageSource.Fixed);
            RuleProbe?.Invoke(draft);
            return ReviewCore(draft, rules, source);
        }
        catch (Exception error) when (!RethrowInternalErrors)
        {
            // The coach sits in front of "send": a bug here must never stop someone giving feedback. It is logged
            // once, here, with what helps find it and not the draft itself (feedback is personal). When the
            // language's own rules were what failed, the answer comes in English.
            rules ??= RulesFor(English.Language);
            if (logger is not null) LogInternalError(logger, error, rules.Language.Code, DraftLength(draft));
            return NothingToReview(rules, source, "internal_error", rules.Messages.InternalErrorTip);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "The coach failed on a draft ({Language}, {Characters} characters); the giver was told there is nothing to review")]
    private static partial void LogInternalError(ILogger logger, Exception error, string language, int characters);

    private static int DraftLength(CoachDraft? draft) => draft?.Parts?.Values.Sum(v => v?.Length ?? 0) ?? 0;

    private static (CoachRules, LanguageSource) Pick(CoachDraft? draft)
    {
        if (draft?.Parts is null) return (RulesFor(CoachLanguages.All[0]), LanguageSource.Default);
        var text = draft.Template == FeedbackTemplate.Free
            ? draft.Part(TemplateParts.Text)
            : string.Join('\n', TemplateParts.For(draft.Template).Select(draft.Part));
        var (picked, source) = CoachLanguages.Resolve(text, draft.Locale);
        return (RulesFor(picked), source);
    }

    private static CoachRules RulesFor(CoachLanguage language) => Compiled.GetValue(language, static l => new CoachRules(l));

    private CoachReport ReviewCore(CoachDraft? draft, CoachRules rules, LanguageSource source)
    {
        var m = rules.Messages;
        if (draft?.Parts is null) return NothingToReview(rules, source, "empty", m.EmptyTip);

        var parts = new Dictionary<string, Findings>(StringComparer.Ordinal);
        Findings? all = null;
        var budget = MaxCharacters;
        var truncated = false;
        foreach (var name in TemplateParts.For(draft.Template))
        {
            var text = draft.Part(name);
            if (string.IsNullOrWhiteSpace(text)) continue;
            if (budget <= 0 || text.Length > budget)
            {
                truncated = true;
                text = text[..Math.Max(0, budget)];
            }
            budget -= text.Length;
            var findings = Findings.Scan(new DraftText(text, rules.Alphabet), rules);
            parts[name] = findings;
            // One part (a free-text draft) is its own total; several are merged into a fresh one.
            if (all is null) all = findings;
            else
            {
                if (parts.Count == 2)
                {
                    var first = all;
                    all = new Findings();
                    all.Add(first);
                }
                all.Add(findings);
            }
        }
        all ??= new Findings();

        if (all.Characters > 0 && all.ControlChars * 10 > all.Characters) return NothingToReview(rules, source, "not_text", m.NotTextTip);
        // Emoji alone ("👍", "👏👏👏") is a reaction: reviewed as praise that names nothing, so the tips say what to add.
        if (all.LetterWords == 0 && all.Symbols == 0) return NothingToReview(rules, source, "empty", m.EmptyTip);

        var kind = draft.Kind ?? InferKind(draft, all);
        var tips = new List<CoachTip>();
        var kindResult = Kindness(m, all, kind, tips);
        var specific = Specific(m, draft, all, kind);
        var why = Why(m, draft, all, kind);
        var actionable = Actionable(m, draft, parts, all, kind);
        var (timely, timelyCode) = Timely(m, draft, all);

        // Tips quote what the draft already has, so the advice starts from the giver's own words.
        var vague = all.VaguePraise.Count > 0 ? Format(m.VagueFound, all.VaguePraise[0]) + " " : "";
        AddCriterionTip(m, tips, CoachCriteria.Specific, specific, vague);
        if (specific.Verdict == Verdict.Missing && all.VaguePraise.Count > 0) tips.Add(new("vague_praise", m.VaguePraiseTip));
        var anchor = specific.Verdict == Verdict.Met && all.Anchors.Count > 0 ? Format(m.AnchorFound, all.Anchors[0].Quote) + " " : "";
        AddCriterionTip(m, tips, CoachCriteria.Why, why, anchor);
        AddCriterionTip(m, tips, CoachCriteria.Actionable, actionable, "");
        AddCriterionTip(m, tips, timelyCode, timely, "");
        AddStyleTips(m, all, tips, truncated);

        return new CoachReport(specific, why, actionable, kindResult, timely, tips, NothingToReview: false, rules.Language.Code, source);
    }

    // When the giver did not say, anything that suggests a change, names a problem or criticises makes it
    // constructive; the templates that exist for criticism say so by their shape.
    private static FeedbackKind InferKind(CoachDraft draft, Findings all)
    {
        var wantsChange = draft.Template switch
        {
            FeedbackTemplate.Sandwich => true,
            FeedbackTemplate.StartStopContinue => !IsBlank(draft, TemplateParts.Start) || !IsBlank(draft, TemplateParts.Stop),
            FeedbackTemplate.Sbi when !IsBlank(draft, TemplateParts.Suggestion) => true,
            _ => all.Suggestion.Count + all.Problem.Count + all.Labels.Count + all.Anger.Count + all.Sarcasm.Count > 0 || ReportsOnAThing(all),
        };
        return wantsChange ? FeedbackKind.Constructive : FeedbackKind.Praise;
    }

    // Coach v5: praise credits someone, says it is good, or says what good it did. A draft with no word of praise or
    // thanks, no emoji and no word for the receiver reports on a thing ("The rollback on Friday took 45 minutes", "in
    // der Vorlage steht noch die alte Bankverbindung"), and a report given as feedback is criticism. Coach v8: with its
    // effect too ("The build has been failing since 9am and nobody can merge", "tuvimos que pagar recargos"): across
    // the sets an incident with its consequence is a problem report (14 drafts) far more often than praise that
    // credits nobody (3), so an effect alone no longer makes a draft praise.
    private static bool ReportsOnAThing(Findings all) =>
        all.PraiseMarks + all.VaguePraise.Count + all.ReceiverMarks + all.Symbols == 0;

    private static CriterionResult Specific(CoachMessages m, CoachDraft draft, Findings all, FeedbackKind kind)
    {
        if (draft.Template == FeedbackTemplate.Sbi && !IsBlank(draft, TemplateParts.Situation))
        {
            return Met(Quote(TemplateParts.Situation, draft.Part(TemplateParts.Situation)));
        }
        if (all.Anchors.Count > 0) return Met(Describe(all.Anchors));

        var missing = new List<string>();
        if (draft.Template == FeedbackTemplate.Sbi) missing.Add(EmptyPart(m, TemplateParts.Situation));
        if (all.VaguePraise.Count > 0) missing.Add($"{m.OnlyVaguePraise}: {string.Join(", ", all.VaguePraise.Take(MaxEvidence))}");
        missing.Add(m.NoSituation);
        return new(Verdict.Missing, missing, m.SpecificTip, kind == FeedbackKind.Praise ? m.SpecificExamplePraise : m.SpecificExampleConstructive);
    }

    private static CriterionResult Why(CoachMessages m, CoachDraft draft, Findings all, FeedbackKind kind)
    {
        var example = kind == FeedbackKind.Praise ? m.WhyExamplePraise : m.WhyExampleConstructive;
        // In SBI the Impact field is the "why": an empty one is missing even if another field says "so".
        if (draft.Template == FeedbackTemplate.Sbi)
        {
            return IsBlank(draft, TemplateParts.Impact)
                ? new(Verdict.Missing, [EmptyPart(m, TemplateParts.Impact)], m.WhyTip, example)
                : Met(Quote(TemplateParts.Impact, draft.Part(TemplateParts.Impact)));
        }
        return all.Effects.Count > 0
            ? Met(Describe(all.Effects))
            : new(Verdict.Missing, [m.NoImpact], m.WhyTip, example);
    }

    private static CriterionResult Actionable(CoachMessages m, CoachDraft draft, Dictionary<string, Findings> parts, Findings all, FeedbackKind kind)
    {
        if (kind == FeedbackKind.Praise) return new(Verdict.NotApplicable, [m.PraiseNeedsNoStep]);

        switch (draft.Template)
        {
            // Start and Stop are next steps by construction.
            case FeedbackTemplate.StartStopContinue:
                foreach (var part in (string[])[TemplateParts.Start, TemplateParts.Stop])
                {
                    if (!IsBlank(draft, part)) return Met(Quote(part, draft.Part(part)));
                }
                break;
            case FeedbackTemplate.Sbi when !IsBlank(draft, TemplateParts.Suggestion):
                return Met(Quote(TemplateParts.Suggestion, draft.Part(TemplateParts.Suggestion)));
            // The sandwich's middle is where the suggestion belongs; the bread around it is praise.
            case FeedbackTemplate.Sandwich:
                if (!parts.TryGetValue(TemplateParts.Constructive, out var middle))
                {
                    return new(Verdict.Missing, [EmptyPart(m, TemplateParts.Constructive)], m.ActionableTip, m.ActionableExample);
                }
                return middle.Suggestion.Count > 0
                    ? Met(Limit(middle.Suggestion))
                    : new(Verdict.Missing, [m.NoSuggestion], m.ActionableTip, m.ActionableExample);
        }

        if (all.Suggestion.Count > 0) return Met(Limit(all.Suggestion));
        var evidence = draft.Template switch
        {
            FeedbackTemplate.Sbi => EmptyPart(m, TemplateParts.Suggestion),
            FeedbackTemplate.StartStopContinue => EmptyPart(m, TemplateParts.Start),
            _ => m.NoSuggestion,
        };
        return new(Verdict.Missing, [evidence], m.ActionableTip, m.ActionableExample);
    }

    // Collects every kindness problem as its own tip (label, anger, sarcasm); the criterion carries the
    // general advice so a reader of the criterion alone still learns what to do.
    private static CriterionResult Kindness(CoachMessages m, Findings all, FeedbackKind kind, List<CoachTip> tips)
    {
        var evidence = new List<string>();
        var labels = new List<string>(all.Labels);
        // "You always/never ..." in criticism is a verdict on the person; in praise it is just warm. So is what a
        // copula calls the person ("you're a rockstar" is praise; "you're not a team player" a label).
        if (kind == FeedbackKind.Constructive)
        {
            labels.AddRange(all.PersonalAbsolute);
            labels.AddRange(all.PersonJudgements);
        }
        if (labels.Count > 0)
        {
            evidence.AddRange(labels);
            tips.Add(new("label", m.LabelTip));
        }

        var anger = new List<string>(all.Anger);
        if (all.Shouted.Count >= 2) anger.Add($"{m.Shouting}: {string.Join(" ", all.Shouted.Take(MaxEvidence))}");
        // "Great job!!!" is enthusiasm; "Fix it!!!" is a raised voice.
        if (kind == FeedbackKind.Constructive && all.ExclamationRuns > 0) anger.Add(m.Exclamations);
        if (anger.Count > 0)
        {
            evidence.AddRange(anger);
            tips.Add(new("anger", m.AngerTip));
        }

        // "Loved working with you" is praise; in criticism, delight at an ordeal ("enjoyed repeating") is sarcasm.
        // Coach v12: so is praise standing alone with nothing named ("... still in it. Nice one.").
        List<string> sarcasm = kind == FeedbackKind.Constructive ? [.. all.Sarcasm, .. all.Delight] : all.Sarcasm;
        if (kind == FeedbackKind.Constructive && all.PraiseFragment is { } fragment) sarcasm.Add(fragment);
        if (sarcasm.Count > 0)
        {
            evidence.AddRange(sarcasm);
            tips.Add(new("sarcasm", m.SarcasmTip));
        }

        return evidence.Count == 0
            ? Met([m.NothingUnkind])
            : new(Verdict.Missing, Limit(evidence), m.KindTip, m.KindExample);
    }

    private (CriterionResult Result, string TipCode) Timely(CoachMessages m, CoachDraft draft, Findings all)
    {
        var stale = new List<string>(all.Stale);
        // "in March" dates the event: two or more months back (a month names the latest one of that name) is old.
        var month = time.GetUtcNow().UtcDateTime.Month;
        foreach (var (named, quote) in all.PastMonths)
        {
            if ((month - named + 12) % 12 >= StaleMonths) stale.Add(quote);
        }
        // "the Q2 hiring loop" in Q4: two quarters back is old. Three back is also the next one ("Release im Q1"),
        // which a plan names more often than a review names a quarter nine months old (coach v5).
        var quarter = (month - 1) / 3 + 1;
        foreach (var (named, quote) in all.Quarters)
        {
            if ((quarter - named + 4) % 4 == StaleQuarters) stale.Add(quote);
        }
        if (stale.Count > 0)
        {
            return (new(Verdict.Missing, Limit(stale), m.StaleTip, m.TimelyExample), "stale");
        }
        if (draft.EventDate is { } date)
        {
            var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
            var days = today.DayNumber - date.DayNumber;
            if (days < 0) return (Met([m.EventInFuture]), CoachCriteria.Timely);
            var evidence = string.Format(CultureInfo.InvariantCulture, m.EventDaysAgo, days);
            return days > TimelyDays
                ? (new(Verdict.Missing, [evidence], m.TimelyTip, m.TimelyExample), CoachCriteria.Timely)
                : (Met([evidence]), CoachCriteria.Timely);
        }
        return (Met([m.NothingStale]), CoachCriteria.Timely);
    }

    private static void AddStyleTips(CoachMessages m, Findings all, List<CoachTip> tips, bool truncated)
    {
        if (all.Absolute.Count > 0) tips.Add(new("absolute", m.AbsoluteTip));
        if (all.Minimiser.Count > 0 || all.Hedge.Count >= HedgesToHidePoint) tips.Add(new("hedging", m.HedgingTip));
        if (all.Words > ConciseWords) tips.Add(new("concise", Format(m.ConciseTip, all.Words)));
        else if (all.LongestSentence > LongSentenceWords) tips.Add(new("concise", Format(m.LongSentenceTip, all.LongestSentence)));
        if (all.Letters > 0 && all.LettersInAlphabet * 2 < all.Letters) tips.Add(new("other_language", m.OtherLanguageTip));
        if (truncated) tips.Add(new("truncated", Format(m.TruncatedTip, MaxCharacters)));
    }

    private static void AddCriterionTip(CoachMessages m, List<CoachTip> tips, string code, CriterionResult result, string found)
    {
        if (result.Verdict == Verdict.Missing && result.Tip is not null)
        {
            var tip = found + result.Tip;
            tips.Add(new(code, result.Example is null ? tip : $"{tip} {m.ForExample}: \"{result.Example}\""));
        }
    }

    private static CoachReport NothingToReview(CoachRules rules, LanguageSource source, string code, string tip)
    {
        var none = new CriterionResult(Verdict.NotApplicable, [rules.Messages.NothingToReviewEvidence]);
        return new CoachReport(none, none, none, none, none, [new CoachTip(code, tip)], NothingToReview: true, rules.Language.Code, source);
    }

    private static string EmptyPart(CoachMessages m, string part) => string.Format(CultureInfo.InvariantCulture, m.EmptyPart, TemplateParts.Label(part));

    private static string[] Describe(List<FeatureHit> hits) => [.. hits.Take(MaxEvidence).Select(h => h.ToString())];

    private static CriterionResult Met(IReadOnlyList<string> evidence) => new(Verdict.Met, evidence);

    // Evidence quotes the giver's words back; cut on a whole character and replace broken surrogates so the
    // JSON writer (which rejects invalid UTF-16) can always serialise the report.
    private static string[] Quote(string part, string text)
    {
        var trimmed = text.Trim();
        var cut = Math.Min(trimmed.Length, QuoteLength);
        if (cut < trimmed.Length && char.IsHighSurrogate(trimmed[cut - 1])) cut--;
        var quoted = string.Create(cut, trimmed, static (span, source) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                var c = source[i];
                var paired = char.IsHighSurrogate(c) ? i + 1 < span.Length && char.IsLowSurrogate(source[i + 1])
                    : !char.IsLowSurrogate(c) || (i > 0 && char.IsHighSurrogate(source[i - 1]));
                span[i] = paired ? c : '\uFFFD';
            }
        });
        return [$"{TemplateParts.Label(part)}: \"{quoted}{(cut < trimmed.Length ? "..." : "")}\""];
    }

    private static IReadOnlyList<string> Limit(List<string> items) => items.Count <= MaxEvidence ? items : items[..MaxEvidence];

    private static bool IsBlank(CoachDraft draft, string part) => string.IsNullOrWhiteSpace(draft.Part(part));

    private static string Format(string template, object value) => string.Format(CultureInfo.InvariantCulture, template, value);
}
