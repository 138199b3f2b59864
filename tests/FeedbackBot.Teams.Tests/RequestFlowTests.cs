using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Ports;
using FeedbackBot.Core.Requests;
using FeedbackBot.Teams.Cards;
using FeedbackBot.Teams.Inbound;
using FeedbackBot.Teams.Requests;
using FeedbackBot.Testing;
using FeedbackBot.Testing.Teams;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static FeedbackBot.Teams.Tests.TeamsTestHost;

namespace FeedbackBot.Teams.Tests;

/// <summary>
/// Requests through <c>POST /api/messages</c>: the command with mentions, the form and its card actions, prompts with
/// Give / Decline / Snooze, and what the requester is told — against the fake connector.
/// </summary>
public sealed class RequestFlowTests
{
    // No "<at>…</at>" here: Teams sends what a person types with its own markup escaped, so a literal one cannot
    // arrive in a message's text; card text is checked against it in RoutingTests and DeliveryTests.
    private const string Hostile = "**Great** [click](http://evil.example) <b>bold</b> <script>alert(1)</script> ${secret}";

    [Fact]
    public async Task RequestCommand_WithMentions_PromptsEachWithButtons_AndTellsTheRequester()
    {
        await using var host = await RequestKit.StartAsync(meetAll: true);

        var response = await host.PostAsync(RequestKit.RequestMessage(host, Ana, "How was my demo?", Ben, RequestKit.Cem));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await RequestKit.IdleAsync(host);

        var request = RequestKit.SingleRequest(host);
        // Teams request ids carry the tenant GUID: longer than the 64 characters some checks once allowed.
        Assert.True(request.Id.Length > 64, request.Id);
        Assert.Equal("How was my demo?", request.Question);
        Assert.Equal([Ben.Person, RequestKit.Cem.Person], request.Recipients.Select(r => r.Person));
        foreach (var user in new[] { Ben, RequestKit.Cem })
        {
            var prompt = host.Connector.PersonalMessages(user.Id).Last();
            Assert.Contains("asks for your feedback", prompt.CardText);
            Assert.Contains(Ana.Name, prompt.CardText);
            Assert.Contains("How was my demo?", prompt.CardText);
            var buttons = RequestKit.Executes(prompt.Card!).ToArray();
            Assert.Equal([RequestCards.GiveVerb, DeclineAction.Verb, SnoozeAction.Verb], buttons.Select(b => (string?)b["verb"]));
            Assert.All(buttons, b => Assert.Equal(request.Id, (string?)b["data"]![RequestCards.RequestIdKey]));
        }

        var told = host.Connector.PersonalMessages(Ana.Id).Last().CardText;
        Assert.Contains("I asked", told);
        Assert.Contains($"{Ben.Name} and {RequestKit.Cem.Name}", told);
    }

    [Fact]
    public async Task RequestCommand_InAGroupChat_ReachesSomeoneNeverMet_AndNamesWhoCannotBeReached()
    {
        await using var host = await RequestKit.StartAsync();
        await host.MeetAsync(Ana);
        const string group = "19:group-chat@thread.v2";
        host.Connector.AddConversation(group);
        host.Connector.AddUser(Ben.Id, Ben.Aad, Ben.Name).Conversations.Add(group);
        var zed = new TestUser("29:zed", "0d0d0d0d-0000-0000-0000-00000000000d", "Zed Nobody");

        var message = RequestKit.RequestMessage(host, Ana, "Was the plan clear?", [Ben, zed], group, "groupChat", botMentioned: true);
        Assert.Equal(HttpStatusCode.OK, (await host.PostAsync(message)).StatusCode);
        await RequestKit.IdleAsync(host);

        // Ben never talked to the bot: the group chat's members API said who he is, and his 1:1 was created.
        var prompt = Assert.Single(host.Connector.PersonalMessages(Ben.Id));
        Assert.Contains("Was the plan clear?", prompt.CardText);
        Assert.Single(host.Connector.ConnectorCalls, c => c.Method == "POST" && c.Path == "/teams/v3/conversations");
        Assert.Equal([Ben.Person], RequestKit.SingleRequest(host).Recipients.Select(r => r.Person));

        var told = host.Connector.MessagesIn(group).Last().CardText;
        Assert.Contains("I asked", told);
        Assert.Contains(Ben.Name, told);
        // The same sentence a give says for someone Teams does not know where they were mentioned.
        Assert.Contains($"I can't reach {zed.Name}: Teams says they are not in the chat where you mentioned them", told);
    }

