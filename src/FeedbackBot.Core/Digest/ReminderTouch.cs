using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using Microsoft.Extensions.Logging;

namespace FeedbackBot.Core.Digest;

/// <summary>
/// Keeps a person's digest planned as they use the bot ("first contact", and whenever their platform shows a new
/// time zone), cheaply: one once-claim keyed by the profile's time zone per day. A new zone makes a new key, so a
/// move is picked up at the next contact; the daily expiry catches a move back. Every adapter uses it: Slack
/// reads the zone from users.info, Teams from the client's <c>clientInfo</c> on each activity.
/// </summary>
public sealed class ReminderTouch(IOnceStore once, IPeopleDirectory people, PlanWeeklyReminder plan, ILogger<ReminderTouch> logger)
{
    internal static readonly TimeSpan Interval = TimeSpan.FromDays(1);

    /// <summary>Best effort: it runs after something that already succeeded (a give), so a failure here is only logged.</summary>
    public Task TouchAsync(PersonRef person, CancellationToken ct) => TouchCoreAsync(person, null, ct);

    /// <summary>
    /// As <see cref="TouchAsync(PersonRef, CancellationToken)"/> when the adapter already holds the profile's time
    /// zone (<paramref name="profileTimeZoneId"/>, null when unknown): no profile lookup unless a re-plan is due.
    /// </summary>
    public Task TouchAsync(PersonRef person, string? profileTimeZoneId, CancellationToken ct) =>
        TouchCoreAsync(person, () => Task.FromResult(profileTimeZoneId), ct);

    private async Task TouchCoreAsync(PersonRef person, Func<Task<string?>>? knownZone, CancellationToken ct)
    {
        try
        {
            var tz = (knownZone is null ? (await people.GetProfileAsync(person, ct))?.TimeZoneId : await knownZone()) ?? "-";
            if (await once.TryClaimAsync($"digest-plan:{person.Key}:{tz}", Interval, ct))
            {
                await plan.PlanAsync(person, ct);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // The next contact tries again; the digest keeps its current plan meanwhile.
            logger.Log(ex is PeopleLookupException ? LogLevel.Information : LogLevel.Warning, ex, "Digest plan for {Person} not refreshed", person);
        }
    }
}
