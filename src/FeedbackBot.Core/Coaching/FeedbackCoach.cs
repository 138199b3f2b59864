using System.Globalization;
using FeedbackBot.Core.Coaching.Languages;
using FeedbackBot.Core.Feedback;

namespace FeedbackBot.Core.Coaching;

/// <summary>
/// Reviews a feedback draft at the point of writing and says, per criterion (specific, why, actionable, kind,
/// timely), whether it is met, with the evidence and a kind tip. Advisory only; never blocks and never throws.
/// Deterministic, synchronous, free of I/O and safe to share between threads (all state is read-only).
/// </summary>
public sealed class FeedbackCoach(TimeProvider time, CoachLanguage? language = null)
{
    /// <summary>Only this many characters of a draft are reviewed, to bound the work per request.</summary>
    public const int MaxCharacters = 10_000;

    /// <summary>Events older than this many days get a timeliness tip.</summary>
    public const int TimelyDays = 14;

    // Longer than this reads as an essay in a chat message.
    private const int ConciseWords = 150;
    private const int LongSentenceWords = 40;
    private const int HedgesToHidePoint = 3;
    private const int MaxEvidence = 6;
    private const int QuoteLength = 60;

    private readonly CoachRules _rules = new(language ?? English.Language);

    private CoachMessages M => _rules.Messages;

    /// <summary>Reviews <paramref name="draft"/>. A null or empty draft yields a report with <see cref="CoachReport.NothingToReview"/>.</summary>
    public CoachReport Review(CoachDraft draft)
    {
        try
        {
            return ReviewCore(draft);
        }
        catch (Exception)
        {
            // The coach sits in front of "send": a bug here must never stop someone giving feedback.
            // Tests assert this code path is never taken for any input they try.
            return NothingToReview("internal_error", M.InternalErrorTip);
        }
    }

    private CoachReport ReviewCore(CoachDraft? draft)
    {
        if (draft?.Parts is null) return NothingToReview("empty", M.EmptyTip);

        var parts = new Dictionary<string, Findings>(StringComparer.Ordinal);
        var all = new Findings();
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
            var findings = Findings.Scan(new DraftText(text, _rules.Language.Alphabet), _rules);
            parts[name] = findings;
            all.Add(findings);
        }

        if (all.Characters > 0 && all.ControlChars * 10 > all.Characters) return NothingToReview("not_text", M.NotTextTip);
        if (all.LetterWords == 0) return NothingToReview("empty", M.EmptyTip);

        var kind = draft.Kind ?? InferKind(draft, all);
        var tips = new List<CoachTip>();
        var kindResult = Kindness(all, kind, tips);
        var specific = Specific(draft, all, kind);
        var why = Why(draft, all, kind);
        var actionable = Actionable(draft, parts, all, kind);
        var (timely, timelyCode) = Timely(draft, all);

        AddCriterionTip(tips, CoachCriteria.Specific, specific);
        if (specific.Verdict == Verdict.Missing && all.VaguePraise.Count > 0) tips.Add(new("vague_praise", M.VaguePraiseTip));
        AddCriterionTip(tips, CoachCriteria.Why, why);
        AddCriterionTip(tips, CoachCriteria.Actionable, actionable);
        AddCriterionTip(tips, timelyCode, timely);
        AddStyleTips(all, tips, truncated);

