using FeedbackBot.Core.People;
using StackExchange.Redis;

namespace FeedbackBot.Redis;

/// <summary>
/// The take every outbox and schedule uses: due members of a sorted set (member → due time, Unix ms) are returned
/// and pushed a lease ahead in one script, so two hosts taking at the same moment never get the same member, and a
/// member whose run dies before it is moved on comes back by itself after the lease. <c>ZADD XX</c>: a member
/// removed meanwhile (delivered, turned off) stays removed.
/// </summary>
internal static class LeasedTake
{
    /// <summary>Replies member, due-score pairs.</summary>
    public static readonly LuaScript Due = LuaScript.Prepare("""
        local items = redis.call('ZRANGEBYSCORE', @key, '-inf', @now, 'WITHSCORES', 'LIMIT', 0, @max)
        for i = 1, #items, 2 do
          redis.call('ZADD', @key, 'XX', @until, items[i])
        end
        return items
        """);

    /// <summary>
    /// Runs <paramref name="script"/> (default <see cref="Due"/>) on one sorted set and returns its flat reply.
    /// <paramref name="versions"/> is passed for scripts that read a hash beside the set (the nudge checks).
    /// </summary>
    public static async Task<RedisResult[]> FromSetAsync(
        IDatabase db, RedisKey key, DateTimeOffset now, TimeSpan lease, int max, LuaScript? script = null, RedisKey versions = default) =>
        (RedisResult[])(await db.ScriptEvaluateAsync(script ?? Due, new
        {
            key,
            versions,
            now = now.ToUnixTimeMilliseconds(),
            until = (now + lease).ToUnixTimeMilliseconds(),
            max,
        }))!;

    /// <summary>
    /// Takes from every known workspace's set (the sweep's workspace list) until <paramref name="max"/> rows; returns
    /// the replies cut into rows of <paramref name="width"/> values (member and due score first).
    /// </summary>
    public static async Task<List<RedisResult[]>> FromEveryWorkspaceAsync(
        IDatabase db, Keys keys, Func<WorkspaceRef, RedisKey> set, DateTimeOffset now, TimeSpan lease, int max,
        LuaScript? script = null, int width = 2, Func<WorkspaceRef, RedisKey>? versions = null)
    {
        var taken = new List<RedisResult[]>();
        foreach (var workspace in await db.SetMembersAsync(keys.OutboxWorkspaces))
        {
            if (taken.Count >= max)
            {
                break;
            }

            var w = RedisFeedbackStore.ParseWorkspace(workspace.ToString());
            taken.AddRange((await FromSetAsync(db, set(w), now, lease, max - taken.Count, script, versions?.Invoke(w) ?? default)).Chunk(width));
        }

        return taken;
    }

    /// <summary>A due score (Unix ms, as Redis returns it) as a time.</summary>
    public static DateTimeOffset Ms(RedisResult score) => DateTimeOffset.FromUnixTimeMilliseconds((long)(double)score);
}
