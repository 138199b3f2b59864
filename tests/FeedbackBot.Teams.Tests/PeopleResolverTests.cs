using System.Net;
using System.Text.Json.Nodes;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Teams.Cards;
using FeedbackBot.Teams.Give;
using FeedbackBot.Teams.Requests;
using FeedbackBot.Testing.Teams;
using static FeedbackBot.Teams.Tests.GiveKit;
using static FeedbackBot.Teams.Tests.TeamsTestHost;

namespace FeedbackBot.Teams.Tests;

/// <summary>
/// Issue 11: one path from what a Teams user names to people (<see cref="People.TeamsPeopleResolver"/>), for gives and
/// requests: the Graph picker reaches someone who never talked to the bot (a 1:1 created with their Entra object
/// id and the tenant), the same sentences on both sides, and the Playground's own member ids accepted in anonymous
/// mode only.
/// </summary>
public sealed class PeopleResolverTests
{
    private const string Praise = "In Tuesday's demo you walked the client through the rollback plan step by step, which calmed the room.";

    [Fact]
    public async Task PickerPick_WhoNeverTalkedToTheBot_GetsA1on1CreatedByObjectId_AndIsAsked()
    {
        await using var host = await RequestKit.StartAsync();
        await host.MeetAsync(Ana);
        var cem = RequestKit.Cem;

        var (_, answer) = await RequestKit.ExecuteAsync(host, Ana, RequestSubmitAction.Verb, new JsonObject
        {
            [RequestCards.RecipientsInput] = cem.Aad,
            [RequestCards.QuestionInput] = "Was the retro useful?",
        }, replyToId: "1:form");
        Assert.Contains("Asking 1 person", RequestKit.Text(RequestKit.CardOf(answer)));
        await RequestKit.IdleAsync(host);

        var create = Assert.Single(host.Connector.ConnectorCalls, c => c.Method == "POST" && c.Path == "/teams/v3/conversations");
        Assert.Equal(cem.Aad, (string?)create.Json!["members"]![0]!["id"]);
        Assert.Equal(Tenant, (string?)create.Json!["tenantId"]);
        Assert.Contains("Was the retro useful?", Assert.Single(host.Connector.PersonalMessages(cem.Id)).CardText);
        Assert.Equal([cem.Person], RequestKit.SingleRequest(host).Recipients.Select(r => r.Person));
    }

    [Fact]
    public async Task PickerPick_UnknownToTheTenant_SameSentenceForGiveAndRequest_NothingStored()
    {
        await using var kit = await StartGiveAsync();
        await kit.Host.MeetAsync(Ana);
        var stranger = Guid.NewGuid().ToString("D");

        var (_, asked) = await RequestKit.ExecuteAsync(kit.Host, Ana, RequestSubmitAction.Verb, new JsonObject
        {
            [RequestCards.RecipientsInput] = stranger,
            [RequestCards.QuestionInput] = "Was the retro useful?",
        });
        var form = await kit.ActAsync(Ana, GiveOpenAction.Verb, new JsonObject());
        var given = await kit.ClickAsync(Ana, form, GiveSubmitAction.Verb, new JsonObject
        {
            [GiveCards.ToIdsInput] = stranger,
            [GiveCards.PartInput(TemplateParts.Text)] = Praise,
        });
        await kit.RunWorkAsync();

        const string sentence = "I can't reach someone you picked: Teams won't let FeedbackBot message them";
        Assert.Contains(sentence, RequestKit.Text(RequestKit.CardOf(asked)));
        Assert.Contains(sentence, Text(given));
        Assert.Empty(RequestKit.Requests(kit.Host).All);
        Assert.Empty(kit.Host.Feedback.All);
    }

    [Fact]
    public async Task UnknownId_SameSentenceForGiveAndRequest()
    {
        await using var kit = await StartGiveAsync();
        await kit.Host.MeetAsync(Ana);

        var (_, asked) = await RequestKit.ExecuteAsync(kit.Host, Ana, RequestSubmitAction.Verb, new JsonObject
        {
            [RequestCards.TypedInput] = "bob@example.com",
            [RequestCards.QuestionInput] = "Was the retro useful?",
        });
        var form = await kit.ActAsync(Ana, GiveOpenAction.Verb, new JsonObject());
        var given = await kit.ClickAsync(Ana, form, GiveSubmitAction.Verb, new JsonObject
        {
            [GiveCards.ToIdsInput] = "bob@example.com",
            [GiveCards.PartInput(TemplateParts.Text)] = Praise,
        });

        const string sentence = "I don't know who “bob@example.com” is. Pick people from your organisation.";
        Assert.Contains(sentence, RequestKit.Text(RequestKit.CardOf(asked)));
        Assert.Contains(sentence, Text(given));
    }

    [Fact]
    public async Task Anonymous_ThePlaygroundsMemberIds_AreAcceptedAsTheMembersApiGivesThem()
    {
        await using var host = await RequestKit.StartAsync(anonymous: true);
        host.Connector.PlaygroundIds = true;
        await host.MeetAsync(Ana);
        const string group = "19:group-chat@thread.v2";
        host.Connector.AddConversation(group);
        // The Playground's mock people: a user id that is not 29:, an object id that is not a GUID.
        var megan = new TestUser("user-id-1", "00000000-0000-0000-0000-0000000000021", "Megan Bowen");
        host.Connector.AddUser(megan.Id, megan.Aad, megan.Name).Conversations.Add(group);

        var message = RequestKit.RequestMessage(host, Ana, "Was the plan clear?", [megan], group, "groupChat", botMentioned: true);
        Assert.Equal(HttpStatusCode.OK, (await host.PostAsync(message)).StatusCode);
        await RequestKit.IdleAsync(host);

        Assert.Equal([megan.Person], RequestKit.SingleRequest(host).Recipients.Select(r => r.Person));
        Assert.Contains("Was the plan clear?", Assert.Single(host.Connector.PersonalMessages(megan.Id)).CardText);
    }

    [Fact]
    public async Task Authenticated_KeepsTheStrictShapes_NonTeamsIdsAreNobody()
    {
        await using var host = await RequestKit.StartAsync();
        await host.MeetAsync(Ana);
        const string group = "19:group-chat@thread.v2";
        host.Connector.AddConversation(group);
        var megan = new TestUser("user-id-1", "00000000-0000-0000-0000-0000000000021", "Megan Bowen");
        var odd = new TestUser("29:odd", "00000000-0000-0000-0000-0000000000022", "Odd Shape");
        host.Connector.AddUser(megan.Id, megan.Aad, megan.Name).Conversations.Add(group);
        host.Connector.AddUser(odd.Id, odd.Aad, odd.Name).Conversations.Add(group);

        var message = RequestKit.RequestMessage(host, Ana, "Was the plan clear?", [megan, odd], group, "groupChat", botMentioned: true);
        Assert.Equal(HttpStatusCode.OK, (await host.PostAsync(message)).StatusCode);
        await RequestKit.IdleAsync(host);

        // user-id-1 is not a Teams mention; 29:odd's object id is not a GUID: nobody is asked, no 1:1 created.
        Assert.Empty(RequestKit.Requests(host).All);
        Assert.DoesNotContain(host.Connector.ConnectorCalls, c => c.Method == "POST" && c.Path == "/teams/v3/conversations");
        Assert.Contains($"I can't reach {odd.Name}", host.Connector.MessagesIn(group).Last().CardText);
    }
}