        return new CoachReport(specific, why, actionable, kindResult, timely, tips, NothingToReview: false);
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
            _ => all.Suggestion.Count + all.Problem.Count + all.Labels.Count + all.Anger.Count + all.Sarcasm.Count > 0,
        };
        return wantsChange ? FeedbackKind.Constructive : FeedbackKind.Praise;
    }

    private CriterionResult Specific(CoachDraft draft, Findings all, FeedbackKind kind)
    {
        if (draft.Template == FeedbackTemplate.Sbi && !IsBlank(draft, TemplateParts.Situation))
        {
            return Met(Quote(TemplateParts.Situation, draft.Part(TemplateParts.Situation)));
        }
        var evidence = new List<string>(all.Situation);
        if (all.HasDigit) evidence.Add("a number or time");
        if (all.HasQuote) evidence.Add("a quotation");
        if (evidence.Count > 0) return Met([.. evidence]);

        var missing = new List<string>();
        if (draft.Template == FeedbackTemplate.Sbi) missing.Add(EmptyPart(TemplateParts.Situation));
        if (all.VaguePraise.Count > 0) missing.Add($"{M.OnlyVaguePraise}: {string.Join(", ", all.VaguePraise.Take(MaxEvidence))}");
        missing.Add(M.NoSituation);
        return new(Verdict.Missing, missing, M.SpecificTip, kind == FeedbackKind.Praise ? M.SpecificExamplePraise : M.SpecificExampleConstructive);
    }

    private CriterionResult Why(CoachDraft draft, Findings all, FeedbackKind kind)
    {
        var example = kind == FeedbackKind.Praise ? M.WhyExamplePraise : M.WhyExampleConstructive;
        // In SBI the Impact field is the "why": an empty one is missing even if another field says "so".
        if (draft.Template == FeedbackTemplate.Sbi)
        {
            return IsBlank(draft, TemplateParts.Impact)
                ? new(Verdict.Missing, [EmptyPart(TemplateParts.Impact)], M.WhyTip, example)
                : Met(Quote(TemplateParts.Impact, draft.Part(TemplateParts.Impact)));
        }
        return all.Impact.Count > 0
            ? Met(Limit(all.Impact))
            : new(Verdict.Missing, [M.NoImpact], M.WhyTip, example);
    }

    private CriterionResult Actionable(CoachDraft draft, Dictionary<string, Findings> parts, Findings all, FeedbackKind kind)
    {
        if (kind == FeedbackKind.Praise) return new(Verdict.NotApplicable, [M.PraiseNeedsNoStep]);

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
                    return new(Verdict.Missing, [EmptyPart(TemplateParts.Constructive)], M.ActionableTip, M.ActionableExample);
                }
                return middle.Suggestion.Count > 0
                    ? Met(Limit(middle.Suggestion))
                    : new(Verdict.Missing, [M.NoSuggestion], M.ActionableTip, M.ActionableExample);
        }

        if (all.Suggestion.Count > 0) return Met(Limit(all.Suggestion));
        var evidence = draft.Template switch
        {
            FeedbackTemplate.Sbi => EmptyPart(TemplateParts.Suggestion),
            FeedbackTemplate.StartStopContinue => EmptyPart(TemplateParts.Start),
            _ => M.NoSuggestion,
        };
        return new(Verdict.Missing, [evidence], M.ActionableTip, M.ActionableExample);
    }

    // Collects every kindness problem as its own tip (label, anger, sarcasm); the criterion carries the
    // general advice so a reader of the criterion alone still learns what to do.
    private CriterionResult Kindness(Findings all, FeedbackKind kind, List<CoachTip> tips)
    {
        var evidence = new List<string>();
        var labels = new List<string>(all.Labels);
        // "You always/never ..." in criticism is a verdict on the person; in praise it is just warm.
        if (kind == FeedbackKind.Constructive) labels.AddRange(all.PersonalAbsolute);
        if (labels.Count > 0)
        {
            evidence.AddRange(labels);
            tips.Add(new("label", M.LabelTip));
        }

        var anger = new List<string>(all.Anger);
        if (all.Shouted.Count >= 2) anger.Add($"{M.Shouting}: {string.Join(" ", all.Shouted.Take(MaxEvidence))}");
        // "Great job!!!" is enthusiasm; "Fix it!!!" is a raised voice.
        if (kind == FeedbackKind.Constructive && all.ExclamationRuns > 0) anger.Add(M.Exclamations);
        if (anger.Count > 0)
        {
            evidence.AddRange(anger);
            tips.Add(new("anger", M.AngerTip));
        }

        if (all.Sarcasm.Count > 0)
        {
            evidence.AddRange(all.Sarcasm);
            tips.Add(new("sarcasm", M.SarcasmTip));
        }

        return evidence.Count == 0
            ? Met([M.NothingUnkind])
            : new(Verdict.Missing, Limit(evidence), M.KindTip, M.KindExample);
    }

    private (CriterionResult Result, string TipCode) Timely(CoachDraft draft, Findings all)
    {
        if (all.Stale.Count > 0)
        {
            return (new(Verdict.Missing, Limit(all.Stale), M.StaleTip, M.TimelyExample), "stale");
        }
        if (draft.EventDate is { } date)
        {
            var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
            var days = today.DayNumber - date.DayNumber;
            if (days < 0) return (Met([M.EventInFuture]), CoachCriteria.Timely);
            var evidence = string.Format(CultureInfo.InvariantCulture, M.EventDaysAgo, days);
            return days > TimelyDays
                ? (new(Verdict.Missing, [evidence], M.TimelyTip, M.TimelyExample), CoachCriteria.Timely)
                : (Met([evidence]), CoachCriteria.Timely);
        }
        return (Met([M.NothingStale]), CoachCriteria.Timely);
    }

    private void AddStyleTips(Findings all, List<CoachTip> tips, bool truncated)
    {
        if (all.Absolute.Count > 0) tips.Add(new("absolute", M.AbsoluteTip));
        if (all.Minimiser.Count > 0 || all.Hedge.Count >= HedgesToHidePoint) tips.Add(new("hedging", M.HedgingTip));
        if (all.Words > ConciseWords) tips.Add(new("concise", Format(M.ConciseTip, all.Words)));
        else if (all.LongestSentence > LongSentenceWords) tips.Add(new("concise", Format(M.LongSentenceTip, all.LongestSentence)));
        if (all.Letters > 0 && all.LettersInAlphabet * 2 < all.Letters) tips.Add(new("other_language", M.OtherLanguageTip));
        if (truncated) tips.Add(new("truncated", Format(M.TruncatedTip, MaxCharacters)));
    }

    private static void AddCriterionTip(List<CoachTip> tips, string code, CriterionResult result)
    {
        if (result.Verdict == Verdict.Missing && result.Tip is not null)
        {
            tips.Add(new(code, result.Example is null ? result.Tip : $"{result.Tip} For example: \"{result.Example}\""));
        }
    }

    private CoachReport NothingToReview(string code, string tip)
    {
        var none = new CriterionResult(Verdict.NotApplicable, [M.NothingToReviewEvidence]);
        return new CoachReport(none, none, none, none, none, [new CoachTip(code, tip)], NothingToReview: true);
    }

    private string EmptyPart(string part) => string.Format(CultureInfo.InvariantCulture, M.EmptyPart, TemplateParts.Label(part));

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

    private static string Format(string template, int value) => string.Format(CultureInfo.InvariantCulture, template, value);
}
