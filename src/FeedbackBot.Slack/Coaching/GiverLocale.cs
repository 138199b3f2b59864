using FeedbackBot.Core.Coaching;
using FeedbackBot.Core.People;
using FeedbackBot.Slack.Api;
using FeedbackBot.Slack.People;

namespace FeedbackBot.Slack.Coaching;

/// <summary>
/// The giver's Slack locale for the coach (users.info with <c>include_locale</c>), asked only when it can matter:
/// a draft clearly written in one language is coached in that language whatever the locale says, so no call is
/// made for it.
/// </summary>
public sealed class GiverLocale(SlackApiClient api, SlackProfileCache cache)
{
    /// <summary>The locale from an already cached profile: no call, for the 3-second ack path.</summary>
    public string? Cached(PersonRef giver, string text) =>
        NeedsLocale(text) && cache.TryGet(giver, out var profile) ? profile?.Locale : null;

    /// <summary>The locale from users.info (through the profile cache) when the draft's language is unclear.</summary>
    public async Task<string?> LookUpAsync(PersonRef giver, string text, CancellationToken ct)
    {
        if (!NeedsLocale(text))
        {
            return null;
        }

        try
        {
            return (await new SlackPeopleDirectory(api, cache).GetProfileAsync(giver, ct))?.Locale;
        }
        catch (PeopleLookupException)
        {
            // Slack cannot say right now: the draft's own lean, or English, is a fine fallback for a tip.
            return null;
        }
    }

    private static bool NeedsLocale(string text) => !CoachLanguages.Detect(text).Clear;
}
