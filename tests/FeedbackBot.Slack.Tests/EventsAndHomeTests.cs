using System.Net;
using System.Text.Json.Nodes;
using FeedbackBot.Slack.Home;
using FeedbackBot.Slack.Settings;

namespace FeedbackBot.Slack.Tests;

public sealed class EventsAndHomeTests
{
    internal static JsonObject HomeOpened(string eventId = "Ev1", string tab = "home") => new()
    {
        ["token"] = "x",
        ["team_id"] = SlackTestHost.Team,
        ["api_app_id"] = "A1",
        ["type"] = "event_callback",
        ["event_id"] = eventId,
        ["event_time"] = 1700000000,
        ["event"] = new JsonObject { ["type"] = "app_home_opened", ["user"] = "U2", ["channel"] = "DU2", ["tab"] = tab, ["event_ts"] = "1.1" },
    };

    [Fact]
    public async Task UrlVerification_EchoesChallenge()
    {
        await using var host = await SlackTestHost.StartAsync();
        var response = await host.PostEventAsync(new JsonObject { ["token"] = "x", ["challenge"] = "abc123", ["type"] = "url_verification" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("abc123", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AppHomeOpened_PublishesHomeWithFeedbackInUsersZone()
    {
        await using var host = await SlackTestHost.StartAsync();
        await host.PostCommandAsync("<@U2> your <b>talk</b> was great on Monday, which helped", user: "U1");
        host.Slack.SetUser("U2", tz: "Pacific/Auckland");

        var response = await host.PostEventAsync(HomeOpened());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var publish = Assert.Single(await host.Slack.WaitForAsync("views.publish"));
        Assert.Equal("U2", publish.Args["user_id"]!.GetValue<string>());
        Assert.Equal("home", publish.View!["type"]!.GetValue<string>());
        Assert.Contains("your &lt;b&gt;talk&lt;/b&gt; was great", publish.Json);
        Assert.Contains(HomeGiveAction.ActionId, publish.Json);
        Assert.Contains(HomeRequestAction.ActionId, publish.Json);
        Assert.Contains(HomeSettingsAction.ActionId, publish.Json);
        Assert.Contains(host.Slack.CallsTo("users.info"), c => c.Args["user"]!.GetValue<string>() == "U2");
        Assert.True(publish.View!["blocks"]!.AsArray().Count <= 100);
    }

    [Fact]
    public async Task AppHomeOpened_SlackRetry_PublishesOnce()
    {
        await using var host = await SlackTestHost.StartAsync();
        await host.PostEventAsync(HomeOpened("EvSame"));
        await host.PostEventAsync(HomeOpened("EvSame"));
        await host.IdleAsync();
        Assert.Single(host.Slack.CallsTo("views.publish"));
    }

    [Fact]
    public async Task AppHomeOpened_MessagesTab_PublishesNothing()
    {
        await using var host = await SlackTestHost.StartAsync();
        await host.PostEventAsync(HomeOpened(tab: "messages"));
        await host.IdleAsync();
        Assert.Empty(host.Slack.CallsTo("views.publish"));
    }

    [Fact]
    public async Task SettingsSaved_AcceptsAnonymousAndRepublishesHome()
    {
        await using var host = await SlackTestHost.StartAsync();
        var view = new JsonObject
        {
            ["id"] = "V9",
            ["type"] = "modal",
            ["callback_id"] = SettingsSubmission.CallbackId,
            ["state"] = new JsonObject
            {
                ["values"] = new JsonObject
                {
                    ["anonymous"] = new JsonObject { ["accept_anonymous"] = new JsonObject { ["type"] = "checkboxes", ["selected_options"] = new JsonArray(new JsonObject { ["value"] = "accept" }) } },
                },
            },
        };

        var response = await host.PostInteractionAsync(Payloads.ViewSubmission(view, user: "U2"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var prefs = await host.Preferences.GetAsync(Slack.Inbound.SlackIds.Person(SlackTestHost.Team, "U2"), CancellationToken.None);
        Assert.True(prefs.AcceptsAnonymous);
        await host.Slack.WaitForAsync("views.publish");
    }

    [Fact]
    public async Task ThankThem_DmsGiverOnce()
    {
        await using var host = await SlackTestHost.StartAsync();
        await host.PostCommandAsync("<@U2> thanks for the help with the demo, which saved us a day", user: "U1");
        await host.RunDeliveriesAsync();
        var id = host.Feedback.All.Single().Id;
        host.Slack.Clear();

        await host.PostInteractionAsync(Payloads.BlockAction(Delivery.ThankAction.ActionId, id, user: "U2", responseUrl: host.Slack.ResponseUrl("t")));
        await host.PostInteractionAsync(Payloads.BlockAction(Delivery.ThankAction.ActionId, id, user: "U2", responseUrl: host.Slack.ResponseUrl("t")));
        await host.IdleAsync();

        var thanks = Assert.Single(host.Slack.CallsTo("chat.postMessage"));
        Assert.Equal("DU1", thanks.Args["channel"]!.GetValue<string>());
        Assert.Contains("thanked you", thanks.Json);
    }

    [Fact]
    public async Task ThankThem_BySomeoneElse_SendsNothing()
    {
        await using var host = await SlackTestHost.StartAsync();
        await host.PostCommandAsync("<@U2> thanks for the help with the demo, which saved us a day", user: "U1");
        var id = host.Feedback.All.Single().Id;

        await host.PostInteractionAsync(Payloads.BlockAction(Delivery.ThankAction.ActionId, id, user: "U3", responseUrl: host.Slack.ResponseUrl("t")));
        await host.IdleAsync();

        Assert.Empty(host.Slack.CallsTo("chat.postMessage"));
    }
}
