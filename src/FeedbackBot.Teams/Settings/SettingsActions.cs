using System.Text.Json.Nodes;
using FeedbackBot.Core.Digest;
using FeedbackBot.Core.Nudges;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Teams.Activities;
using FeedbackBot.Teams.Addressing;
using FeedbackBot.Teams.Cards;
using FeedbackBot.Teams.Inbound;
using FeedbackBot.Teams.Requests;

namespace FeedbackBot.Teams.Settings;

/// <summary>Loads what the settings card shows and saves what it submits (re-planning the weekly digest).</summary>
public sealed class TeamsSettings(
    IPreferencesStore preferences,
    WeeklyReminderPlanner planner,
    PlanWeeklyReminder plan,
    PersonClock clock,
    TeamsAddressBook addresses)
{
    public async Task<SettingsForm> LoadAsync(PersonRef person, CancellationToken ct)
    {
        var prefs = await preferences.GetAsync(person, ct);
        return new SettingsForm(prefs, planner.Effective(prefs), (await addresses.GetAsync(person, ct))?.TimeZone);
    }

    /// <summary>Saves a valid submit and re-plans the digest; returns the card to show (saved, or the problems).</summary>
    public async Task<JsonObject> SaveAsync(PersonRef person, JsonObject data, CancellationToken ct)
    {
        var form = await LoadAsync(person, ct);
        var (updated, problems) = SettingsCards.Read(data, form.Preferences, form.Reminder);
        if (updated is null)
        {
            return SettingsCards.Card(form, problems: problems);
        }

        await preferences.SaveAsync(person, updated, ct);
        var next = await plan.PlanAsync(person, ct);
        var zone = (await clock.LoadAsync(person, ct)).Calendar.TimeZone;
        var status = next is { } at ? $"Saved. Your next digest comes {TeamsRequestRunner.Local(at, zone)}." : "Saved. Your weekly digest is off.";
        return SettingsCards.Card(form with { Preferences = updated, Reminder = planner.Effective(updated) }, status);
    }
}

/// <summary><c>settings</c>: the settings card (privately, when typed in a channel or group chat).</summary>
public sealed class SettingsCommand(TeamsSettings settings, PrivateCards cards) : ITeamsCommand
{
    public const string Name = "settings";

    public async Task HandleAsync(TeamsTurn turn, string arguments, CancellationToken ct)
    {
        if (turn.Sender is not { } person)
        {
            await turn.ReplyAsync(RequestCards.Notice("I can't tell who you are in Teams."), ct);
            return;
        }

        await cards.ReplyPrivatelyAsync(turn, person, SettingsCards.Card(await settings.LoadAsync(person, ct)), ct);
    }
}

/// <summary>The settings card's "Save": the card comes back in place, saying what was saved or what to fix.</summary>
public sealed class SettingsSaveAction(TeamsSettings settings) : ITeamsCardAction
{
    public const string Verb = "settings.save";

    public async Task<InvokeResponse> HandleAsync(TeamsTurn turn, JsonObject data, CancellationToken ct) =>
        turn.Sender is { } person
            ? CardActionResponse.Card(await settings.SaveAsync(person, data, ct))
            : CardActionResponse.Message("I can't tell who you are in Teams.");
}

/// <summary>The digest's "Change day/time": the settings card as a new message below (the digest stays readable).</summary>
public sealed class SettingsOpenAction(TeamsSettings settings) : ITeamsCardAction
{
    public const string Verb = "settings.open";

    public async Task<InvokeResponse> HandleAsync(TeamsTurn turn, JsonObject data, CancellationToken ct)
    {
        if (turn.Sender is not { } person)
        {
            return CardActionResponse.Message("I can't tell who you are in Teams.");
        }

        await turn.ReplyAsync(SettingsCards.Card(await settings.LoadAsync(person, ct)), ct);
        return CardActionResponse.Message("Your settings are below.");
    }
}

/// <summary>The digest's "Snooze this week": the coming digest is skipped (its week claimed as done), the next one planned.</summary>
public sealed class DigestSnoozeAction(PlanWeeklyReminder plan, PersonClock clock) : ITeamsCardAction
{
    public const string Verb = "digest.snooze";

    public async Task<InvokeResponse> HandleAsync(TeamsTurn turn, JsonObject data, CancellationToken ct)
    {
        if (turn.Sender is not { } person)
        {
            return CardActionResponse.Message("I can't tell who you are in Teams.");
        }

        var snoozed = await plan.SnoozeThisWeekAsync(person, ct);
        return CardActionResponse.Message(snoozed is null
            ? "Your weekly digest is off, so there is nothing to snooze. Type settings to turn it on."
            : $"Skipped. Your next digest comes {TeamsRequestRunner.Local(snoozed.NextAt, (await clock.LoadAsync(person, ct)).Calendar.TimeZone)}.");
    }
}

/// <summary>The digest's "Turn off": saved as disabled (day and time kept for turning it back on), and unplanned.</summary>
public sealed class DigestOffAction(PlanWeeklyReminder plan) : ITeamsCardAction
{
    public const string Verb = "digest.off";

    public async Task<InvokeResponse> HandleAsync(TeamsTurn turn, JsonObject data, CancellationToken ct)
    {
        if (turn.Sender is not { } person)
        {
            return CardActionResponse.Message("I can't tell who you are in Teams.");
        }

        await plan.TurnOffAsync(person, ct);
        return CardActionResponse.Message("Weekly digest turned off. Turn it back on any time: type settings.");
    }
}
