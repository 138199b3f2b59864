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
    public Task SetNextAsync(PersonRef person, DateTimeOffset at, CancellationToken ct) =>
        redis.GetDatabase().SortedSetAddAsync(keys.Reminders, person.Key, at.ToUnixTimeMilliseconds());

    public Task RemoveAsync(PersonRef person, CancellationToken ct) =>
        redis.GetDatabase().SortedSetRemoveAsync(keys.Reminders, person.Key);

    public Task<IReadOnlyList<DueReminder>> TakeDueAsync(DateTimeOffset now, TimeSpan lease, int max, CancellationToken ct) =>
        TakeDueAsync(redis.GetDatabase(), keys.Reminders, now, lease, max);

    /// <summary>Takes due person entries from any person → time sorted set, each leased (also the year-in-feedback schedule).</summary>
    internal static async Task<IReadOnlyList<DueReminder>> TakeDueAsync(IDatabase db, RedisKey key, DateTimeOffset now, TimeSpan lease, int max) =>
        (await LeasedTake.FromSetAsync(db, key, now, lease, max)).Chunk(2)
            .Select(row => new DueReminder(PersonRef.Parse((string)row[0]!), LeasedTake.Ms(row[1])))
            .ToArray();
}
