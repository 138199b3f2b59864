using System.Net;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Teams.Cards;
using FeedbackBot.Teams.Give;
using FeedbackBot.Teams.Received;
using FeedbackBot.Testing.Teams;
using static FeedbackBot.Teams.Tests.GiveKit;
using static FeedbackBot.Teams.Tests.TeamsTestHost;

namespace FeedbackBot.Teams.Tests;

/// <summary>
/// <c>give @someone text…</c> through HTTP: answered at once, the give done as background work, the coach's
/// review with <i>Send as is</i> / <i>Edit</i>, exactly one card in the recipient's 1:1, and a person known only by
/// a mention reached through a 1:1 created with their <c>29:</c> id.
/// </summary>
public sealed class GiveCommandTests
{
    [Fact]
    public async Task QuickGive_ToSomeoneKnownOnlyByAMention_IsAnsweredFirst_SavedOnce_AndDeliveredOnce()
    {
        await using var kit = await StartGiveAsync();
        var host = kit.Host;
        await host.MeetAsync(Ana);
        kit.JoinConversation(Ben, Channel); // Ben never talked to the bot

        var response = await kit.PostAsync(kit.ChannelMessage(Ana, $"give {At(Ben)} {GoodPraise}", Ben));

        // Answered before the slow work: the give is stored work, nothing saved or said yet.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, kit.Work.PendingCount);
        Assert.Empty(host.Feedback.All);
        Assert.Single(host.Connector.PersonalMessages(Ana.Id)); // the welcome

        await kit.RunWorkAsync();
        await kit.Work.RunAgainAsync(host.Services, 0); // a retried job changes nothing

        var item = Assert.Single(host.Feedback.All);
        Assert.Equal(Ben.Person, item.Recipient);
        Assert.Equal(GoodPraise, item.Content.PlainText);
        Assert.Equal(kit.Time.GetUtcNow(), item.CreatedAt);
        var told = host.Connector.PersonalMessages(Ana.Id).Skip(1).Select(m => m.CardText).ToArray();
        Assert.Contains("is on its way", told[0]);
        Assert.Contains(Ben.Name, told[0]);
        Assert.Contains("already have this one", told[1]);
        Assert.Empty(host.Connector.MessagesIn(Channel)); // nothing about a give is posted where others read

        // Delivery: Core's DeliverFeedback, run twice → one card, in a 1:1 created with Ben's 29: id and the tenant.
        var id = Assert.Single(host.Jobs.Deliveries);
        Assert.Equal(DeliveryOutcome.Delivered, await host.DeliverAsync(id));
        Assert.Equal(DeliveryOutcome.AlreadyDone, await host.DeliverAsync(id));
        var card = Assert.Single(host.Connector.PersonalMessages(Ben.Id));
        Assert.Contains(GoodPraise, card.CardText);
        Assert.Contains("Thank them", card.CardText);
        Assert.Contains("Ask a follow-up", card.CardText);
        var create = Assert.Single(host.Connector.ConnectorCalls, c => c.Path == "/teams/v3/conversations");
        Assert.Equal(Ben.Id, (string?)create.Json!["members"]![0]!["id"]);
        Assert.Equal(Tenant, (string?)create.Json!["tenantId"]);
    }

    [Fact]
    public async Task QuickGive_WithCoachTips_ShowsTheReviewPrivately_AndSendAsIsGivesOnce()
    {
        await using var kit = await StartGiveAsync();
        var host = kit.Host;
        await host.MeetAsync(Ana);
        kit.JoinConversation(Ben, Channel);

        await kit.PostAsync(kit.ChannelMessage(Ana, $"give {At(Ben)} {VaguePraise}", Ben));

        Assert.Equal(0, kit.Work.PendingCount);
        Assert.Empty(host.Connector.MessagesIn(Channel));
        var review = host.Connector.PersonalMessages(Ana.Id).Last().Card!;
        Assert.Contains("Coach", Text(review));
        Assert.Contains(Ben.Name, Text(review));
        Assert.Contains(VaguePraise, Text(review));
        Assert.Empty(host.Feedback.All);

        var sent = await kit.ClickAsync(Ana, review, GiveSendAction.Verb);
        var again = await kit.ClickAsync(Ana, review, GiveSendAction.Verb); // a double click

        Assert.Contains("is on its way", Text(sent));
        Assert.Null(sent["actions"]); // nothing left to click
        Assert.Contains("already have this one", Text(again));
        var item = Assert.Single(host.Feedback.All);
        Assert.Equal(Ben.Person, item.Recipient);
        Assert.Equal(VaguePraise, item.Content.PlainText);
    }

