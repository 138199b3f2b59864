using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;

namespace FeedbackBot.Web.Tests;

/// <summary>A growth record per person (themes over received items, commitments), as growth-a's reader would give.</summary>
public sealed class TestGrowth : IGrowthReader
{
    public Dictionary<PersonRef, GrowthRecord> Records { get; } = [];

    public Task<GrowthRecord> GetAsync(PersonRef person, CancellationToken ct) =>
        Task.FromResult(Records.GetValueOrDefault(person, GrowthRecord.Empty));
}
