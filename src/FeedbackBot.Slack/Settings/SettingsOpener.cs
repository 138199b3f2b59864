using FeedbackBot.Core.Digest;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Slack.Api;
using FeedbackBot.Slack.Inbound;
using FeedbackBot.Slack.Views;
using Microsoft.Extensions.Logging;

namespace FeedbackBot.Slack.Settings;

/// <summary>
/// Opens the settings modal from a handler's RunAsync. The trigger_id dies 3 s after Slack issued it, so the modal
/// opens at once with a short "loading" view and the form follows by views.update once preferences and the profile
/// time zone (users.info, usually cached) are read; a slow profile only costs the time zone line.
/// </summary>
public sealed class SettingsOpener(
    ModalOpener modals,
    SlackApiClient api,
    IPreferencesStore preferences,
    IPeopleDirectory people,
    WeeklyReminderPlanner planner,
    Core.YearInFeedback.YearInFeedbackRun yearly,
    ILogger<SettingsOpener> logger)
{
    private static readonly TimeSpan ProfileBudget = TimeSpan.FromMilliseconds(800);

    public async Task OpenAsync(SlackRequester who, string? triggerId, CancellationToken ct)
    {
        if (await modals.OpenAsync(who, triggerId, SettingsModal.Loading(), ct) is not { } opened)
        {
            return;
        }

        var person = SlackIds.Person(who.TeamId, who.UserId);
        var form = await LoadAsync(person, ct);
        await api.UpdateViewAsync(person.WorkspaceId, opened.Id, opened.Hash, SettingsModal.Build(form), ct);
    }

    private async Task<SettingsForm> LoadAsync(PersonRef person, CancellationToken ct)
    {
        var prefs = await preferences.GetAsync(person, ct);
        string? profileZone = null;
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
        budget.CancelAfter(ProfileBudget);
        try
        {
            profileZone = (await people.GetProfileAsync(person, budget.Token))?.TimeZoneId;
        }
        catch (Exception ex) when (ex is PeopleLookupException || (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
            logger.LogInformation(ex, "Settings for {Person} open without the profile time zone", person);
        }

        var zone = prefs.ResolveTimeZone(profileZone);
        return new SettingsForm(prefs, planner.Effective(prefs), zone.Id, prefs.TimeZoneId is null && profileZone is not null,
            await yearly.IsOnAsync(person, ct));
    }
}
