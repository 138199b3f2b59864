using System.Text.Json.Nodes;
using FeedbackBot.Core.Insights;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace FeedbackBot.Redis.Insights;

/// <summary>
/// Insights counts in one hash per workspace and ISO week, <c>{p}:{slack:T1}:insights:2026-W48</c>, field
/// <c>{user}|{measure}</c> → count (HINCRBY) or <c>{user}|{measure}|{sample}</c> → value (HSET, e.g. one
/// time-to-feedback per request). Why per person rather than HyperLogLogs or plain counters: a team is picked when
/// the report is asked for (a user group, a channel), so the report must be able to add up exactly its members'
/// figures and count them; a workspace-wide counter cannot be split by team, and a HyperLogLog cannot be
/// intersected with a member list. One hash per week keeps a report to one HGETALL per week, and the workspace's
/// hash tag keeps it in the workspace's slot (and inside <c>delete-workspace-data</c>'s SCAN). Each write renews the
/// week's TTL (<see cref="InsightsOptions.Retention"/>). Also the person's <see cref="IPersonalDataPart"/>: their
/// own fields are exported and erased with their data.
/// </summary>
public sealed class RedisInsightsStore(IConnectionMultiplexer redis, Keys keys, IOptions<InsightsOptions> options, TimeProvider time)
    : IInsightsStore, IPersonalDataPart
{
    private const char Separator = '|';

    public string Name => "insights";

    /// <summary>The key of <paramref name="workspace"/>'s counts for <paramref name="week"/>.</summary>
    public RedisKey WeekKey(WorkspaceRef workspace, string week) => $"{keys.Prefix}:{Keys.Tag(workspace)}:insights:{week}";

    public async Task AddAsync(IReadOnlyList<InsightsFact> facts, CancellationToken ct)
    {
        var db = redis.GetDatabase();
        var writes = new List<Task>();
        var touched = new HashSet<RedisKey>();
        // Counts of one field are added up first (a give to three people is one HINCRBY of 3 for the giver).
        var counts = new Dictionary<(RedisKey Key, string Field), long>();
        foreach (var fact in facts)
        {
            var key = WeekKey(fact.Person.Workspace, InsightsWeek.Of(fact.At));
            touched.Add(key);
            var field = string.Join(Separator, fact.Person.UserId, fact.Measure);
            if (fact.Sample is null)
            {
                counts[(key, field)] = counts.GetValueOrDefault((key, field)) + fact.Value;
            }
            else
            {
                writes.Add(db.HashSetAsync(key, field + Separator + fact.Sample, fact.Value));
            }
        }

        writes.AddRange(counts.Select(c => db.HashIncrementAsync(c.Key.Key, c.Key.Field, c.Value)));

        // Pipelined, not a transaction: each count stands on its own, and facts of a shared channel's people may
        // name other workspaces (other slots on a cluster).
        writes.AddRange(touched.Select(key => db.KeyExpireAsync(key, options.Value.Retention)));
        await Task.WhenAll(writes).WaitAsync(ct);
    }

    public async Task<IReadOnlyList<InsightsEntry>> ReadWeekAsync(WorkspaceRef workspace, string week, CancellationToken ct)
    {
        var fields = await redis.GetDatabase().HashGetAllAsync(WeekKey(workspace, week)).WaitAsync(ct);
        return fields.SelectMany(f => Parse(f.Name!, f.Value)).ToArray();
    }

    public async Task<JsonNode?> ExportAsync(PersonRef person, CancellationToken ct)
    {
        var weeks = new JsonObject();
        foreach (var (week, fields) in await OwnFieldsAsync(person, ct))
        {
            var counts = new JsonObject();
            foreach (var entry in fields.SelectMany(f => Parse(f.Name!, f.Value)))
            {
                // Added up: one stored field of all the coach's verdicts and the older per-criterion ones name the same measures.
                var name = entry.Sample is null ? entry.Measure : $"{entry.Measure}:{entry.Sample}";
                counts[name] = (counts[name]?.GetValue<long>() ?? 0) + entry.Value;
            }

            weeks[week] = counts;
        }

        return weeks.Count == 0 ? null : weeks;
    }

    public async Task<long> EraseAsync(PersonRef person, CancellationToken ct)
    {
        var db = redis.GetDatabase();
        long removed = 0;
        foreach (var (week, fields) in await OwnFieldsAsync(person, ct))
        {
            removed += await db.HashDeleteAsync(WeekKey(person.Workspace, week), fields.Select(f => f.Name).ToArray());
        }

        return removed;
    }

    // The person's fields in every week still kept: HSCAN with MATCH "{user}|*" per week key.
    private async Task<List<(string Week, List<HashEntry> Fields)>> OwnFieldsAsync(PersonRef person, CancellationToken ct)
    {
        var db = redis.GetDatabase();
        var kept = (int)Math.Ceiling(options.Value.Retention.TotalDays / 7) + 1;
        var found = new List<(string, List<HashEntry>)>();
        foreach (var week in InsightsWeek.Last(time.GetUtcNow(), kept))
        {
            var fields = new List<HashEntry>();
            await foreach (var entry in db.HashScanAsync(WeekKey(person.Workspace, week), Glob(person.UserId) + Separator + "*").WithCancellation(ct))
            {
                fields.Add(entry);
            }

            if (fields.Count > 0)
            {
                found.Add((week, fields));
            }
        }

        return found;
    }

    private static IEnumerable<InsightsEntry> Parse(string field, RedisValue value)
    {
        var parts = field.Split(Separator, 3);
        if (parts.Length < 2 || !value.TryParse(out long number))
        {
            return [];
        }

        return parts.Length == 3
            ? [new InsightsEntry(parts[0], parts[1], number, parts[2])]
            : InsightsMeasures.Expand(parts[1], number).Select(m => new InsightsEntry(parts[0], m.Measure, m.Value));
    }

    // User ids are the platform's, but a glob character in one must not widen the match.
    private static string Glob(string text) =>
        string.Concat(text.Select(c => c is '*' or '?' or '[' or ']' or '\\' ? "\\" + c : c.ToString()));
}
