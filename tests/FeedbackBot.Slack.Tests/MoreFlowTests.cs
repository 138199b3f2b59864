using System.Net;
using System.Text.Json.Nodes;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Slack.Delivery;
using FeedbackBot.Slack.Give;
using FeedbackBot.Slack.Home;
using FeedbackBot.Slack.Settings;
using FeedbackBot.Testing;

namespace FeedbackBot.Slack.Tests;

public sealed class MoreFlowTests
{
    [Fact]
    public async Task FollowUp_Submitted_RelaysQuestionToGiver()
    {
        await using var host = await SlackTestHost.StartAsync();
        await host.PostCommandAsync("<@U2> nice refactor of the build script, which saved us a day", user: "U1");
        var id = host.Feedback.All.Single().Id;

        await host.PostInteractionAsync(Payloads.BlockAction(FollowUpAction.ActionId, id, user: "U2"));
        var open = Assert.Single(await host.Slack.WaitForAsync("views.open"));
        Assert.Equal(id, open.View!["private_metadata"]!.GetValue<string>());
        ViewAssert.WithinSlackLimits(open.View!);

        var view = new JsonObject
        {
            ["id"] = "V5",
            ["type"] = "modal",
            ["callback_id"] = FollowUpSubmission.CallbackId,
            ["private_metadata"] = id,
            ["state"] = new JsonObject { ["values"] = new JsonObject { ["question"] = new JsonObject { ["question_text"] = new JsonObject { ["value"] = "Which part <exactly>?" } } } },
        };
        var response = await host.PostInteractionAsync(Payloads.ViewSubmission(view, user: "U2"));

        Assert.Equal("", await response.Content.ReadAsStringAsync());
        var dm = Assert.Single(await host.Slack.WaitForAsync("chat.postMessage"));
        Assert.Equal("DU1", dm.Args["channel"]!.GetValue<string>());
        Assert.Contains("Which part &lt;exactly&gt;?", dm.Json);
    }

    [Fact]
    public async Task FollowUp_ByNonRecipient_ReturnsErrorAndSendsNothing()
    {
        await using var host = await SlackTestHost.StartAsync();
        await host.PostCommandAsync("<@U2> nice refactor of the build script, which saved us a day", user: "U1");
        var id = host.Feedback.All.Single().Id;
        var view = new JsonObject
        {
            ["id"] = "V5", ["type"] = "modal", ["callback_id"] = FollowUpSubmission.CallbackId, ["private_metadata"] = id,
            ["state"] = new JsonObject { ["values"] = new JsonObject { ["question"] = new JsonObject { ["question_text"] = new JsonObject { ["value"] = "?" } } } },
        };

        var body = await SlackTestHost.JsonAsync(await host.PostInteractionAsync(Payloads.ViewSubmission(view, user: "U3")));

        Assert.Equal("errors", body["response_action"]!.GetValue<string>());
        await host.IdleAsync();
        Assert.Empty(host.Slack.CallsTo("chat.postMessage"));
    }

    [Fact]
    public async Task GlobalShortcut_OpensEmptyModal()
    {
        await using var host = await SlackTestHost.StartAsync();
        var payload = new JsonObject
        {
            ["type"] = "shortcut",
            ["callback_id"] = GiveGlobalShortcut.CallbackId,
            ["trigger_id"] = "trigger-g",
            ["team"] = new JsonObject { ["id"] = SlackTestHost.Team, ["domain"] = "acme" },
            ["user"] = new JsonObject { ["id"] = "U1", ["team_id"] = SlackTestHost.Team },
        };

        Assert.Equal(HttpStatusCode.OK, (await host.PostInteractionAsync(payload)).StatusCode);

        var open = Assert.Single(await host.Slack.WaitForAsync("views.open"));
        Assert.Equal("trigger-g", open.Args["trigger_id"]!.GetValue<string>());
        Assert.Equal(GiveModal.CallbackId, open.View!["callback_id"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(HomeGiveAction.ActionId, GiveModal.CallbackId)]
    [InlineData(HomeSettingsAction.ActionId, SettingsSubmission.CallbackId)]
    [InlineData(HomeRequestAction.ActionId, global::FeedbackBot.Slack.Requests.RequestModal.CallbackId)]
    public async Task HomeButton_OpensItsModal(string actionId, string callbackId)
    {
        await using var host = await SlackTestHost.StartAsync();
        await host.PostInteractionAsync(Payloads.BlockAction(actionId));
        // Settings opens with a loading view and fills it in by views.update.
        var open = Assert.Single(await host.Slack.WaitForAsync(callbackId == SettingsSubmission.CallbackId ? "views.update" : "views.open"));
        Assert.Equal(callbackId, open.View!["callback_id"]!.GetValue<string>());
        ViewAssert.WithinSlackLimits(open.View!);
    }

    [Fact]
    public async Task Submit_ShareWithManager_StoresVisibility()
    {
        await using var host = await SlackTestHost.StartAsync();
        await host.PostInteractionAsync(Payloads.ViewSubmission(Payloads.GiveView(["U2"], "Great facilitation", "SharedWithManager")));
        Assert.Equal(FeedbackVisibility.SharedWithManager, Assert.Single(host.Feedback.All).Visibility);
    }

    [Fact]
    public async Task QuickGive_BotWithHostileName_IsEscaped()
    {
        await using var host = await SlackTestHost.StartAsync();
        host.Slack.SetUser("UBOT", isBot: true, name: "<!channel> bot");

        var body = await SlackTestHost.JsonAsync(await host.PostCommandAsync("<@UBOT> thanks for the demo on Monday, which helped"));

        var text = body["text"]!.GetValue<string>();
        Assert.Contains("&lt;!channel&gt; bot is an app", text);
        Assert.DoesNotContain("<!channel>", text);
    }

    [Fact]
    public async Task OpenModal_SlackTooSlow_TellsPersonViaResponseUrl()
    {
        await using var host = await SlackTestHost.StartAsync(timings: t => t.ViewsOpenTimeout = TimeSpan.FromMilliseconds(200));
        host.Slack.Delay("views.open", TimeSpan.FromSeconds(2));

        await host.PostCommandAsync("");

        var followUp = Assert.Single(await host.Slack.WaitForAsync("response_url"));
        Assert.Contains("too slow", followUp.Json);
    }

    [Fact]
    public async Task QuickGive_SeveralRecipients_OneDmEach()
    {
        await using var host = await SlackTestHost.StartAsync();
        await host.PostCommandAsync("<@U2> <@U3|carol> great launch on Monday, which won us the client");
        await host.RunDeliveriesAsync();
        var channels = host.Slack.CallsTo("chat.postMessage").Select(c => c.Args["channel"]!.GetValue<string>()).ToArray();
        Assert.Equal(1, channels.Count(c => c == "DU2"));
        Assert.Equal(1, channels.Count(c => c == "DU3"));
    }

    [Fact]
    public async Task NoCoachRegistered_QuickGiveSendsAndTypingUpdatesNothing()
    {
        await using var host = await SlackTestHost.StartAsync(withCoach: false);

        var body = await SlackTestHost.JsonAsync(await host.PostCommandAsync("<@U2> thanks"));
        await host.PostInteractionAsync(Payloads.BlockAction("give_part:text", view: Payloads.GiveView(["U2"], "x")));
        await host.IdleAsync();

        Assert.Contains("on its way", body["text"]!.GetValue<string>());
        Assert.Single(host.Feedback.All);
        Assert.Empty(host.Slack.CallsTo("views.update"));
    }
}