    [Fact]
    public async Task RequestForm_SubmitUpdatesTheCardInPlace_ThenDeclineWithReason_TellsTheRequesterAndSummarizes()
    {
        await using var host = await RequestKit.StartAsync();
        await host.MeetAsync(Ana);
        await host.MeetAsync(Ben);

        await host.PostAsync(host.Message(Ana, "request"));
        var form = host.Connector.PersonalMessages(Ana.Id).Last();
        var picker = RequestKit.Input(form.Card!, RequestCards.RecipientsInput);
        Assert.Equal("Input.ChoiceSet", (string?)picker["type"]);
        Assert.Equal("Data.Query", (string?)picker["choices.data"]!["type"]);
        Assert.Equal("graph.microsoft.com/users", (string?)picker["choices.data"]!["dataset"]);
        Assert.NotNull((string?)RequestKit.Input(form.Card!, RequestCards.DueInput)["value"]);
        Assert.Equal(RequestSubmitAction.Verb, (string?)Assert.Single(RequestKit.Executes(form.Card!))["verb"]);

        var due = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(7)).ToString("yyyy-MM-dd");
        var (status, answer) = await RequestKit.ExecuteAsync(host, Ana, RequestSubmitAction.Verb, new JsonObject
        {
            [RequestCards.RecipientsInput] = Ben.Aad,
            [RequestCards.QuestionInput] = "Was the retro useful?",
            [RequestCards.DueInput] = due,
        }, replyToId: form.ActivityId);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Asking 1 person", RequestKit.Text(RequestKit.CardOf(answer)));
        await RequestKit.IdleAsync(host);

        // The form's message now says what happened; no second message.
        var updated = host.Connector.PersonalMessages(Ana.Id).Single(m => m.ActivityId == form.ActivityId);
        Assert.Contains("I asked", updated.CardText);
        Assert.Contains(Ben.Name, updated.CardText);
        Assert.Equal(form.ActivityId, host.Connector.PersonalMessages(Ana.Id).Last().ActivityId);
        var request = RequestKit.SingleRequest(host);
        Assert.Equal(due, WorkingDate(request));

        var (_, declineForm) = await RequestKit.ExecuteAsync(host, Ben, DeclineAction.Verb, RequestCards.Id(request.Id));
        var declineCard = RequestKit.CardOf(declineForm);
        Assert.Contains(Ana.Name, RequestKit.Text(declineCard));
        Assert.Equal("Input.Text", (string?)RequestKit.Input(declineCard, RequestCards.ReasonInput)["type"]);

        var data = RequestCards.Id(request.Id);
        data[RequestCards.ReasonInput] = "I missed the retro.";
        var (_, declined) = await RequestKit.ExecuteAsync(host, Ben, DeclineSendAction.Verb, data);
        var declinedText = RequestKit.Text(RequestKit.CardOf(declined));
        Assert.Contains($"You declined {Ana.Name}'s request", declinedText);
        Assert.Contains("Nobody is waiting on you.", declinedText);
        await RequestKit.IdleAsync(host);

        Assert.Equal(RecipientStatus.Declined, RequestKit.SingleRequest(host).Recipients.Single().Status);
        var toAna = host.Connector.PersonalMessages(Ana.Id).Select(m => m.CardText).ToArray();
        Assert.Contains(toAna, t => t.Contains("declined your request", StringComparison.Ordinal) && t.Contains("I missed the retro.", StringComparison.Ordinal));
        var summary = host.Connector.PersonalMessages(Ana.Id).Last();
        Assert.Contains("is closed", summary.CardText);
        Assert.Contains("0 of 1 answered", summary.CardText);
        var again = Assert.Single(RequestKit.Executes(summary.Card!));
        Assert.Equal(RequestOpenAction.Verb, (string?)again["verb"]);

        // "Ask someone else" brings the form back with the question.
        var (_, reopened) = await RequestKit.ExecuteAsync(host, Ana, RequestOpenAction.Verb, (JsonObject)again["data"]!.DeepClone());
        Assert.Equal("Was the retro useful?", (string?)RequestKit.Input(RequestKit.CardOf(reopened), RequestCards.QuestionInput)["value"]);

