using System.Net;
using System.Text.Json.Nodes;
using FeedbackBot.Core.Digest;
using FeedbackBot.Core.Ports;
using FeedbackBot.Teams.Cards;
using FeedbackBot.Teams.Settings;
using FeedbackBot.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static FeedbackBot.Teams.Tests.TeamsTestHost;

namespace FeedbackBot.Teams.Tests;

/// <summary>
/// The weekly digest for Teams people: planned in the time zone their client reports (re-planned when it changes),
/// due at their local day and time, rendered with the digest's buttons, and those buttons' effects.
/// </summary>
public sealed class DigestTests
{
    // Monday 30 November 2026, 10:00 UTC.
    private static readonly DateTimeOffset Monday = new(2026, 11, 30, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task WeeklyDigest_IsDueAtThePersonsLocalTime_AndArrivesWithItsButtons()
    {
        // Asked on Wednesday, the request is still open on Friday (due after three working days).
        var time = new FakeTimeProvider(Monday.AddDays(2));
        await using var host = await RequestKit.StartAsync(time, meetAll: true);
        await host.PostAsync(host.Message(Ben, "help", entities: NudgeTests.ClientInfo("Asia/Tokyo")));
        await host.PostAsync(RequestKit.RequestMessage(host, Ana, "How was my demo?", Ben));
        await RequestKit.IdleAsync(host);

        // Friday 15:00 in Tokyo is 06:00 UTC.
        var due = new DateTimeOffset(2026, 12, 4, 6, 0, 0, TimeSpan.Zero);
        Assert.Equal(due, Schedule(host).NextFor(Ben.Person));

        time.SetUtcNow(due.AddMinutes(-1));
        Assert.Equal(0, await RunDueRemindersAsync(host));
        time.SetUtcNow(due);
        Assert.Equal(1, await RunDueRemindersAsync(host));
        var (person, week, _) = Assert.Single(host.Jobs.Digests);
        Assert.Equal(Ben.Person, person);

        await using (var scope = host.Services.CreateAsyncScope())
        {
            Assert.Equal(DigestOutcome.Sent, await scope.ServiceProvider.GetRequiredService<DeliverWeeklyDigest>().RunAsync(person, week, default));
        }

        var digest = host.Connector.PersonalMessages(Ben.Id).Last();
        Assert.Contains("Your week in feedback", digest.CardText);
        Assert.Contains("How was my demo?", digest.CardText);
        var buttons = RequestKit.Executes(digest.Card!).ToArray();
        var request = RequestKit.SingleRequest(host);
        Assert.Contains(buttons, b => (string?)b["verb"] == RequestCards.GiveVerb && (string?)b["data"]![RequestCards.RequestIdKey] == request.Id);
        Assert.Equal([RequestCards.GiveVerb, DigestSnoozeAction.Verb, SettingsOpenAction.Verb, DigestOffAction.Verb],
            digest.Card!["actions"]!.AsArray().Select(a => (string?)a!["verb"]));
        // Planned again for the week after, still at 15:00 in Tokyo.
        Assert.Equal(due.AddDays(7), Schedule(host).NextFor(Ben.Person));
    }

    [Fact]
    public async Task NewTimeZoneFromTheClient_ReplansTheDigest()
    {
        var time = new FakeTimeProvider(Monday);
        await using var host = await RequestKit.StartAsync(time);
        await host.MeetAsync(Ben);
        Assert.Equal(new DateTimeOffset(2026, 12, 4, 15, 0, 0, TimeSpan.Zero), Schedule(host).NextFor(Ben.Person)); // installed: UTC

        await host.PostAsync(host.Message(Ben, "help", entities: NudgeTests.ClientInfo("Asia/Tokyo")));
        Assert.Equal(new DateTimeOffset(2026, 12, 4, 6, 0, 0, TimeSpan.Zero), Schedule(host).NextFor(Ben.Person));

        await host.PostAsync(host.Message(Ben, "help", entities: NudgeTests.ClientInfo("America/New_York")));
        Assert.Equal(new DateTimeOffset(2026, 12, 4, 20, 0, 0, TimeSpan.Zero), Schedule(host).NextFor(Ben.Person));
    }

    [Fact]
    public async Task DigestButtons_SnoozeSkipsThisWeek_TurnOffUnplans_ChangeDayTimeSendsTheSettings()
    {
        var time = new FakeTimeProvider(Monday);
        await using var host = await RequestKit.StartAsync(time);
        await host.MeetAsync(Ben);
        await host.PostAsync(host.Message(Ben, "help", entities: NudgeTests.ClientInfo("Asia/Tokyo")));

        var (status, snoozed) = await RequestKit.ExecuteAsync(host, Ben, DigestSnoozeAction.Verb, new JsonObject { ["week"] = "2026-W49" });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Skipped. Your next digest comes on Fri 11 Dec at 15:00 (Asia/Tokyo).", (string?)snoozed!["value"]);
        Assert.Equal(new DateTimeOffset(2026, 12, 11, 6, 0, 0, TimeSpan.Zero), Schedule(host).NextFor(Ben.Person));

        var before = host.Connector.PersonalMessages(Ben.Id).Count;
        var (_, opened) = await RequestKit.ExecuteAsync(host, Ben, SettingsOpenAction.Verb, new JsonObject());
        Assert.Equal("application/vnd.microsoft.activity.message", (string?)opened!["type"]);
        var settings = host.Connector.PersonalMessages(Ben.Id).Last();
        Assert.Equal(before + 1, host.Connector.PersonalMessages(Ben.Id).Count);
        Assert.Equal("Friday", (string?)RequestKit.Input(settings.Card!, SettingsCards.DigestDayInput)["value"]);

        var (_, off) = await RequestKit.ExecuteAsync(host, Ben, DigestOffAction.Verb, new JsonObject());
        Assert.Contains("turned off", (string?)off!["value"]);
        Assert.Null(Schedule(host).NextFor(Ben.Person));
        var prefs = await host.Services.GetRequiredService<IPreferencesStore>().GetAsync(Ben.Person, default);
        Assert.False(prefs.WeeklyReminder.Enabled);
        Assert.Equal(DayOfWeek.Friday, prefs.WeeklyReminder.Day);
    }

    private static InMemoryReminderSchedule Schedule(TeamsTestHost host) => (InMemoryReminderSchedule)host.Services.GetRequiredService<IReminderSchedule>();

    private static async Task<int> RunDueRemindersAsync(TeamsTestHost host)
    {
        var before = host.Jobs.Digests.Count;
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RunDueReminders>().RunAsync(default);
        return host.Jobs.Digests.Count - before;
    }
}
