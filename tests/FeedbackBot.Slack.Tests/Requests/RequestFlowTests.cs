using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using FeedbackBot.Core.Messaging;
using FeedbackBot.Core.Nudges;
using FeedbackBot.Core.Requests;
using FeedbackBot.Slack.Give;
using FeedbackBot.Slack.Requests;
using FeedbackBot.Testing;
using Microsoft.Extensions.DependencyInjection;
using static FeedbackBot.Slack.Tests.Requests.RequestTestKit;

namespace FeedbackBot.Slack.Tests.Requests;

public sealed class RequestFlowTests
{
    [Fact]
    public async Task RequestCommand_WithPeopleAndQuestion_StoresAndDmsEachRecipientInertly()
    {
        await using var host = await SlackTestHost.StartAsync();

        var body = await SlackTestHost.JsonAsync(await host.PostCommandAsync("request <@U2> <@U3|carol> what should I change in my <!channel> demo?", user: "U1"));
        await host.IdleAsync();

        Assert.Equal("ephemeral", body["response_type"]!.GetValue<string>());
        var request = Assert.Single(await host.Requests().ListAskedByAsync(Person("U1"), CancellationToken.None));
        // Decoded once on the way in (issue 10 #3): the broadcast is inert text.
        Assert.Equal("what should I change in my @channel demo?", request.Question);
        Assert.Equal([Person("U2"), Person("U3")], request.Recipients.Select(r => r.Person));
        foreach (var channel in new[] { "DU2", "DU3" })
        {
            var dm = Assert.Single(host.Slack.MessagesTo(channel));
            Assert.Contains("my @channel demo", dm);
            Assert.DoesNotContain("<!channel>", dm);
            Assert.Contains("<@U1>", dm);
            Assert.Contains(RequestGiveAction.ActionId, dm);
            Assert.Contains(RequestDeclineAction.ActionId, dm);
            Assert.Contains(RequestSnoozeAction.ActionId, dm);
            Assert.Contains(request.Id, dm);
        }

        // One first nudge check per recipient is stored with the request.
        foreach (var user in new[] { "U2", "U3" })
        {
            Assert.NotNull(await host.Requests().GetNudgeCheckAsync(Person(user), CancellationToken.None));
        }
    }

