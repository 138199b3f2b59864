using System.Text.Json.Nodes;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Core.Ratings;
using StackExchange.Redis;

namespace FeedbackBot.Redis.PersonalData;

/// <summary><c>preferences</c>: the person's settings as stored (nothing when they never saved any).</summary>
public sealed class PreferencesPart(IConnectionMultiplexer redis, Keys keys) : IPersonalDataPart
{
    public string Name => "preferences";

    public async Task<JsonNode?> ExportAsync(PersonRef person, CancellationToken ct) =>
        await redis.GetDatabase().StringGetAsync(keys.Preferences(person)) is { IsNullOrEmpty: false } v ? JsonNode.Parse(v.ToString()) : null;

    public async Task<long> EraseAsync(PersonRef person, CancellationToken ct) =>
        await redis.GetDatabase().KeyDeleteAsync(keys.Preferences(person)) ? 1 : 0;
}

/// <summary>
/// <c>schedules</c>: when the bot plans to contact the person (weekly digest, nudge check, year in feedback), the
/// per-person usage log behind the limits, how the platform reaches them (address book) and the digest once-claims
/// naming them. Erase removes all of it, so nothing is sent to them afterwards.
/// </summary>
public sealed class SchedulesPart(IConnectionMultiplexer redis, Keys keys, PersonalKeys personal) : IPersonalDataPart
{
    private static readonly string[] LimitedActions = ["feedback", "request"];

    public string Name => "schedules";

    public async Task<JsonNode?> ExportAsync(PersonRef person, CancellationToken ct)
    {
        var db = redis.GetDatabase();
        static JsonNode? At(double? ms) => ms is { } v ? JsonValue.Create(DateTimeOffset.FromUnixTimeMilliseconds((long)v)) : null;
        var address = new JsonObject();
        foreach (var entry in await db.HashGetAllAsync(personal.Address(person)))
        {
            address[entry.Name.ToString()] = entry.Value.ToString();
        }

        var uses = new JsonObject();
        foreach (var action in LimitedActions)
        {
            uses[action] = await db.SortedSetLengthAsync(keys.Limits(person, action));
        }

        return new JsonObject
        {
            ["weeklyDigestAt"] = At(await db.SortedSetScoreAsync(keys.Reminders, person.Key)),
            ["nudgeCheckAt"] = At(await db.SortedSetScoreAsync(keys.Nudges(person.Workspace), person.Key)),
            ["yearInFeedbackAt"] = At(await db.SortedSetScoreAsync(personal.Yearly, person.Key)),
            ["address"] = address,
            ["recentUsesCounted"] = uses,
        };
    }

    public async Task<long> EraseAsync(PersonRef person, CancellationToken ct)
    {
        var db = redis.GetDatabase();
        long removed = 0;
        removed += await db.SortedSetRemoveAsync(keys.Reminders, person.Key) ? 1 : 0;
        removed += await db.SortedSetRemoveAsync(keys.Nudges(person.Workspace), person.Key) ? 1 : 0;
        removed += await db.HashDeleteAsync(keys.NudgeVersions(person.Workspace), person.Key) ? 1 : 0;
        removed += await db.SortedSetRemoveAsync(personal.Yearly, person.Key) ? 1 : 0;
        removed += await db.KeyDeleteAsync([personal.Address(person), .. LimitedActions.Select(a => keys.Limits(person, a))]);
        // Once-claims hash on their own (one DEL each); the digest's name the person.
        var pattern = $"{RedisWorkspaceData.Glob(keys.Prefix)}:once:digest:{RedisWorkspaceData.Glob(person.Key)}:*";
        foreach (var key in await PartJson.ScanAsync(redis, pattern, ct))
        {
            removed += await db.KeyDeleteAsync(key) ? 1 : 0;
        }

        return removed;
    }
}

/// <summary><c>ratings</c>: the "was it useful?" ratings the person made of feedback they received.</summary>
public sealed class RatingsPart(IConnectionMultiplexer redis, PersonalKeys keys, IRatingStore ratings) : IPersonalDataPart
{
    public string Name => "ratings";

    public async Task<JsonNode?> ExportAsync(PersonRef person, CancellationToken ct) =>
        new JsonArray([.. (await ratings.ListAsync(person, ct)).Select(r => (JsonNode)new JsonObject
        {
            ["feedbackId"] = r.FeedbackId,
            ["helpful"] = r.Helpful,
            ["whatMadeItUseful"] = new JsonArray([.. r.Reasons.Select(x => (JsonNode)UsefulRating.Label(x))]),
            ["at"] = r.At,
        })]);

    public async Task<long> EraseAsync(PersonRef person, CancellationToken ct) =>
        await redis.GetDatabase().KeyDeleteAsync(keys.Ratings(person)) ? 1 : 0;
}

/// <summary><c>values</c>: the company values colleagues recognised in the person (no giver stored with them).</summary>
public sealed class ValuesPart(IConnectionMultiplexer redis, PersonalKeys keys, IValueTagStore tags) : IPersonalDataPart
{
    public string Name => "values";

    public async Task<JsonNode?> ExportAsync(PersonRef person, CancellationToken ct) =>
        new JsonArray([.. (await tags.ListAsync(person, ct)).Select(t => (JsonNode)new JsonObject
        {
            ["feedbackId"] = t.FeedbackId,
            ["values"] = new JsonArray([.. t.Values.Select(v => (JsonNode)v)]),
            ["at"] = t.At,
        })]);

    public async Task<long> EraseAsync(PersonRef person, CancellationToken ct) =>
        await redis.GetDatabase().KeyDeleteAsync(keys.Values(person)) ? 1 : 0;
}

/// <summary>
/// <c>figures</c>: the person's growth-page figures by month (<see cref="Insights.RedisGrowthFigures"/>): counts of
/// feedback received and given, the coach's verdicts on what they gave, their requests' answer times, and the
/// named givers of what they received (people who already see their own names on that feedback).
/// </summary>
public sealed class FiguresPart(IConnectionMultiplexer redis, Keys keys) : IPersonalDataPart
{
    public string Name => "figures";

    public async Task<JsonNode?> ExportAsync(PersonRef person, CancellationToken ct)
    {
        var fields = await redis.GetDatabase().HashGetAllAsync(Insights.RedisGrowthFigures.Key(keys, person));
        if (fields.Length == 0)
        {
            return null;
        }

        var figures = Insights.RedisGrowthFigures.Parse(fields);
        var months = new JsonObject();
        foreach (var (month, m) in figures.Months.OrderBy(x => x.Key, StringComparer.Ordinal))
        {
            months[month] = new JsonObject
            {
                ["received"] = m.Received,
                ["given"] = m.Given,
                ["coachJudged"] = new JsonObject([.. m.Judged.Select(x => KeyValuePair.Create(x.Key, (JsonNode?)x.Value))]),
                ["coachMet"] = new JsonObject([.. m.Met.Select(x => KeyValuePair.Create(x.Key, (JsonNode?)x.Value))]),
                ["answerSeconds"] = new JsonArray([.. m.AnswerSeconds.Values.Order().Select(s => (JsonNode)s)]),
            };
        }

        return new JsonObject
        {
            ["months"] = months,
            ["namedGivers"] = new JsonObject([.. figures.NamedGivers.Select(x => KeyValuePair.Create(x.Key.Key, (JsonNode?)x.Value))]),
        };
    }

    public async Task<long> EraseAsync(PersonRef person, CancellationToken ct) =>
        await redis.GetDatabase().KeyDeleteAsync(Insights.RedisGrowthFigures.Key(keys, person)) ? 1 : 0;
}
