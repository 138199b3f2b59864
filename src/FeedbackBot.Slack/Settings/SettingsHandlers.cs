using FeedbackBot.Core.Digest;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Slack.Api;
using FeedbackBot.Slack.Background;
using FeedbackBot.Slack.Give;
using FeedbackBot.Slack.Home;
using FeedbackBot.Slack.Http;
using FeedbackBot.Slack.Inbound;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FeedbackBot.Slack.Settings;

/// <summary>
/// Opens the settings modal. The trigger_id dies 3 s after Slack issued it, so the modal opens at once with a
/// short "loading" view and the form follows by views.update once preferences and the profile time zone (users.info,
/// usually cached) are read; a slow profile only costs the time zone line.
/// </summary>
public sealed class SettingsOpener(ModalOpener modals)
{
    private static readonly TimeSpan ProfileBudget = TimeSpan.FromMilliseconds(800);

    public Task<bool> Open(PersonRef person, string? triggerId, string? responseUrl) =>
        modals.Open(person.WorkspaceId, triggerId, SettingsModal.Loading(), responseUrl, async (sp, opened, ct) =>
        {
            var form = await LoadAsync(sp, person, ct);
            await sp.GetRequiredService<SlackApiClient>().UpdateViewAsync(person.WorkspaceId, opened.Id, opened.Hash, SettingsModal.Build(form), ct);
        });

    public static async Task<SettingsForm> LoadAsync(IServiceProvider sp, PersonRef person, CancellationToken ct)
    {
        var prefs = await sp.GetRequiredService<IPreferencesStore>().GetAsync(person, ct);
        string? profileZone = null;
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
        budget.CancelAfter(ProfileBudget);
        try
        {
            profileZone = (await sp.GetRequiredService<IPeopleDirectory>().GetProfileAsync(person, budget.Token))?.TimeZoneId;
        }
        catch (Exception ex) when (ex is PeopleLookupException || (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
            sp.GetRequiredService<ILogger<SettingsOpener>>().LogInformation(ex, "Settings for {Person} open without the profile time zone", person);
        }

        var zone = prefs.ResolveTimeZone(profileZone);
        var reminder = sp.GetRequiredService<WeeklyReminderPlanner>().Effective(prefs);
        return new SettingsForm(prefs, reminder, zone.Id, prefs.TimeZoneId is null && profileZone is not null);
    }
}

/// <summary>
/// Saves the settings modal: field errors come back as <c>response_action: errors</c>; a valid form is saved
/// at once, then (after the ack) the digest is re-planned for the new day, time or on/off and the Home tab
/// refreshed.
/// </summary>
public sealed class SettingsSubmission(IPreferencesStore preferences, WeeklyReminderPlanner planner, SlackBackgroundQueue queue) : IViewSubmissionHandler
{
    public const string CallbackId = SettingsModal.CallbackId;

    public async Task<IResult> HandleAsync(Interaction interaction, SlackView view, CancellationToken ct)
    {
        var person = interaction.Person;
        var current = await preferences.GetAsync(person, ct);
        var (updated, errors) = SettingsModal.Read(view, current, planner.Effective(current));
        if (updated is null)
        {
            return SlackReplies.ViewErrors(errors);
        }

        await preferences.SaveAsync(person, updated, ct);
        queue.Enqueue(async (sp, workCt) =>
        {
            // Planning reads the profile (users.info) for the time zone: too slow to risk inside the ack.
            await sp.GetRequiredService<PlanWeeklyReminder>().PlanAsync(person, workCt);
            await sp.GetRequiredService<HomePublisher>().PublishAsync(person, workCt);
        });
        return SlackReplies.Ack();
    }
}
