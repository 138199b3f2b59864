using System.Net;
using System.Text.Json.Nodes;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Slack.Coaching;
using FeedbackBot.Slack.Give;
using FeedbackBot.Testing;
using Moq;

namespace FeedbackBot.Slack.Tests;

public sealed class ModalTests
{
    [Fact]
    public async Task Command_Empty_OpensGiveModalWithinSlackLimits()
    {
        await using var host = await SlackTestHost.StartAsync();

        var response = await host.PostCommandAsync("", triggerId: "trigger-1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var open = Assert.Single(await host.Slack.WaitForAsync("views.open"));
        Assert.Equal("trigger-1", open.Args["trigger_id"]!.GetValue<string>());
        var view = open.View!;
        Assert.Equal(GiveModal.CallbackId, view["callback_id"]!.GetValue<string>());
        ViewAssert.WithinSlackLimits(view);
        var json = open.Json;
        Assert.Contains("multi_users_select", json);
        Assert.Contains("on_character_entered", json);
        Assert.Contains("SharedWithManager", json);
        Assert.Contains("Anonymous", json);
    }

    [Fact]
    public async Task Typing_LiveCoach_UpdatesViewWithTips()
    {
        // A mock: a tip holding "<when>" shows coach text is escaped once; the real coach's tips hold no markup.
        await using var host = await SlackTestHost.StartAsync(h => h.MockCoach()
            .Setup(c => c.Review(It.Is<FeedbackContent>(f => f.PlainText == "good"), FeedbackKind.Praise, It.IsAny<string?>()))
            .Returns(new DraftAdvice(true, ["Name a moment <when> it happened"])));
        var view = Payloads.GiveView(["U2"], "good", viewId: "V42");

        var response = await host.PostInteractionAsync(Payloads.BlockAction("give_part:text", view: view));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var update = Assert.Single(await host.Slack.WaitForAsync("views.update"));
        Assert.Equal("V42", update.Args["view_id"]!.GetValue<string>());
        Assert.Equal("hash-1", update.Args["hash"]!.GetValue<string>());
        Assert.Contains("Name a moment &lt;when&gt; it happened", update.Json);
        Assert.Contains(update.View!["blocks"]!.AsArray(), b => b!["block_id"]?.GetValue<string>() == GiveModal.TipsBlock);
        ViewAssert.WithinSlackLimits(update.View!);
    }

    [Fact]
    public async Task TemplatePicked_UpdatesViewWithItsFields()
    {
        await using var host = await SlackTestHost.StartAsync();
        var view = Payloads.GiveView(["U2"], "", template: "Sbi");

        await host.PostInteractionAsync(Payloads.BlockAction(GiveModal.TemplateAction, view: view));

        var update = Assert.Single(await host.Slack.WaitForAsync("views.update"));
        var blockIds = update.View!["blocks"]!.AsArray().Select(b => b!["block_id"]?.GetValue<string>()).ToArray();
        Assert.Contains("part_situation", blockIds);
        Assert.Contains("part_behaviour", blockIds);
        Assert.Contains("part_impact", blockIds);
        Assert.DoesNotContain("part_text", blockIds);
    }

    [Fact]
    public async Task Submit_Valid_StoresAndCloses()
    {
        await using var host = await SlackTestHost.StartAsync();
        var view = Payloads.GiveView(["U2", "U3"], "", template: "Sbi", parts: new()
        {
            ["situation"] = "In Tuesday's demo",
            ["behaviour"] = "you paused for questions",
            ["impact"] = "everyone kept up",
        });

        var response = await host.PostInteractionAsync(Payloads.ViewSubmission(view));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        Assert.Equal(2, host.Feedback.All.Count);
        var item = host.Feedback.All[0];
        Assert.Equal(FeedbackTemplate.Sbi, item.Content.Template);
        Assert.Equal("you paused for questions", item.Content.Parts["behaviour"]);
        Assert.Equal(2, host.Jobs.Jobs.Count);
    }

    public static TheoryData<string[], string, string, string, string> Invalid => new()
    {
        { [], "hello", "Private", "recipients", "Pick at least one" },
        { ["U1"], "hello", "Private", "recipients", "yourself" },
        { ["U2"], "   ", "Private", "part_text", "empty" },
        { ["U2"], new string('x', 3001), "Private", "part_text", "longer than" },
        { ["UBOT"], "hello", "Private", "recipients", "app, not a person" },
        { ["U2"], "hello", "Anonymous", "visibility", "prefers feedback with a name" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task Submit_Invalid_ReturnsFieldErrorsAndStoresNothing(string[] recipients, string text, string visibility, string block, string message)
    {
        await using var host = await SlackTestHost.StartAsync();
        host.Slack.SetUser("UBOT", isBot: true);

        var response = await host.PostInteractionAsync(Payloads.ViewSubmission(Payloads.GiveView(recipients, text, visibility)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await SlackTestHost.JsonAsync(response);
        Assert.Equal("errors", body["response_action"]!.GetValue<string>());
        Assert.Contains(message, body["errors"]![block]!.GetValue<string>());
        Assert.Empty(host.Feedback.All);
        Assert.Empty(host.Jobs.Jobs);
    }

    [Fact]
    public async Task Anonymous_Accepted_DeliveryCarriesNoGiverId()
    {
        await using var host = await SlackTestHost.StartAsync();
        await host.Preferences.SaveAsync(Slack.Inbound.SlackIds.Person(SlackTestHost.Team, "U2"),
            Core.Preferences.PersonalPreferences.Default with { AcceptsAnonymous = true }, CancellationToken.None);

        var response = await host.PostInteractionAsync(Payloads.ViewSubmission(Payloads.GiveView(["U2"], "Your review comments were kind and precise", "Anonymous"), user: "UGIVER1"));
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        Assert.True(Assert.Single(host.Feedback.All).Anonymous);

        await host.RunDeliveriesAsync();

        var toRecipient = Assert.Single(host.Slack.CallsTo("chat.postMessage"), c => c.Args["channel"]!.GetValue<string>() == "DU2");
        Assert.DoesNotContain("UGIVER1", toRecipient.Body);
        Assert.Contains("Someone", toRecipient.Json);
        Assert.DoesNotContain(host.Slack.CallsTo("conversations.open").Where(c => c.Args["users"]!.GetValue<string>() == "U2"), c => c.Body.Contains("UGIVER1"));
        // The giver is still told it arrived, in their own DM.
        Assert.Single(host.Slack.CallsTo("chat.postMessage"), c => c.Args["channel"]!.GetValue<string>() == "DUGIVER1");
    }

    [Fact]
    public async Task MessageShortcut_OpensModalWithAuthorAndLink()
    {
        await using var host = await SlackTestHost.StartAsync();
        var payload = new JsonObject
        {
            ["type"] = "message_action",
            ["callback_id"] = GiveOnMessageShortcut.CallbackId,
            ["trigger_id"] = "trigger-9",
            ["response_url"] = host.Slack.ResponseUrl("shortcut"),
            ["team"] = new JsonObject { ["id"] = SlackTestHost.Team, ["domain"] = "acme" },
            ["channel"] = new JsonObject { ["id"] = "C777", ["name"] = "eng" },
            ["user"] = new JsonObject { ["id"] = "U1", ["team_id"] = SlackTestHost.Team },
            ["message"] = new JsonObject { ["ts"] = "1700000000.123456", ["user"] = "U5", ["text"] = "Shipped the <fix> & wrote docs" },
            ["message_ts"] = "1700000000.123456",
        };

        var response = await host.PostInteractionAsync(payload);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var open = Assert.Single(await host.Slack.WaitForAsync("views.open"));
        Assert.Equal("trigger-9", open.Args["trigger_id"]!.GetValue<string>());
        Assert.Contains("\"initial_users\":[\"U5\"]", open.Json);
        Assert.Contains("https://acme.slack.com/archives/C777/p1700000000123456", open.Json);
        Assert.Contains("Shipped the &lt;fix&gt; &amp; wrote docs", open.Json);
        ViewAssert.WithinSlackLimits(open.View!);

        // Submitting keeps the link on the stored feedback (private_metadata round trip).
        var view = Payloads.GiveView(["U5"], "Clear docs, thanks", privateMetadata: open.View!["private_metadata"]!.GetValue<string>());
        await host.PostInteractionAsync(Payloads.ViewSubmission(view));
        var item = Assert.Single(host.Feedback.All);
        Assert.Equal("https://acme.slack.com/archives/C777/p1700000000123456", item.Source!.Url);
        Assert.Equal("U5", item.Source.Author!.UserId);
    }

    [Fact]
    public async Task UnknownCallbackId_Returns400AndStoresNothing()
    {
        await using var host = await SlackTestHost.StartAsync();
        var view = Payloads.GiveView(["U2"], "hello");
        view["callback_id"] = "no_such_modal";

        var response = await host.PostInteractionAsync(Payloads.ViewSubmission(view));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(host.Feedback.All);
    }
}
