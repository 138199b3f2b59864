using System.Text.Json.Nodes;
using FeedbackBot.Slack.Give;
using FeedbackBot.Testing;

namespace FeedbackBot.Slack.Tests;

/// <summary>
/// Issue 10 #11: a signed request replayed within Slack's 5-minute window, or a double click, is acted on once.
/// Counted in storage and at the strict fake.
/// </summary>
public sealed class ReplayTests
{
    private const string Text = "<@U2> thanks for walking me through the rollback plan on Tuesday, it saved us an hour";

    [Fact]
    public async Task SlashCommandGive_Replayed100Times_StoresAndDeliversOnce()
    {
        await using var host = await SlackTestHost.StartAsync();
        var body = SlackRequestSigner.CommandBody(Text, responseUrl: host.Slack.ResponseUrl(), triggerId: "123.456.abc");

        for (var i = 0; i < 100; i++)
        {
            using var response = await host.Http.SendAsync(SlackRequestSigner.Signed("/slack/commands", body, host.SigningSecret, host.Time.GetUtcNow()));
            Assert.True(response.IsSuccessStatusCode);
        }

        await host.RunDeliveriesAsync();
        Assert.Single(host.Feedback.All);
        Assert.Single(host.Slack.DmTexts("U2"));
    }

    [Fact]
    public async Task SendAsIs_Clicked20Times_GivesOnce()
    {
        // The real coach has advice for a vague draft, so the give stops at the review with "Send as is".
        await using var host = await SlackTestHost.StartAsync();
        var review = await SlackTestHost.JsonAsync(await host.PostCommandAsync("<@U2> good job"));
        var value = FindButtonValue(review, QuickSendAction.ActionId);

        for (var i = 0; i < 20; i++)
        {
            await host.PostInteractionAsync(Payloads.BlockAction(QuickSendAction.ActionId, value, responseUrl: host.Slack.ResponseUrl("review")));
        }

        await host.IdleAsync();
        await host.RunDeliveriesAsync();
        Assert.Single(host.Feedback.All);
        Assert.Single(host.Slack.DmTexts("U2"));
    }

    [Fact]
    public async Task GiveModal_SubmittedTwice_GivesOnce()
    {
        await using var host = await SlackTestHost.StartAsync();
        var view = Payloads.GiveView(["U2"], "Your incident write-up on Monday named every step, so the on-call team fixed it in minutes.");

        await host.PostInteractionAsync(Payloads.ViewSubmission(view));
        await host.PostInteractionAsync(Payloads.ViewSubmission((JsonObject)view.DeepClone()));

        await host.IdleAsync();
        Assert.Single(host.Feedback.All);
    }

    private static string FindButtonValue(JsonObject reply, string actionId) =>
        reply["blocks"]!.AsArray().SelectMany(b => b!["elements"]?.AsArray() ?? [])
            .First(e => e!["action_id"]?.GetValue<string>() == actionId)!["value"]!.GetValue<string>();
}
