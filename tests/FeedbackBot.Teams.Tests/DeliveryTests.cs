using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Messaging;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Teams.Delivery;
using FeedbackBot.Testing.Teams;
using Microsoft.Extensions.DependencyInjection;
using static FeedbackBot.Teams.Tests.TeamsTestHost;

namespace FeedbackBot.Teams.Tests;

/// <summary>
/// Core's delivery through <see cref="TeamsMessenger"/> and the fake connector: one card in the recipient's 1:1,
/// throttling survived, a blocked bot reported as permanent and the giver told.
/// </summary>
public sealed class DeliveryTests
{
    private const string Hostile = "**Great** job [click](http://evil.example) <at>Ben Okafor</at> <b>bold</b> ${secret}";

    [Fact]
    public async Task DeliveredFeedback_ArrivesOnceAsACard_EvenWhenTheDeliveryRunsTwice()
    {
        await using var host = await StartAsync();
        await host.MeetAsync(Ana);
        await host.MeetAsync(Ben);
        var item = await GiveAsync(host, from: Ana, to: Ben, "You ran the retro really well.");

        Assert.Equal(DeliveryOutcome.Delivered, await host.DeliverAsync(item.Id));
        Assert.Equal(DeliveryOutcome.AlreadyDone, await host.DeliverAsync(item.Id));

        var cards = host.Connector.PersonalMessages(Ben.Id).Skip(1).ToArray(); // after the welcome
        var card = Assert.Single(cards);
        Assert.Contains("You ran the retro really well.", card.CardText);
        Assert.Contains(Ana.Name, card.CardText);
        Assert.Equal("New praise for you", (string?)card.Activity["summary"]);
        // The giver hears it arrived, naming the recipient.
        Assert.Contains(Ben.Name, host.Connector.PersonalMessages(Ana.Id).Last().CardText);
        Assert.Equal(DeliveryStatus.Delivered, (await host.Feedback.GetAsync(item.Id, default))!.Delivery);
    }

    [Fact]
    public async Task AnonymousFeedback_NamesNoGiver()
    {
        await using var host = await StartAsync();
        await host.MeetAsync(Ana);
        await host.MeetAsync(Ben);
        var item = await GiveAsync(host, from: Ana, to: Ben, "Clear slides.", anonymous: true);

        await host.DeliverAsync(item.Id);

        var card = host.Connector.PersonalMessages(Ben.Id).Last();
        Assert.Contains("anonymously", card.CardText);
        Assert.DoesNotContain(Ana.Name, card.Body());
        Assert.DoesNotContain(Ana.Aad, card.Body());
        Assert.DoesNotContain(Ana.Id, card.Body());
    }

    [Fact]
    public async Task HostileText_IsShownAsIs_AndNeverRead()
    {
        await using var host = await StartAsync();
        await host.MeetAsync(Ana);
        await host.MeetAsync(Ben);
        var item = await GiveAsync(host, from: Ana, to: Ben, Hostile);

        await host.DeliverAsync(item.Id);

        var card = host.Connector.PersonalMessages(Ben.Id).Last();
        RoutingTests.AssertUserTextOnlyInTextRuns(card.Card!, Hostile);
        Assert.Null(card.Activity["entities"]);
        Assert.Null(card.Activity["text"]);
    }

