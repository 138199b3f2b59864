using System.Text.Json;
using System.Text.Json.Nodes;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Slack.Api;
using FeedbackBot.Slack.Inbound.Wire;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Slack.People;

/// <summary>
/// Profiles from users.info (name, IANA tz, is_bot, deleted, locale), cached briefly in memory: a give checks every
/// recipient, and a modal checks them again on submit. Slack has no manager field, so Manager stays null.
/// </summary>
public sealed class SlackPeopleDirectory(SlackApiClient api, SlackProfileCache cache) : IPlatformPeopleDirectory
{
    public Platform Platform => Platform.Slack;

    public async Task<PersonProfile?> GetProfileAsync(PersonRef person, CancellationToken ct)
    {
        if (person.Platform != Platform.Slack)
        {
            return null;
        }

        if (cache.TryGet(person, out var cached))
        {
            return cached;
        }

        PersonProfile? profile;
        try
        {
            profile = ToProfile(person, await api.GetUserAsync(person.WorkspaceId, person.UserId, ct));
        }
        catch (SlackApiException ex) when (ex.Error is "user_not_found" or "users_not_found")
        {
            profile = null;
        }
        catch (SlackApiException ex)
        {
            // Core speaks its own language: "could not ask", not a Slack error code (and nothing is cached).
            throw new PeopleLookupException($"Slack users.info failed: {ex.Error}", ex);
        }
        catch (JsonException ex)
        {
            throw new PeopleLookupException("Slack users.info answered a user it could not read", ex);
        }

        cache.Set(person, profile);
        return profile;
    }

    /// <summary>Reads users.info's <c>user</c> (https://docs.slack.dev/reference/methods/users.info); a field of the wrong type is a <see cref="JsonException"/>.</summary>
    public static PersonProfile ToProfile(PersonRef person, JsonObject user)
    {
        var u = user.Deserialize(SlackWireJson.Default.SlackUserWire) ?? throw new JsonException("users.info answered no user.");
        var name = u.Profile?.DisplayName ?? u.Profile?.RealName ?? u.RealName ?? u.Name ?? person.UserId;
        // Slackbot is not flagged is_bot, but it is no more a teammate than any other app.
        var isBot = u.IsBot == true || person.UserId == "USLACKBOT";
        return new PersonProfile(person, name, u.Tz, isBot, u.Deleted == true, Locale: u.Locale);
    }
}

/// <summary>
/// The directory's memory, shared across scopes: a size-limited <see cref="MemoryCache"/> (at most
/// <see cref="MaxEntries"/> people; when full, new entries wait for compaction to evict the least recently used) with
/// <see cref="SlackTimings.ProfileCacheTtl"/> as life. Unknown people are remembered only
/// <see cref="UnknownTtl"/>: long enough that a give with a typo does not look it up twice, short enough that someone
/// who just joined the workspace is found a moment later. Not a HybridCache: its entry life is fixed before the
/// lookup, and a profile needs no second level shared between hosts.
/// </summary>
public sealed class SlackProfileCache(TimeProvider time, IOptions<SlackTimings> timings) : IDisposable
{
    internal const int MaxEntries = 50_000;
    internal static readonly TimeSpan UnknownTtl = TimeSpan.FromSeconds(30);

    private readonly MemoryCache _entries = new(new MemoryCacheOptions { SizeLimit = MaxEntries });

    internal int Count => _entries.Count;

    public bool TryGet(PersonRef person, out PersonProfile? profile)
    {
        // The app's clock decides freshness (tests move it); the cache's own expiry only frees the memory.
        if (_entries.TryGetValue(person, out Entry? entry) && entry!.Expires > time.GetUtcNow())
        {
            profile = entry.Profile;
            return true;
        }

        profile = null;
        return false;
    }

    public void Set(PersonRef person, PersonProfile? profile)
    {
        var ttl = profile is null && UnknownTtl < timings.Value.ProfileCacheTtl ? UnknownTtl : timings.Value.ProfileCacheTtl;
        if (ttl > TimeSpan.Zero)
        {
            _entries.Set(person, new Entry(profile, time.GetUtcNow() + ttl), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = ttl });
        }
    }

    public void Dispose() => _entries.Dispose();

    private sealed record Entry(PersonProfile? Profile, DateTimeOffset Expires);
}