    [Theory]
    [InlineData("request <@U1> review my PR?", "can't ask yourself")]
    [InlineData("request <@U2>   ", null)]
    [InlineData("request what should I change?", "Name the people to ask first")]
    public async Task RequestCommand_Refused_AnswersKindlyAndStoresNothing(string text, string? expected)
    {
        await using var host = await SlackTestHost.StartAsync();

        var response = await host.PostCommandAsync(text, user: "U1");
        await host.IdleAsync();

        Assert.Empty(await host.Requests().ListAskedByAsync(Person("U1"), CancellationToken.None));
        if (expected is null)
        {
            // People but no question: the modal opens with them picked.
            var open = Assert.Single(host.Slack.CallsTo("views.open"));
            Assert.Contains("\"U2\"", open.Json);
        }
        else
        {
            Assert.Contains(expected, (await SlackTestHost.JsonAsync(response))["text"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task RequestCommand_Alone_OpensModalDueInThreeWorkingDaysOfRequesterZone()
    {
        await using var host = await SlackTestHost.StartAsync();
        host.Slack.SetUser("U1", tz: "Pacific/Auckland");

        var response = await host.PostCommandAsync("request", user: "U1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var open = Assert.Single(await host.Slack.WaitForAsync("views.open"));
        Assert.Equal(RequestModal.CallbackId, open.View!["callback_id"]!.GetValue<string>());
        ViewAssert.WithinSlackLimits(open.View!);
        var calendar = (await host.Services.GetRequiredService<PersonClock>().LoadAsync(Person("U1"), CancellationToken.None)).Calendar;
        Assert.Equal("Pacific/Auckland", calendar.TimeZone.Id);
        var expected = calendar.LocalDate(host.Services.GetRequiredService<NudgePolicy>().DefaultDueAt(host.Time.GetUtcNow(), calendar));
        var due = open.View!["blocks"]!.AsArray().Single(b => b!["block_id"]?.GetValue<string>() == RequestModal.DueBlock)!;
        Assert.Equal(expected.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), due["element"]!["initial_date"]!.GetValue<string>());
        Assert.Contains(open.View!["blocks"]!.AsArray(), b => b!["block_id"]?.GetValue<string>() == RequestModal.LinkBlock);
    }

    [Fact]
    public async Task RequestModalSubmit_BotAndSelf_ReturnsFieldErrors()
    {
        await using var host = await SlackTestHost.StartAsync();
        host.Slack.SetUser("UBOT", isBot: true, name: "Deploy bot");

        var selfBody = await SlackTestHost.JsonAsync(await host.PostInteractionAsync(Payloads.ViewSubmission(RequestView(["U1"], "How was it?"), user: "U1")));
        var botBody = await SlackTestHost.JsonAsync(await host.PostInteractionAsync(Payloads.ViewSubmission(RequestView(["UBOT"], "How was it?"), user: "U1")));
        var emptyBody = await SlackTestHost.JsonAsync(await host.PostInteractionAsync(Payloads.ViewSubmission(RequestView(["U2"], "  "), user: "U1")));

        Assert.Equal("errors", selfBody["response_action"]!.GetValue<string>());
        Assert.Contains("can't ask yourself", selfBody["errors"]![RequestModal.RecipientsBlock]!.GetValue<string>());
        Assert.Contains("Deploy bot is an app", botBody["errors"]![RequestModal.RecipientsBlock]!.GetValue<string>());
        Assert.NotNull(emptyBody["errors"]![RequestModal.QuestionBlock]);
        await host.IdleAsync();
        Assert.Empty(await host.Requests().ListAskedByAsync(Person("U1"), CancellationToken.None));
    }

    [Fact]
    public async Task RequestModalSubmit_Valid_StoresWithDueDateAndLinkThenConfirmsByDm()
    {
        await using var host = await SlackTestHost.StartAsync();
        var due = DateOnly.FromDateTime(host.Time.GetUtcNow().UtcDateTime).AddDays(10);

        var response = await host.PostInteractionAsync(Payloads.ViewSubmission(
            RequestView(["U2"], "Is the <b>doc</b> clear?", due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "https://docs.example.com/plan"), user: "U1"));

        Assert.Equal("", await response.Content.ReadAsStringAsync());
        await host.IdleAsync();
        var request = Assert.Single(await host.Requests().ListAskedByAsync(Person("U1"), CancellationToken.None));
        Assert.Equal("https://docs.example.com/plan", request.Source!.Url);
        Assert.Equal(due, DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(request.DueAt, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")).DateTime));
        Assert.Contains("Is the &lt;b&gt;doc&lt;/b&gt; clear?", Assert.Single(host.Slack.MessagesTo("DU2")));
        Assert.Contains("I asked <@U2>", Assert.Single(host.Slack.MessagesTo("DU1")));
    }

    [Fact]
    public async Task GiveFeedbackButton_Answer_StoresRequestIdAndTellsRequesterWithSummary()
    {
        await using var host = await SlackTestHost.StartAsync();
        var request = await host.AskAsync("How did my demo go?", "U2");
        host.Slack.Clear();

        await host.PostInteractionAsync(Payloads.BlockAction(RequestGiveAction.ActionId, request.Id, user: "U2", responseUrl: host.Slack.ResponseUrl("g")));
        var open = Assert.Single(await host.Slack.WaitForAsync("views.open"));
        Assert.Equal(GiveModal.CallbackId, open.View!["callback_id"]!.GetValue<string>());
        Assert.Contains("\"initial_users\":[\"U1\"]", open.Json);
        var metadata = open.View!["private_metadata"]!.GetValue<string>();
        Assert.Contains(request.Id, metadata);
        ViewAssert.WithinSlackLimits(open.View!);

        var submit = await host.PostInteractionAsync(Payloads.ViewSubmission(Payloads.GiveView(["U1"], "Clear story, slow start", privateMetadata: metadata), user: "U2"));
        Assert.Equal("", await submit.Content.ReadAsStringAsync());
        var item = Assert.Single(host.Feedback.All);
        Assert.Equal(request.Id, item.RequestId);

        await host.RunDeliveriesAsync();

        Assert.Equal(RecipientStatus.Answered, (await host.Requests().GetAsync(request.Id, CancellationToken.None))!.RecipientFor(Person("U2"))!.Status);
        var toRequester = host.Slack.MessagesTo("DU1").ToArray();
        Assert.Contains(toRequester, m => m.Contains("<@U2> answered your request") && m.Contains("1 of 1 answered"));
        Assert.Contains(toRequester, m => m.Contains("is closed: 1 of 1 answered"));
        Assert.Contains(toRequester, m => m.Contains("Clear story, slow start"));
    }

    [Fact]
    public async Task Decline_WithReason_TellsRequesterEscapedAndSummarisesWhenAllDeclined()
    {
        await using var host = await SlackTestHost.StartAsync();
        var request = await host.AskAsync("Thoughts on the roadmap?", "U2", "U3");
        host.Slack.Clear();

        await host.PostInteractionAsync(Payloads.BlockAction(RequestDeclineAction.ActionId, request.Id, user: "U2", responseUrl: host.Slack.ResponseUrl("d2")));
        var open = Assert.Single(await host.Slack.WaitForAsync("views.open"));
        Assert.Equal(DeclineSubmission.CallbackId, open.View!["callback_id"]!.GetValue<string>());
        ViewAssert.WithinSlackLimits(open.View!);
        var declineView = DeclineView(open.View!["private_metadata"]!.GetValue<string>(), "<!here> too busy this week");

        var response = await host.PostInteractionAsync(Payloads.ViewSubmission(declineView, user: "U2"));
        await host.IdleAsync();

        Assert.Equal("", await response.Content.ReadAsStringAsync());
        var stored = (await host.Requests().GetAsync(request.Id, CancellationToken.None))!;
        Assert.Equal(RecipientStatus.Declined, stored.RecipientFor(Person("U2"))!.Status);
        var told = Assert.Single(host.Slack.MessagesTo("DU1"));
        Assert.Contains("<@U2> declined your request", told);
        Assert.Contains("0 of 2 answered", told);
        Assert.Contains("&lt;!here&gt; too busy this week", told);
        Assert.DoesNotContain("<!here>", told);
        // private_metadata carries no response_url any more (issue 10 #13): the decliner hears back by DM.
        Assert.Contains(host.Slack.MessagesTo("DU2"), m => m.Contains("You declined"));

        await host.PostInteractionAsync(Payloads.ViewSubmission(DeclineView(open.View!["private_metadata"]!.GetValue<string>(), null), user: "U3"));
        await host.IdleAsync();

        Assert.Contains(host.Slack.MessagesTo("DU1"), m => m.Contains("is closed: 0 of 2 answered") && m.Contains("2 declined"));
    }

    [Theory]
    [InlineData(RequestDeclineAction.ActionId)]
    [InlineData(RequestGiveAction.ActionId)]
    [InlineData(RequestSnoozeAction.ActionId)]
    public async Task RequestButton_ByNonRecipient_RefusedPrivatelyAndChangesNothing(string actionId)
    {
        await using var host = await SlackTestHost.StartAsync();
        var request = await host.AskAsync("Thoughts?", "U2");
        host.Slack.Clear();

        var response = await host.PostInteractionAsync(Payloads.BlockAction(actionId, request.Id, user: "U4", responseUrl: host.Slack.ResponseUrl("x")));
        await host.IdleAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(host.Slack.CallsTo("views.open"));
        var refusal = Assert.Single(host.Slack.CallsTo("response_url"));
        // The same words as for a missing request: a guessed id must not reveal whether it exists (issue 10 #13).
        Assert.Contains(RequestService.NotFound, refusal.Json);
        Assert.Equal("ephemeral", refusal.Args["response_type"]!.GetValue<string>());
        var stored = (await host.Requests().GetAsync(request.Id, CancellationToken.None))!;
        Assert.Equal(RecipientStatus.Pending, stored.RecipientFor(Person("U2"))!.Status);
        Assert.Null(stored.RecipientFor(Person("U2"))!.SnoozedUntil);
    }

    [Fact]
    public async Task DeclineSubmit_ByNonRecipient_ReturnsErrorAndTellsNobody()
    {
        await using var host = await SlackTestHost.StartAsync();
        var request = await host.AskAsync("Thoughts?", "U2");
        host.Slack.Clear();
        var metadata = new JsonObject { ["r"] = request.Id }.ToJsonString();

        var body = await SlackTestHost.JsonAsync(await host.PostInteractionAsync(Payloads.ViewSubmission(DeclineView(metadata, "no"), user: "U4")));
        await host.IdleAsync();

        Assert.Equal("errors", body["response_action"]!.GetValue<string>());
        Assert.Empty(host.Slack.CallsTo("chat.postMessage"));
    }

    [Fact]
    public async Task Snooze_ByRecipient_SaysUntilWhenInTheirZoneAndPlansTheReminder()
    {
        await using var host = await SlackTestHost.StartAsync();
        host.Slack.SetUser("U2", tz: "America/New_York");
        var request = await host.AskAsync("Thoughts?", "U2");
        host.Slack.Clear();

        await host.PostInteractionAsync(Payloads.BlockAction(RequestSnoozeAction.ActionId, request.Id, user: "U2", responseUrl: host.Slack.ResponseUrl("s")));
        await host.IdleAsync();

        var until = (await host.Requests().GetAsync(request.Id, CancellationToken.None))!.RecipientFor(Person("U2"))!.SnoozedUntil;
        Assert.NotNull(until);
        var local = TimeZoneInfo.ConvertTime(until.Value, TimeZoneInfo.FindSystemTimeZoneById("America/New_York"));
        Assert.Equal(9, local.Hour);
        var reply = Assert.Single(host.Slack.CallsTo("response_url"));
        Assert.Contains(":zzz: Snoozed", reply.Json);
        Assert.Contains(local.ToString("ddd d MMM 'at' HH:mm", CultureInfo.InvariantCulture) + " (America/New_York)", reply.Json);
        // The snooze's reminder is planned in the stored schedule, no later than the snooze's end.
        Assert.True(await host.Requests().GetNudgeCheckAsync(Person("U2"), CancellationToken.None) <= until);
    }

    [Fact]
    public async Task PendingCommand_ListsWhatYouOweAndWhatYouWaitFor()
    {
        await using var host = await SlackTestHost.StartAsync();
        await host.AskAsync("Was my <b>talk</b> too long?", "U2");

        var owes = await SlackTestHost.JsonAsync(await host.PostCommandAsync("pending", user: "U2"));
        var waits = await SlackTestHost.JsonAsync(await host.PostCommandAsync("pending", user: "U1"));
        var nothing = await SlackTestHost.JsonAsync(await host.PostCommandAsync("pending", user: "U9"));

        var owesJson = RecordedCall.ReadableJson(owes);
        Assert.Contains("<@U1> asks", owesJson);
        Assert.Contains("Was my &lt;b&gt;talk&lt;/b&gt; too long?", owesJson);
        Assert.Contains(RequestGiveAction.ActionId, owesJson);
        var waitsJson = RecordedCall.ReadableJson(waits);
        Assert.Contains("0 of 1 answered", waitsJson);
        Assert.Contains("waiting for <@U2>", waitsJson);
        Assert.Contains("Nothing pending", nothing["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task HelpCommand_MentionsRequestAndPending()
    {
        await using var host = await SlackTestHost.StartAsync();
        var text = (await SlackTestHost.JsonAsync(await host.PostCommandAsync("help")))["text"]!.GetValue<string>();
        Assert.Contains("/feedback request", text);
        Assert.Contains("/feedback pending", text);
    }

    [Fact]
    public async Task AppHome_ShowsOwedAndWaitingRequests()
    {
        await using var host = await SlackTestHost.StartAsync();
        await host.AskAsync("Review my plan?", "U2");
        var opened = new JsonObject
        {
            ["token"] = "x", ["team_id"] = SlackTestHost.Team, ["api_app_id"] = "A1", ["type"] = "event_callback", ["event_id"] = "EvH",
            ["event"] = new JsonObject { ["type"] = "app_home_opened", ["user"] = "U2", ["channel"] = "DU2", ["tab"] = "home" },
        };

        await host.PostEventAsync(opened);

        var publish = Assert.Single(await host.Slack.WaitForAsync("views.publish"));
        Assert.Contains("Review my plan?", publish.Json);
        Assert.Contains(RequestSnoozeAction.ActionId, publish.Json);
        Assert.True(publish.View!["blocks"]!.AsArray().Count <= 100);
    }

    [Fact]
    public async Task Snooze_FromHome_TellsByDmAndRepublishesHome()
    {
        await using var host = await SlackTestHost.StartAsync();
        var request = await host.AskAsync("Review my plan?", "U2");
        host.Slack.Clear();
        var home = new JsonObject { ["id"] = "VH", ["type"] = "home", ["state"] = new JsonObject { ["values"] = new JsonObject() } };

        await host.PostInteractionAsync(Payloads.BlockAction(RequestSnoozeAction.ActionId, request.Id, user: "U2", view: home));
        await host.IdleAsync();

        Assert.Contains(host.Slack.MessagesTo("DU2"), m => m.Contains(":zzz: Snoozed"));
        var publish = Assert.Single(host.Slack.CallsTo("views.publish"));
        Assert.Contains("snoozed until", publish.Json);
    }

    [Fact]
    public async Task NudgeNotice_ThroughMessenger_OneDmListingEveryAskWithThreeButtons()
    {
        await using var host = await SlackTestHost.StartAsync();
        var due = host.Time.GetUtcNow().AddDays(2);
        var notice = new NudgeNotice([
            new OwedRequest("req-a", Person("U1"), "First <!everyone> ask", null, host.Time.GetUtcNow(), due),
            new OwedRequest("req-b", Person("U3"), "Second ask", new Core.Feedback.SourceLink("https://acme.slack.com/archives/C1/p1", "see <@U9>"), host.Time.GetUtcNow(), due),
        ]);

        await Messenger(host).SendAsync(Person("U2"), notice, CancellationToken.None);

        var dm = Assert.Single(host.Slack.CallsTo("chat.postMessage"));
        Assert.Equal("DU2", dm.Args["channel"]!.GetValue<string>());
        var buttons = dm.Args["blocks"]!.AsArray().Where(b => b!["type"]!.GetValue<string>() == "actions").ToArray();
        Assert.Equal(2, buttons.Length);
        Assert.Equal(2, buttons.Select(b => b!["block_id"]!.GetValue<string>()).Distinct().Count());
        Assert.All(buttons, b => Assert.Equal(3, b!["elements"]!.AsArray().Count));
        Assert.Equal("req-b", buttons[1]!["elements"]![2]!["value"]!.GetValue<string>());
        Assert.Contains("&lt;!everyone&gt;", dm.Json);
        Assert.DoesNotContain("<!everyone>", dm.Json);
        Assert.DoesNotContain("<@U9>", dm.Json);
        Assert.DoesNotContain("<!everyone>", dm.Args["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnsweredNotice_Anonymous_ShowsNoIdAnywhere()
    {
        await using var host = await SlackTestHost.StartAsync();

        await Messenger(host).SendAsync(Person("U1"), new RequestAnsweredNotice("req-1", "How was it?", null, "fb-1", new RequestTally(2, 0, 0, 1)), CancellationToken.None);

        var dm = Assert.Single(host.Slack.CallsTo("chat.postMessage"));
        Assert.DoesNotContain("<@", dm.Json);
        Assert.DoesNotContain("\"U", dm.Json);
        Assert.Contains("Someone (anonymously) answered", dm.Json);
        Assert.Contains("2 of 3 answered", dm.Json);
    }

    [Fact]
    public async Task SummaryNotice_Expired_SaysHowManyAnswered()
    {
        await using var host = await SlackTestHost.StartAsync();

        await Messenger(host).SendAsync(Person("U1"), new RequestSummaryNotice("req-1", "Plan <ok>?", host.Time.GetUtcNow(), new RequestTally(2, 0, 1, 0)), CancellationToken.None);

        var dm = Assert.Single(host.Slack.CallsTo("chat.postMessage"));
        Assert.Contains("2 of 3 answered", dm.Json);
        Assert.Contains("1 didn't answer in time", dm.Json);
        Assert.Contains("Plan &lt;ok&gt;?", dm.Json);
    }

    private static IChatMessenger Messenger(SlackTestHost host) => host.Services.GetServices<IChatMessenger>().Single();

    private static JsonObject DeclineView(string privateMetadata, string? reason) => new()
    {
        ["id"] = "V8",
        ["type"] = "modal",
        ["callback_id"] = DeclineSubmission.CallbackId,
        ["private_metadata"] = privateMetadata,
        ["state"] = new JsonObject
        {
            ["values"] = new JsonObject
            {
                ["decline_reason"] = new JsonObject { ["decline_reason_text"] = new JsonObject { ["type"] = "plain_text_input", ["value"] = reason } },
            },
        },
    };
}
