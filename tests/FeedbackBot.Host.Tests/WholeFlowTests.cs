using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using FeedbackBot.Slack.Give;
using FeedbackBot.Slack.Requests;
using FeedbackBot.Slack.Settings;
using FeedbackBot.Testing;

namespace FeedbackBot.Host.Tests;

/// <summary>
/// Issue 10 "Must show": the whole flow in the real host process (embedded Garnet, Hangfire, the Slack adapter)
/// against the strict fake Slack, with every request signed as Slack signs it: a give, a request answered through
/// the button and the modal, a reaction with the configured emoji, and a weekly digest coming due. Asserts what each
/// person holds in their DM at the fake, and that each message arrived once. Waits are bounded polls.
/// </summary>
public sealed class WholeFlowTests : IAsyncLifetime
{
    private const string Grace = "UGIVER";
    private const string Ravi = "URECIP";
    private const string Emoji = "eyes";

    // Texts Core's real coach accepts (a moment and its effect), so nothing stops at a coach review.
    private const string GiveText = "Your rollback plan in Tuesday's demo calmed the client, which saved the deal & the quarter.";
    private const string Question = "How did my <b>pitch</b> on Monday land?";
    private const string AnswerText = "Your pitch on Monday was clear, which helped the client decide. Next time, try opening with the numbers.";

    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"); // the fake's default tz