    [Fact]
    public async Task RateLimitedWithRetryAfter_ThenSuccess_DeliversOneMessage()
    {
        await using var host = await StartAsync();
        await host.MeetAsync(Ana);
        await host.MeetAsync(Ben);
        var item = await GiveAsync(host, from: Ana, to: Ben, "Thanks for the review.");
        host.Connector.FailNext($"{FakeTeamsConnector.PersonalConversation(Ben.Id)}/activities", 429, times: 2, retryAfter: "1");
        var started = DateTime.UtcNow;

        Assert.Equal(DeliveryOutcome.Delivered, await host.DeliverAsync(item.Id));

        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromSeconds(1.9), "Retry-After was not honoured");
        Assert.Single(host.Connector.PersonalMessages(Ben.Id).Skip(1));
        Assert.Equal(3, host.Connector.ConnectorCalls.Count(c => c.Method == "POST" && c.Path.EndsWith($"{FakeTeamsConnector.PersonalConversation(Ben.Id)}/activities", StringComparison.Ordinal) && c.Body.Contains("Thanks for the review.", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task BlockedBot_IsAPermanentFailure_AndTheGiverIsTold()
    {
        await using var host = await StartAsync();
        await host.MeetAsync(Ana);
        await host.MeetAsync(Ben);
        host.Connector.Block(Ben.Id);
        var item = await GiveAsync(host, from: Ana, to: Ben, "Nice demo.");

        var messenger = host.Services.GetServices<IChatMessenger>().OfType<TeamsMessenger>().Single();
        var direct = await Assert.ThrowsAsync<ChatDeliveryException>(() => messenger.SendAsync(Ben.Person, FeedbackReceivedNotice.For(item), "k", default));
        Assert.True(direct.Permanent);

        Assert.Equal(DeliveryOutcome.Failed, await host.DeliverAsync(item.Id));
        Assert.Equal(DeliveryStatus.Failed, (await host.Feedback.GetAsync(item.Id, default))!.Delivery);
        var told = host.Connector.PersonalMessages(Ana.Id).Last().CardText;
        Assert.Contains("could not be delivered", told);
        Assert.Contains("blocked or uninstalled", told);
    }

    [Fact]
    public async Task UnknownPerson_IsAPermanentFailure_WithoutAnyCall()
    {
        await using var host = await StartAsync();
        var messenger = host.Services.GetServices<IChatMessenger>().OfType<TeamsMessenger>().Single();

        var ex = await Assert.ThrowsAsync<ChatDeliveryException>(() =>
            messenger.SendAsync(Ben.Person, new FeedbackSentNotice("f1", Ana.Person, false), default));

        Assert.True(ex.Permanent);
        Assert.Empty(host.Connector.Calls);
    }

    [Fact]
    public async Task PersonSeenOnlyInATeam_GetsAOneToOneCreated()
    {
        await using var host = await StartAsync();
        const string team = "19:team@thread.tacv2";
        var update = host.Activity("conversationUpdate", Ana, team, "channel");
        update["membersAdded"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["id"] = Ben.Id, ["name"] = Ben.Name, ["aadObjectId"] = Ben.Aad });
        await host.PostAsync(update);
        var messenger = host.Services.GetServices<IChatMessenger>().OfType<TeamsMessenger>().Single();

        var receipt = await messenger.SendAsync(Ben.Person, new FeedbackSentNotice("f1", Ana.Person, false), default);

        Assert.Equal(FakeTeamsConnector.PersonalConversation(Ben.Id), receipt.ConversationId);
        var create = host.Connector.ConnectorCalls.Single(c => c.Path == "/teams/v3/conversations");
        Assert.Equal(Tenant, (string?)create.Json!["tenantId"]);
        Assert.Equal("28:" + AppId, (string?)create.Json!["bot"]!["id"]);
        Assert.Single(host.Connector.PersonalMessages(Ben.Id));
        Assert.Equal(FakeTeamsConnector.PersonalConversation(Ben.Id), (await RoutingTests.Address(host, Ben))!.ConversationId);
    }

    [Fact]
    public async Task PeopleDirectory_ReadsTheMembersApi_AndTheClientsTimeZone()
    {
        await using var host = await StartAsync();
        await host.MeetAsync(Ana);
        await host.PostAsync(host.Message(Ana, "help")); // carries clientInfo: Europe/Lisbon

        var profile = await host.Services.GetRequiredService<IPeopleDirectory>().GetProfileAsync(Ana.Person, default);

        Assert.Equal(Ana.Name, profile!.DisplayName);
        Assert.Equal("Europe/Lisbon", profile.TimeZoneId);
        Assert.Single(host.Connector.ConnectorCalls, c => c.Method == "GET" && c.Path.EndsWith($"/members/{Ana.Id}", StringComparison.Ordinal));
        Assert.Null(await host.Services.GetRequiredService<IPeopleDirectory>().GetProfileAsync(Ben.Person, default));
    }

    private static async Task<FeedbackItem> GiveAsync(TeamsTestHost host, TestUser from, TestUser to, string text, bool anonymous = false)
    {
        var item = new FeedbackItem($"teams.{Tenant}.{Guid.NewGuid():N}", from.Person, to.Person, FeedbackContent.FromText(text),
            FeedbackKind.Praise, FeedbackVisibility.Private, anonymous, null, null, DateTimeOffset.UtcNow);
        await host.Feedback.SaveAsync([item], item.CreatedAt, default);
        return item;
    }
}

internal static class MessageExtensions
{
    /// <summary>The whole posted activity as JSON text (ids included).</summary>
    public static string Body(this ConnectorMessage message) => message.Activity.ToJsonString();
}
