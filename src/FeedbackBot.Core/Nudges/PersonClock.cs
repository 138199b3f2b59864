using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Core.Preferences;

namespace FeedbackBot.Core.Nudges;

/// <summary>What planning for one person needs: their settings, their profile if known, and their calendar.</summary>
public sealed record PersonContext(PersonRef Person, PersonalPreferences Preferences, PersonProfile? Profile, PersonCalendar Calendar);

/// <summary>
/// Loads a person's preferences and profile and resolves their time zone: the preference first, then the
/// platform profile, then UTC.
/// </summary>
public sealed class PersonClock(IPreferencesStore preferences, IPeopleDirectory people)
{
    public async Task<PersonContext> LoadAsync(PersonRef person, CancellationToken ct)
    {
        var prefs = await preferences.GetAsync(person, ct);
        var profile = await people.GetProfileAsync(person, ct);
        var calendar = new PersonCalendar(prefs.ResolveTimeZone(profile?.TimeZoneId), prefs.WorkingHours);
        return new PersonContext(person, prefs, profile, calendar);
    }
}
