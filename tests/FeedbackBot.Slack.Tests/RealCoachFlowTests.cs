using System.Net;
using FeedbackBot.Slack.Give;
using FeedbackBot.Testing;

namespace FeedbackBot.Slack.Tests;

/// <summary>
/// Issue 10 "Tests meet the real coach": the adapter with Core's own coach (SlackTestHost's default), no mock.
/// Vague praise gets the coach's real tips before anything is sent; feedback that names a moment and its effect
/// goes straight out.
/// </summary>
public sealed class RealCoachFlowTests
{
    // Core's English tips for "good job" (Languages/English.cs): no situation, no effect, only vague praise.
    private const string SpecificTip = "Name the moment, so they know exactly what to repeat or change.";
    private const string WhyTip = "Add the difference it made, so they can see why it matters.";
    private const string VaguePraiseTip = "say what they did and what it changed";

    [Fact]
    public async Task QuickGive_VaguePraise_ShowsTheCoachsTipsAndSendsNothingYet()
    {
        await using var host = await SlackTestHost.StartAsync();

        var response = await host.PostCommandAsync("<@U2> good job");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var review = RecordedCall.ReadableJson(await SlackTestHost.JsonAsync(response));
        Assert.Contains(SpecificTip, review);
        Assert.Contains(WhyTip, review);
        Assert.Contains(VaguePraiseTip, review);
        Assert.Contains(QuickSendAction.ActionId, review);
        Assert.Empty(host.Feedback.All);
        await host.IdleAsync();
        Assert.Empty(host.Slack.CallsTo("chat.postMessage"));
    }

    [Fact]
    public async Task QuickGive_SpecificWithItsEffect_PassesTheCoachAndIsDelivered()
    {
        await using var host = await SlackTestHost.StartAsync();

        var response = await host.PostCommandAsync("<@U2> your rollback plan in Tuesday's demo calmed the client, which saved the deal");

        Assert.Contains("on its way", (await SlackTestHost.JsonAsync(response))["text"]!.GetValue<string>());
        await host.RunDeliveriesAsync();
        var dm = Assert.Single(host.Slack.CallsTo("chat.postMessage"), c => c.Args["channel"]!.GetValue<string>() == "DU2");
        Assert.Contains("your rollback plan in Tuesday's demo calmed the client, which saved the deal", dm.Json);
    }

    [Fact]
    public async Task ModalTyping_VaguePraise_LiveCoachShowsTheRealTips_ThenApproves()
    {
        await using var host = await SlackTestHost.StartAsync();

        await host.PostInteractionAsync(Payloads.BlockAction("give_part:text", view: Payloads.GiveView(["U2"], "good job", viewId: "V7")));

        var update = Assert.Single(await host.Slack.WaitForAsync("views.update"));
        Assert.Equal("V7", update.Args["view_id"]!.GetValue<string>());
        var tips = Assert.Single(update.View!["blocks"]!.AsArray(), b => b!["block_id"]?.GetValue<string>() == GiveModal.TipsBlock);
        Assert.Contains(SpecificTip, RecordedCall.ReadableJson(tips!));
        ViewAssert.WithinSlackLimits(update.View!);

        // The giver adds the moment and its effect: the coach's tips give way to its approval.
        await host.PostInteractionAsync(Payloads.BlockAction("give_part:text",
            view: Payloads.GiveView(["U2"], "your rollback plan in Tuesday's demo calmed the client, which saved the deal", viewId: "V7")));
        var next = (await host.Slack.WaitForAsync("views.update", 2))[1];
        var verdict = RecordedCall.ReadableJson(Assert.Single(next.View!["blocks"]!.AsArray(), b => b!["block_id"]?.GetValue<string>() == GiveModal.TipsBlock)!);
        Assert.Contains("Clear and specific", verdict);
        Assert.DoesNotContain(SpecificTip, verdict);
    }
}
