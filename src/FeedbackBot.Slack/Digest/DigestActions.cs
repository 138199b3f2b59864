using FeedbackBot.Core.Digest;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Core.Requests;
using FeedbackBot.Slack.Api;
using FeedbackBot.Slack.Background;
using FeedbackBot.Slack.Give;
using FeedbackBot.Slack.Http;
using FeedbackBot.Slack.Inbound;
using FeedbackBot.Slack.Settings;
using FeedbackBot.Slack.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FeedbackBot.Slack.Digest;

/// <summary>
/// "Give feedback" in the digest that answers no request: the suggestion to thank someone (the Give modal with
/// them picked) or the general button (an empty form). Buttons for a request someone is waiting on use the
/// request's own <see cref="Requests.RequestGiveAction"/>, which checks the clicker still owes it and links
/// the answer.
/// </summary>
public sealed class DigestGiveAction(ModalOpener modals) : IBlockActionHandler
{
    public const string ActionId = "digest_give";

    /// <summary>Value of the digest's general button: an empty form.</summary>
    public const string Blank = "-";

    public static string ForPerson(DigestSuggestion suggestion) => $"u:{suggestion.Person.UserId}";

    /// <summary>Reads a button value back into a draft; anything malformed gives the empty form.</summary>
    public static GiveDraft Draft(string? value, string clicker) =>
        (value ?? "").Split(':') switch
        {
            ["u", var user] when Mrkdwn.IsUserId(user) && user != clicker => GiveDraft.Empty with { Recipients = [user] },
            _ => GiveDraft.Empty,
        };

    public Task<IResult> HandleAsync(Interaction interaction, BlockAction action, CancellationToken ct)
    {
        _ = modals.Open(interaction.TeamId, interaction.TriggerId, GiveModal.Build(Draft(action.Value, interaction.UserId)), interaction.ResponseUrl);
        return Task.FromResult(SlackReplies.Ack());
    }
}

/// <summary>"Snooze this week": skips the coming digest (its week is claimed as done) and plans the one after.</summary>
public sealed class DigestSnoozeAction(SlackBackgroundQueue queue) : IBlockActionHandler
{
    public const string ActionId = "digest_snooze";

    public Task<IResult> HandleAsync(Interaction interaction, BlockAction action, CancellationToken ct)
    {
        var person = interaction.Person;
        queue.Enqueue(async (sp, workCt) =>
        {
            var snoozed = await sp.GetRequiredService<PlanWeeklyReminder>().SnoozeThisWeekAsync(person, workCt);
            var text = snoozed is null
                ? "Your weekly digest is off, so there is nothing to snooze. Turn it on in `/feedback settings`."
                : $":zzz: Skipped. Your next digest comes {DigestReplies.When(snoozed.NextAt)}.";
            await DigestReplies.PostAsync(sp, interaction, text, workCt);
        });
        return Task.FromResult(SlackReplies.Ack());
    }
}

/// <summary>"Change day/time": the settings modal.</summary>
public sealed class DigestSettingsAction(SettingsOpener settings) : IBlockActionHandler
{
    public const string ActionId = "digest_settings";

    public Task<IResult> HandleAsync(Interaction interaction, BlockAction action, CancellationToken ct)
    {
        _ = settings.Open(interaction.Person, interaction.TriggerId, interaction.ResponseUrl);
        return Task.FromResult(SlackReplies.Ack());
    }
}

/// <summary>"Turn off": saves the reminder as disabled and re-plans, which removes the person from the schedule.</summary>
public sealed class DigestTurnOffAction(SlackBackgroundQueue queue) : IBlockActionHandler
{
    public const string ActionId = "digest_off";

    public Task<IResult> HandleAsync(Interaction interaction, BlockAction action, CancellationToken ct)
    {
        var person = interaction.Person;
        queue.Enqueue(async (sp, workCt) =>
        {
            var preferences = sp.GetRequiredService<IPreferencesStore>();
            var prefs = await preferences.GetAsync(person, workCt);
            // Keep the day and time they had (workspace default included), so turning it back on restores them.
            var reminder = sp.GetRequiredService<WeeklyReminderPlanner>().Effective(prefs) with { Enabled = false };
            await preferences.SaveAsync(person, prefs with { WeeklyReminder = reminder }, workCt);
            await sp.GetRequiredService<PlanWeeklyReminder>().PlanAsync(person, workCt);
            await DigestReplies.PostAsync(sp, interaction,
                ":no_bell: Weekly digest turned off. Turn it back on any time in `/feedback settings`.", workCt);
        });
        return Task.FromResult(SlackReplies.Ack());
    }
}

/// <summary>Short confirmations of the digest buttons, as ephemeral replies under the digest.</summary>
internal static class DigestReplies
{
    public static string When(DateTimeOffset at) =>
        $"<!date^{at.ToUnixTimeSeconds()}^{{date_long_pretty}} at {{time}}|{at.UtcDateTime:ddd d MMM HH:mm} UTC>";

    public static async Task PostAsync(IServiceProvider sp, Interaction interaction, string escapedText, CancellationToken ct)
    {
        if (interaction.ResponseUrl is not null)
        {
            await sp.GetRequiredService<ResponseUrlClient>().PostAsync(interaction.ResponseUrl, interaction.Person, GiveService.EphemeralMessage(escapedText), ct);
            return;
        }

        try
        {
            await sp.GetRequiredService<SlackApiClient>().SendDmAsync(interaction.TeamId, interaction.UserId, escapedText, null, ct);
        }
        catch (SlackApiException ex)
        {
            sp.GetRequiredService<ILogger<DigestSnoozeAction>>().LogInformation(ex, "Digest confirmation to {Person} not sent", interaction.Person);
        }
    }
}

/// <summary>
/// Keeps a person's digest planned as they use the bot ("first contact", and whenever users.info shows a new
/// time zone), cheaply: one once-claim keyed by the profile's tz per day. A new tz makes a new key, so a
/// move is picked up at the next contact; the daily expiry catches a move back.
/// </summary>
public sealed class ReminderTouch(IOnceStore once, IPeopleDirectory people, PlanWeeklyReminder plan, ILogger<ReminderTouch> logger)
{
    internal static readonly TimeSpan Interval = TimeSpan.FromDays(1);

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
        catch (PeopleLookupException ex)
        {
            // The next contact tries again; the digest keeps its current plan meanwhile.
            logger.LogInformation(ex, "Digest plan for {Person} not refreshed", person);
        }
    }
}
