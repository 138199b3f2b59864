using FeedbackBot.Core.Digest;
using FeedbackBot.Core.Ports;
using FeedbackBot.Slack.Home;
using FeedbackBot.Slack.Inbound;

namespace FeedbackBot.Slack.Settings;

/// <summary>
/// Saves the settings modal: field errors come back as <c>response_action: errors</c>; a valid form is saved
/// in the ack, then RunAsync re-plans the digest for the new day, time or on/off (planning reads the profile's
/// time zone, too slow to risk inside the ack) and refreshes the Home tab.
/// </summary>
public sealed class SettingsSubmission(IPreferencesStore preferences, WeeklyReminderPlanner planner, PlanWeeklyReminder plan, HomePublisher home,
    Core.YearInFeedback.YearInFeedbackRun yearly)
    : IViewSubmissionHandler
{
    public const string CallbackId = SettingsModal.CallbackId;

    public async ValueTask<SlackAck> AckAsync(Interaction interaction, SlackView view, CancellationToken ct)
    {
        var person = interaction.Person;
        var current = await preferences.GetAsync(person, ct);
        var (updated, errors) = SettingsModal.Read(view, current, planner.Effective(current));
        if (updated is null)
        {
            return SlackAck.ViewErrors(errors);
        }

        await preferences.SaveAsync(person, updated, ct);
        return SlackAck.Ok.ThenRun();
    }

    public async Task RunAsync(Interaction interaction, SlackView view, object? state, CancellationToken ct)
    {
        await plan.PlanAsync(interaction.Person, ct);
        if (SettingsModal.ReadYearInFeedback(view) is { } yearInFeedback)
        {
            await yearly.SetOptInAsync(interaction.Person, yearInFeedback, ct);
        }

        await home.PublishAsync(interaction.Person, ct);
    }
}
