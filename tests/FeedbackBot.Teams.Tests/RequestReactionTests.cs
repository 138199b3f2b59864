using System.Net;
using System.Text.Json.Nodes;
using FeedbackBot.Core.Requests;
using FeedbackBot.Testing.Teams;
using static FeedbackBot.Teams.Tests.TeamsTestHost;

namespace FeedbackBot.Teams.Tests;

/// <summary>
/// Issue 11: a reaction on a request prompt. Slack's rule (FeedbackBot.Slack <c>ReactionAdded</c>) is that reactions
/// on the bot's own messages trigger nothing; Teams keeps it: a 👍 on the prompt neither answers, declines nor
/// snoozes the request, and the requester is not told (that would be a read receipt Slack does not give). The only
/// reaction that means something is a thank-you on delivered feedback (GiveThanksTests), as on Slack's thank button.
/// </summary>
public sealed class RequestReactionTests
{
    [Theory]
    [InlineData("like")]
    [InlineData("heart")]
    public async Task AReaction_OnARequestPrompt_ChangesNothing_AndTellsNobody(string reaction)
    {
        await using var host = await RequestKit.StartAsync(meetAll: true);
        await host.PostAsync(RequestKit.RequestMessage(host, Ana, "How was my demo?", Ben));
        await RequestKit.IdleAsync(host);
        var prompt = host.Connector.PersonalMessages(Ben.Id).Last();
        Assert.Contains("asks for your feedback", prompt.CardText);
        var calls = host.Connector.ConnectorCalls.Count;

        var activity = host.Activity("messageReaction", Ben, FakeTeamsConnector.PersonalConversation(Ben.Id), "personal");
        activity["replyToId"] = prompt.ActivityId;
        activity["reactionsAdded"] = new JsonArray(new JsonObject { ["type"] = reaction });
        Assert.Equal(HttpStatusCode.OK, (await host.PostAsync(activity)).StatusCode);
        await RequestKit.IdleAsync(host);

        Assert.Equal(RecipientStatus.Pending, RequestKit.SingleRequest(host).Recipients.Single().Status);
        Assert.Equal(calls, host.Connector.ConnectorCalls.Count);
        Assert.Empty(RequestKit.Work(host).All.Skip(1));
    }
}
