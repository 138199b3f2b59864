using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Teams.Cards;
using FeedbackBot.Teams.Give;
using static FeedbackBot.Teams.Tests.GiveKit;
using static FeedbackBot.Teams.Tests.TeamsTestHost;

namespace FeedbackBot.Teams.Tests;

/// <summary>
/// "Give feedback on this message" (message extension action <c>giveOnMessage</c>): fetchTask and submitAction
/// answered in the HTTP response; the author, excerpt and link carried as the source.
/// </summary>
public sealed class GiveOnMessageTests
{
    private const string Link = "https://teams.microsoft.com/l/message/19:general@thread.tacv2/1700000000000";

    [Fact]
    public async Task FetchTask_ReturnsTheFormInADialog_WithTheAuthorPicked_AndTheMessageAsTheSource()
    {
        await using var kit = await StartGiveAsync();
        await kit.Host.MeetAsync(Ana);

        var task = await FetchAsync(kit, Ana, author: Ben);

        Assert.Equal("continue", (string?)task["type"]);
        var card = (JsonObject)task["value"]!["card"]!["content"]!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)task["value"]!["card"]!["contentType"]);
        Assert.Equal(Ben.Person.Key, (string?)Input(card, GiveCards.ToInput)["value"]);
        Assert.Equal(Ben.Name, (string?)Input(card, GiveCards.ToInput)["choices"]![0]!["title"]);
        Assert.Contains("“Shipped the release & the notes <on time>”", Text(card));
        // In a dialog the buttons are Action.Submit, told apart by their step.
        Assert.Equal("Action.Submit", (string?)Find(card, o => (string?)o["data"]?[GiveCards.StepKey] == GiveSubmitAction.Verb)!["type"]);
        Assert.Null(Find(card, o => (string?)o["type"] == "Action.Execute"));
    }

    [Fact]
    public async Task FetchTask_OnYourOwnMessage_LeavesTheRecipientOpen()
    {
        await using var kit = await StartGiveAsync();
        await kit.Host.MeetAsync(Ana);

        var task = await FetchAsync(kit, Ana, author: Ana);

        Assert.Equal("", (string?)Input((JsonObject)task["value"]!["card"]!["content"]!, GiveCards.ToInput)["value"]);
    }

    [Fact]
    public async Task SubmitAction_SavesTheFeedbackWithItsSource_AndClosesTheDialogWithTheOutcome()
    {
        await using var kit = await StartGiveAsync();
        var host = kit.Host;
        await host.MeetAsync(Ana);
        await host.MeetAsync(Ben);
        var card = (JsonObject)(await FetchAsync(kit, Ana, author: Ben))["value"]!["card"]!["content"]!;

        var task = await SubmitAsync(kit, Ana, Data(card, GiveSubmitAction.Verb, new JsonObject
        {
            [GiveCards.ToInput] = Ben.Person.Key,
            [GiveCards.PartInput(TemplateParts.Text)] = GoodPraise,
        }));

        Assert.Equal("message", (string?)task["type"]);
        Assert.Equal("Your feedback is on its way", (string?)task["value"]);
        var item = Assert.Single(host.Feedback.All);
        Assert.Equal(Ben.Person, item.Recipient);
        Assert.Equal(Link, item.Source!.Url);
        Assert.Equal("Shipped the release & the notes <on time>", item.Source.Excerpt);
        Assert.Equal(Ben.Person, item.Source.Author);

        await host.DeliverAsync(item.Id);
        var delivered = host.Connector.PersonalMessages(Ben.Id).Last();
        Assert.Contains("Shipped the release & the notes <on time>", delivered.CardText);
        Assert.Equal(Link, (string?)Find(delivered.Card!, o => (string?)o["type"] == "Action.OpenUrl")!["url"]);
    }

    [Fact]
    public async Task SubmitAction_WithCoachTips_ContinuesWithTheReview_ThenSendAsIsCloses()
    {
        await using var kit = await StartGiveAsync();
        await kit.Host.MeetAsync(Ana);
        await kit.Host.MeetAsync(Ben);
        var card = (JsonObject)(await FetchAsync(kit, Ana, author: Ben))["value"]!["card"]!["content"]!;

        var review = await SubmitAsync(kit, Ana, Data(card, GiveSubmitAction.Verb, new JsonObject
        {
            [GiveCards.ToInput] = Ben.Person.Key,
            [GiveCards.PartInput(TemplateParts.Text)] = VaguePraise,
        }));
        Assert.Equal("continue", (string?)review["type"]);
        var reviewCard = (JsonObject)review["value"]!["card"]!["content"]!;
        Assert.Contains("Coach", Text(reviewCard));

        var done = await SubmitAsync(kit, Ana, Data(reviewCard, GiveSendAction.Verb));

        Assert.Equal("message", (string?)done["type"]);
        Assert.Single(kit.Host.Feedback.All);
    }

    private static JsonObject MessageAction(GiveKit kit, TestUser from, string name, JsonObject value)
    {
        var activity = kit.Host.Activity("invoke", from, Channel, "channel");
        activity["name"] = name;
        value["commandId"] = GiveOnMessage.CommandId;
        value["commandContext"] = "message";
        activity["value"] = value;
        return activity;
    }

    private static JsonObject Payload(TestUser author) => new()
    {
        ["id"] = "1700000000000",
        ["linkToMessage"] = Link,
        ["from"] = new JsonObject { ["user"] = new JsonObject { ["id"] = author.Aad, ["displayName"] = author.Name, ["userIdentityType"] = "aadUser" } },
        ["body"] = new JsonObject { ["contentType"] = "html", ["content"] = "<p>Shipped the <b>release</b> &amp; the notes &lt;on time&gt;</p>" },
    };

    private static async Task<JsonObject> FetchAsync(GiveKit kit, TestUser from, TestUser author)
    {
        var response = await kit.PostAsync(MessageAction(kit, from, "composeExtension/fetchTask", new JsonObject { ["messagePayload"] = Payload(author) }));
        response.EnsureSuccessStatusCode();
        return (JsonObject)(await response.Content.ReadFromJsonAsync<JsonObject>())!["task"]!;
    }

    private static async Task<JsonObject> SubmitAsync(GiveKit kit, TestUser from, JsonObject data)
    {
        var response = await kit.PostAsync(MessageAction(kit, from, "composeExtension/submitAction",
            new JsonObject { ["messagePayload"] = Payload(Ben), ["data"] = data }));
        response.EnsureSuccessStatusCode();
        return (JsonObject)(await response.Content.ReadFromJsonAsync<JsonObject>())!["task"]!;
    }
}
