using System.Net;
using System.Text.Json.Nodes;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Slack.Coaching;
using FeedbackBot.Slack.Give;
using FeedbackBot.Testing;
using Moq;

namespace FeedbackBot.Slack.Tests;

public sealed class QuickGiveTests
{
    private const string Hostile = "Great demo <!channel> & <@U999> <https://evil.example|click>, which won the client";

    [Fact]
    public async Task QuickGive_NoAdvice_DeliversOneEscapedDm()
    {
        await using var host = await SlackTestHost.StartAsync();

        var response = await host.PostCommandAsync($"<@U2|bob> {Hostile}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("on its way", (await SlackTestHost.JsonAsync(response))["text"]!.GetValue<string>());
        var item = Assert.Single(host.Feedback.All);
        // Decoded once on the way in (issue 10 #3): broadcasts inert, the link as text, the picked person a mention.
        Assert.Equal($"Great demo @channel & {FeedbackBot.Slack.Text.SlackInbound.MentionToken("U999")} click (https://evil.example), which won the client", item.Content.PlainText);
        Assert.Single(host.Jobs.Jobs);

        Assert.Equal([DeliveryOutcome.Delivered], await host.RunDeliveriesAsync());

        var open = Assert.Single(host.Slack.CallsTo("conversations.open"), c => c.Args["users"]!.GetValue<string>() == "U2");
        var post = Assert.Single(host.Slack.CallsTo("chat.postMessage"), c => c.Args["channel"]!.GetValue<string>() == "DU2");
        Assert.Equal("Bearer xoxb-test", post.Authorization);
        Assert.Contains("Great demo @channel &amp; <@U999> click (https://evil.example)", post.Json);
        Assert.DoesNotContain("<!channel>", post.Json);
        Assert.DoesNotContain("<https://evil", post.Json);
        Assert.DoesNotContain("link_names", post.Json);
        Assert.DoesNotContain("\"verbatim\":false", post.Json);
        Assert.Contains("<@U1>", post.Args["text"]!.GetValue<string>());
        Assert.Contains("feedback_thank", post.Json);
        Assert.Contains("feedback_followup", post.Json);
        // The giver's confirmation went to their own DM.
        Assert.Single(host.Slack.CallsTo("chat.postMessage"), c => c.Args["channel"]!.GetValue<string>() == "DU1");
        _ = open;
    }

    [Fact]
    public async Task Delivery_RetriedJob_PostsOnlyOnce()
    {
        await using var host = await SlackTestHost.StartAsync();
        await host.PostCommandAsync("<@U2> thanks for pairing on the hotfix, which saved us a day");
        var id = Assert.Single(host.Jobs.Jobs).Id;
        await host.RunDeliveriesAsync();
        host.Jobs.Dispatch(id);
        host.Jobs.Dispatch(id);

        Assert.Equal([DeliveryOutcome.AlreadyDone, DeliveryOutcome.AlreadyDone], await host.RunDeliveriesAsync());
        Assert.Single(host.Slack.CallsTo("chat.postMessage"), c => c.Args["channel"]!.GetValue<string>() == "DU2");
    }

    [Fact]
    public async Task Delivery_TransientThenSuccess_PostsOnce()
    {
        await using var host = await SlackTestHost.StartAsync();
        await host.PostCommandAsync("<@U2> thanks for pairing on the hotfix, which saved us a day");
        var id = Assert.Single(host.Jobs.Jobs).Id;
        // 429: Slack certainly did not post, so retrying is safe (a 503 may have posted; see SlackApiFidelityTests).
        host.Slack.FailNext("chat.postMessage", 429, times: 4, retryAfter: "0");

        Assert.Equal([DeliveryOutcome.Retrying], await host.RunDeliveriesAsync());
        Assert.Equal(DeliveryStatus.Pending, host.Feedback.All.Single().Delivery);
        host.Jobs.Dispatch(id);
        Assert.Equal([DeliveryOutcome.Delivered], await host.RunDeliveriesAsync());
        Assert.Single(host.Feedback.All, i => i.Delivery == DeliveryStatus.Delivered);
    }

    [Fact]
    public async Task Delivery_PermanentFailure_TellsGiverAndKeepsFeedback()
    {
        await using var host = await SlackTestHost.StartAsync();
        await host.PostCommandAsync("<@U2> thanks for pairing on the hotfix, which saved us a day");
        host.Slack.Respond("conversations.open", args => args["users"]!.GetValue<string>() == "U2"
            ? new JsonObject { ["ok"] = false, ["error"] = "user_disabled" } // account_inactive would mean our token is dead
            : new JsonObject { ["ok"] = true, ["channel"] = new JsonObject { ["id"] = "DU1" } });

        Assert.Equal([DeliveryOutcome.Failed], await host.RunDeliveriesAsync());

        var item = Assert.Single(host.Feedback.All);
        Assert.Equal(DeliveryStatus.Failed, item.Delivery);
        var toGiver = Assert.Single(host.Slack.CallsTo("chat.postMessage"));
        Assert.Equal("DU1", toGiver.Args["channel"]!.GetValue<string>());
        Assert.Contains("deactivated", toGiver.Json);
    }

    [Fact]
    public async Task QuickGive_CoachHasAdvice_ShowsTipsAndStoresNothing()
    {
        // A mock: a tip holding "<b>" shows coach text is escaped once; the real coach's tips hold no markup.
        await using var host = await SlackTestHost.StartAsync(h => h.MockCoach()
            .Setup(c => c.Review(It.IsAny<FeedbackContent>(), It.IsAny<FeedbackKind>(), It.IsAny<string?>()))
            .Returns(new DraftAdvice(true, ["Say what the impact was <b>"])));

        var body = await SlackTestHost.JsonAsync(await host.PostCommandAsync("<@U2> good job"));

        Assert.Equal("ephemeral", body["response_type"]!.GetValue<string>());
        var json = RecordedCall.ReadableJson(body);
        Assert.Contains("Say what the impact was &lt;b&gt;", json);
        Assert.Contains(QuickSendAction.ActionId, json);
        Assert.Contains(QuickEditAction.ActionId, json);
        Assert.Contains(QuickCancelAction.ActionId, json);
        Assert.Empty(host.Feedback.All);
        Assert.Empty(host.Jobs.Jobs);
    }

    [Fact]
    public async Task SendAsIs_Click_GivesAndReplacesReview()
    {
        // The real coach has advice for "good job": the give stops at the review.
        await using var host = await SlackTestHost.StartAsync();
        var review = await SlackTestHost.JsonAsync(await host.PostCommandAsync("<@U2> <@U3> good job"));
        var value = ButtonValue(review, QuickSendAction.ActionId);

        var response = await host.PostInteractionAsync(Payloads.BlockAction(QuickSendAction.ActionId, value, responseUrl: host.Slack.ResponseUrl("review")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await host.IdleAsync();
        Assert.Equal(2, host.Feedback.All.Count);
        Assert.All(host.Feedback.All, i => Assert.Equal("good job", i.Content.PlainText));
        var followUp = Assert.Single(host.Slack.CallsTo("response_url"));
        Assert.True(followUp.Args["replace_original"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Edit_Click_OpensPrefilledModal()
    {
        // The real coach has advice for "good job": the give stops at the review.
        await using var host = await SlackTestHost.StartAsync();
        var review = await SlackTestHost.JsonAsync(await host.PostCommandAsync("<@U2> good job"));

        await host.PostInteractionAsync(Payloads.BlockAction(QuickEditAction.ActionId, ButtonValue(review, QuickEditAction.ActionId), responseUrl: host.Slack.ResponseUrl("review")));

        var open = Assert.Single(await host.Slack.WaitForAsync("views.open"));
        var json = open.View!.ToJsonString();
        Assert.Contains("\"initial_users\":[\"U2\"]", json);
        Assert.Contains("\"initial_value\":\"good job\"", json);
        await host.IdleAsync();
        Assert.True(Assert.Single(host.Slack.CallsTo("response_url")).Args["delete_original"]!.GetValue<bool>());
        Assert.Empty(host.Feedback.All);
    }

    [Theory]
    [InlineData("<@U1> well done me", "yourself")]
    [InlineData("<@UBOT> thanks for the demo on Monday, which helped", "is an app")]
    [InlineData("<@UGONE> thanks for the demo on Monday, which helped", "couldn't find")]
    [InlineData("banana thanks", "don't know")]
    [InlineData("@bob thanks", "couldn't tell who")]
    public async Task QuickGive_Refused_AnswersKindlyWithUsageAndStoresNothing(string text, string expected)
    {
        await using var host = await SlackTestHost.StartAsync();
        host.Slack.SetUser("UBOT", isBot: true, name: "Deploy Bot");
        host.Slack.RemoveUser("UGONE");

        var response = await host.PostCommandAsync(text);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = (await SlackTestHost.JsonAsync(response))["text"]!.GetValue<string>();
        Assert.Contains(expected, reply);
        Assert.Contains("/feedback @someone", reply);
        Assert.Empty(host.Feedback.All);
        Assert.Empty(host.Jobs.Jobs);
    }

    [Fact]
    public async Task Help_ShowsGrammar()
    {
        await using var host = await SlackTestHost.StartAsync();
        var reply = (await SlackTestHost.JsonAsync(await host.PostCommandAsync("help")))["text"]!.GetValue<string>();
        Assert.Contains("/feedback inbox", reply);
        Assert.Contains("/feedback give", reply);
    }

    [Fact]
    public async Task Inbox_ShowsLatestReceivedPrivately()
    {
        await using var host = await SlackTestHost.StartAsync();
        await host.PostCommandAsync("<@U2> you explained <the> plan well in the demo, which helped", user: "U1");

        var body = await SlackTestHost.JsonAsync(await host.PostCommandAsync("inbox", user: "U2"));

        Assert.Equal("ephemeral", body["response_type"]!.GetValue<string>());
        Assert.Contains("you explained &lt;the&gt; plan well", RecordedCall.ReadableJson(body));
        Assert.Contains("<@U1>", RecordedCall.ReadableJson(body));
    }

    internal static string ButtonValue(JsonObject message, string actionId) =>
        message["blocks"]!.AsArray().SelectMany(b => b!["elements"]?.AsArray() ?? [])
            .Single(e => e!["action_id"]?.GetValue<string>() == actionId)!["value"]!.GetValue<string>();
}
