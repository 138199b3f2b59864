using System.Text.Json.Nodes;
using FeedbackBot.Core.Ports;
using FeedbackBot.Core.Preferences;
using FeedbackBot.Teams.Cards;
using FeedbackBot.Teams.Settings;
using FeedbackBot.Testing;
using FeedbackBot.Testing.Teams;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static FeedbackBot.Teams.Tests.TeamsTestHost;

namespace FeedbackBot.Teams.Tests;

/// <summary>The settings card round trip: what it shows, what Save stores (Core's preferences), the digest re-planned, problems shown.</summary>
public sealed class SettingsTests
{
    // Monday 30 November 2026, 10:00 UTC (11:00 in Berlin).
    private static readonly DateTimeOffset Monday = new(2026, 11, 30, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task SettingsCard_RoundTrip_SavesThePreferences_AndReplansTheDigest()
    {
        var time = new FakeTimeProvider(Monday);
        await using var host = await RequestKit.StartAsync(time);
        await host.MeetAsync(Ana);

        await host.PostAsync(host.Message(Ana, "settings")); // client: Europe/Lisbon
        var card = host.Connector.PersonalMessages(Ana.Id).Last().Card!;
        Assert.Contains("Europe/Lisbon", RequestKit.Text(card));
        Assert.Null(RequestKit.Input(card, SettingsCards.TimeZoneInput)["value"]);
        Assert.Equal("Friday", (string?)RequestKit.Input(card, SettingsCards.DigestDayInput)["value"]);
        Assert.Equal("15:00", (string?)RequestKit.Input(card, SettingsCards.DigestTimeInput)["value"]);
        Assert.Equal("Monday,Tuesday,Wednesday,Thursday,Friday", (string?)RequestKit.Input(card, SettingsCards.WorkDaysInput)["value"]);
        Assert.Equal(SettingsSaveAction.Verb, (string?)Assert.Single(RequestKit.Executes(card))["verb"]);

        var (_, saved) = await RequestKit.ExecuteAsync(host, Ana, SettingsSaveAction.Verb, new JsonObject
        {
            [SettingsCards.TimeZoneInput] = "Europe/Berlin",
            [SettingsCards.DigestOnInput] = "true",
            [SettingsCards.DigestDayInput] = "Monday",
            [SettingsCards.DigestTimeInput] = "10:00",
            [SettingsCards.WorkDaysInput] = "Monday,Tuesday,Wednesday",
            [SettingsCards.WorkStartInput] = "08:00",
            [SettingsCards.WorkEndInput] = "16:00",
            [SettingsCards.NudgesOnInput] = "false",
            [SettingsCards.NudgeCapInput] = "2",
            [SettingsCards.AnonymousInput] = "true",
        });

        var answer = RequestKit.CardOf(saved);
        // 10:00 on Monday in Berlin has passed (it is 11:00 there): next Monday, 09:00 UTC.
        Assert.Contains("Saved. Your next digest comes on Mon 7 Dec at 10:00 (Europe/Berlin).", RequestKit.Text(answer));
        Assert.Equal("Europe/Berlin", (string?)RequestKit.Input(answer, SettingsCards.TimeZoneInput)["value"]);
        var prefs = await host.Services.GetRequiredService<IPreferencesStore>().GetAsync(Ana.Person, default);
        Assert.Equal("Europe/Berlin", prefs.TimeZoneId);
        Assert.Equal(new WeeklyReminder(true, DayOfWeek.Monday, new TimeOnly(10, 0)), prefs.WeeklyReminder);
        Assert.Equal([DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday], prefs.WorkingHours.Days);
        Assert.Equal((new TimeOnly(8, 0), new TimeOnly(16, 0)), (prefs.WorkingHours.Start, prefs.WorkingHours.End));
        Assert.False(prefs.NudgesEnabled);
        Assert.Equal(2, prefs.NudgeDailyCap);
        Assert.True(prefs.AcceptsAnonymous);
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero),
            ((InMemoryReminderSchedule)host.Services.GetRequiredService<IReminderSchedule>()).NextFor(Ana.Person));

        // Empty time zone: follow Teams again.
        var (_, cleared) = await RequestKit.ExecuteAsync(host, Ana, SettingsSaveAction.Verb, new JsonObject { [SettingsCards.TimeZoneInput] = "" });
        Assert.Contains("(Europe/Lisbon)", RequestKit.Text(RequestKit.CardOf(cleared)));
        Assert.Null((await host.Services.GetRequiredService<IPreferencesStore>().GetAsync(Ana.Person, default)).TimeZoneId);
    }

    [Fact]
    public async Task SettingsCard_WithProblems_ComesBackSayingWhat_AndSavesNothing()
    {
        await using var host = await RequestKit.StartAsync();
        await host.MeetAsync(Ana);

        var (_, answer) = await RequestKit.ExecuteAsync(host, Ana, SettingsSaveAction.Verb, new JsonObject
        {
            [SettingsCards.TimeZoneInput] = "Mars/**Olympus**",
            [SettingsCards.WorkDaysInput] = "",
            [SettingsCards.WorkStartInput] = "17:00",
            [SettingsCards.WorkEndInput] = "09:00",
            [SettingsCards.NudgeCapInput] = "9",
            [SettingsCards.DigestTimeInput] = "25:99",
        });

        var card = RequestKit.CardOf(answer);
        var text = RequestKit.Text(card);
        Assert.Contains("I don't know the time zone", text);
        Assert.Contains("at least one working day", text);
        Assert.Contains("must come after its start", text);
        Assert.Contains("whole number from 0 to 5", text);
        Assert.Contains("Pick a time for the digest", text);
        RoutingTests.AssertUserTextOnlyInTextRuns(card, "Mars/**Olympus**");
        Assert.Equal(PersonalPreferences.Default, await host.Services.GetRequiredService<IPreferencesStore>().GetAsync(Ana.Person, default));
    }

    [Fact]
    public async Task Settings_TypedInAChannel_ArriveInThePersonalChat()
    {
        await using var host = await RequestKit.StartAsync();
        await host.MeetAsync(Ana);
        const string channel = "19:general@thread.tacv2;messageid=1700000000000";
        host.Connector.AddConversation(channel);
        var before = host.Connector.PersonalMessages(Ana.Id).Count;

        await host.PostAsync(host.Message(Ana, "<at>FeedbackBot</at> settings", channel, "channel",
            new JsonArray(BotMention())));

        Assert.Equal(before + 1, host.Connector.PersonalMessages(Ana.Id).Count);
        Assert.Contains("Your FeedbackBot settings", host.Connector.PersonalMessages(Ana.Id).Last().CardText);
        var public_ = Assert.Single(host.Connector.MessagesIn(channel));
        Assert.Contains("private chat", public_.CardText);
        Assert.DoesNotContain("Working hours", public_.CardText);
    }
}
