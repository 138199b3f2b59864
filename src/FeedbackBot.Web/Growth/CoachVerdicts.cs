using FeedbackBot.Core.Coaching;
using FeedbackBot.Core.Feedback;
using Microsoft.Extensions.Caching.Memory;

namespace FeedbackBot.Web.Growth;

/// <summary>
/// The coach's verdicts on a given item, per criterion, cached by item id: an item's text never changes, and a
/// review costs tens of microseconds to a millisecond (docs/benchmarks.md), so a page over 1,000 given items
/// would otherwise spend most of its time re-reading them. Bounded, so a busy host does not grow without end.
/// </summary>
internal sealed class CoachVerdicts(FeedbackCoach coach) : IDisposable
{
    public static readonly string[] Criteria = [CoachCriteria.Specific, CoachCriteria.Why, CoachCriteria.Actionable, CoachCriteria.Kind, CoachCriteria.Timely];

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 200_000 });

    public static string Label(string criterion) => criterion switch
    {
        CoachCriteria.Specific => "Specific",
        CoachCriteria.Why => "Says why",
        CoachCriteria.Actionable => "Actionable",
        CoachCriteria.Kind => "Kind",
        _ => "Timely",
    };

    public Verdict[] For(FeedbackItem item) =>
        _cache.GetOrCreate(item.Id, entry =>
        {
            entry.Size = 1;
            entry.SlidingExpiration = TimeSpan.FromHours(12);
            var report = coach.Review(new CoachDraft(item.Content.Template, item.Content.Parts, item.Kind));
            return report.Criteria.Select(c => c.Result.Verdict).ToArray();
        })!;

    public void Dispose() => _cache.Dispose();
}
