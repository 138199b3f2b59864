namespace FeedbackBot.Core.Coaching;

/// <summary>
/// One piece of evidence: the named feature that found it and the draft's own words, e.g.
/// <c>time "Tuesday's"</c>, <c>artefact "README.md"</c>, <c>result "they renewed"</c>.
/// </summary>
public readonly record struct FeatureHit(string Feature, string Quote)
{
    /// <summary>How the hit reads in a report: <c>time: "Tuesday"</c>.</summary>
    public override string ToString() => $"{Feature}: \"{Quote}\"";

    // Enough to explain a verdict; a draft of a thousand numbers must not make de-duplication quadratic.
    private const int MaxHits = 12;

    internal static void AddOnce(List<FeatureHit> hits, FeatureHit hit)
    {
        if (hits.Count < MaxHits && !hits.Contains(hit)) hits.Add(hit);
    }
}

/// <summary>
/// The names of the features behind <c>specific</c> and <c>why</c>. Each is small, tested on its own, and
/// quoted back in evidence and tips.
/// </summary>
public static class CoachFeatures
{
    /// <summary>Specific: a day, date or moment ("Tuesday", "this morning", "ayer", "gestern").</summary>
    public const string Time = "time";
    /// <summary>Specific: an event or piece of work named by a common noun ("demo", "la reunión", "Kundentermin").</summary>
    public const string Occasion = "occasion";
    /// <summary>Specific: a place ("in the office", "en la oficina", "im Büro").</summary>
    public const string Place = "place";
    /// <summary>Specific: something named: a capitalised name, code-like token, file name, ticket, number, #channel, @mention.</summary>
    public const string Artefact = "artefact";
    /// <summary>Specific: a quotation ("fix stuff", 'quick').</summary>
    public const string Quotation = "quote";
    /// <summary>Specific: an observed action in the past tense with its object ("rewrote the billing job").</summary>
    public const string Action = "action";
    /// <summary>Why: an explicit reason or effect ("because", ", so", "which meant").</summary>
    public const string Reason = "reason";
    /// <summary>Why: a later clause saying what happened to someone ("and they renewed", "y el cliente firmó").</summary>
    public const string Result = "result";
    /// <summary>Why: a number that changed ("in ten minutes instead of an afternoon").</summary>
    public const string Number = "number";
}
