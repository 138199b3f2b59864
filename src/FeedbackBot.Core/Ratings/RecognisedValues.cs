using FeedbackBot.Core.People;

namespace FeedbackBot.Core.Ratings;

/// <summary>
/// The company's values (<c>Values:List</c>, e.g. <c>["Humility", "User focus", "Ownership"]</c>; empty by default,
/// which hides every values control). Givers may tag praise with them; recipients see which values colleagues
/// recognised in them. No leaderboards: nothing is ever shown to anyone but the recipient.
/// </summary>
public sealed class ValuesOptions
{
    public const string SectionName = "Values";

    /// <summary>The values a giver may pick from, in the order shown. Empty: the feature is off.</summary>
    public List<string> List { get; set; } = [];

    /// <summary>The configured values, trimmed, without blanks or repeats.</summary>
    public IReadOnlyList<string> Effective() =>
        List.Select(v => v.Trim()).Where(v => v.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).Take(MaxValues).ToArray();

    /// <summary>Slack's checkboxes hold at most 10 options.</summary>
    public const int MaxValues = 10;

    /// <summary>The give form's label and hint for the values (Slack's modal and Teams' card alike).</summary>
    public const string FormLabel = "Company values shown (praise only)";

    /// <inheritdoc cref="FormLabel"/>
    public const string FormHint = "Only they see which values colleagues recognised in them. Nothing is ranked or public.";
}

/// <summary>Values a giver recognised in one piece of feedback, kept with its recipient (no giver in it).</summary>
public sealed record ValueTag(string FeedbackId, IReadOnlyList<string> Values, DateTimeOffset At);

/// <summary>Value tags per recipient: what the recipient sees, exports and deletes.</summary>
public interface IValueTagStore
{
    Task TagAsync(PersonRef recipient, ValueTag tag, CancellationToken ct);

    Task<IReadOnlyList<ValueTag>> ListAsync(PersonRef recipient, CancellationToken ct);
}

/// <summary>How often each value was recognised in a person, most often first (ties by name).</summary>
public static class RecognisedValues
{
    public static IReadOnlyList<(string Value, int Count)> Count(IEnumerable<ValueTag> tags) =>
        tags.SelectMany(t => t.Values.Distinct(StringComparer.OrdinalIgnoreCase))
            .GroupBy(v => v, StringComparer.OrdinalIgnoreCase)
            .Select(g => (g.First(), g.Count()))
            .OrderByDescending(x => x.Item2).ThenBy(x => x.Item1, StringComparer.OrdinalIgnoreCase)
            .ToArray();

    /// <summary>Only values that are configured (a value removed from the list later is dropped from new tags).</summary>
    public static IReadOnlyList<string> Allowed(IEnumerable<string> picked, ValuesOptions options)
    {
        var allowed = options.Effective();
        return picked.Select(p => allowed.FirstOrDefault(a => string.Equals(a, p, StringComparison.OrdinalIgnoreCase)))
            .OfType<string>().Distinct().ToArray();
    }
}
