using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Core.Preferences;

namespace FeedbackBot.Core.Tests.Fakes;

/// <summary>Profiles by person; unknown people are null, like a platform that never heard of them.</summary>
public sealed class InMemoryPeopleDirectory : IPeopleDirectory
{
    private readonly Dictionary<PersonRef, PersonProfile> _profiles = [];

    public PersonRef Add(string userId, string? timeZoneId = null, bool isBot = false, string workspace = "T1")
    {
        var person = new PersonRef(Platform.Slack, workspace, userId);
        _profiles[person] = new PersonProfile(person, userId, timeZoneId, isBot);
        return person;
    }

    public void SetTimeZone(PersonRef person, string timeZoneId) =>
        _profiles[person] = _profiles[person] with { TimeZoneId = timeZoneId };

    public Task<PersonProfile?> GetProfileAsync(PersonRef person, CancellationToken ct) =>
        Task.FromResult(_profiles.GetValueOrDefault(person));
}

public sealed class InMemoryPreferencesStore : IPreferencesStore
{
    private readonly Dictionary<PersonRef, PersonalPreferences> _prefs = [];

    public Task<PersonalPreferences> GetAsync(PersonRef person, CancellationToken ct) =>
        Task.FromResult(_prefs.GetValueOrDefault(person) ?? PersonalPreferences.Default);

    public Task SaveAsync(PersonRef person, PersonalPreferences preferences, CancellationToken ct)
    {
        _prefs[person] = preferences;
        return Task.CompletedTask;
    }

    public void Update(PersonRef person, Func<PersonalPreferences, PersonalPreferences> change) =>
        _prefs[person] = change(_prefs.GetValueOrDefault(person) ?? PersonalPreferences.Default);
}