    [Fact]
    public async Task QuickGive_Edit_OpensTheFormPrefilled_AndCancelDropsIt()
    {
        await using var kit = await StartGiveAsync();
        await kit.Host.MeetAsync(Ana);
        kit.JoinConversation(Ben, Channel);
        await kit.PostAsync(kit.ChannelMessage(Ana, $"give {At(Ben)} {VaguePraise}", Ben));
        var review = kit.Host.Connector.PersonalMessages(Ana.Id).Last().Card!;

        var form = await kit.ClickAsync(Ana, review, GiveEditAction.Verb);

        Assert.Equal(Ben.Id, (string?)Input(form, GiveCards.ToInput)["value"]);
        Assert.Equal(Ben.Name, (string?)Input(form, GiveCards.ToInput)["choices"]![0]!["title"]);
        Assert.Equal(VaguePraise, (string?)Input(form, GiveCards.PartInput(TemplateParts.Text))["value"]);
        Assert.Contains(GiveCancelAction.DroppedText, Text(await kit.ClickAsync(Ana, review, GiveCancelAction.Verb)));
        Assert.Empty(kit.Host.Feedback.All);
    }

    [Fact]
    public async Task QuickGive_WithoutAMention_SaysWhatIsMissing_AndStoresNothing()
    {
        await using var kit = await StartGiveAsync();
        await kit.Host.MeetAsync(Ana);

        await kit.PostAsync(kit.Host.Message(Ana, "give @ben " + GoodPraise));

        var told = kit.Host.Connector.PersonalMessages(Ana.Id).Last().CardText;
        Assert.Contains("Pick at least one person", told);
        Assert.Contains(GiveCommand.UsageText, told);
        Assert.Equal(0, kit.Work.PendingCount);
        Assert.Empty(kit.Host.Feedback.All);
    }

    [Fact]
    public async Task QuickGive_ToAMentionTeamsCannotResolve_TellsTheGiverPlainly_AndStoresNothing()
    {
        await using var kit = await StartGiveAsync();
        await kit.Host.MeetAsync(Ana);
        kit.Host.Connector.AddConversation(Channel); // Ben is not a member Teams knows of

        await kit.PostAsync(kit.ChannelMessage(Ana, $"give {At(Ben)} {GoodPraise}", Ben));
        await kit.RunWorkAsync();

        var told = kit.Host.Connector.PersonalMessages(Ana.Id).Last().CardText;
        Assert.Contains("I didn't send it", told);
        Assert.Contains($"I can't reach {Ben.Name}", told);
        Assert.Empty(kit.Host.Feedback.All);
        Assert.Empty(kit.Host.Jobs.Deliveries);
    }

    [Fact]
    public async Task QuickGive_HostileText_IsInertInTheReviewAndTheDeliveredCard()
    {
        await using var kit = await StartGiveAsync();
        var host = kit.Host;
        await host.MeetAsync(Ana);
        await host.MeetAsync(Ben);
        kit.JoinConversation(Ben, Channel);

        await kit.PostAsync(kit.ChannelMessage(Ana, $"give {At(Ben)} {VaguePraise} {Hostile}", Ben)); // vague: the coach reviews it
        var review = host.Connector.PersonalMessages(Ana.Id).Last();
        RoutingTests.AssertUserTextOnlyInTextRuns(review.Card!, Hostile);
        Assert.Null(review.Activity["entities"]);
        Assert.Null(review.Activity["text"]);

        await kit.ClickAsync(Ana, review.Card!, GiveSendAction.Verb);
        await host.DeliverAsync(Assert.Single(host.Jobs.Deliveries));

        var delivered = host.Connector.PersonalMessages(Ben.Id).Last();
        RoutingTests.AssertUserTextOnlyInTextRuns(delivered.Card!, Hostile);
        Assert.Equal(ThankAction.Verb, (string?)delivered.Card!["actions"]![0]!["verb"]);
    }
}
