using FeedbackBot.Core.Feedback;
using FeedbackBot.Teams.Cards;
using FeedbackBot.Teams.Requests;
using static FeedbackBot.Teams.Tests.TeamsTestHost;

namespace FeedbackBot.Teams.Tests;

/// <summary><c>inbox</c> and <c>pending</c>: what a person received, owes and waits for, only to them.</summary>
public sealed class InboxTests
{
    [Fact]
    public async Task Inbox_ShowsTheLatestFeedback_AndNamesNoAnonymousGiver()
    {
        await using var host = await RequestKit.StartAsync(meetAll: true);
        await GiveAsync(host, Ben, Ana, "Great retro, clear actions.", anonymous: false);
        await GiveAsync(host, RequestKit.Cem, Ana, "Slides were <b>dense</b>.", anonymous: true);

        await host.PostAsync(host.Message(Ana, "inbox"));

        var inbox = host.Connector.PersonalMessages(Ana.Id).Last();
        Assert.Contains("Your latest feedback", inbox.CardText);
        Assert.Contains("Great retro, clear actions.", inbox.CardText);
        Assert.Contains(Ben.Name, inbox.CardText);
        Assert.Contains("Someone (anonymously)", inbox.CardText);
        RoutingTests.AssertUserTextOnlyInTextRuns(inbox.Card!, "Slides were <b>dense</b>.");
        Assert.DoesNotContain(RequestKit.Cem.Name, inbox.Body());
        Assert.DoesNotContain(RequestKit.Cem.Aad, inbox.Body());
    }

    [Fact]
    public async Task Inbox_WhenEmpty_SaysSo()
    {
        await using var host = await RequestKit.StartAsync();
        await host.MeetAsync(Ana);

        await host.PostAsync(host.Message(Ana, "inbox"));

        Assert.Contains("haven't received any feedback yet", host.Connector.PersonalMessages(Ana.Id).Last().CardText);
    }

    [Fact]
    public async Task Pending_ListsWhatYouOweWithButtons_AndWhatYouWaitFor()
    {
        await using var host = await RequestKit.StartAsync(meetAll: true);
        await host.PostAsync(RequestKit.RequestMessage(host, Ana, "How was my demo?", Ben, RequestKit.Cem));
        await host.PostAsync(RequestKit.RequestMessage(host, RequestKit.Cem, "Was my plan clear?", Ben));
        await RequestKit.IdleAsync(host);

        await host.PostAsync(host.Message(Ben, "pending"));
        var owed = host.Connector.PersonalMessages(Ben.Id).Last();
        Assert.Contains("You owe", owed.CardText);
        Assert.Contains("How was my demo?", owed.CardText);
        Assert.Contains("Was my plan clear?", owed.CardText);
        Assert.Contains("No open requests of yours", owed.CardText);
        var buttons = RequestKit.Executes(owed.Card!).ToArray();
        Assert.Equal(6, buttons.Length);
        Assert.Equal(2, buttons.Count(b => (string?)b["verb"] == DeclineAction.Verb));

        await host.PostAsync(host.Message(Ana, "pending"));
        var waiting = host.Connector.PersonalMessages(Ana.Id).Last();
        Assert.Contains("Nobody is waiting on you.", waiting.CardText);
        Assert.Contains("How was my demo?", waiting.CardText);
        Assert.Contains("0 of 2 answered.", waiting.CardText);
        Assert.Contains($"Waiting for {Ben.Name} and {RequestKit.Cem.Name}.", waiting.CardText);
        Assert.Empty(RequestKit.Executes(waiting.Card!));
    }

    private static async Task GiveAsync(TeamsTestHost host, TestUser from, TestUser to, string text, bool anonymous)
    {
        var item = new FeedbackItem($"teams.{Tenant}.{Guid.NewGuid():N}", from.Person, to.Person, FeedbackContent.FromText(text),
            FeedbackKind.Praise, FeedbackVisibility.Private, anonymous, null, null, DateTimeOffset.UtcNow);
        await host.Feedback.SaveAsync([item], item.CreatedAt, default);
    }
}
