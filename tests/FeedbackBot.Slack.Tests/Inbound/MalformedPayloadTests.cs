using System.Net;
using System.Text.Json.Nodes;
using FeedbackBot.Slack.Delivery;
using FeedbackBot.Slack.Give;
using FeedbackBot.Slack.Requests;
using static FeedbackBot.Slack.Tests.Requests.RequestTestKit;

namespace FeedbackBot.Slack.Tests.Inbound;

/// <summary>
/// Issue 10 #15: signed but malformed payloads get a 4xx and touch nothing. A table of valid payloads is mutated
/// field by field (every node replaced by each wrong JSON type, or removed) and every variant is posted signed.
/// </summary>
public sealed class MalformedPayloadTests
{
    private static readonly Func<JsonNode?>[] WrongValues =
    [
        () => new JsonArray(),
        () => new JsonObject(),
        () => JsonValue.Create(5),
        () => JsonValue.Create(true),
        () => null,
        () => JsonValue.Create("x"),
        () => new JsonArray(new JsonObject(), 1, "y"),
    ];

    [Theory]
    [InlineData("user", "[]")]
    [InlineData("user", "\"U1\"")]
    [InlineData("user", "{\"id\":[]}")]
    [InlineData("actions", "{}")]
    [InlineData("actions", "[{\"action_id\":5}]")]
    [InlineData("type", "5")]
    [InlineData("type", "\"no_such_type\"")]
    public async Task BlockAction_WrongShape_Gets400_AndDoesNothing(string field, string json)
    {
        await using var host = await SlackTestHost.StartAsync();
        var payload = Payloads.BlockAction(ThankAction.ActionId, "F1", responseUrl: host.Slack.ResponseUrl());
        payload[field] = JsonNode.Parse(json);

        var response = await host.PostInteractionAsync(payload);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await host.IdleAsync();
        Assert.Empty(host.Slack.Calls);
    }

    [Theory]
    [InlineData("view", null)]
    [InlineData("view", "[]")]
    [InlineData("view", "{\"id\":\"V1\"}")]
    public async Task ViewSubmission_WithoutAUsableView_Gets400_AndStoresNothing(string field, string? json)
    {
        await using var host = await SlackTestHost.StartAsync();
        var payload = Payloads.ViewSubmission(Payloads.GiveView(["U2"], "nice work"));
        if (json is null)
        {
            payload.Remove(field);
        }
        else
        {
            payload[field] = JsonNode.Parse(json);
        }

        var response = await host.PostInteractionAsync(payload);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(host.Feedback.All);
        Assert.Empty(host.Slack.Calls);
    }

