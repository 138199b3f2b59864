using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Teams.Received;
using FeedbackBot.Testing.Teams;
using static FeedbackBot.Teams.Tests.GiveKit;
using static FeedbackBot.Teams.Tests.TeamsTestHost;

namespace FeedbackBot.Teams.Tests;

/// <summary>
/// The delivered feedback's <i>Thank them</i> and <i>Ask a follow-up</i>, and reactions on it: the giver hears a
/// thank-you once (button, reaction, replays together), the card is replaced in place, only the recipient may act.
/// </summary>
public sealed class GiveThanksTests
{
    [Fact]
    public async Task ThankThem_TellsTheGiverOnce_AndReplacesTheCardWithoutTheButton()
    {
        await using var kit = await StartGiveAsync();
        var delivered = await DeliveredAsync(kit, anonymous: false);

        var thanked = await kit.ClickAsync(Ben, delivered.Card!, ThankAction.Verb);
        var again = await kit.ClickAsync(Ben, delivered.Card!, ThankAction.Verb);
        await kit.PostAsync(Reaction(kit, Ben, delivered.ActivityId));

        Assert.Contains("You thanked them", Text(thanked));
        Assert.Contains(GoodPraise, Text(thanked));
        Assert.Null(Find(thanked, o => (string?)o["verb"] == ThankAction.Verb));
        Assert.NotNull(Find(thanked, o => (string?)o["verb"] == FollowUpAction.Verb));
        Assert.Contains("already thanked", Text(again));
        var toGiver = ThanksTo(kit, Ana);
        var thanks = Assert.Single(toGiver);
        Assert.Contains($"{Ben.Name}\n thanked you for your feedback", thanks);
    }

    [Fact]
    public async Task AReaction_OnTheDeliveredFeedback_IsAThankYou_Once()
    {
        await using var kit = await StartGiveAsync();
        var delivered = await DeliveredAsync(kit, anonymous: false);

        var response = await kit.PostAsync(Reaction(kit, Ben, delivered.ActivityId));
        await kit.PostAsync(Reaction(kit, Ben, delivered.ActivityId, "heart"));

        response.EnsureSuccessStatusCode();
        Assert.Single(ThanksTo(kit, Ana));
    }

    [Fact]
    public async Task Reactions_ElsewhereOrBySomeoneElse_DoNothing()
    {
        await using var kit = await StartGiveAsync();
        var delivered = await DeliveredAsync(kit, anonymous: false);
        var welcome = kit.Host.Connector.PersonalMessages(Ben.Id)[0];

        await kit.PostAsync(Reaction(kit, Ben, welcome.ActivityId));
        await kit.PostAsync(Reaction(kit, Ana, delivered.ActivityId));
        var removed = Reaction(kit, Ben, delivered.ActivityId);
        removed.Remove("reactionsAdded");
        removed["reactionsRemoved"] = new JsonArray(new JsonObject { ["type"] = "like" });
        await kit.PostAsync(removed);

        Assert.Empty(ThanksTo(kit, Ana));
    }

    [Fact]
    public async Task ThankThem_BySomeoneWhoDidNotReceiveIt_FindsNothing()
    {
        await using var kit = await StartGiveAsync();
        var delivered = await DeliveredAsync(kit, anonymous: false);

        var response = await kit.PostAsync(kit.Invoke(Ana, ThankAction.Verb, Data(delivered.Card!, ThankAction.Verb)));

        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(ThankAction.NotFoundText, (string?)body["value"]);
        Assert.Empty(ThanksTo(kit, Ana));
    }

    [Fact]
    public async Task FollowUp_RelaysTheQuestionInert_AndAnonymousGiversStayAnonymous()
    {
        await using var kit = await StartGiveAsync();
        var delivered = await DeliveredAsync(kit, anonymous: true);
        Assert.DoesNotContain(Ana.Name, delivered.Body());

        var replaced = await kit.ClickAsync(Ben, delivered.Card!, FollowUpAction.Verb, new JsonObject { [FollowUpAction.QuestionInput] = Hostile });

        Assert.Contains("Question sent", Text(replaced));
        Assert.DoesNotContain(Ana.Name, replaced.ToJsonString());
        var question = kit.Host.Connector.PersonalMessages(Ana.Id).Last();
        Assert.Contains("has a question about your feedback", question.CardText);
        RoutingTests.AssertUserTextOnlyInTextRuns(question.Card!, Hostile);
        Assert.Contains(Ben.Name, question.CardText);
    }

    [Fact]
    public async Task FollowUp_WithoutAQuestion_AsksForOne()
    {
        await using var kit = await StartGiveAsync();
        var delivered = await DeliveredAsync(kit, anonymous: false);
        var before = kit.Host.Connector.PersonalMessages(Ana.Id).Count;

        var response = await kit.PostAsync(kit.Invoke(Ben, FollowUpAction.Verb, Data(delivered.Card!, FollowUpAction.Verb, new JsonObject { [FollowUpAction.QuestionInput] = "  " })));

        Assert.Equal("Write your question first.", (string?)(await response.Content.ReadFromJsonAsync<JsonObject>())!["value"]);
        Assert.Equal(before, kit.Host.Connector.PersonalMessages(Ana.Id).Count);
    }

    /// <summary>Ana gives Ben good praise through the form; it is delivered; returns Ben's card.</summary>
    private static async Task<ConnectorMessage> DeliveredAsync(GiveKit kit, bool anonymous)
    {
        var host = kit.Host;
        await host.MeetAsync(Ana);
        await host.MeetAsync(Ben);
        if (anonymous)
        {
            var prefs = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Core.Ports.IPreferencesStore>(host.Services);
            await prefs.SaveAsync(Ben.Person, (await prefs.GetAsync(Ben.Person, default)) with { AcceptsAnonymous = true }, default);
        }

        var form = await kit.ActAsync(Ana, Give.GiveOpenAction.Verb, new JsonObject());
        await kit.ClickAsync(Ana, form, Give.GiveSubmitAction.Verb, new JsonObject
        {
            [Cards.GiveCards.ToInput] = Ben.Aad,
            [Cards.GiveCards.PartInput(TemplateParts.Text)] = GoodPraise,
            [Cards.GiveCards.VisibilityInput] = anonymous ? "Anonymous" : "Private",
        });
        Assert.Equal(DeliveryOutcome.Delivered, await host.DeliverAsync(Assert.Single(host.Jobs.Deliveries)));
        return host.Connector.PersonalMessages(Ben.Id).Last();
    }

    private static JsonObject Reaction(GiveKit kit, TestUser from, string messageId, string type = "like")
    {
        var activity = kit.Host.Activity("messageReaction", from, FakeTeamsConnector.PersonalConversation(from.Id), "personal");
        activity["replyToId"] = messageId;
        activity["reactionsAdded"] = new JsonArray(new JsonObject { ["type"] = type });
        return activity;
    }

    private static string[] ThanksTo(GiveKit kit, TestUser giver) =>
        kit.Host.Connector.PersonalMessages(giver.Id).Select(m => m.CardText).Where(t => t.Contains("thanked you", StringComparison.Ordinal)).ToArray();
}
