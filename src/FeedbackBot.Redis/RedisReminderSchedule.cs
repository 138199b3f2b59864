using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using StackExchange.Redis;

namespace FeedbackBot.Redis;

/// <summary>
/// Everyone's next weekly-digest time in one sorted set (member = person key, score = Unix ms). The planner
/// reads only the due head of the set, never the whole population.
/// </summary>
public sealed class RedisReminderSchedule(IConnectionMultiplexer redis, Keys keys) : IReminderSchedule
{
    // Take due entries and push each one a lease ahead, in one script: two hosts taking at the same moment never
    // get the same person, and an entry whose run dies before it is moved to next week comes back by itself (the
    // same shape as the delivery outbox). XX: an entry removed meanwhile (digest turned off) stays removed.
    private static readonly LuaScript TakeDue = LuaScript.Prepare("""
        local items = redis.call('ZRANGEBYSCORE', @key, '-inf', @now, 'WITHSCORES', 'LIMIT', 0, @max)
        for i = 1, #items, 2 do
          redis.call('ZADD', @key, 'XX', @until, items[i])
        end
        return items
        """);

    public Task SetNextAsync(PersonRef person, DateTimeOffset at, CancellationToken ct) =>
        redis.GetDatabase().SortedSetAddAsync(keys.Reminders, person.Key, at.ToUnixTimeMilliseconds());

    public Task RemoveAsync(PersonRef person, CancellationToken ct) =>
        redis.GetDatabase().SortedSetRemoveAsync(keys.Reminders, person.Key);

    public Task<IReadOnlyList<DueReminder>> TakeDueAsync(DateTimeOffset now, TimeSpan lease, int max, CancellationToken ct) =>
        TakeDueAsync(redis.GetDatabase(), keys.Reminders, now, lease, max);

    /// <summary>Takes due person entries from any person → time sorted set, each leased (also the year-in-feedback schedule).</summary>
    internal static async Task<IReadOnlyList<DueReminder>> TakeDueAsync(IDatabase db, RedisKey key, DateTimeOffset now, TimeSpan lease, int max)
    {
        var result = (RedisResult[])(await db.ScriptEvaluateAsync(TakeDue,
            new { key, now = now.ToUnixTimeMilliseconds(), until = (now + lease).ToUnixTimeMilliseconds(), max }))!;
        var due = new List<DueReminder>(result.Length / 2);
        for (var i = 0; i + 1 < result.Length; i += 2)
        {
            due.Add(new DueReminder(PersonRef.Parse((string)result[i]!), DateTimeOffset.FromUnixTimeMilliseconds((long)(double)result[i + 1])));
        }

        return due;
    }
}