    [Fact]
    public async Task DuplicateKeys_Get400()
    {
        await using var host = await SlackTestHost.StartAsync();
        var json = Payloads.BlockAction(ThankAction.ActionId, "F1").ToJsonString().Replace("\"type\":\"block_actions\"", "\"type\":\"block_actions\",\"type\":\"shortcut\"", StringComparison.Ordinal);

        var response = await host.PostRawAsync("/slack/interactivity", FeedbackBot.Testing.SlackRequestSigner.Form(("payload", json)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task HundredsOfMutatedSignedPayloads_NeverGet5xx_AndRejectedOnesTouchNothing()
    {
        await using var host = await SlackTestHost.StartAsync();
        var bases = new (string Path, JsonObject Payload)[]
        {
            ("/slack/interactivity", Payloads.BlockAction(ThankAction.ActionId, "F1", responseUrl: host.Slack.ResponseUrl())),
            ("/slack/interactivity", Payloads.BlockAction(RequestDeclineAction.ActionId, "R1", responseUrl: host.Slack.ResponseUrl())),
            ("/slack/interactivity", Payloads.ViewSubmission(Payloads.GiveView(["U2"], "nice work", privateMetadata: "{\"r\":\"R1\"}"))),
            ("/slack/interactivity", Payloads.ViewSubmission(RequestView(["U2"], "How was my demo?"))),
            ("/slack/interactivity", MessageShortcut()),
            ("/slack/interactivity", TemplatePicked()),
            ("/slack/interactivity", Payloads.ViewSubmission(RequestView(["U2"], "How was my demo?", due: "2031-01-06", link: "https://example.com/pr/1"))),
            ("/slack/events", Reaction(reactor: "U2", author: "U1")),
            ("/slack/events", Envelope("EvH", new JsonObject { ["type"] = "app_home_opened", ["user"] = "U1", ["channel"] = "DU1", ["tab"] = "home", ["view"] = new JsonObject { ["id"] = "VH" } })),
            ("/slack/events", Envelope("EvJ", new JsonObject { ["type"] = "member_joined_channel", ["user"] = "UBOT", ["channel"] = "C9", ["channel_type"] = "C", ["inviter"] = "U1" })),
            ("/slack/events", Envelope("EvM", new JsonObject { ["type"] = "app_mention", ["user"] = "U1", ["channel"] = "C9", ["text"] = "<@UBOT> hi", ["ts"] = "1700000000.000400" })),
        };

        var variants = 0;
        var rejected = 0;
        var failures = new List<string>();
        foreach (var (path, payload) in bases)
        {
            foreach (var (where, variant) in Mutations(payload))
            {
                variants++;
                await host.IdleAsync();
                var callsBefore = host.Slack.Calls.Count;
                var storedBefore = host.Feedback.All.Count;
                var jobsBefore = host.Jobs.Jobs.Count;

                var body = path == "/slack/events" ? variant.ToJsonString() : FeedbackBot.Testing.SlackRequestSigner.InteractionBody(variant);
                using var response = await host.PostRawAsync(path, body, path == "/slack/events" ? "application/json" : "application/x-www-form-urlencoded");

                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"{path} {where}: {(int)response.StatusCode}");
                }

                if (response.StatusCode == HttpStatusCode.BadRequest)
                {
                    rejected++;
                    await host.IdleAsync();
                    if (host.Slack.Calls.Count != callsBefore || host.Feedback.All.Count != storedBefore || host.Jobs.Jobs.Count != jobsBefore)
                    {
                        failures.Add($"{path} {where}: 400 but something happened");
                    }
                }
            }
        }

        Assert.Empty(failures);
        Assert.True(variants >= 300, $"only {variants} variants");
        Assert.True(rejected >= 50, $"only {rejected} of {variants} variants were rejected");
    }

    /// <summary>Every node of <paramref name="payload"/> replaced by each wrong value, or removed, one at a time.</summary>
    private static IEnumerable<(string Where, JsonObject Variant)> Mutations(JsonObject payload)
    {
        foreach (var path in Paths(payload, []))
        {
            for (var i = 0; i <= WrongValues.Length; i++)
            {
                var copy = (JsonObject)payload.DeepClone();
                var (parent, key) = Locate(copy, path);
                if (i == WrongValues.Length)
                {
                    if (parent is JsonObject o)
                    {
                        o.Remove((string)key);
                    }
                    else
                    {
                        ((JsonArray)parent).RemoveAt((int)key);
                    }
                }
                else if (parent is JsonObject o)
                {
                    o[(string)key] = WrongValues[i]();
                }
                else
                {
                    ((JsonArray)parent)[(int)key] = WrongValues[i]();
                }

                yield return ($"{string.Join('.', path)} #{i}", copy);
            }
        }
    }

    private static IEnumerable<object[]> Paths(JsonNode node, object[] prefix)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, child) in o)
                {
                    object[] path = [.. prefix, key];
                    yield return path;
                    if (child is not null)
                    {
                        foreach (var deeper in Paths(child, path))
                        {
                            yield return deeper;
                        }
                    }
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    object[] path = [.. prefix, i];
                    yield return path;
                    if (a[i] is { } child)
                    {
                        foreach (var deeper in Paths(child, path))
                        {
                            yield return deeper;
                        }
                    }
                }

                break;
        }
    }

    private static (JsonNode Parent, object Key) Locate(JsonNode root, object[] path)
    {
        var node = root;
        foreach (var step in path[..^1])
        {
            node = step is string key ? node[key]! : node[(int)step]!;
        }

        return (node, path[^1]);
    }

    /// <summary>A select inside the Give modal: an action with a selected option, plus the view's whole state.</summary>
    private static JsonObject TemplatePicked()
    {
        var payload = Payloads.BlockAction(GiveModal.TemplateAction, view: Payloads.GiveView(["U2"], "nice work"));
        payload["actions"]![0]!["selected_option"] = new JsonObject { ["value"] = "Sbi", ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = "SBI" } };
        return payload;
    }

    private static JsonObject MessageShortcut() => new()
    {
        ["type"] = "message_action",
        ["callback_id"] = GiveOnMessageShortcut.CallbackId,
        ["trigger_id"] = "trigger-m",
        ["team"] = new JsonObject { ["id"] = SlackTestHost.Team, ["domain"] = "acme" },
        ["user"] = new JsonObject { ["id"] = "U1", ["team_id"] = SlackTestHost.Team },
        ["channel"] = new JsonObject { ["id"] = "C1", ["name"] = "general" },
        ["message"] = new JsonObject { ["ts"] = "1700000000.000300", ["user"] = "U2", ["text"] = "shipped it" },
    };
}
