using System.Net;
using System.Text.Json.Nodes;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Slack.Api;
using FeedbackBot.Slack.Delivery;
using FeedbackBot.Slack.Give;
using FeedbackBot.Slack.Requests;
using FeedbackBot.Testing;
using static FeedbackBot.Slack.Tests.Requests.RequestTestKit;

namespace FeedbackBot.Slack.Tests.Inbound;

/// <summary>
/// Issue 10 #13: response_url, private_metadata and button values come back in payloads a workspace member can
/// shape. Follow-ups go only to Slack's response-URL host, metadata carries ids only, every id is re-checked against
/// the clicker, and someone else's id gets the same answer as a missing one.
/// </summary>
public sealed class AttackerControlledIdsTests
{
    [Theory]
    [InlineData("https://hooks.slack.com/commands/T1/1/x", true)]
    [InlineData("https://HOOKS.slack.com/actions/T1/1/x", true)]
    [InlineData("https://hooks.slack.com.evil.example/x", false)]
    [InlineData("https://evil.example/https://hooks.slack.com/", false)]
    [InlineData("http://hooks.slack.com/commands/T1/1/x", false)]
    [InlineData("https://user:pw@hooks.slack.com/commands/T1/1/x", false)]
    [InlineData("https://hooks.slack.com:8443/commands/T1/1/x", false)]
    [InlineData("file:///etc/passwd", false)]
    [InlineData("not a url", false)]
    public void ResponseUrl_OnlySlacksHost_IsAllowed(string url, bool allowed) =>
        Assert.Equal(allowed, ResponseUrlClient.IsAllowed(url, new SlackOptions().ResponseUrlBase, out _));

