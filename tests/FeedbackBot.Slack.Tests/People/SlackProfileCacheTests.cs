using FeedbackBot.Core.People;
using FeedbackBot.Slack.Inbound;
using FeedbackBot.Slack.People;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace FeedbackBot.Slack.Tests.People;

public sealed class SlackProfileCacheTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));

    private SlackProfileCache Cache() => new(_time, Options.Create(new SlackTimings { ProfileCacheTtl = TimeSpan.FromMinutes(5) }));

    private static PersonProfile Profile(string user) => new(SlackIds.Person("T1", user), user, "Europe/Paris", false, false);

    [Fact]
    public void KnownProfile_IsReusedForItsTtl_ThenLookedUpAgain()
    {
        using var cache = Cache();
        cache.Set(Profile("U1").Person, Profile("U1"));

        _time.Advance(TimeSpan.FromMinutes(4));
        Assert.True(cache.TryGet(Profile("U1").Person, out var profile));
        Assert.Equal("U1", profile!.DisplayName);

        _time.Advance(TimeSpan.FromMinutes(2));
        Assert.False(cache.TryGet(Profile("U1").Person, out _));
    }

    [Fact]
    public void UnknownPerson_IsRememberedOnlyBriefly()
    {
        using var cache = Cache();
        var person = SlackIds.Person("T1", "UNEW");
        cache.Set(person, null);

        Assert.True(cache.TryGet(person, out var cached));
        Assert.Null(cached);

        _time.Advance(SlackProfileCache.UnknownTtl);
        Assert.False(cache.TryGet(person, out _));
    }

    [Fact]
    public void Cache_IsBounded()
    {
        using var cache = Cache();

        for (var i = 0; i < SlackProfileCache.MaxEntries + 1_000; i++)
        {
            cache.Set(SlackIds.Person("T1", $"U{i}"), null);
        }

        Assert.InRange(cache.Count, 1, SlackProfileCache.MaxEntries);
    }
}
