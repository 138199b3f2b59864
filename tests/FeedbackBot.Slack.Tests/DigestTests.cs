using FeedbackBot.Slack.Requests;
using System.Net;
using System.Text.Json.Nodes;
using FeedbackBot.Core.Digest;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Core.Preferences;
using FeedbackBot.Core.Requests;
using FeedbackBot.Slack.Digest;
using FeedbackBot.Slack.Give;
using FeedbackBot.Slack.Inbound;
using FeedbackBot.Slack.Settings;
using FeedbackBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FeedbackBot.Slack.Tests;

public sealed class DigestTests
{
    private static readonly PersonRef Me = SlackIds.Person(SlackTestHost.Team, "U1");
    private static readonly PersonRef Asker = SlackIds.Person(SlackTestHost.Team, "U2");

    /// <summary>
    /// A week for U1: named feedback from U3 with markup in it, anonymous feedback from U4, and a request from
    /// U2 whose question tries a channel mention.
    /// </summary>
    private static async Task<SlackTestHost> WeekAsync()
    {
        var host = await SlackTestHost.StartAsync();
        await host.Preferences.SaveAsync(Me, PersonalPreferences.Default with { AcceptsAnonymous = true }, CancellationToken.None);
        await host.PostCommandAsync("<@U1> Great <b>demo</b> & clear slides on Tuesday, which won the client", user: "U3");
        await host.PostInteractionAsync(Payloads.ViewSubmission(Payloads.GiveView(["U1"], "A secret note from someone: your demo on Monday helped me", "Anonymous"), user: "U4"));
        await host.RunDeliveriesAsync();
        var now = host.Time.GetUtcNow();
        await host.Services.GetRequiredService<IRequestStore>().SaveAsync(new FeedbackRequest(
            "req1", Asker, "<!channel> how was my review & launch?", null, now.AddHours(-1), now.AddDays(3), [new RequestRecipient(Me)]), CancellationToken.None);
        host.Slack.Clear();
        return host;
    }

