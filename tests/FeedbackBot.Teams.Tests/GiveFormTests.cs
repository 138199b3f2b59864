using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Ports;
using FeedbackBot.Core.Requests;
using FeedbackBot.Teams.Cards;
using FeedbackBot.Teams.Give;
using Microsoft.Extensions.DependencyInjection;
using static FeedbackBot.Teams.Tests.GiveKit;
using static FeedbackBot.Teams.Tests.TeamsTestHost;

namespace FeedbackBot.Teams.Tests;

/// <summary>
/// The give form (<c>give</c> alone, <c>give.open</c>) as an Adaptive Card 1.5 through HTTP: every button an
/// <c>Action.Execute</c> answered in the invoke response with the card that replaces it; template switch, the
/// coach on submit, refusals on the form, answering a request.
/// </summary>
public sealed class GiveFormTests
{
    [Fact]
    public async Task Give_Alone_RepliesWithTheForm()
    {
        await using var kit = await StartGiveAsync();
        await kit.Host.MeetAsync(Ana);

        await kit.PostAsync(kit.Host.Message(Ana, "give"));

        var form = kit.Host.Connector.PersonalMessages(Ana.Id).Last().Card!;
        Assert.Equal("1.5", (string?)form["version"]);
        var to = Input(form, GiveCards.ToInput);
        Assert.Equal("Input.ChoiceSet", (string?)to["type"]);
        Assert.Equal("Data.Query", (string?)to["choices.data"]!["type"]);
        Assert.Equal("graph.microsoft.com/users", (string?)to["choices.data"]!["dataset"]);
        Assert.Equal("Input.Text", (string?)Input(form, GiveCards.ToIdsInput)["type"]);
        Assert.Equal(new[] { "Free", "Sbi", "Sandwich", "StartStopContinue" }, Input(form, GiveCards.TemplateInput)["choices"]!.AsArray().Select(c => (string)c!["value"]!));
        Assert.Equal(new[] { "Praise", "Constructive" }, Input(form, GiveCards.KindInput)["choices"]!.AsArray().Select(c => (string)c!["value"]!));
        Assert.Equal(new[] { "Private", "SharedWithManager", "Anonymous" }, Input(form, GiveCards.VisibilityInput)["choices"]!.AsArray().Select(c => (string)c!["value"]!));
        Assert.Equal("Action.Execute", (string?)Find(form, o => (string?)o["verb"] == GiveSubmitAction.Verb)!["type"]);
        Assert.Equal("Action.Execute", (string?)Find(form, o => (string?)o["verb"] == GiveTemplateAction.Verb)!["type"]);
    }

    [Fact]
    public async Task SwitchingTemplate_ReRendersTheForm_KeepingWhatWasTyped()
    {
        await using var kit = await StartGiveAsync();
        await kit.Host.MeetAsync(Ana);
        var form = await kit.ActAsync(Ana, GiveOpenAction.Verb, new JsonObject());

        var sbi = await kit.ClickAsync(Ana, form, GiveTemplateAction.Verb, new JsonObject
        {
            [GiveCards.ToIdsInput] = Ben.Aad,
            [GiveCards.TemplateInput] = "Sbi",
            [GiveCards.PartInput(TemplateParts.Text)] = "In the retro",
        });

        Assert.Equal("Sbi", (string?)Input(sbi, GiveCards.TemplateInput)["value"]);
        Assert.Equal("In the retro", (string?)Input(sbi, GiveCards.PartInput(TemplateParts.Situation))["value"]);
        Assert.NotNull(Input(sbi, GiveCards.PartInput(TemplateParts.Impact)));
        Assert.Equal(Ben.Aad, (string?)Input(sbi, GiveCards.ToInput)["value"]);
    }

    [Fact]
    public async Task Submit_WithCoachTips_ShowsTheReview_ThenSendAsIs_DeliversOneCard()
    {
        await using var kit = await StartGiveAsync();
        var host = kit.Host;
        await host.MeetAsync(Ana);
        await host.MeetAsync(Ben);
        var form = await kit.ActAsync(Ana, GiveOpenAction.Verb, new JsonObject());

        var review = await kit.ClickAsync(Ana, form, GiveSubmitAction.Verb, new JsonObject
        {
            [GiveCards.ToInput] = Ben.Aad,
            [GiveCards.PartInput(TemplateParts.Text)] = VaguePraise,
            [GiveCards.KindInput] = "Praise",
            [GiveCards.VisibilityInput] = "Private",
        });
        Assert.Contains("Coach", Text(review));
        Assert.Empty(host.Feedback.All);

        var outcome = await kit.ClickAsync(Ana, review, GiveSendAction.Verb);

        Assert.Contains("is on its way", Text(outcome));
        Assert.Contains(Ben.Name, Text(outcome));
        var id = Assert.Single(host.Jobs.Deliveries);
        await host.DeliverAsync(id);
        await host.DeliverAsync(id);
        var delivered = Assert.Single(host.Connector.PersonalMessages(Ben.Id).Skip(1)); // after the welcome
        Assert.Contains(VaguePraise, delivered.CardText);
        Assert.Contains(Ana.Name, delivered.CardText);
    }

