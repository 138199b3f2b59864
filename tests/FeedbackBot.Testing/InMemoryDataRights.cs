using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using FeedbackBot.Core;
using FeedbackBot.Core.DataRights;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Core.Ratings;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FeedbackBot.Testing;

/// <summary>Ratings per rater, in memory.</summary>
public sealed class InMemoryRatingStore : IRatingStore
{
    private readonly ConcurrentDictionary<(PersonRef, string), UsefulRating> _ratings = new();

    public IReadOnlyList<(PersonRef Rater, UsefulRating Rating)> All => _ratings.Select(e => (e.Key.Item1, e.Value)).ToArray();

    public Task SetAsync(PersonRef rater, UsefulRating rating, CancellationToken ct)
    {
        _ratings[(rater, rating.FeedbackId)] = rating;
        return Task.CompletedTask;
    }

    public Task<UsefulRating?> GetAsync(PersonRef rater, string feedbackId, CancellationToken ct) =>
        Task.FromResult(_ratings.GetValueOrDefault((rater, feedbackId)));

    public Task<IReadOnlyList<UsefulRating>> ListAsync(PersonRef rater, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<UsefulRating>>(_ratings.Where(e => e.Key.Item1 == rater).Select(e => e.Value).ToArray());
}

/// <summary>Value tags per recipient, in memory.</summary>
public sealed class InMemoryValueTagStore : IValueTagStore
{
    private readonly ConcurrentDictionary<(PersonRef, string), ValueTag> _tags = new();

    public Task TagAsync(PersonRef recipient, ValueTag tag, CancellationToken ct)
    {
        _tags[(recipient, tag.FeedbackId)] = tag;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ValueTag>> ListAsync(PersonRef recipient, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<ValueTag>>(_tags.Where(e => e.Key.Item1 == recipient).Select(e => e.Value).OrderBy(t => t.At).ToArray());
}

/// <summary>
/// One-time-link grants by purpose and token hash, in memory, with the Redis store's take-once rule;
/// <see cref="Hashes"/> shows what is stored (never a token). Expiry is Core's to check, as with Redis.
/// </summary>
public sealed class InMemoryOneTimeLinkStore : IOneTimeLinkStore
{
    private readonly ConcurrentDictionary<(string Purpose, string Hash), OneTimeLinkGrant> _grants = new();

    /// <summary>The token hashes stored for <paramref name="purpose"/>.</summary>
    public IReadOnlyCollection<string> Hashes(string purpose) => _grants.Keys.Where(k => k.Purpose == purpose).Select(k => k.Hash).ToArray();

    public Task SaveAsync(string purpose, string tokenHash, OneTimeLinkGrant grant, TimeSpan keepFor, CancellationToken ct)
    {
        _grants[(purpose, tokenHash)] = grant;
        return Task.CompletedTask;
    }

    public Task<OneTimeLinkGrant?> PeekAsync(string purpose, string tokenHash, CancellationToken ct) =>
        Task.FromResult(_grants.GetValueOrDefault((purpose, tokenHash)));

    public Task<OneTimeLinkGrant?> TakeAsync(string purpose, string tokenHash, CancellationToken ct) =>
        Task.FromResult(_grants.TryRemove((purpose, tokenHash), out var grant) ? grant : null);
}

/// <summary>
/// A personal-data part over an in-memory feedback store: exports what the person received (giver only when
/// named), erase counts the calls. Stands in for storage's parts in adapter tests.
/// </summary>
public sealed class InMemoryReceivedPart(IFeedbackStore feedback) : IPersonalDataPart
{
    public ConcurrentQueue<PersonRef> Erased { get; } = new();

    public string Name => "received";

    public async Task<JsonNode?> ExportAsync(PersonRef person, CancellationToken ct) =>
        new JsonArray([.. (await feedback.ListReceivedAsync(person, 1000, ct)).Select(i => (JsonNode)new JsonObject
        {
            ["id"] = i.Id,
            ["from"] = i.Anonymous ? null : i.Giver.Key,
            ["text"] = i.Content.PlainText,
        })]);

    public Task<long> EraseAsync(PersonRef person, CancellationToken ct)
    {
        Erased.Enqueue(person);
        return Task.FromResult(1L);
    }
}

/// <summary>Year-in-feedback opt-ins, in memory (take leases, as the Redis script does).</summary>
public sealed class InMemoryYearlySchedule : Core.YearInFeedback.IYearlySchedule
{
    private readonly ConcurrentDictionary<PersonRef, DateTimeOffset> _next = new();

    public Task SetNextAsync(PersonRef person, DateTimeOffset at, CancellationToken ct)
    {
        _next[person] = at;
        return Task.CompletedTask;
    }

    public Task RemoveAsync(PersonRef person, CancellationToken ct)
    {
        _next.TryRemove(person, out _);
        return Task.CompletedTask;
    }

    public Task<DateTimeOffset?> GetNextAsync(PersonRef person, CancellationToken ct) =>
        Task.FromResult(_next.TryGetValue(person, out var at) ? at : (DateTimeOffset?)null);

    public Task<IReadOnlyList<DueReminder>> TakeDueAsync(DateTimeOffset now, TimeSpan lease, int max, CancellationToken ct)
    {
        var due = _next.Where(e => e.Value <= now).OrderBy(e => e.Value).Take(max).ToArray();
        return Task.FromResult<IReadOnlyList<DueReminder>>(due.Where(e => _next.TryUpdate(e.Key, now + lease, e.Value)).Select(e => new DueReminder(e.Key, e.Value)).ToArray());
    }
}

public static class InMemoryDataRightsServices
{
    /// <summary>The in-memory ratings, value tags, one-time (export) links and received-feedback part.</summary>
    public static IServiceCollection AddInMemoryDataRights(this IServiceCollection services, string publicUrl = "https://feedback.example.test")
    {
        // TryAdd: the Slack test host registers these by default and a test may call this again for its URL.
        services.TryAddSingleton<IRatingStore, InMemoryRatingStore>();
        services.TryAddSingleton<IValueTagStore, InMemoryValueTagStore>();
        services.TryAddSingleton<IOneTimeLinkStore, InMemoryOneTimeLinkStore>();
        services.TryAddTransient<OneTimeLinks>();
        services.TryAddTransient<ExportLinks>();
        services.TryAddTransient<RateFeedback>();
        services.TryAddSingleton<Core.YearInFeedback.IYearlySchedule, InMemoryYearlySchedule>();
        if (services.All(d => d.ServiceType != typeof(InMemoryReceivedPart)))
        {
            services.AddSingleton<InMemoryReceivedPart>();
            services.AddSingleton<IPersonalDataPart>(sp => sp.GetRequiredService<InMemoryReceivedPart>());
        }

        services.Configure<DataRightsOptions>(o => o.PublicUrl = publicUrl);
        return services;
    }
}