    private static async Task<DigestOutcome> DeliverDigestAsync(SlackTestHost host, PersonRef person, string week = "2026-W48")
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DeliverWeeklyDigest>().RunAsync(person, week, CancellationToken.None);
    }

    private static async Task<DateTimeOffset?> PlanAsync(SlackTestHost host, PersonRef person)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PlanWeeklyReminder>().PlanAsync(person, CancellationToken.None);
    }

    [Fact]
    public async Task DeliverDigest_PostsEscapedBlocksWithButtons()
    {
        await using var host = await WeekAsync();

        Assert.Equal(DigestOutcome.Sent, await DeliverDigestAsync(host, Me));

        var post = Assert.Single(await host.Slack.WaitForAsync("chat.postMessage"));
        Assert.Equal("DU1", post.Args["channel"]!.GetValue<string>());
        var blocks = post.Args["blocks"]!.AsArray();
        Assert.InRange(blocks.Count, 1, DigestBlocks.MaxBlocks);
        var json = post.Json;
        Assert.Contains("You received 2 pieces of feedback", json);
        Assert.Contains("Great &lt;b&gt;demo&lt;/b&gt; &amp; clear slides", json);
        Assert.Contains("&lt;!channel&gt; how was my review &amp; launch?", json);
        Assert.DoesNotContain("<!channel>", json);
        // The anonymous excerpt is there, its author nowhere.
        Assert.Contains("A secret note from someone", json);
        Assert.Contains("Someone (anonymous)", json);
        Assert.DoesNotContain("U4", json);
        // The owed request's button is the request's own "Give feedback" (it re-checks the clicker still owes it).
        Assert.Contains(blocks.SelectMany(b => b!["accessory"] is JsonObject a ? [a] : b!["elements"]?.AsArray().OfType<JsonObject>() ?? []),
            e => e["action_id"]?.ToString() == RequestGiveAction.ActionId && e["value"]?.ToString() == "req1");
        Assert.Contains(DigestSnoozeAction.ActionId, json);
        Assert.Contains(DigestSettingsAction.ActionId, json);
        Assert.Contains(DigestTurnOffAction.ActionId, json);
        Assert.Contains("Someone to help", json);
        Assert.DoesNotContain("<", post.Args["text"]!.GetValue<string>());
        foreach (var md in blocks.SelectMany(b => b!["text"] is JsonObject t ? [t] : b!["elements"]?.AsArray().OfType<JsonObject>() ?? []))
        {
            if (md["type"]!.GetValue<string>() == "mrkdwn")
            {
                Assert.True(md["verbatim"]!.GetValue<bool>());
            }
        }
    }

    [Fact]
    public async Task DeliverDigest_Twice_PostsOnce()
    {
        await using var host = await WeekAsync();
        Assert.Equal(DigestOutcome.Sent, await DeliverDigestAsync(host, Me));
        Assert.Equal(DigestOutcome.AlreadyDone, await DeliverDigestAsync(host, Me));
        Assert.Single(host.Slack.CallsTo("chat.postMessage"));
    }

    [Fact]
    public async Task GiveFromDigest_AnswersTheRequest()
    {
        await using var host = await WeekAsync();
        await DeliverDigestAsync(host, Me);

        await host.PostInteractionAsync(Payloads.BlockAction(RequestGiveAction.ActionId, "req1", user: "U1", responseUrl: host.Slack.ResponseUrl()));

        var open = Assert.Single(await host.Slack.WaitForAsync("views.open"));
        Assert.Equal(GiveModal.CallbackId, open.View!["callback_id"]!.GetValue<string>());
        Assert.Contains("\"initial_users\":[\"U2\"]", open.Json);
        var metadata = open.View!["private_metadata"]!.GetValue<string>();
        Assert.Contains("req1", metadata);
        ViewAssert.WithinSlackLimits(open.View!);

        var submit = await host.PostInteractionAsync(Payloads.ViewSubmission(
            Payloads.GiveView(["U2"], "Your review was thorough and kind.", privateMetadata: metadata), user: "U1"));
        Assert.Equal(HttpStatusCode.OK, submit.StatusCode);
        var item = Assert.Single(host.Feedback.All, i => i.Giver == Me);
        Assert.Equal("req1", item.RequestId);

        await host.RunDeliveriesAsync();
        var request = await host.Services.GetRequiredService<IRequestStore>().GetAsync("req1", CancellationToken.None);
        Assert.Equal(RecipientStatus.Answered, request!.RecipientFor(Me)!.Status);
        Assert.Equal(item.Id, request.RecipientFor(Me)!.FeedbackId);
    }

    [Fact]
    public async Task Snooze_MovesScheduleOneWeek()
    {
        await using var host = await SlackTestHost.StartAsync();
        var planned = await PlanAsync(host, Me);
        Assert.Equal(planned, host.Reminders.NextFor(Me));

        await host.PostInteractionAsync(Payloads.BlockAction(DigestSnoozeAction.ActionId, "2026-W48", user: "U1", responseUrl: host.Slack.ResponseUrl("s")));
        await host.IdleAsync();

        var next = host.Reminders.NextFor(Me);
        Assert.NotNull(next);
        Assert.InRange((next!.Value - planned!.Value).TotalDays, 6.9, 7.1);
        var reply = Assert.Single(host.Slack.CallsTo("response_url"));
        Assert.Contains("Skipped", reply.Json);
        // The skipped week is claimed: even a delivery already queued for it sends nothing.
        var week = WeeklyReminderPlanner.WeekKey(planned.Value, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));
        Assert.Equal(DigestOutcome.AlreadyDone, await DeliverDigestAsync(host, Me, week));
    }

    [Fact]
    public async Task TurnOff_RemovesFromSchedule()
    {
        await using var host = await SlackTestHost.StartAsync();
        await PlanAsync(host, Me);

        await host.PostInteractionAsync(Payloads.BlockAction(DigestTurnOffAction.ActionId, user: "U1", responseUrl: host.Slack.ResponseUrl("o")));
        await host.IdleAsync();

        Assert.Null(host.Reminders.NextFor(Me));
        Assert.False((await host.Preferences.GetAsync(Me, CancellationToken.None)).WeeklyReminder.Enabled);
        Assert.Equal(DigestOutcome.OptedOut, await DeliverDigestAsync(host, Me));
        Assert.Contains("turned off", Assert.Single(host.Slack.CallsTo("response_url")).Json);
    }

    [Fact]
    public async Task SettingsCommand_OpensModalWithProfileTimeZone()
    {
        await using var host = await SlackTestHost.StartAsync();
        host.Slack.SetUser("U1", tz: "America/New_York");

        var response = await host.PostCommandAsync("settings");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Open first (the trigger_id dies after 3 s), then the form, once preferences and profile are read.
        Assert.Equal(SettingsModal.LoadingCallbackId, Assert.Single(await host.Slack.WaitForAsync("views.open")).View!["callback_id"]!.GetValue<string>());
        var open = Assert.Single(await host.Slack.WaitForAsync("views.update"));
        Assert.Equal(SettingsModal.CallbackId, open.View!["callback_id"]!.GetValue<string>());
        Assert.Contains("America/New_York", open.Json);
        Assert.Contains("\"initial_time\":\"15:00\"", open.Json);
        Assert.Contains("\"value\":\"Friday\"", open.View!["blocks"]!.AsArray().Single(b => b!["block_id"]?.GetValue<string>() == SettingsModal.ReminderDayBlock)!["element"]!["initial_option"]!.ToJsonString());
        ViewAssert.WithinSlackLimits(open.View!);
    }

    [Fact]
    public async Task DigestChangeDayTime_OpensSettingsModal()
    {
        await using var host = await SlackTestHost.StartAsync();
        await host.PostInteractionAsync(Payloads.BlockAction(DigestSettingsAction.ActionId, user: "U1", responseUrl: host.Slack.ResponseUrl()));
        var update = Assert.Single(await host.Slack.WaitForAsync("views.update"));
        Assert.Equal(SettingsModal.CallbackId, update.View!["callback_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task SettingsCommand_SlowProfile_OpensWithinTheTriggerWindowAnyway()
    {
        await using var host = await SlackTestHost.StartAsync();
        host.Slack.Delay("users.info", TimeSpan.FromSeconds(5));

        await host.PostCommandAsync("settings");

        // views.open does not wait for users.info: it is called well inside trigger_id's 3 s.
        Assert.Single(await host.Slack.WaitForAsync("views.open", timeout: TimeSpan.FromSeconds(2)));
        var update = Assert.Single(await host.Slack.WaitForAsync("views.update", timeout: TimeSpan.FromSeconds(10)));
        Assert.Equal(SettingsModal.CallbackId, update.View!["callback_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task SettingsSubmit_SavesAndReplansInLocalTime()
    {
        await using var host = await SlackTestHost.StartAsync();
        await PlanAsync(host, Me);

        var response = await host.PostInteractionAsync(Payloads.ViewSubmission(SettingsView(day: "Monday", time: "09:30", cap: "3"), user: "U1"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        await host.IdleAsync();

        var prefs = await host.Preferences.GetAsync(Me, CancellationToken.None);
        Assert.Equal(new WeeklyReminder(true, DayOfWeek.Monday, new TimeOnly(9, 30)), prefs.WeeklyReminder);
        Assert.Equal(3, prefs.NudgeDailyCap);
        Assert.Equal(new TimeOnly(8, 0), prefs.WorkingHours.Start);
        var next = host.Reminders.NextFor(Me)!.Value;
        var local = TimeZoneInfo.ConvertTime(next, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));
        Assert.Equal(DayOfWeek.Monday, local.DayOfWeek);
        Assert.Equal(new TimeOnly(9, 30), TimeOnly.FromDateTime(local.DateTime));
        await host.Slack.WaitForAsync("views.publish");
    }

    [Fact]
    public async Task SettingsSubmit_DigestUnchecked_RemovesFromSchedule()
    {
        await using var host = await SlackTestHost.StartAsync();
        await PlanAsync(host, Me);
        await host.PostInteractionAsync(Payloads.ViewSubmission(SettingsView(digestOn: false), user: "U1"));
        await host.IdleAsync();
        Assert.Null(host.Reminders.NextFor(Me));
    }

    [Theory]
    [InlineData("17:00", "09:00", "1", SettingsModal.WorkEndBlock)]
    [InlineData("09:00", "17:00", "7", SettingsModal.NudgeCapBlock)]
    [InlineData("09:00", "17:00", "-1", SettingsModal.NudgeCapBlock)]
    public async Task SettingsSubmit_Invalid_ReturnsFieldErrorAndSavesNothing(string start, string end, string cap, string block)
    {
        await using var host = await SlackTestHost.StartAsync();

        var response = await host.PostInteractionAsync(Payloads.ViewSubmission(SettingsView(start: start, end: end, cap: cap), user: "U1"));

        var body = await SlackTestHost.JsonAsync(response);
        Assert.Equal("errors", body["response_action"]!.GetValue<string>());
        Assert.NotNull(body["errors"]![block]);
        Assert.Equal(PersonalPreferences.Default, await host.Preferences.GetAsync(Me, CancellationToken.None));
    }

    [Fact]
    public async Task AppHomeOpened_PlansDigest_AndReplansWhenTimeZoneChanges()
    {
        await using var host = await SlackTestHost.StartAsync();
        host.Slack.SetUser("U1", tz: "Europe/Berlin");
        await host.PostEventAsync(HomeOpened("Ev1"));
        await host.IdleAsync();
        var berlin = host.Reminders.NextFor(Me);
        Assert.NotNull(berlin);

        // Past the profile cache: users.info now says New York.
        host.Time.Advance(TimeSpan.FromMinutes(10));
        host.Slack.SetUser("U1", tz: "America/New_York");
        await host.PostEventAsync(HomeOpened("Ev2"));
        await host.IdleAsync();

        var newYork = host.Reminders.NextFor(Me)!.Value;
        var local = TimeZoneInfo.ConvertTime(newYork, TimeZoneInfo.FindSystemTimeZoneById("America/New_York"));
        Assert.Equal(DayOfWeek.Friday, local.DayOfWeek);
        Assert.Equal(15, local.Hour);
        Assert.NotEqual(berlin, newYork);
    }

    [Fact]
    public void DigestBlocks_ManyOwedRequests_StaysUnderFiftyBlocks()
    {
        var now = DateTimeOffset.UtcNow;
        var owed = Enumerable.Range(0, 40).Select(i => new OwedRequest($"r{i}", Asker, new string('x', 5000), null, now, now.AddDays(1))).ToArray();
        var excerpts = Enumerable.Range(0, 20).Select(i => new DigestExcerpt($"f{i}", null, Core.Feedback.FeedbackKind.Praise, "text", now)).ToArray();
        var waiting = Enumerable.Range(0, 20).Select(i => new WaitingRequest($"w{i}", "q", now, now.AddDays(1), new RequestTally(0, 0, 0, 2), null)).ToArray();
        var notice = new Core.Messaging.WeeklyDigestNotice("2026-W48", 20, excerpts, owed, waiting,
            new DigestSuggestion(Asker, SuggestionKind.HelpAsker, "asked", now, RequestId: "r0"), new FeedbackStreak(3, true), false);

        var (_, blocks) = DigestBlocks.Render(notice);

        Assert.InRange(blocks.Count, 1, DigestBlocks.MaxBlocks);
        ViewAssert.WithinSlackLimits(new JsonObject { ["title"] = new JsonObject { ["type"] = "plain_text", ["text"] = "t" }, ["blocks"] = blocks });
    }

    [Theory]
    [InlineData("settings", true)]
    [InlineData("  Settings ", true)]
    [InlineData("settings now", false)]
    public void ParseSettings_ReturnsSettingsIntentOnlyAlone(string text, bool settings)
    {
        var intent = FeedbackCommandParser.Parse(text);
        Assert.Equal(settings, intent is FeedbackCommandIntent.Settings);
        Assert.Contains("/feedback settings", FeedbackCommandParser.Usage);
    }

    [Theory]
    [InlineData("u:U7", "U1", "U7")]
    [InlineData("u:U1", "U1", null)]
    [InlineData("u:<!channel>", "U1", null)]
    [InlineData("r:req9:U7", "U1", null)]
    [InlineData("-", "U1", null)]
    public void DigestGiveDraft_ReadsButtonValueSafely(string value, string clicker, string? recipient)
    {
        var draft = DigestGiveAction.Draft(value, clicker);
        Assert.Equal(recipient, draft.Recipients.SingleOrDefault());
        Assert.Null(draft.RequestId);
    }

    private static JsonObject HomeOpened(string eventId) => new()
    {
        ["token"] = "x",
        ["team_id"] = SlackTestHost.Team,
        ["api_app_id"] = "A1",
        ["type"] = "event_callback",
        ["event_id"] = eventId,
        ["event_time"] = 1700000000,
        ["event"] = new JsonObject { ["type"] = "app_home_opened", ["user"] = "U1", ["channel"] = "DU1", ["tab"] = "home", ["event_ts"] = "1.1" },
    };

    private static JsonObject SettingsView(bool digestOn = true, string day = "Friday", string time = "15:00", string start = "08:00", string end = "16:00", string cap = "1")
    {
        JsonObject Picked(params string[] values) => new()
        {
            ["type"] = "checkboxes",
            ["selected_options"] = new JsonArray([.. values.Select(v => (JsonNode)new JsonObject { ["value"] = v })]),
        };
        JsonObject Time(string t) => new() { ["type"] = "timepicker", ["selected_time"] = t };
        var values = new JsonObject
        {
            [SettingsModal.ReminderOnBlock] = new JsonObject { [SettingsModal.ReminderOnAction] = digestOn ? Picked("on") : Picked() },
            [SettingsModal.ReminderDayBlock] = new JsonObject { [SettingsModal.ReminderDayAction] = new JsonObject { ["type"] = "static_select", ["selected_option"] = new JsonObject { ["value"] = day } } },
            [SettingsModal.ReminderTimeBlock] = new JsonObject { [SettingsModal.ReminderTimeAction] = Time(time) },
            [SettingsModal.WorkDaysBlock] = new JsonObject { [SettingsModal.WorkDaysAction] = Picked("Monday", "Tuesday", "Wednesday", "Thursday") },
            [SettingsModal.WorkStartBlock] = new JsonObject { [SettingsModal.WorkStartAction] = Time(start) },
            [SettingsModal.WorkEndBlock] = new JsonObject { [SettingsModal.WorkEndAction] = Time(end) },
            [SettingsModal.NudgeCapBlock] = new JsonObject { [SettingsModal.NudgeCapAction] = new JsonObject { ["type"] = "number_input", ["value"] = cap } },
            [SettingsModal.AnonymousBlock] = new JsonObject { [SettingsModal.AnonymousAction] = Picked() },
        };
        return new JsonObject
        {
            ["id"] = "VS1",
            ["type"] = "modal",
            ["callback_id"] = SettingsModal.CallbackId,
            ["hash"] = "h1",
            ["state"] = new JsonObject { ["values"] = values },
        };
    }
}
