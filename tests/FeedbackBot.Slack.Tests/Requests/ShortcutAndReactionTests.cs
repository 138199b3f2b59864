using System.Net;
using System.Text.Json.Nodes;
using FeedbackBot.Slack.Give;
using FeedbackBot.Slack.Requests;
using static FeedbackBot.Slack.Tests.Requests.RequestTestKit;

namespace FeedbackBot.Slack.Tests.Requests;

public sealed class ShortcutAndReactionTests
{
    private const string Permalink = "https://acme.slack.com/archives/C1/p1700000000000200";

    private static JsonObject Shortcut(string threadTs = "1700000000.000100") => new()
    {
        ["type"] = "message_action",
        ["callback_id"] = RequestOnMessageShortcut.CallbackId,
        ["trigger_id"] = "trigger-m",
        ["response_url"] = "https://hooks.slack.com/actions/T1/1/x",
        ["team"] = new JsonObject { ["id"] = SlackTestHost.Team, ["domain"] = "acme" },
        ["user"] = new JsonObject { ["id"] = "U1", ["team_id"] = SlackTestHost.Team },
        ["channel"] = new JsonObject { ["id"] = "C1", ["name"] = "general" },
        ["message"] = new JsonObject { ["ts"] = "1700000000.000300", ["thread_ts"] = threadTs, ["user"] = "U1", ["text"] = "My demo plan <!here>" },
    };

    private static JsonObject Thread() => new()
    {
        ["ok"] = true,
        ["messages"] = new JsonArray(
            new JsonObject { ["ts"] = "1700000000.000100", ["user"] = "U1", ["text"] = "root" },
            new JsonObject { ["ts"] = "1700000000.000200", ["user"] = "U2", ["text"] = "nice" },
            new JsonObject { ["ts"] = "1700000000.000250", ["user"] = "UBOT", ["bot_id"] = "B1", ["text"] = "beep" },
            new JsonObject { ["ts"] = "1700000000.000300", ["user"] = "U3", ["text"] = "agreed" },
            new JsonObject { ["ts"] = "1700000000.000400", ["user"] = "U2", ["text"] = "again" }),
    };

    [Fact]
    public async Task Shortcut_OnMessage_OpensQuotedModalThenSuggestsThreadPeople()
    {
        await using var host = await SlackTestHost.StartAsync();
        host.Slack.Respond("conversations.replies", _ => Thread());

        var response = await host.PostInteractionAsync(Shortcut());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var update = Assert.Single(await host.Slack.WaitForAsync("views.update"));
        var calls = host.Slack.Calls.Select(c => c.Method).ToList();
        Assert.True(calls.IndexOf("views.open") < calls.IndexOf("conversations.replies"), "views.open must come before reading the thread");
        var open = Assert.Single(host.Slack.CallsTo("views.open"));
        Assert.Equal("trigger-m", open.Args["trigger_id"]!.GetValue<string>());
        Assert.Contains("https://acme.slack.com/archives/C1/p1700000000000300", open.Json);
        Assert.Contains("My demo plan @here", open.Json);
        Assert.DoesNotContain("<!here>", open.Json);
        ViewAssert.WithinSlackLimits(open.View!);

        var replies = Assert.Single(host.Slack.CallsTo("conversations.replies"));
        Assert.Equal("1700000000.000100", replies.Args["ts"]!.GetValue<string>());
        Assert.StartsWith("V", update.Args["view_id"]!.GetValue<string>());
        Assert.NotNull(update.Args["hash"]);
        Assert.Contains("\"initial_users\":[\"U2\",\"U3\"]", update.Json);
        var blockIds = update.View!["blocks"]!.AsArray().Select(b => b!["block_id"]?.GetValue<string>()).ToArray();
        Assert.Contains(RequestModal.SuggestionsBlock, blockIds);
        Assert.Contains(RequestModal.SuggestedRecipientsBlock, blockIds);
        Assert.Equal(open.View!["private_metadata"]!.GetValue<string>(), update.View!["private_metadata"]!.GetValue<string>());
        ViewAssert.WithinSlackLimits(update.View!);
    }