    private readonly string _dir = Directory.CreateTempSubdirectory("fb-flow-").FullName;
    private FakeSlackApi _slack = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackApi.StartAsync();
        _slack.SetUser(Grace, name: "Grace");
        _slack.SetUser(Ravi, name: "Ravi");
        // The reacted-to message, as conversations.replies and chat.getPermalink give it.
        _slack.Respond("conversations.replies", _ => new JsonObject
        {
            ["ok"] = true,
            ["messages"] = new JsonArray(new JsonObject { ["ts"] = "1700000000.000200", ["user"] = Grace, ["text"] = "Draft of our launch plan" }),
        });
        _slack.Respond("chat.getPermalink", _ => new JsonObject { ["ok"] = true, ["permalink"] = "https://acme.slack.com/archives/C1/p1700000000000200" });
    }

    public async Task DisposeAsync()
    {
        await _slack.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task GiveRequestAnswerReactionDigest_EachPersonGetsTheirMessagesOnce()
    {
        var settings = EndToEndTests.SlackSettings(_slack, _dir);
        settings["Slack:RequestEmoji"] = Emoji;
        await using var host = HostProcess.Start(settings);
        await host.WaitReadyAsync();
        using var http = new HttpClient { BaseAddress = host.BaseAddress };

        // 1. Give: Grace → Ravi, one DM to Ravi and Grace's confirmation.
        await SendAsync(http, "slack/commands", SlackRequestSigner.CommandBody($"<@{Ravi}|ravi> {FakeSlackApi.Escape(GiveText)}", userId: Grace, responseUrl: _slack.ResponseUrl("give")));
        await WaitForDmAsync(Ravi, m => m.AllText.Contains(Escaped(GiveText)), "the give");
        await WaitForDmAsync(Grace, m => m.AllText.Contains("Your feedback reached"), "the give's confirmation");

        // 2. Request: Grace asks Ravi; Ravi's DM holds the question and the "Give feedback" button.
        await SendAsync(http, "slack/commands", SlackRequestSigner.CommandBody($"request <@{Ravi}> {FakeSlackApi.Escape(Question)}", userId: Grace, responseUrl: _slack.ResponseUrl("ask")));
        var prompt = await WaitForDmAsync(Ravi, m => m.AllText.Contains(Escaped(Question)), "the request prompt");
        var requestId = ButtonValue(prompt, RequestGiveAction.ActionId);

        // 3. Ravi answers: the button opens the give modal, Ravi submits it.
        await SendAsync(http, "slack/interactivity", SlackRequestSigner.InteractionBody(ButtonClick(Ravi, RequestGiveAction.ActionId, requestId, _slack.ResponseUrl("click"))));
        var open = (await _slack.WaitForAsync("views.open", timeout: TimeSpan.FromSeconds(30))).Single();
        Assert.Equal(GiveModal.CallbackId, open.View!["callback_id"]!.GetValue<string>());
        var submit = await SendAsync(http, "slack/interactivity", SlackRequestSigner.InteractionBody(
            ViewSubmission(Ravi, GiveView(Grace, AnswerText, open.View!["private_metadata"]!.GetValue<string>()))));
        Assert.Equal("", await submit.Content.ReadAsStringAsync()); // the modal closes: no errors, no coach review
        var answer = await WaitForDmAsync(Grace, m => m.AllText.Contains(Escaped(AnswerText)), "the answer");
        Assert.Contains($"You asked: {Escaped(Question)}", answer.AllText);
        await WaitForDmAsync(Grace, m => m.AllText.Contains($"<@{Ravi}> answered your request"), "the answered notice");

        // 4. Reaction: Ravi reacts with the configured emoji to Grace's message; Ravi is offered to give feedback.
        await SendAsync(http, "slack/events", Reaction(Ravi, Grace).ToJsonString(), "application/json");
        await WaitForDmAsync(Ravi, m => m.AllText.Contains($"Give <@{Grace}> feedback on"), "the reaction prompt");

        // 5. Digest: Grace sets her digest to the coming minute (Slack's timepicker has minutes; the planner runs
        // every minute), through the settings modal; the digest arrives at that minute.
        var due = NextWholeMinute(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Berlin), atLeast: TimeSpan.FromSeconds(20));
        var saved = await SendAsync(http, "slack/interactivity", SlackRequestSigner.InteractionBody(ViewSubmission(Grace, SettingsView(due))));
        Assert.Equal("", await saved.Content.ReadAsStringAsync());
        var digest = await WaitForDmAsync(Grace, m => m.AllText.Contains("You received"), "the weekly digest", TimeSpan.FromSeconds(150));
        Assert.Contains("You received 1 piece of feedback this week", digest.AllText);
        Assert.Contains(Escaped(AnswerText), digest.AllText); // the answer, as the latest excerpt

        // Who got what, once. The digest came a minute after everything else: a retried duplicate of any
        // earlier message would have arrived by then.
        var toRavi = _slack.DmMessages(Ravi).Select(m => m.AllText).ToArray();
        var toGrace = _slack.DmMessages(Grace).Select(m => m.AllText).ToArray();
        var why = $"\nRavi: {string.Join("\n---\n", toRavi)}\n\nGrace: {string.Join("\n---\n", toGrace)}\n\nhost:\n{host.Output[^Math.Min(host.Output.Length, 3000)..]}";
        Assert.True(1 == toRavi.Count(t => t.Contains(Escaped(GiveText))), "Ravi gets the give once" + why);
        Assert.True(1 == toRavi.Count(t => t.Contains(Escaped(Question))), "Ravi gets the request once" + why);
        Assert.True(1 == toRavi.Count(t => t.Contains($"Give <@{Grace}> feedback on")), "Ravi gets the reaction prompt once" + why);
        Assert.True(1 == toGrace.Count(t => t.Contains($"<@{Ravi}> sent you feedback") && t.Contains(Escaped(AnswerText))), "Grace gets the answer once" + why);
        Assert.True(1 == toGrace.Count(t => t.Contains($"<@{Ravi}> answered your request")), "Grace is told once that Ravi answered" + why);
        Assert.True(1 == toGrace.Count(t => t.Contains("You received")), "Grace gets one digest" + why);
        // Nobody gets what is not theirs: Grace's question reaches only Ravi, and the answer and digest only Grace.
        Assert.DoesNotContain(toGrace, t => t.Contains("Give <@") && t.Contains("feedback on"));
        Assert.DoesNotContain(toRavi, t => t.Contains(Escaped(AnswerText)) || t.Contains("You received"));
        Assert.All(_slack.Calls, c => Assert.DoesNotContain("&amp;amp;", c.Body));
    }

    // Slack escapes &, < and > in what it shows; the bot escapes user text once.
    private static string Escaped(string text) => FakeSlackApi.Escape(text);

    internal static async Task<HttpResponseMessage> SendAsync(HttpClient http, string path, string body, string contentType = "application/x-www-form-urlencoded")
    {
        var response = await http.SendAsync(SlackRequestSigner.Signed(path, body, EndToEndTests.Secret, DateTimeOffset.UtcNow, contentType));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response;
    }

    private Task<FakeMessage> WaitForDmAsync(string user, Func<FakeMessage, bool> match, string what, TimeSpan? within = null) =>
        _slack.WaitForDmAsync(user, match, what, within);

    /// <summary>The start of the first whole minute at least <paramref name="atLeast"/> away, in Berlin time.</summary>
    internal static DateTimeOffset NextWholeMinute(DateTimeOffset now, TimeSpan atLeast)
    {
        var next = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMinute)).AddMinutes(1);
        return next - now < atLeast ? next.AddMinutes(1) : next;
    }

    internal static string ButtonValue(FakeMessage message, string actionId) =>
        message.Blocks!.SelectMany(b => b!["elements"] as JsonArray ?? [])
            .First(e => e!["action_id"]?.GetValue<string>() == actionId)!["value"]!.GetValue<string>();

    internal static JsonObject ButtonClick(string user, string actionId, string value, string responseUrl) => new()
    {
        ["type"] = "block_actions",
        ["user"] = new JsonObject { ["id"] = user, ["team_id"] = "T1" },
        ["team"] = new JsonObject { ["id"] = "T1", ["domain"] = "acme" },
        ["api_app_id"] = "A1",
        ["trigger_id"] = SlackRequestSigner.NewTriggerId(),
        ["response_url"] = responseUrl,
        ["container"] = new JsonObject { ["type"] = "message", ["channel_id"] = FakeSlackApi.DmChannel(user) },
        ["actions"] = new JsonArray(new JsonObject
        {
            ["action_id"] = actionId, ["block_id"] = "b", ["type"] = "button", ["value"] = value,
            ["action_ts"] = (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000m).ToString(CultureInfo.InvariantCulture),
        }),
    };

    internal static JsonObject ViewSubmission(string user, JsonObject view) => new()
    {
        ["type"] = "view_submission",
        ["user"] = new JsonObject { ["id"] = user, ["team_id"] = "T1" },
        ["team"] = new JsonObject { ["id"] = "T1", ["domain"] = "acme" },
        ["trigger_id"] = SlackRequestSigner.NewTriggerId(),
        ["view"] = view,
    };

    internal static JsonObject View(string callbackId, JsonObject values, string privateMetadata = "") => new()
    {
        ["id"] = "V" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant(),
        ["type"] = "modal",
        ["callback_id"] = callbackId,
        ["hash"] = "h" + Guid.NewGuid().ToString("N")[..8],
        ["private_metadata"] = privateMetadata,
        ["state"] = new JsonObject { ["values"] = values },
    };

    internal static JsonObject Input(string action, JsonObject element) => new() { [action] = element };

    internal static JsonObject Option(string type, string value) => new() { ["type"] = type, ["selected_option"] = new JsonObject { ["value"] = value } };

    internal static JsonObject GiveView(string recipient, string text, string privateMetadata, string visibility = "Private") => View(GiveModal.CallbackId, new JsonObject
    {
        [GiveModal.RecipientsBlock] = Input(GiveModal.RecipientsAction, new JsonObject { ["type"] = "multi_users_select", ["selected_users"] = new JsonArray(recipient) }),
        [GiveModal.TemplateBlock] = Input(GiveModal.TemplateAction, Option("static_select", "Free")),
        [GiveModal.KindBlock] = Input(GiveModal.KindAction, Option("radio_buttons", "Constructive")),
        [GiveModal.VisibilityBlock] = Input(GiveModal.VisibilityAction, Option("radio_buttons", visibility)),
        [GiveModal.PartBlockPrefix + "text"] = Input($"{GiveModal.PartAction}:text", new JsonObject { ["type"] = "plain_text_input", ["value"] = text }),
    }, privateMetadata);

    /// <summary>The settings modal submitted: the digest at <paramref name="digestAt"/> (none: untouched), anonymous feedback accepted or not.</summary>
    internal static JsonObject SettingsView(DateTimeOffset? digestAt, bool acceptAnonymous = false)
    {
        JsonObject Picked(params string[] values) => new()
        {
            ["type"] = "checkboxes",
            ["selected_options"] = new JsonArray([.. values.Select(v => (JsonNode)new JsonObject { ["value"] = v })]),
        };
        var values = new JsonObject
        {
            [SettingsModal.AnonymousBlock] = Input(SettingsModal.AnonymousAction, acceptAnonymous ? Picked("accept") : Picked()),
        };
        if (digestAt is { } at)
        {
            values[SettingsModal.ReminderOnBlock] = Input(SettingsModal.ReminderOnAction, Picked("on"));
            values[SettingsModal.ReminderDayBlock] = Input(SettingsModal.ReminderDayAction, Option("static_select", at.DayOfWeek.ToString()));
            values[SettingsModal.ReminderTimeBlock] = Input(SettingsModal.ReminderTimeAction,
                new JsonObject { ["type"] = "timepicker", ["selected_time"] = at.ToString("HH:mm", CultureInfo.InvariantCulture) });
        }

        return View(SettingsModal.CallbackId, values);
    }

    private static JsonObject Reaction(string reactor, string author) => new()
    {
        ["token"] = "x",
        ["team_id"] = "T1",
        ["api_app_id"] = "A1",
        ["type"] = "event_callback",
        ["event_id"] = "Ev" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant(),
        ["event_time"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        ["event"] = new JsonObject
        {
            ["type"] = "reaction_added",
            ["user"] = reactor,
            ["reaction"] = Emoji,
            ["item_user"] = author,
            ["item"] = new JsonObject { ["type"] = "message", ["channel"] = "C1", ["ts"] = "1700000000.000200" },
            ["event_ts"] = (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000m).ToString(CultureInfo.InvariantCulture),
        },
    };
}
