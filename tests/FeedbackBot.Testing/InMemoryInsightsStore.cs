using System.Collections.Concurrent;
using FeedbackBot.Core.Insights;
using FeedbackBot.Core.People;

namespace FeedbackBot.Testing;

/// <summary>Insights counts in memory, with the Redis store's rules: counts add up, a sample is set (kept once).</summary>
public sealed class InMemoryInsightsStore : IInsightsStore
{
    private readonly ConcurrentDictionary<(WorkspaceRef, string Week), ConcurrentDictionary<(string User, string Measure, string? Sample), long>> _weeks = new();

    public Task AddAsync(IReadOnlyList<InsightsFact> facts, CancellationToken ct)
    {
        foreach (var f in facts)
        {
            var week = _weeks.GetOrAdd((f.Person.Workspace, InsightsWeek.Of(f.At)), _ => new());
            week.AddOrUpdate((f.Person.UserId, f.Measure, f.Sample), f.Value, (_, old) => f.Sample is null ? old + f.Value : f.Value);
        }

        return Task.CompletedTask;
    }

    // A count read back as the measures it stands for (one count of all the coach's verdicts: one per criterion), as the Redis store reads it.
    public Task<IReadOnlyList<InsightsEntry>> ReadWeekAsync(WorkspaceRef workspace, string week, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<InsightsEntry>>(_weeks.TryGetValue((workspace, week), out var entries)
            ? entries.SelectMany(e => e.Key.Sample is null
                ? InsightsMeasures.Expand(e.Key.Measure, e.Value).Select(m => new InsightsEntry(e.Key.User, m.Measure, m.Value))
                : [new InsightsEntry(e.Key.User, e.Key.Measure, e.Value, e.Key.Sample)]).ToArray()
            : []);

    /// <summary>One person's count of <paramref name="measure"/> in the week of <paramref name="at"/> (0 when none).</summary>
    public long Count(PersonRef person, string measure, DateTimeOffset at) =>
        _weeks.TryGetValue((person.Workspace, InsightsWeek.Of(at)), out var entries)
            ? entries.Where(e => e.Key.User == person.UserId && e.Key.Sample is null)
                .SelectMany(e => InsightsMeasures.Expand(e.Key.Measure, e.Value)).Where(m => m.Measure == measure).Sum(m => m.Value)
            : 0;
}
