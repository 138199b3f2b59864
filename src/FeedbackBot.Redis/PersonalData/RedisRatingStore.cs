using FeedbackBot.Core.People;
using FeedbackBot.Core.Ratings;
using StackExchange.Redis;

namespace FeedbackBot.Redis.PersonalData;

/// <summary>Ratings in one hash per rater (feedback id → JSON): one key to export, one key to delete.</summary>
public sealed class RedisRatingStore(IConnectionMultiplexer redis, PersonalKeys keys) : IRatingStore
{
    public Task SetAsync(PersonRef rater, UsefulRating rating, CancellationToken ct) =>
        redis.GetDatabase().HashSetAsync(keys.Ratings(rater), rating.FeedbackId, StorageJson.Write(rating));

    public async Task<UsefulRating?> GetAsync(PersonRef rater, string feedbackId, CancellationToken ct) =>
        StorageJson.Read<UsefulRating>(await redis.GetDatabase().HashGetAsync(keys.Ratings(rater), feedbackId));

    public async Task<IReadOnlyList<UsefulRating>> ListAsync(PersonRef rater, CancellationToken ct) =>
        (await redis.GetDatabase().HashValuesAsync(keys.Ratings(rater)))
            .Select(v => StorageJson.Read<UsefulRating>(v)).OfType<UsefulRating>().OrderBy(r => r.At).ToArray();
}

/// <summary>Value tags in one hash per recipient (feedback id → JSON without the giver).</summary>
public sealed class RedisValueTagStore(IConnectionMultiplexer redis, PersonalKeys keys) : IValueTagStore
{
    public Task TagAsync(PersonRef recipient, ValueTag tag, CancellationToken ct) =>
        redis.GetDatabase().HashSetAsync(keys.Values(recipient), tag.FeedbackId, StorageJson.Write(tag));

    public async Task<IReadOnlyList<ValueTag>> ListAsync(PersonRef recipient, CancellationToken ct) =>
        (await redis.GetDatabase().HashValuesAsync(keys.Values(recipient)))
            .Select(v => StorageJson.Read<ValueTag>(v)).OfType<ValueTag>().OrderBy(t => t.At).ToArray();
}
