using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace FeedbackBot.Host.Tests.Teams;

/// <summary>
/// Issue 11 "Must show": the bot with the real Microsoft 365 Agents Playground as its Teams client, both inside a
/// private network namespace with only loopback (<see cref="PlaygroundSandbox"/>), driven headless through the
/// Playground's own REST and WebSocket endpoints, the ones its page uses: installing the app
/// (<c>POST /_debug/conversation/{id}/installation</c>) and typing a message
/// (<c>POST /_conversation/v1/conversations/{id}/messages</c>); the page's card buttons are
/// <c>POST /_conversation/v1/invoke</c> with <c>name: adaptiveCard/action</c>, <c>value.action.{type,title,verb,data}</c>,
/// <c>from.id</c>, <c>conversation.id</c> and the card's message id as <c>replyToId</c>. Asserts on the cards the bot
/// sent: in the user's own chat as the Playground pushed them to its page, and in the recipient's chat (which the
/// page never shows) as the Playground's log stream recorded them. Runs in CI (as root); skipped with
/// the reason where <c>unshare --net</c> is impossible. Set <c>FEEDBACKBOT_PLAYGROUND_SCREENSHOT</c> to a .png
/// path to also photograph the Playground's page with headless Chromium (docs/images/teams-playground.png).
/// </summary>
[Trait("Category", "TeamsPlayground")]
public sealed class TeamsPlaygroundTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly string _data = Directory.CreateTempSubdirectory("fb-playground-data-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [SkippableFact]
    public async Task Playground_InstallHelpAndAGiveThroughTheForm_ReachesTheRecipientsChat()
    {
        var unavailable = PlaygroundSandbox.Unavailable();
        if (unavailable is not null)
        {
            output.WriteLine("Skipped: " + unavailable);
        }

        Skip.If(unavailable is not null, unavailable);
        var cli = await PlaygroundInstall.EnsureAsync();
        await using var sandbox = await PlaygroundSandbox.StartAsync(cli, new Dictionary<string, string>
        {
            ["Storage__DataDirectory"] = _data,
            ["Hangfire__SchedulePollingInterval"] = "00:00:00.500",
        });
        await sandbox.ListenAsync();
        var photo = await OpenPageAsync(sandbox);
        var config = (await sandbox.Playground.GetFromJsonAsync<JsonObject>("_internal/v1/config"))!["config"]!;
        var chat = (string)config["personalChat"]!["id"]!;
        var me = (string)config["currentUser"]!["id"]!;

        // The user adds the app: Teams sends installationUpdate (add); the bot answers with its welcome card.
        (await sandbox.Playground.PostAsJsonAsync($"_debug/conversation/{chat}/installation", new JsonObject())).EnsureSuccessStatusCode();
        var welcome = await sandbox.NextAsync(f => CardText(f).Contains("Welcome to FeedbackBot", StringComparison.Ordinal), Wait, "welcome card");
        Assert.Equal("createMessage", (string?)welcome["action"]);
        Assert.Equal(chat, ConversationOf(welcome));

        // The user types help.
        await SayAsync(sandbox, me, chat, "help");
        var help = await sandbox.NextAsync(f => CardText(f).Contains("Here is what I can do", StringComparison.Ordinal), Wait, "help card");
        Assert.Equal(chat, ConversationOf(help));
        Assert.DoesNotContain("I don't know", CardText(help));

        // In the group chat (everyone of the Playground's mock tenant is in it) the user mentions the bot and Megan:
        // "@Test Bot give @Megan Bowen". The give form comes to the user's own 1:1, Megan already in it.
        var group = (string)config["groupChats"]![0]!["id"]!;
        var bot = config["bot"]!;
        var megan = config["users"]!.AsArray().First(u => (string?)u!["name"] == "Megan Bowen")!;
        var meganId = (string)megan["id"]!;
        await SayAsync(sandbox, me, group, $"<at>{bot["name"]}</at> give <at>Megan Bowen</at>",
            (string)bot["id"]!, $"<at>{bot["name"]}</at>", meganId, "<at>Megan Bowen</at>");
        var form = await sandbox.NextAsync(f => CardText(f).Contains("Give feedback", StringComparison.Ordinal) && Button(f, "Send") is not null, Wait, "give form");
        Assert.Equal(chat, ConversationOf(form));
        Assert.Contains("Megan Bowen", CardText(form));
        var formId = (string)form["message"]!["messageId"]!;

        // Its Action.Execute buttons pressed as the Playground's page presses them: Switch template, then Send.
        var sbi = await PressAsync(sandbox, me, chat, formId, Button(form, "Switch template")!, new JsonObject { ["giveTemplate"] = "Sbi" });
        Assert.Contains("Situation", CardText(sbi));
        var answer = await PressAsync(sandbox, me, chat, formId, Button(sbi, "Send")!, new JsonObject
        {
            ["giveTo"] = meganId,
            ["givePart_situation"] = "In Tuesday's demo",
            ["givePart_behaviour"] = "you explained the rollback plan step by step",
            ["givePart_impact"] = "which calmed the client",
        });
        if (Button(answer, "Send as is") is { } sendAsIs)
        {
            // The coach had a tip: the review card, sent as it is.
            answer = await PressAsync(sandbox, me, chat, formId, sendAsIs, new JsonObject());
        }

        Assert.Contains("on its way", CardText(answer));

        // Delivered: the bot created Megan's 1:1 and posted the card there. The page shows only the current user's
        // chats, so Megan's card is read from the Playground's log stream, as the connector received it.
        var created = await sandbox.NextLogAsync(l => (string?)l["request"]?["body"]?["members"]?[0]?["id"] == meganId, Wait, "1:1 created for Megan");
        var meganChat = (string)created["response"]!["body"]!["id"]!;
        Assert.NotEqual(chat, meganChat);
        var delivered = await sandbox.NextLogAsync(l => (string?)l["request"]?["body"]?["conversation"]?["id"] == meganChat, Wait, "card in Megan's chat");
        Assert.Equal(201, (int?)delivered["response"]!["statusCode"]);
        var card = CardText((JsonObject)delivered["request"]!["body"]!);
        Assert.Contains("you explained the rollback plan step by step", card);
        Assert.Contains("Alex Wilber", card);
        Assert.NotNull(Button(delivered, "Thank them"));

        // And the giver hears it arrived, in their own chat.
        var confirmation = await sandbox.NextAsync(f => ConversationOf(f) == chat && CardText(f).Contains("Your feedback reached", StringComparison.Ordinal), Wait, "delivery confirmation");
        Assert.Contains("Megan Bowen", CardText(confirmation));

        await ScreenshotAsync(sandbox, photo, "Your feedback reached");
    }

    /// <summary>
    /// Types <paramref name="text"/> into a chat, as the Playground's compose box sends it; <paramref name="mentions"/>
    /// are pairs of a mentioned id and the <c>&lt;at&gt;</c> text in <paramref name="text"/>.
    /// </summary>
    private static async Task SayAsync(PlaygroundSandbox sandbox, string me, string chat, string text, params string[] mentions)
    {
        var message = new JsonObject
        {
            ["type"] = "text",
            ["text"] = text,
            ["textFormat"] = "plain",
            ["from"] = new JsonObject { ["id"] = me },
        };
        if (mentions.Length > 0)
        {
            message["mentions"] = new JsonArray(mentions.Chunk(2).Select(m => (JsonNode)new JsonObject
            {
                ["mentioned"] = new JsonObject { ["id"] = m[0] },
                ["text"] = m[1],
            }).ToArray());
        }

        using var response = await sandbox.Playground.PostAsJsonAsync($"_conversation/v1/conversations/{chat}/messages", message);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>
    /// Presses an <c>Action.Execute</c> button as the Playground's page does: <c>POST /_conversation/v1/invoke</c> with
    /// the action and its data merged with the card's inputs, and the card's message id as <c>replyToId</c>. Returns
    /// the card the bot answered with (the Playground puts it in place of the old one).
    /// </summary>
    private static async Task<JsonObject> PressAsync(PlaygroundSandbox sandbox, string me, string chat, string messageId, JsonObject button, JsonObject inputs)
    {
        var data = (JsonObject)(button["data"]?.DeepClone() ?? new JsonObject());
        foreach (var (key, value) in inputs)
        {
            data[key] = value?.DeepClone();
        }

        using var response = await sandbox.Playground.PostAsJsonAsync("_conversation/v1/invoke", new JsonObject
        {
            ["name"] = "adaptiveCard/action",
            ["value"] = new JsonObject
            {
                ["action"] = new JsonObject { ["type"] = "Action.Execute", ["title"] = button["title"]?.DeepClone(), ["verb"] = button["verb"]?.DeepClone(), ["data"] = data },
            },
            ["from"] = new JsonObject { ["id"] = me },
            ["conversation"] = new JsonObject { ["id"] = chat },
            ["replyToId"] = messageId,
        });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"invoke {button["verb"]} answered {(int)response.StatusCode}: {body}\n{sandbox.Output}");
        var answer = (JsonObject)JsonNode.Parse(body)!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)answer["type"]);
        return (JsonObject)answer["value"]!;
    }

    /// <summary>The <c>Action.Execute</c> titled <paramref name="title"/> anywhere in the cards of a frame, or null.</summary>
    private static JsonObject? Button(JsonNode? node, string title) => node switch
    {
        JsonObject o when (string?)(o["type"] as JsonValue) == "Action.Execute" && (string?)(o["title"] as JsonValue) == title => o,
        JsonObject o => o.Select(p => Button(p.Value, title)).FirstOrDefault(x => x is not null),
        JsonArray a => a.Select(x => Button(x, title)).FirstOrDefault(x => x is not null),
        _ => null,
    };

    /// <summary>
    /// When <c>FEEDBACKBOT_PLAYGROUND_SCREENSHOT</c> asks for a picture: headless Chromium opens the Playground's page
    /// inside the namespace before anything happens (a page that connects later starts from an empty chat); returns
    /// where to write it, or null.
    /// </summary>
    private async Task<string?> OpenPageAsync(PlaygroundSandbox sandbox)
    {
        if (Environment.GetEnvironmentVariable("FEEDBACKBOT_PLAYGROUND_SCREENSHOT") is not { Length: > 0 } path || !File.Exists("/usr/bin/chromium"))
        {
            return null;
        }

        sandbox.OpenPage("/usr/bin/chromium", Directory.CreateTempSubdirectory("fb-chromium-").FullName);
        // The page says hello to the bot when it connects (conversationUpdate); after that the chats are its own.
        await sandbox.NextLogAsync(l => (string?)l["activityName"] == "conversationUpdate", TimeSpan.FromSeconds(60), "the page connecting");
        return Path.GetFullPath(path);
    }

    /// <summary>Photographs the open page once it shows <paramref name="text"/> (the flow's last card).</summary>
    private async Task ScreenshotAsync(PlaygroundSandbox sandbox, string? path, string text)
    {
        if (path is null)
        {
            return;
        }

        await File.WriteAllBytesAsync(path, await sandbox.PhotographAsync(text, TimeSpan.FromSeconds(20)));
        output.WriteLine($"screenshot at {path}");
    }

    /// <summary>The conversation a pushed frame (<c>{action: createMessage|updateMessage, actionConversationId, message}</c>) belongs to.</summary>
    private static string? ConversationOf(JsonObject frame) =>
        frame["actionConversationId"] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    /// <summary>Every string of the Adaptive Cards in a pushed frame: what a reader of the card sees.</summary>
    private static string CardText(JsonObject frame)
    {
        var cards = new List<string>();
        Collect(frame, inCard: false);
        return string.Join("\n", cards);

        void Collect(JsonNode? node, bool inCard)
        {
            switch (node)
            {
                case JsonObject o:
                    var isCard = inCard || (string?)(o["type"] as JsonValue) == "AdaptiveCard";
                    foreach (var (key, value) in o)
                    {
                        if (isCard && key is "text" or "title" && value is JsonValue s && s.GetValueKind() == JsonValueKind.String)
                        {
                            cards.Add(s.GetValue<string>());
                        }
                        else
                        {
                            Collect(value, isCard);
                        }
                    }

                    break;
                case JsonArray a:
                    foreach (var x in a)
                    {
                        Collect(x, inCard);
                    }

                    break;
            }
        }
    }
}