        static string WorkingDate(FeedbackRequest r) => DateOnly.FromDateTime(r.DueAt.UtcDateTime).ToString("yyyy-MM-dd");
    }

    [Fact]
    public async Task RequestForm_WithoutQuestion_ComesBackWithTheProblem_AndNothingIsStored()
    {
        await using var host = await RequestKit.StartAsync();
        await host.MeetAsync(Ana);
        await host.MeetAsync(Ben);

        var (status, answer) = await RequestKit.ExecuteAsync(host, Ana, RequestSubmitAction.Verb, new JsonObject
        {
            [RequestCards.RecipientsInput] = $"{Ben.Aad},{Ana.Aad}",
            [RequestCards.QuestionInput] = "  ",
        });

        Assert.Equal(HttpStatusCode.OK, status);
        var text = RequestKit.Text(RequestKit.CardOf(answer));
        Assert.Contains("Add a question", text);
        Assert.Contains("You can't ask yourself", text);
        await RequestKit.IdleAsync(host);
        Assert.Empty(RequestKit.Requests(host).All);
    }

    [Fact]
    public async Task Snooze_FromThePrompt_SaysWhenInTheirOwnTimeZone()
    {
        await using var host = await RequestKit.StartAsync(meetAll: true);
        await host.PostAsync(host.Message(Ben, "help")); // Ben's client: Europe/Lisbon
        await host.PostAsync(RequestKit.RequestMessage(host, Ana, "Thoughts on my PR?", Ben));
        await RequestKit.IdleAsync(host);
        var request = RequestKit.SingleRequest(host);

        var (_, snoozed) = await RequestKit.ExecuteAsync(host, Ben, SnoozeAction.Verb, RequestCards.Id(request.Id));

        var text = RequestKit.Text(RequestKit.CardOf(snoozed));
        Assert.Contains($"Snoozed. I'll remind you about {Ana.Name}'s request on", text);
        Assert.Contains("(Europe/Lisbon)", text);
        Assert.Contains("snoozed until", text);
        Assert.NotNull(RequestKit.SingleRequest(host).Recipients.Single().SnoozedUntil);
    }

    [Fact]
    public async Task Answer_TellsTheRequester_AndTheSummaryFollows()
    {
        await using var host = await RequestKit.StartAsync(meetAll: true);
        await host.PostAsync(RequestKit.RequestMessage(host, Ana, "How did I run the meeting?", Ben));
        await RequestKit.IdleAsync(host);
        var request = RequestKit.SingleRequest(host);

        // The answer itself comes from the give side (give.open → the give form); here it is stored as Core's give stores it.
        var item = new FeedbackItem($"teams.{Tenant}.{Guid.NewGuid():N}", Ben.Person, Ana.Person, FeedbackContent.FromText("Calm and on time."),
            FeedbackKind.Praise, FeedbackVisibility.Private, false, null, request.Id, DateTimeOffset.UtcNow);
        await host.Feedback.SaveAsync([item], item.CreatedAt, default);
        await using (var scope = host.Services.CreateAsyncScope())
        {
            Assert.Equal(AnswerOutcome.Answered, await scope.ServiceProvider.GetRequiredService<AnswerRequest>().RecordAsync(item, default));
        }

        var toAna = host.Connector.PersonalMessages(Ana.Id).TakeLast(2).Select(m => m.CardText).ToArray();
        Assert.Contains($"{Ben.Name}\n answered your request", toAna[0]);
        Assert.Contains("is closed", toAna[1]);
        Assert.Contains("1 of 1 answered", toAna[1]);

        // The prompt's buttons no longer act: the same words as for a request that does not exist.
        var (_, late) = await RequestKit.ExecuteAsync(host, Ben, SnoozeAction.Verb, RequestCards.Id(request.Id));
        Assert.Contains(TeamsRequestRunner.NotPending, RequestKit.Text(RequestKit.CardOf(late)));
    }

    [Fact]
    public async Task WholeFlow_RequestThenGiveFromThePrompt_AnswersIt_AndTheRequesterGetsTheSummary()
    {
        await using var host = await RequestKit.StartAsync(meetAll: true);
        await host.PostAsync(RequestKit.RequestMessage(host, Ana, "How did I run the planning?", Ben));
        await RequestKit.IdleAsync(host);
        var request = RequestKit.SingleRequest(host);

        // The prompt's own Give button (the give side's give.open) opens the give form answering this request.
        var give = RequestKit.Executes(host.Connector.PersonalMessages(Ben.Id).Last().Card!).First(b => (string?)b["verb"] == RequestCards.GiveVerb);
        var (_, opened) = await RequestKit.ExecuteAsync(host, Ben, RequestCards.GiveVerb, (JsonObject)give["data"]!.DeepClone());
        var form = RequestKit.CardOf(opened);
        var submit = GiveKit.Data(form, Give.GiveSubmitAction.Verb, new JsonObject { [GiveCards.PartInput(TemplateParts.Text)] = GiveKit.GoodPraise });
        var (_, sent) = await RequestKit.ExecuteAsync(host, Ben, Give.GiveSubmitAction.Verb, submit);
        Assert.Contains("is on its way", RequestKit.Text(RequestKit.CardOf(sent)));

        var item = Assert.Single(host.Feedback.All);
        Assert.Equal(request.Id, item.RequestId);
        await host.DeliverAsync(item.Id);

        Assert.Equal(RecipientStatus.Answered, RequestKit.SingleRequest(host).Recipients.Single().Status);
        var toAna = host.Connector.PersonalMessages(Ana.Id).Select(m => m.CardText).ToArray();
        Assert.Contains(toAna, t => t.Contains(GiveKit.GoodPraise, StringComparison.Ordinal));
        Assert.Contains(toAna, t => t.Contains("answered your request", StringComparison.Ordinal));
        Assert.Contains("1 of 1 answered", toAna[^1]);
        Assert.Contains("is closed", toAna[^1]);
    }

    [Fact]
    public async Task Buttons_OnSomeoneElsesOrAMissingRequest_AreRefusedAlike_AndChangeNothing()
    {
        await using var host = await RequestKit.StartAsync(meetAll: true);
        await host.PostAsync(RequestKit.RequestMessage(host, Ana, "Was my talk too long?", Ben));
        await RequestKit.IdleAsync(host);
        var request = RequestKit.SingleRequest(host);

        var (_, notMine) = await RequestKit.ExecuteAsync(host, RequestKit.Cem, SnoozeAction.Verb, RequestCards.Id(request.Id));
        var (_, missing) = await RequestKit.ExecuteAsync(host, RequestKit.Cem, DeclineSendAction.Verb, RequestCards.Id($"teams.{Tenant}.{Guid.NewGuid():N}"));
        var (_, garbage) = await RequestKit.ExecuteAsync(host, RequestKit.Cem, DeclineAction.Verb, RequestCards.Id(new string('x', 5000)));

        foreach (var answer in new[] { notMine, missing, garbage })
        {
            Assert.Contains(TeamsRequestRunner.NotFound, RequestKit.Text(RequestKit.CardOf(answer)));
        }

        await RequestKit.IdleAsync(host);
        Assert.Equal(RecipientStatus.Pending, RequestKit.SingleRequest(host).Recipients.Single().Status);
        Assert.Null(RequestKit.SingleRequest(host).Recipients.Single().SnoozedUntil);
    }

    [Fact]
    public async Task HostileText_IsInert_InThePromptTheOutcomeAndTheLists()
    {
        await using var host = await RequestKit.StartAsync(meetAll: true);
        await host.PostAsync(RequestKit.RequestMessage(host, Ana, Hostile, Ben));
        await RequestKit.IdleAsync(host);

        var prompt = host.Connector.PersonalMessages(Ben.Id).Last();
        RoutingTests.AssertUserTextOnlyInTextRuns(prompt.Card!, Hostile);
        Assert.Null(prompt.Activity["entities"]);
        Assert.Null(prompt.Activity["text"]);
        Assert.DoesNotContain(Hostile, (string?)prompt.Activity["summary"] ?? "");
        RoutingTests.AssertUserTextOnlyInTextRuns(host.Connector.PersonalMessages(Ana.Id).Last().Card!, Hostile);

        await host.PostAsync(host.Message(Ben, "pending"));
        RoutingTests.AssertUserTextOnlyInTextRuns(host.Connector.PersonalMessages(Ben.Id).Last().Card!, Hostile);
        var (_, decline) = await RequestKit.ExecuteAsync(host, Ben, DeclineAction.Verb, RequestCards.Id(RequestKit.SingleRequest(host).Id));
        RoutingTests.AssertUserTextOnlyInTextRuns(RequestKit.CardOf(decline), Hostile);
    }

    [Fact]
    public async Task AskOnMessage_FetchReturnsTheFormAboutTheMessage_SubmitAsksAndAnswersInTheResponse()
    {
        await using var host = await RequestKit.StartAsync(meetAll: true);
        const string channel = "19:general@thread.tacv2";
        var message = new JsonObject
        {
            ["id"] = "1700000000001",
            ["linkToMessage"] = "https://teams.microsoft.com/l/message/19:general@thread.tacv2/1700000000001",
            ["body"] = new JsonObject { ["contentType"] = "html", ["content"] = "<p>Here is the <b>launch plan</b> &amp; timeline</p>" },
            ["from"] = new JsonObject { ["user"] = new JsonObject { ["id"] = Ana.Aad, ["displayName"] = Ana.Name } },
        };
        var value = new JsonObject { ["commandId"] = AskOnMessageExtension.CommandId, ["commandContext"] = "message", ["messagePayload"] = message };

        var (fetchStatus, fetched) = await RequestKit.InvokeAsync(host, Ana, MessageExtensionInvoke.FetchTask, value, conversationId: channel, conversationType: "channel");

        Assert.Equal(HttpStatusCode.OK, fetchStatus);
        Assert.Equal("continue", (string?)fetched!["task"]!["type"]);
        var form = (JsonObject)fetched["task"]!["value"]!["card"]!["content"]!;
        Assert.Contains("Here is the launch plan & timeline", RequestKit.Text(form));
        var submit = (JsonObject)Assert.Single(form["actions"]!.AsArray())!;
        Assert.Equal("Action.Submit", (string?)submit["type"]); // dialogs run Action.Submit, not Action.Execute

        var data = (JsonObject)submit["data"]!.DeepClone();
        data[RequestCards.RecipientsInput] = Ben.Aad;
        data[RequestCards.QuestionInput] = "Is the plan realistic?";
        var submitted = (JsonObject)value.DeepClone();
        submitted["data"] = data;
        var (submitStatus, answer) = await RequestKit.InvokeAsync(host, Ana, MessageExtensionInvoke.SubmitAction, submitted, conversationId: channel, conversationType: "channel");

        Assert.Equal(HttpStatusCode.OK, submitStatus);
        Assert.Equal("message", (string?)answer!["task"]!["type"]);
        await RequestKit.IdleAsync(host);
        var request = RequestKit.SingleRequest(host);
        Assert.Equal("Here is the launch plan & timeline", request.Source!.Excerpt);
        Assert.Equal(Ana.Person, request.Source.Author);
        var prompt = host.Connector.PersonalMessages(Ben.Id).Last();
        Assert.Contains("Is the plan realistic?", prompt.CardText);
        Assert.Contains("launch plan & timeline", prompt.CardText);
        Assert.Contains(prompt.Card!["actions"]!.AsArray(), a => (string?)a!["type"] == "Action.OpenUrl" && ((string?)a["url"])!.StartsWith("https://teams.microsoft.com/", StringComparison.Ordinal));
        // How it went: in Ana's 1:1, not in the channel.
        Assert.Contains("I asked", host.Connector.PersonalMessages(Ana.Id).Last().CardText);
        Assert.Empty(host.Connector.MessagesIn(channel));
    }
}

