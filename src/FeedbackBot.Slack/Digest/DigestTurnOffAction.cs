using FeedbackBot.Core.Digest;
using FeedbackBot.Core.Ports;
using FeedbackBot.Slack.Inbound;

namespace FeedbackBot.Slack.Digest;

/// <summary>"Turn off": saves the reminder as disabled and re-plans, which removes the person from the schedule.</summary>
public sealed class DigestTurnOffAction(IPreferencesStore preferences, WeeklyReminderPlanner planner, PlanWeeklyReminder plan, PrivateReply reply)
    : IBlockActionHandler
{
    public const string ActionId = "digest_off";

    public ValueTask<SlackAck> AckAsync(Interaction interaction, BlockAction action, CancellationToken ct) =>
        ValueTask.FromResult(SlackAck.Ok.ThenRun());

    public async Task RunAsync(Interaction interaction, BlockAction action, object? state, CancellationToken ct)
    {
        var person = interaction.Person;
        var prefs = await preferences.GetAsync(person, ct);
        // Keep the day and time they had (workspace default included), so turning it back on restores them.
        var reminder = planner.Effective(prefs) with { Enabled = false };
        await preferences.SaveAsync(person, prefs with { WeeklyReminder = reminder }, ct);
        await plan.PlanAsync(person, ct);
        await reply.TellAsync(SlackRequester.Of(interaction),
            ":no_bell: Weekly digest turned off. Turn it back on any time in `/feedback settings`.", ct);
    }
}
