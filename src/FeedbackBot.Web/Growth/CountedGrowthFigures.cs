using FeedbackBot.Core.Coaching;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Insights;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;

namespace FeedbackBot.Web.Growth;

/// <summary>
/// <see cref="IGrowthFigures"/> for hosts whose storage keeps no figures (in-memory stores in tests and tools):
/// counts everything on each view. Storage that keeps them (Redis) registers its own, which replaces this one.
/// </summary>
internal sealed class CountedGrowthFigures(IFeedbackStore feedback, IRequestStore requests, FeedbackCoach coach) : IGrowthFigures
{
    public Task<PersonFigures> GetAsync(PersonRef person, CancellationToken ct) =>
        PersonFigures.CountAsync(feedback, requests, coach, person, ct);

    public async Task<IReadOnlyList<FeedbackItem>> ListReceivedAsync(PersonRef person, FeedbackCursor? before, DateTimeOffset? since, int max, CancellationToken ct) =>
        (await feedback.ListReceivedAsync(person, PersonFigures.MaxItems, ct, since))
            .OrderByDescending(i => i.CreatedAt.ToUnixTimeMilliseconds()).ThenByDescending(i => i.Id, StringComparer.Ordinal)
            .Where(i => before is null || before.IsBefore(i.CreatedAt.ToUnixTimeMilliseconds(), i.Id))
            .Take(max)
            .ToArray();
}