/// <summary>Shared by the request-side tests: a third user, mentions, card actions and invokes, card lookups.</summary>
internal static class RequestKit
{
    public static readonly TestUser Cem = new("29:cem", "0c0c0c0c-0000-0000-0000-00000000000c", "Cem Demir");

    /// <summary>
    /// A Teams host that knows Cem too; <paramref name="more"/> registers further services, and with
    /// <paramref name="meetAll"/> Ana, Ben and Cem have installed the app (<see cref="MeetAllAsync"/>).
    /// </summary>
    public static async Task<TeamsTestHost> StartAsync(
        FakeTimeProvider? time = null, IBackgroundWork? work = null, bool anonymous = false, Action<IServiceCollection>? more = null, bool meetAll = false)
    {
        // The work after the answer is stored, as Hangfire stores it in the host; IdleAsync plays the job server.
        work ??= new RecordingBackgroundWork();
        var host = await TeamsTestHost.StartAsync(anonymous, time, services =>
        {
            services.AddSingleton(work);
            more?.Invoke(services);
        });
        host.Connector.AddUser(Cem.Id, Cem.Aad, Cem.Name);
        if (meetAll)
        {
            await MeetAllAsync(host);
        }

        return host;
    }

    private static async Task MeetAllAsync(TeamsTestHost host)
    {
        foreach (var user in new[] { Ana, Ben, Cem })
        {
            await host.MeetAsync(user);
        }
    }

