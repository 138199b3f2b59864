using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Core.Preferences;
using StackExchange.Redis;

namespace FeedbackBot.Redis;

public sealed class RedisPreferencesStore(IConnectionMultiplexer redis, Keys keys) : IPreferencesStore
{
    public async Task<PersonalPreferences> GetAsync(PersonRef person, CancellationToken ct) =>
        StorageJson.Read<PersonalPreferences>(await redis.GetDatabase().StringGetAsync(keys.Preferences(person)))
        ?? PersonalPreferences.Default;

    public Task SaveAsync(PersonRef person, PersonalPreferences preferences, CancellationToken ct) =>
        redis.GetDatabase().StringSetAsync(keys.Preferences(person), StorageJson.Write(preferences));
}