    [Fact]
    public async Task SuggestedModalSubmit_SelfPicked_ErrorLandsOnTheSuggestedInput()
    {
        await using var host = await SlackTestHost.StartAsync();
        var view = RequestView(["U1"], "Clear?");
        var values = view["state"]!["values"]!.AsObject();
        var picker = values[RequestModal.RecipientsBlock]!.DeepClone();
        values.Remove(RequestModal.RecipientsBlock);
        values[RequestModal.SuggestedRecipientsBlock] = picker;

        var body = await SlackTestHost.JsonAsync(await host.PostInteractionAsync(Payloads.ViewSubmission(view, user: "U1")));

        Assert.NotNull(body["errors"]![RequestModal.SuggestedRecipientsBlock]);
    }

    [Theory]
    [InlineData("429")]
    [InlineData("not_in_channel")]
    [InlineData("ratelimited")]
    public async Task Shortcut_ThreadUnreadable_KeepsModalWithoutSuggestions(string failure)
    {
        await using var host = await SlackTestHost.StartAsync();
        if (failure == "429")
        {
            // The 1 request/min cap for new commercially distributed apps: Retry-After far beyond what we wait.
            host.Slack.FailNext("conversations.replies", 429, times: 5, retryAfter: "60");
        }
        else
        {
            host.Slack.Respond("conversations.replies", _ => new JsonObject { ["ok"] = false, ["error"] = failure });
        }

        await host.PostInteractionAsync(Shortcut());
        await host.Slack.WaitForAsync("views.open");
        await host.Slack.WaitForAsync("conversations.replies");
        await host.IdleAsync();

        Assert.Empty(host.Slack.CallsTo("views.update"));
        Assert.Empty(host.Slack.CallsTo("response_url"));
        Assert.Empty(host.Slack.CallsTo("chat.postMessage"));
    }

    private static void MessageIsReadable(SlackTestHost host, string text = "Our launch plan <!here>")
    {
        host.Slack.Respond("chat.getPermalink", _ => new JsonObject { ["ok"] = true, ["permalink"] = Permalink });
        host.Slack.Respond("conversations.replies", _ => new JsonObject
        {
            ["ok"] = true,
            ["messages"] = new JsonArray(new JsonObject { ["ts"] = "1700000000.000200", ["user"] = "U1", ["text"] = text }),
        });
    }

