using System.Text.Json.Nodes;
using FeedbackBot.Core.Requests;
using FeedbackBot.Slack.Requests;
using static FeedbackBot.Slack.Tests.Requests.RequestTestKit;

namespace FeedbackBot.Slack.Tests.Requests;

/// <summary>Issue 10 #12: a request's question goes to the requester's chosen people only.</summary>
public sealed class AnswerWithExtraRecipientTests
{
    [Fact]
    public async Task AnswerAddingSomeoneElse_OnlyTheRequesterSeesTheQuestion_TheOtherGetsPlainFeedback()
    {
        await using var host = await SlackTestHost.StartAsync();
        // Alice (U1) asks Bob (U2) a private question.
        var request = await host.AskAsync("Was my reorg plan too harsh?", "U2");
        host.Slack.Clear();

        // Bob answers from the request's "Give feedback" button and adds Frank (U6).
        await host.PostInteractionAsync(Payloads.BlockAction(RequestGiveAction.ActionId, request.Id, user: "U2", responseUrl: host.Slack.ResponseUrl("g")));
        var open = Assert.Single(await host.Slack.WaitForAsync("views.open"));
        var metadata = open.View!["private_metadata"]!.GetValue<string>();
        await host.PostInteractionAsync(Payloads.ViewSubmission(Payloads.GiveView(["U1", "U6"], "Clear, and kind enough.", privateMetadata: metadata), user: "U2"));
        await host.RunDeliveriesAsync();
        await host.IdleAsync();

        var toAlice = Assert.Single(host.Feedback.All, i => i.Recipient == Person("U1"));
        var toFrank = Assert.Single(host.Feedback.All, i => i.Recipient == Person("U6"));
        Assert.Equal(request.Id, toAlice.RequestId);
        Assert.Null(toFrank.RequestId);

        Assert.Contains(host.Slack.MessagesTo("DU1"), m => m.Contains("reorg plan", StringComparison.Ordinal));
        var frank = Assert.Single(host.Slack.MessagesTo("DU6"));
        Assert.Contains("Clear, and kind enough.", frank);
        Assert.DoesNotContain("reorg", frank);
        Assert.DoesNotContain("You asked", frank);

        var stored = (await host.Requests().GetAsync(request.Id, CancellationToken.None))!;
        Assert.Equal(RecipientStatus.Answered, stored.RecipientFor(Person("U2"))!.Status);
        Assert.Equal(toAlice.Id, stored.RecipientFor(Person("U2"))!.FeedbackId);
    }
}
