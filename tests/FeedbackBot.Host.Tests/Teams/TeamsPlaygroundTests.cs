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
/// <c>from.id</c>, <c>conversation.id</c> and the card's message id as <c>replyToId</c> (for the give flow, once the
/// give side is merged). Asserts on the cards the bot sent, as the Playground pushed them to its page. Runs in CI (as root); skipped with
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
    public async Task Playground_InstallHelpAndTheGiveForm_TheBotsCardsReachTheRealClient()
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

        // give: the form card, then its Action.Execute buttons pressed as the Playground's page presses them.
        await SayAsync(sandbox, me, chat, "give");
        var form = await sandbox.NextAsync(f => CardText(f).Contains("Give feedback", StringComparison.Ordinal) && Button(f, "Send") is not null, Wait, "give form");
        var formId = (string)form["message"]!["messageId"]!;

        var sbi = await PressAsync(sandbox, me, chat, formId, Button(form, "Switch template")!, new JsonObject { ["giveTemplate"] = "Sbi" });
        Assert.Contains("Situation", CardText(sbi));

        // Megan is a Playground person; her ids are not Teams-shaped (object id not a GUID), so the bot must say
        // plainly that it can't tell who she is, and send nothing.
        var megan = config["users"]!.AsArray().First(u => (string?)u!["name"] == "Megan Bowen")!;
        var answer = await PressAsync(sandbox, me, chat, formId, Button(sbi, "Send")!, new JsonObject
        {
            ["giveToIds"] = (string)megan["aadObjectId"]!,
            ["givePart_situation"] = "In Tuesday's demo",
            ["givePart_behaviour"] = "you explained the rollback plan step by step",
            ["givePart_impact"] = "which calmed the client",
        });
        Assert.Contains("I don't know who", CardText(answer));

        await ScreenshotAsync(sandbox);
    }

    /// <summary>Types <paramref name="text"/> into the chat, as the Playground's compose box sends it.</summary>
    private static async Task SayAsync(PlaygroundSandbox sandbox, string me, string chat, string text)
    {
        using var response = await sandbox.Playground.PostAsJsonAsync($"_conversation/v1/conversations/{chat}/messages", new JsonObject
        {
            ["type"] = "text",
            ["text"] = text,
            ["textFormat"] = "plain",
            ["from"] = new JsonObject { ["id"] = me },
        });
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

    /// <summary>Headless Chromium inside the namespace photographs the Playground's page, when asked to.</summary>
    private async Task ScreenshotAsync(PlaygroundSandbox sandbox)
    {
        if (Environment.GetEnvironmentVariable("FEEDBACKBOT_PLAYGROUND_SCREENSHOT") is not { Length: > 0 } path || !File.Exists("/usr/bin/chromium"))
        {
            return;
        }

        var profile = Directory.CreateTempSubdirectory("fb-chromium-").FullName;
        var exit = await sandbox.RunInsideAsync("/usr/bin/chromium",
        [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", $"--user-data-dir={profile}", "--hide-scrollbars",
            "--window-size=1280,900", "--virtual-time-budget=15000", $"--screenshot={Path.GetFullPath(path)}",
            $"http://127.0.0.1:{PlaygroundSandbox.PlaygroundPort}/",
        ], TimeSpan.FromSeconds(90));
        output.WriteLine($"chromium exited {exit}; screenshot at {path}");
        Directory.Delete(profile, recursive: true);
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
