using FeedbackBot.Core.Digest;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using Microsoft.Extensions.Logging;

namespace FeedbackBot.Slack.Digest;

/// <summary>
/// Keeps a person's digest planned as they use the bot ("first contact", and whenever users.info shows a new
/// time zone), cheaply: one once-claim keyed by the profile's tz per day. A new tz makes a new key, so a
/// move is picked up at the next contact; the daily expiry catches a move back.
/// </summary>
public sealed class ReminderTouch(IOnceStore once, IPeopleDirectory people, PlanWeeklyReminder plan, ILogger<ReminderTouch> logger)
{
    internal static readonly TimeSpan Interval = TimeSpan.FromDays(1);

    /// <summary>Best effort: it runs after something that already succeeded (a give), so a failure here is only logged.</summary>
    public async Task TouchAsync(PersonRef person, CancellationToken ct)
    {
        try
        {
            var tz = (await people.GetProfileAsync(person, ct))?.TimeZoneId ?? "-";
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