    public static InMemoryRequestStore Requests(TeamsTestHost host) => (InMemoryRequestStore)host.Services.GetRequiredService<IRequestStore>();

    public static FeedbackRequest SingleRequest(TeamsTestHost host) => Assert.Single(Requests(host).All);

    public static JsonObject RequestMessage(TeamsTestHost host, TestUser from, string question, params TestUser[] people) =>
        RequestMessage(host, from, question, people, null, "personal");

    /// <summary>"request @… question" as Teams sends it: <c>&lt;at&gt;</c> text plus a mention entity per person.</summary>
    public static JsonObject RequestMessage(TeamsTestHost host, TestUser from, string question, TestUser[] people, string? conversationId, string conversationType, bool botMentioned = false)
    {
        var entities = new JsonArray(new JsonObject { ["type"] = "clientInfo", ["locale"] = "en-GB", ["timezone"] = "Europe/Lisbon" });
        var text = "request " + string.Join(' ', people.Select(p => $"<at>{p.Name}</at>")) + " " + question;
        if (botMentioned)
        {
            text = "<at>FeedbackBot</at> " + text;
            entities.Add(BotMention());
        }

        foreach (var person in people)
        {
            entities.Add(Mention(person.Id, person.Name));
        }

        return host.Message(from, text, conversationId, conversationType, entities);
    }

