using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;

namespace FeedbackBot.Core.Growth;

/// <summary>A person's growth themes, for export and delete-my-data. Themes hold ids of the person's own received feedback only.</summary>
// The store is optional so a host without storage (adapter tests) can still walk every part.
public sealed class GrowthThemesData(IGrowthStore? store = null) : IPersonalDataPart
{
    public string Name => "themes";

    public async Task<JsonNode?> ExportAsync(PersonRef person, CancellationToken ct) =>
        store is not null && await store.ListThemesAsync(person, ct) is { Count: > 0 } themes ? GrowthJson.ToNode(themes) : null;

    public Task<long> EraseAsync(PersonRef person, CancellationToken ct) => store?.EraseThemesAsync(person, ct) ?? Task.FromResult(0L);
}

/// <summary>
/// A person's commitments with their outcomes and check-in plans, for export and delete-my-data (which also drops
/// their check-in schedule entries, so an erased person gets no check-in). A commitment names no giver: only the id
/// of the feedback it answers.
/// </summary>
public sealed class GrowthCommitmentsData(IGrowthStore? store = null) : IPersonalDataPart
{
    public string Name => "commitments";

    public async Task<JsonNode?> ExportAsync(PersonRef person, CancellationToken ct) =>
        store is not null && await store.ListCommitmentsAsync(person, ct) is { Count: > 0 } commitments
            ? GrowthJson.ToNode(commitments.Select(c => new
            {
                c.Id, c.Text, c.ThemeId, c.FeedbackId, c.CreatedAt, c.CheckIn, c.CheckInAt, c.Outcome, c.OutcomeAt,
                c.CheckInsSent, c.LastCheckInAt, RequestIds = c.Requests,
            }))
            : null;

    public Task<long> EraseAsync(PersonRef person, CancellationToken ct) => store?.EraseCommitmentsAsync(person, ct) ?? Task.FromResult(0L);
}

internal static class GrowthJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static JsonNode? ToNode<T>(T value) => JsonSerializer.SerializeToNode(value, Options);
}