    [Fact]
    public async Task ResponseUrl_ElsewhereThanTheBase_IsNeverPosted()
    {
        await using var host = await SlackTestHost.StartAsync();
        await using var elsewhere = await FakeSlackApi.StartAsync();

        await host.PostInteractionAsync(Payloads.BlockAction(QuickCancelAction.ActionId, "cancel", responseUrl: elsewhere.ResponseUrl("steal")));
        await host.PostInteractionAsync(Payloads.BlockAction(QuickCancelAction.ActionId, "cancel", responseUrl: host.Slack.ResponseUrl("ok")));
        await host.IdleAsync();

        Assert.Empty(elsewhere.Calls);
        Assert.Single(host.Slack.CallsTo("response_url"), c => c.Path.EndsWith("/ok", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GiveModalFromShortcut_PrivateMetadata_CarriesIdsOnly()
    {
        await using var host = await SlackTestHost.StartAsync();
        await host.PostInteractionAsync(MessageShortcut("see <https://example.com/doc|the doc>"));

        var open = Assert.Single(await host.Slack.WaitForAsync("views.open"));
        var metadata = open.View!["private_metadata"]!.GetValue<string>();
        Assert.DoesNotContain("acme.slack.com", metadata);
        Assert.Contains("\"c\":\"C1\"", metadata);
        Assert.Contains("https://acme.slack.com/archives/C1/p1700000000000300", open.Json);
    }

    [Fact]
    public async Task CraftedMetadataLink_NeverReachesTheRecipient_TheLinkIsRebuiltFromIds()
    {
        await using var host = await SlackTestHost.StartAsync();
        var crafted = new JsonObject { ["u"] = "https://evil.example/phish", ["c"] = "C1", ["m"] = "1700000000.000300", ["a"] = "U2", ["t"] = "T666" }.ToJsonString();

        await host.PostInteractionAsync(Payloads.ViewSubmission(Payloads.GiveView(["U2"], "nice work", privateMetadata: crafted)));
        await host.RunDeliveriesAsync();

        var item = Assert.Single(host.Feedback.All);
        Assert.Equal("https://acme.slack.com/archives/C1/p1700000000000300", item.Source!.Url);
        Assert.Equal(SlackTestHost.Team, item.Source.Author!.WorkspaceId);
        Assert.DoesNotContain(host.Slack.Calls, c => c.Json.Contains("evil.example", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CraftedMetadataWithOnlyALink_GivesNoSource()
    {
        await using var host = await SlackTestHost.StartAsync();
        var crafted = new JsonObject { ["u"] = "https://evil.example/phish", ["e"] = "click me" }.ToJsonString();

        await host.PostInteractionAsync(Payloads.ViewSubmission(Payloads.GiveView(["U2"], "nice work", privateMetadata: crafted)));

        Assert.Null(Assert.Single(host.Feedback.All).Source);
    }

    [Fact]
    public async Task CraftedReactionButton_WithALink_OpensTheModalWithTheRebuiltLinkOnly()
    {
        await using var host = await SlackTestHost.StartAsync();
        var value = new JsonObject { ["c"] = "C1", ["t"] = "1", ["m"] = "1700000000.000200", ["a"] = "U1", ["u"] = "https://evil.example/phish" }.ToJsonString();

        await host.PostInteractionAsync(Payloads.BlockAction(ReactionGiveAction.ActionId, value, user: "U2"));

        var open = Assert.Single(await host.Slack.WaitForAsync("views.open"));
        Assert.DoesNotContain("evil.example", open.Json);
        Assert.Contains("https://acme.slack.com/archives/C1/p1700000000000200", open.Json);
    }

    [Fact]
    public async Task Thank_SomeoneElsesFeedback_SameAnswerAsMissing_AndNothingSent()
    {
        await using var host = await SlackTestHost.StartAsync();
        await host.PostCommandAsync("<@U2> thanks for the review on Tuesday, which saved us a day");
        await host.RunDeliveriesAsync();
        var id = Assert.Single(host.Feedback.All).Id;
        host.Slack.Clear();

        await host.PostInteractionAsync(Payloads.BlockAction(ThankAction.ActionId, id, user: "U3", responseUrl: host.Slack.ResponseUrl("theirs")));
        await host.PostInteractionAsync(Payloads.BlockAction(ThankAction.ActionId, "no-such-id", user: "U3", responseUrl: host.Slack.ResponseUrl("missing")));
        await host.IdleAsync();

        var theirs = Assert.Single(host.Slack.CallsTo("response_url"), c => c.Path.EndsWith("/theirs", StringComparison.Ordinal));
        var missing = Assert.Single(host.Slack.CallsTo("response_url"), c => c.Path.EndsWith("/missing", StringComparison.Ordinal));
        Assert.Equal(missing.Args["text"]!.ToString(), theirs.Args["text"]!.ToString());
        Assert.Empty(host.Slack.CallsTo("chat.postMessage"));
    }

    [Theory]
    [InlineData(RequestDeclineAction.ActionId)]
    [InlineData(RequestSnoozeAction.ActionId)]
    [InlineData(RequestGiveAction.ActionId)]
    public async Task RequestButtons_SomeoneElsesRequest_SameAnswerAsMissing(string actionId)
    {
        await using var host = await SlackTestHost.StartAsync();
        var request = await host.AskAsync("Thoughts?", "U2");
        host.Slack.Clear();

        await host.PostInteractionAsync(Payloads.BlockAction(actionId, request.Id, user: "U4", responseUrl: host.Slack.ResponseUrl("theirs")));
        await host.PostInteractionAsync(Payloads.BlockAction(actionId, "R-missing", user: "U4", responseUrl: host.Slack.ResponseUrl("missing")));
        await host.IdleAsync();

        var theirs = Assert.Single(host.Slack.CallsTo("response_url"), c => c.Path.EndsWith("/theirs", StringComparison.Ordinal));
        var missing = Assert.Single(host.Slack.CallsTo("response_url"), c => c.Path.EndsWith("/missing", StringComparison.Ordinal));
        Assert.Equal(missing.Args["text"]!.ToString(), theirs.Args["text"]!.ToString());
        Assert.Empty(host.Slack.CallsTo("views.open"));
    }

    [Fact]
    public async Task DeclineModal_PrivateMetadata_HasNoResponseUrl()
    {
        await using var host = await SlackTestHost.StartAsync();
        var request = await host.AskAsync("Thoughts?", "U2");

        await host.PostInteractionAsync(Payloads.BlockAction(RequestDeclineAction.ActionId, request.Id, user: "U2", responseUrl: host.Slack.ResponseUrl("d")));

        var open = Assert.Single(await host.Slack.WaitForAsync("views.open"));
        var metadata = open.View!["private_metadata"]!.GetValue<string>();
        Assert.DoesNotContain("http", metadata);
        Assert.Contains(request.Id, metadata);
    }

    [Fact]
    public async Task GiveWithSomeoneElsesRequestId_IsPlainFeedback_WithoutTheQuestion()
    {
        await using var host = await SlackTestHost.StartAsync();
        var request = await host.AskAsync("My private question about the reorg?", "U2");
        host.Slack.Clear();

        // U4 was not asked, but crafts the Give modal's metadata with the request id and gives to the requester.
        var crafted = new JsonObject { ["r"] = request.Id }.ToJsonString();
        await host.PostInteractionAsync(Payloads.ViewSubmission(Payloads.GiveView(["U1"], "hello", privateMetadata: crafted), user: "U4"));
        await host.RunDeliveriesAsync();

        Assert.Null(Assert.Single(host.Feedback.All).RequestId);
        Assert.DoesNotContain(host.Slack.Calls, c => c.Json.Contains("reorg", StringComparison.Ordinal));
        Assert.Equal(Core.Requests.RecipientStatus.Pending, (await host.Requests().GetAsync(request.Id, CancellationToken.None))!.RecipientFor(Person("U2"))!.Status);
    }

    private static JsonObject MessageShortcut(string text) => new()
    {
        ["type"] = "message_action",
        ["callback_id"] = GiveOnMessageShortcut.CallbackId,
        ["trigger_id"] = "trigger-m",
        ["team"] = new JsonObject { ["id"] = SlackTestHost.Team, ["domain"] = "acme" },
        ["user"] = new JsonObject { ["id"] = "U1", ["team_id"] = SlackTestHost.Team },
        ["channel"] = new JsonObject { ["id"] = "C1", ["name"] = "general" },
        ["message"] = new JsonObject { ["ts"] = "1700000000.000300", ["user"] = "U2", ["text"] = text },
    };
}