    /// <summary>An invoke from <paramref name="from"/>; returns the HTTP status and the JSON body Teams would read.</summary>
    public static async Task<(HttpStatusCode Status, JsonObject? Body)> InvokeAsync(
        TeamsTestHost host, TestUser from, string name, JsonObject value, string? replyToId = null, string? conversationId = null, string conversationType = "personal")
    {
        var invoke = host.Activity("invoke", from, conversationId ?? FakeTeamsConnector.PersonalConversation(from.Id), conversationType);
        invoke["name"] = name;
        invoke["value"] = value;
        if (replyToId is not null)
        {
            invoke["replyToId"] = replyToId;
        }

        var response = await host.PostAsync(invoke);
        var body = response.Content.Headers.ContentLength is 0 ? null : await response.Content.ReadFromJsonAsync<JsonObject>();
        return (response.StatusCode, body);
    }

    /// <summary>A click on an <c>Action.Execute</c> button (invoke <c>adaptiveCard/action</c>).</summary>
    public static Task<(HttpStatusCode Status, JsonObject? Body)> ExecuteAsync(TeamsTestHost host, TestUser from, string verb, JsonObject data, string? replyToId = null) =>
        InvokeAsync(host, from, CardActionInvoke.Name, new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data },
            ["trigger"] = "manual",
        }, replyToId);

    /// <summary>The card an <c>adaptiveCard/action</c> answer puts in place of the clicked one.</summary>
    public static JsonObject CardOf(JsonObject? answer)
    {
        Assert.Equal(ActivityCardType, (string?)answer?["type"]);
        return (JsonObject)answer!["value"]!;
    }

    private const string ActivityCardType = "application/vnd.microsoft.card.adaptive";

    /// <summary>Everything a reader sees on a card, as <see cref="ConnectorMessage.CardText"/> shows it.</summary>
    public static string Text(JsonObject card) =>
        new ConnectorMessage("-", "-", new JsonObject { ["attachments"] = new JsonArray(new JsonObject { ["content"] = card.DeepClone() }) }).CardText;

    /// <summary>Every <c>Action.Execute</c> on the card, in order (card actions and rows of buttons in the body).</summary>
    public static IEnumerable<JsonObject> Executes(JsonNode card) => Walk(card).Where(o => (string?)o["type"] == "Action.Execute");

    /// <summary>The input with <paramref name="id"/>.</summary>
    public static JsonObject Input(JsonNode card, string id) => Walk(card).Single(o => (string?)o["id"] == id && ((string?)o["type"])!.StartsWith("Input.", StringComparison.Ordinal));

    /// <summary>Runs the work stored after the answers so far, as the host's job server would.</summary>
    public static Task IdleAsync(TeamsTestHost host) => Work(host).RunPendingAsync(host.Services);

    public static RecordingBackgroundWork Work(TeamsTestHost host) => (RecordingBackgroundWork)host.Services.GetRequiredService<IBackgroundWork>();

    private static IEnumerable<JsonObject> Walk(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                yield return o;
                foreach (var (_, value) in o)
                {
                    foreach (var inner in Walk(value))
                    {
                        yield return inner;
                    }
                }

                break;
            case JsonArray a:
                foreach (var x in a)
                {
                    foreach (var inner in Walk(x))
                    {
                        yield return inner;
                    }
                }

                break;
        }
    }
}
