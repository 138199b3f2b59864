using StackExchange.Redis;

namespace FeedbackBot.Redis.Tests;

/// <summary>Every key under a prefix with its value as text, for before/after comparisons of what an operation touched.</summary>
internal static class KeyDump
{
    /// <summary>Sets and sorted sets as sorted, comma-joined members (sorted sets with scores), hashes as sorted name=value pairs.</summary>
    public static async Task<Dictionary<string, string>> AllValuesAsync(IConnectionMultiplexer connection, string prefix)
    {
        var db = connection.GetDatabase();
        var values = new Dictionary<string, string>();
        foreach (var s in connection.GetServers().Where(s => !s.IsReplica))
        {
            await foreach (var key in s.KeysAsync(pattern: prefix + ":*"))
            {
                values[key.ToString()] = await db.KeyTypeAsync(key) switch
                {
                    RedisType.String => (await db.StringGetAsync(key)).ToString(),
                    RedisType.List => string.Join(",", await db.ListRangeAsync(key)),
                    RedisType.Hash => string.Join(",", (await db.HashGetAllAsync(key)).Select(e => $"{e.Name}={e.Value}").Order()),
                    RedisType.Set => string.Join(",", (await db.SetMembersAsync(key)).Select(m => m.ToString()).Order()),
                    RedisType.SortedSet => string.Join(",", (await db.SortedSetRangeByRankWithScoresAsync(key)).Select(e => $"{e.Element}@{e.Score}").Order()),
                    var other => other.ToString(),
                };
            }
        }

        return values;
    }
}