    [Fact]
    public async Task Submit_GoodFeedback_IsSavedAtOnce_WithTheChosenTemplateKindAndVisibility()
    {
        await using var kit = await StartGiveAsync();
        var host = kit.Host;
        await host.MeetAsync(Ana);
        await host.MeetAsync(Ben);
        var form = await kit.ActAsync(Ana, GiveOpenAction.Verb, new JsonObject());

        var outcome = await kit.ClickAsync(Ana, form, GiveSubmitAction.Verb, new JsonObject
        {
            [GiveCards.ToInput] = Ben.Aad,
            [GiveCards.PartInput(TemplateParts.Text)] = GoodPraise,
            [GiveCards.KindInput] = "Praise",
            [GiveCards.VisibilityInput] = "SharedWithManager",
        });

        Assert.Contains("is on its way", Text(outcome));
        var item = Assert.Single(host.Feedback.All);
        Assert.Equal(Ben.Person, item.Recipient);
        Assert.Equal(Ana.Person, item.Giver);
        Assert.Equal(FeedbackVisibility.SharedWithManager, item.Visibility);
        Assert.Equal(FeedbackKind.Praise, item.Kind);
    }

    [Theory]
    [InlineData("", "Private", "Pick at least one person")]
    [InlineData("self", "Private", "You can't send feedback to yourself")]
    [InlineData("ben", "Anonymous", "prefers feedback with a name on it")]
    [InlineData("other-tenant", "Private", "I don't know who")]
    public async Task Submit_Refused_ShowsTheFormAgainWithTheReason_AndStoresNothing(string to, string visibility, string reason)
    {
        await using var kit = await StartGiveAsync();
        await kit.Host.MeetAsync(Ana);
        await kit.Host.MeetAsync(Ben);
        var form = await kit.ActAsync(Ana, GiveOpenAction.Verb, new JsonObject());

        var again = await kit.ClickAsync(Ana, form, GiveSubmitAction.Verb, new JsonObject
        {
            [GiveCards.ToInput] = to switch
            {
                "self" => Ana.Aad,
                "ben" => Ben.Aad,
                "other-tenant" => $"teams:{OtherTenant}:{Ben.Aad}",
                _ => "",
            },
            [GiveCards.PartInput(TemplateParts.Text)] = GoodPraise,
            [GiveCards.VisibilityInput] = visibility,
        });

        Assert.Contains(reason, Text(again));
        Assert.Equal(GoodPraise, (string?)Input(again, GiveCards.PartInput(TemplateParts.Text))["value"]);
        Assert.Empty(kit.Host.Feedback.All);
    }

    [Fact]
    public async Task GiveOpen_ForARequest_PrefillsTheRequester_AndTheGiveAnswersIt()
    {
        await using var kit = await StartGiveAsync();
        var host = kit.Host;
        await host.MeetAsync(Ana);
        await host.MeetAsync(Ben);
        var requests = host.Services.GetRequiredService<IRequestStore>();
        var now = kit.Time.GetUtcNow();
        var request = new FeedbackRequest($"teams.{Tenant}.req1", Ana.Person, "How was my demo?",
            new SourceLink("https://teams.microsoft.com/l/message/1", "the demo", Ana.Person), now, now.AddDays(3),
            [new RequestRecipient(Ben.Person)]);
        await requests.SaveAsync(request, default);

        var form = await kit.ActAsync(Ben, GiveOpenAction.Verb, new JsonObject { [GiveOpenAction.RequestIdKey] = request.Id });

        Assert.Equal(Ana.Person.Key, (string?)Input(form, GiveCards.ToInput)["value"]);
        Assert.Contains(Ana.Name, (string?)Input(form, GiveCards.ToInput)["choices"]![0]!["title"]);
        Assert.Contains("Answering a feedback request", Text(form));

        var outcome = await kit.ClickAsync(Ben, form, GiveSubmitAction.Verb, new JsonObject
        {
            [GiveCards.PartInput(TemplateParts.Text)] = GoodPraise,
        });
        Assert.Contains("is on its way", Text(outcome));
        var item = Assert.Single(host.Feedback.All);
        Assert.Equal(request.Id, item.RequestId);
        Assert.Equal("https://teams.microsoft.com/l/message/1", item.Source?.Url);

        await host.DeliverAsync(item.Id);
        Assert.Equal(RecipientStatus.Answered, (await requests.GetAsync(request.Id, default))!.RecipientFor(Ben.Person)!.Status);
    }

    [Fact]
    public async Task GiveOpen_ForARequestTheClickerWasNotAskedOn_IsPlainFeedback()
    {
        await using var kit = await StartGiveAsync();
        await kit.Host.MeetAsync(Ana);
        var now = kit.Time.GetUtcNow();
        var request = new FeedbackRequest($"teams.{Tenant}.req2", Ben.Person, "Mine?", null, now, now.AddDays(3), [new RequestRecipient(Ben.Person)]);
        await kit.Host.Services.GetRequiredService<IRequestStore>().SaveAsync(request, default);

        var form = await kit.ActAsync(Ana, GiveOpenAction.Verb,
            new JsonObject { [GiveOpenAction.RequestIdKey] = request.Id, [GiveOpenAction.RecipientKey] = Ben.Person.Key });

        Assert.DoesNotContain("Answering a feedback request", Text(form));
        Assert.Equal(Ben.Person.Key, (string?)Input(form, GiveCards.ToInput)["value"]);
        Assert.Null(GiveDraft.FromData(Data(form, GiveSubmitAction.Verb))!.RequestId);
    }

    [Fact]
    public async Task UnknownVerb_AnswersWithAMessage()
    {
        await using var kit = await StartGiveAsync();
        await kit.Host.MeetAsync(Ana);

        var response = await kit.PostAsync(kit.Invoke(Ana, "give.nonsense", new JsonObject()));

        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("application/vnd.microsoft.activity.message", (string?)body["type"]);
    }
}
