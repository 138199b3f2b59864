using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Core.YearInFeedback;
using StackExchange.Redis;

namespace FeedbackBot.Redis.PersonalData;

/// <summary>The year-in-feedback opt-ins: <c>{p}:yearly</c>, person key → next time (Unix ms), taken like the digest schedule.</summary>
public sealed class RedisYearlySchedule(IConnectionMultiplexer redis, PersonalKeys keys) : IYearlySchedule
{
    public Task SetNextAsync(PersonRef person, DateTimeOffset at, CancellationToken ct) =>
        redis.GetDatabase().SortedSetAddAsync(keys.Yearly, person.Key, at.ToUnixTimeMilliseconds());

    public Task RemoveAsync(PersonRef person, CancellationToken ct) =>
        redis.GetDatabase().SortedSetRemoveAsync(keys.Yearly, person.Key);

    public async Task<DateTimeOffset?> GetNextAsync(PersonRef person, CancellationToken ct) =>
        await redis.GetDatabase().SortedSetScoreAsync(keys.Yearly, person.Key) is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds((long)ms) : null;

    public Task<IReadOnlyList<DueReminder>> TakeDueAsync(DateTimeOffset now, TimeSpan lease, int max, CancellationToken ct) =>
        RedisReminderSchedule.TakeDueAsync(redis.GetDatabase(), keys.Yearly, now, lease, max);
}