    [Fact]
    public async Task Reaction_BySomeoneElse_DmsGivePromptThatOpensPrefilledGiveModal()
    {
        await using var host = await SlackTestHost.StartAsync();
        MessageIsReadable(host);

        var response = await host.PostEventAsync(Reaction(reactor: "U2", author: "U1"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var prompt = Assert.Single(await host.Slack.WaitForAsync("chat.postMessage"));
        Assert.Equal("DU2", prompt.Args["channel"]!.GetValue<string>());
        Assert.Contains("Give <@U1> feedback on", prompt.Json);
        Assert.Contains("Our launch plan @here", prompt.Json);
        Assert.DoesNotContain("<!here>", prompt.Json);

        await host.PostInteractionAsync(Payloads.BlockAction(ReactionGiveAction.ActionId, ButtonValue(prompt, ReactionGiveAction.ActionId), user: "U2"));

        var open = Assert.Single(await host.Slack.WaitForAsync("views.open"));
        Assert.Equal(GiveModal.CallbackId, open.View!["callback_id"]!.GetValue<string>());
        Assert.Contains("\"initial_users\":[\"U1\"]", open.Json);
        // The link is rebuilt from ids; private_metadata carries no URL (issue 10 #13).
        Assert.Contains(Permalink, open.Json);
        Assert.DoesNotContain("http", open.View!["private_metadata"]!.GetValue<string>());
        Assert.Contains("Our launch plan @here", open.Json);
    }

    [Fact]
    public async Task Reaction_ByAuthor_DmsRequestPromptThatOpensRequestModalAboutTheMessage()
    {
        await using var host = await SlackTestHost.StartAsync();
        MessageIsReadable(host);

        await host.PostEventAsync(Reaction(reactor: "U1", author: "U1"));

        var prompt = Assert.Single(await host.Slack.WaitForAsync("chat.postMessage"));
        Assert.Equal("DU1", prompt.Args["channel"]!.GetValue<string>());
        await host.PostInteractionAsync(Payloads.BlockAction(ReactionRequestAction.ActionId, ButtonValue(prompt, ReactionRequestAction.ActionId), user: "U1"));

        var open = Assert.Single(await host.Slack.WaitForAsync("views.open"));
        Assert.Equal(RequestModal.CallbackId, open.View!["callback_id"]!.GetValue<string>());
        Assert.Contains(Permalink, open.Json);
        ViewAssert.WithinSlackLimits(open.View!);

        // Submitting it stores the request with the message as its source.
        var submit = RequestView(["U3"], "Is this plan clear?", privateMetadata: open.View!["private_metadata"]!.GetValue<string>());
        await host.PostInteractionAsync(Payloads.ViewSubmission(submit, user: "U1"));
        await host.IdleAsync();
        var request = Assert.Single(await host.Requests().ListAskedByAsync(Person("U1"), CancellationToken.None));
        Assert.Equal(Permalink, request.Source!.Url);
        Assert.Contains(Permalink, Assert.Single(host.Slack.MessagesTo("DU3")));
    }

    [Fact]
    public async Task Reaction_SameEventDeliveredThreeTimes_PromptsOnce()
    {
        await using var host = await SlackTestHost.StartAsync();
        MessageIsReadable(host);
        var envelope = Reaction(reactor: "U2", author: "U1", eventId: "EvSame");

        var first = await host.PostEventAsync(envelope);
        var second = await host.PostEventRetryAsync(envelope, 1);
        var third = await host.PostEventRetryAsync(envelope, 2);
        await host.IdleAsync();

        Assert.All([first, second, third], r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Single(host.Slack.CallsTo("chat.postMessage"));
    }

    [Theory]
    [InlineData("UBOT", "U1", "speech_balloon")]
    [InlineData("U2", "UBOT", "speech_balloon")]
    [InlineData("U2", null, "speech_balloon")]
    [InlineData("U2", "U1", "thumbsup")]
    public async Task Reaction_BotOrWebhookOrOtherEmoji_Ignored(string reactor, string? author, string emoji)
    {
        await using var host = await SlackTestHost.StartAsync();
        host.Slack.SetUser("UBOT", isBot: true);
        MessageIsReadable(host);

        await host.PostEventAsync(Reaction(reactor, author, reaction: emoji));
        await host.IdleAsync();

        Assert.Empty(host.Slack.CallsTo("chat.postMessage"));
        Assert.Empty(host.Slack.CallsTo("conversations.replies"));
    }

    [Fact]
    public async Task Reaction_SkinToneAndUnreadableMessage_StillPromptsWithoutExcerpt()
    {
        await using var host = await SlackTestHost.StartAsync();
        host.Slack.Respond("chat.getPermalink", _ => new JsonObject { ["ok"] = false, ["error"] = "channel_not_found" });
        host.Slack.FailNext("conversations.replies", 429, times: 5, retryAfter: "60");

        await host.PostEventAsync(Reaction(reactor: "U2", author: "U1", reaction: "speech_balloon::skin-tone-3"));

        var prompt = Assert.Single(await host.Slack.WaitForAsync("chat.postMessage"));
        var value = ButtonValue(prompt, ReactionGiveAction.ActionId);
        Assert.Contains("\"c\":\"C1\"", value);
        Assert.Contains("\"a\":\"U1\"", value);

        await host.PostInteractionAsync(Payloads.BlockAction(ReactionGiveAction.ActionId, value, user: "U2"));

        // No permalink from Slack: built from the click's team domain, as the message shortcut does.
        var open = Assert.Single(await host.Slack.WaitForAsync("views.open"));
        Assert.Contains(Permalink, open.Json);
        Assert.DoesNotContain("http", open.View!["private_metadata"]!.GetValue<string>());
    }

    [Fact]
    public void SlackOptions_RequestEmoji_DefaultsToSpeechBalloon() => Assert.Equal("speech_balloon", new SlackOptions().RequestEmoji);
}
