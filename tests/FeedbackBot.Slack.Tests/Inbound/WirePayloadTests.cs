using System.Text;
using System.Text.Json.Nodes;
using FeedbackBot.Slack.Inbound;
using Microsoft.Extensions.DependencyInjection;

namespace FeedbackBot.Slack.Tests.Inbound;

/// <summary>
/// The typed reading of Slack's JSON (source-generated records, then a validity check into the domain records):
/// what it keeps, and that no input at all makes it throw (issue 10 #15: malformed is a 400, never a 500).
/// </summary>
public sealed class WirePayloadTests
{
    private static string Valid(JsonObject? view = null) => Payloads.BlockAction("give_part:text", view: view ?? Payloads.GiveView(["U2"], "x")).ToJsonString();

    [Fact]
    public void BlockAction_ReadsIdsClickTimeAndSelection()
    {
        var payload = Payloads.BlockAction("give_template", "v");
        payload["actions"]![0]!["selected_option"] = new JsonObject { ["value"] = "Sbi", ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = "SBI" } };

        var interaction = Interaction.Parse(payload.ToJsonString());

        var action = Assert.Single(interaction!.Actions);
        Assert.Equal(("give_template", "b", "v", "1.2", "Sbi"), (action.ActionId, action.BlockId, action.Value, action.ActionTs, action.SelectedOption));
        Assert.Equal(("block_actions", SlackTestHost.Team, "acme", "U1"), (interaction.Type, interaction.TeamId, interaction.TeamDomain, interaction.UserId));
    }

    [Fact]
    public void ViewState_IsTyped_EmptyStringsAndNullEntriesReadAsAbsent()
    {
        var view = Payloads.GiveView(["U2"], "x");
        var values = view["state"]!["values"]!.AsObject();
        values["recipients"]!["give_recipients"]!["selected_users"] = new JsonArray("U2", null, "", "U3");
        values["when"] = new JsonObject { ["date"] = new JsonObject { ["type"] = "datepicker", ["selected_date"] = "2026-12-01" } };
        values["at"] = new JsonObject { ["time"] = new JsonObject { ["type"] = "timepicker", ["selected_time"] = "09:30" } };
        values["days"] = new JsonObject { ["pick"] = new JsonObject { ["type"] = "checkboxes", ["selected_options"] = new JsonArray(new JsonObject { ["value"] = "Monday" }, null, new JsonObject()) } };
        values["where"] = new JsonObject { ["conv"] = new JsonObject { ["type"] = "conversations_select", ["selected_conversation"] = "C1" } };
        values["empty"] = new JsonObject { ["input"] = new JsonObject { ["type"] = "plain_text_input", ["value"] = "" }, ["gone"] = null };

        var state = Interaction.Parse(Payloads.ViewSubmission(view).ToJsonString())!.View!.State;

        Assert.Equal(["U2", "U3"], state["recipients", "give_recipients"]!.SelectedUsers);
        Assert.Equal("Free", state["template", "give_template"]!.SelectedOption);
        Assert.Equal("2026-12-01", state["when", "date"]!.SelectedDate);
        Assert.Equal("09:30", state["at", "time"]!.SelectedTime);
        Assert.Equal(["Monday"], state["days", "pick"]!.SelectedOptions);
        Assert.Equal("C1", state["where", "conv"]!.SelectedConversation);
        Assert.Null(state["empty", "input"]!.Value);
        Assert.Null(state["empty", "gone"]);
        Assert.Null(state["no_such_block", "x"]);
    }

    [Fact]
    public void UnmodelledFields_AreIgnoredWhateverTheirType()
    {
        var payload = JsonNode.Parse(Valid())!.AsObject();
        payload["enterprise"] = new JsonArray(1, 2);
        payload["is_enterprise_install"] = false;
        payload["actions"]![0]!["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Go" };
        payload["view"]!["blocks"] = new JsonArray(new JsonObject { ["type"] = "divider" });
        payload["view"]!["state"]!["values"]!["kind"]!["give_kind"]!["selected_date_time"] = 1700000000;

        Assert.NotNull(Interaction.Parse(payload.ToJsonString()));
    }

    public static TheoryData<string> Hostile()
    {
        var valid = Valid();
        var nested = new string('[', 10_000) + new string(']', 10_000);
        string With(string from, string to) => valid.Replace(from, to, StringComparison.Ordinal);
        return new TheoryData<string>
        {
            "", "null", "5", "\"x\"", "[]", "{", "{}", "{\"type\":\"block_actions\"}",
            With("\"id\":\"U1\"", "\"id\":5"),
            With("\"id\":\"U1\"", "\"id\":1e400"),
            With("\"id\":\"U1\"", "\"id\":\"\\ud800\""),
            With("\"id\":\"U1\"", "\"id\":\"U1\",\"id\":\"U9\""),
            With("\"selected_users\":[\"U2\"]", "\"selected_users\":[\"U2\",5]"),
            With("\"selected_users\":[\"U2\"]", "\"selected_users\":\"U2\""),
            With("\"selected_option\":{\"value\":\"Free\"}", "\"selected_option\":\"Free\""),
            With("\"selected_option\":{\"value\":\"Free\"}", "\"selected_option\":{\"value\":[]}"),
            With("\"recipients\":{", "\"recipients\":{\"give_recipients\":{},"),
            With("\"values\":{", "\"values\":{\"recipients\":[],"),
            With("\"values\":{", "\"values\":{\"\\ud800\":{\"\\udc00x\":{\"value\":\"\\ud800\"}},"),
            With("\"state\":{", "\"state\":{\"values\":5,\"x\":"),
            With("\"actions\":[", "\"actions\":[5,"),
            With("\"type\":\"block_actions\"", "\"type\":\"block_actions\",\"deep\":" + nested),
            With("\"type\":\"block_actions\"", "\"type\":\"block_actions\",/*c*/"),
            valid + " {}",
            valid.TrimEnd('}') + ",}",
        };
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public void HostileJson_IsRejected_NeverThrows(string json)
    {
        Assert.Null(Interaction.Parse(json));
        Assert.Null(SlackEventEnvelope.Parse(json)?.ToEvent());
    }

    [Fact]
    public void NullEntriesInActions_AreSkipped()
    {
        var json = Valid().Replace("\"actions\":[", "\"actions\":[null,", StringComparison.Ordinal);

        Assert.Single(Interaction.Parse(json)!.Actions);
    }

    [Fact]
    public void EveryTruncationAndByteFlip_OfValidPayloads_ParsesOrIsRejected_WithoutThrowing()
    {
        var random = new Random(10);
        var samples = new[]
        {
            Valid(),
            Payloads.ViewSubmission(Payloads.GiveView(["U2"], "nice", privateMetadata: "{\"r\":\"R1\"}")).ToJsonString(),
            Requests.RequestTestKit.Reaction("U2", "U1").ToJsonString(),
        };
        var tried = 0;
        foreach (var sample in samples)
        {
            var bytes = Encoding.UTF8.GetBytes(sample);
            for (var cut = 0; cut < bytes.Length; cut++)
            {
                Read(Encoding.UTF8.GetString(bytes, 0, cut));
                var flipped = (byte[])bytes.Clone();
                flipped[random.Next(flipped.Length)] = (byte)random.Next(256);
                Read(Encoding.UTF8.GetString(flipped));
                tried += 2;
            }
        }

        Assert.True(tried > 2000, $"only {tried}");

        // Reaching the end without an exception is the assertion: both readers are total.
        static void Read(string json)
        {
            _ = Interaction.Parse(json);
            _ = SlackEventEnvelope.Parse(json)?.ToEvent();
        }
    }

    [Fact]
    public void EventOfATypeWeDoNotHandle_KeepsItsTypeWhateverItsFieldsAre()
    {
        var json = Requests.RequestTestKit.Envelope("Ev9", new JsonObject { ["type"] = "channel_created", ["channel"] = new JsonObject { ["id"] = "C1" } }).ToJsonString();

        var envelope = SlackEventEnvelope.Parse(json);

        Assert.Equal(("event_callback", "channel_created", SlackTestHost.Team, "Ev9"), (envelope!.Type, envelope.EventType, envelope.TeamId, envelope.EventId));
        Assert.Null(envelope.ToEvent());
    }

    [Fact]
    public void ReactionEvent_IsTyped()
    {
        var slackEvent = SlackEventEnvelope.Parse(Requests.RequestTestKit.Reaction("U2", "U1").ToJsonString())!.ToEvent();

        Assert.Equal(("reaction_added", "U2", "speech_balloon", "U1"), (slackEvent!.Type, slackEvent.UserId, slackEvent.Event.Reaction, slackEvent.Event.ItemUser));
        Assert.Equal(("message", "C1", "1700000000.000200"), (slackEvent.Event.Item!.Type, slackEvent.Event.Item.Channel, slackEvent.Event.Item.Ts));
    }

    [Fact]
    public async Task StoredEvent_RunsFromTheJobPayload_InTheNewAndTheFirstStoredForm()
    {
        var reaction = Requests.RequestTestKit.Reaction("U2", "U1");
        var slackEvent = SlackEventEnvelope.Parse(reaction.ToJsonString())!.ToEvent()!;
        // What the endpoint stored before typed parsing: the raw event, every field Slack sent.
        var firstForm = new JsonObject { ["team"] = SlackTestHost.Team, ["eventId"] = "EvR1", ["type"] = "reaction_added", ["event"] = reaction["event"]!.DeepClone() };
        var seen = new List<SlackEvent>();
        var services = new ServiceCollection().AddKeyedSingleton<ISlackEventHandler>("reaction_added", new Capture(seen)).BuildServiceProvider();

        await new SlackEventWork(services).RunAsync(SlackEventWork.Payload(slackEvent), CancellationToken.None);
        await new SlackEventWork(services).RunAsync(firstForm.ToJsonString(), CancellationToken.None);

        Assert.Equal([slackEvent, slackEvent], seen);
    }

    private sealed class Capture(List<SlackEvent> seen) : ISlackEventHandler
    {
        public Task HandleAsync(SlackEvent slackEvent, CancellationToken ct)
        {
            seen.Add(slackEvent);
            return Task.CompletedTask;
        }
    }
}
