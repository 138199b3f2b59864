using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FeedbackBot.Core.Ports;
using FeedbackBot.Testing;
using FeedbackBot.Testing.Teams;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static FeedbackBot.Teams.Tests.TeamsTestHost;

namespace FeedbackBot.Teams.Tests;

/// <summary>
/// A Teams test host for the give flows: a FakeTimeProvider, the real coach (Core's), and background work that is
/// only stored until the test plays the job server (<see cref="RecordingBackgroundWork"/>), so a test can see the
/// activity answered before the slow work ran. Plus builders for mentions, card actions and reactions.
/// </summary>
internal sealed class GiveKit : IAsyncDisposable
{
    public const string Channel = "19:general@thread.tacv2";

    /// <summary>Praise the real coach has nothing to add to (specific, with its effect).</summary>
    public const string GoodPraise = "In Tuesday's demo you answered every question calmly, which made the client trust us.";

    /// <summary>Vague praise the real coach has tips for.</summary>
    public const string VaguePraise = "Great job!";

    public const string Hostile = "**Great** job [click](http://evil.example) <at>Ben Okafor</at> <b>bold</b> ${secret}";

    private GiveKit(TeamsTestHost host, RecordingBackgroundWork work, FakeTimeProvider time)
    {
        Host = host;
        Work = work;
        Time = time;
    }

    public TeamsTestHost Host { get; }
    public RecordingBackgroundWork Work { get; }
    public FakeTimeProvider Time { get; }

    /// <summary><paramref name="more"/> registers further services (e.g. value tags, settings).</summary>
    public static async Task<GiveKit> StartGiveAsync(Action<IServiceCollection>? more = null)
    {
        var work = new RecordingBackgroundWork();
        // Tokens are signed with the real clock; the fake one starts there.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var host = await TeamsTestHost.StartAsync(configure: services =>
        {
            services.AddSingleton<TimeProvider>(time);
            services.AddSingleton<IBackgroundWork>(work);
            more?.Invoke(services);
        });
        return new GiveKit(host, work, time);
    }

    /// <summary>Makes <paramref name="user"/> a member of <paramref name="conversationId"/> (a channel the bot is in) without them ever talking to the bot.</summary>
    public void JoinConversation(TestUser user, string conversationId)
    {
        Host.Connector.AddConversation(conversationId);
        Host.Connector.AddUser(user.Id, user.Aad, user.Name).Conversations.Add(conversationId);
    }

    /// <summary>"@FeedbackBot give @Ben text" in a channel, with both mention entities as Teams sends them.</summary>
    public JsonObject ChannelMessage(TestUser from, string textAfterBot, params TestUser[] mentioned)
    {
        var entities = new JsonArray(BotMention());
        foreach (var user in mentioned)
        {
            entities.Add(Mention(user.Id, user.Name));
        }

        return Host.Message(from, "<at>FeedbackBot</at> " + textAfterBot, Channel, "channel", entities);
    }

    public static string At(TestUser user) => $"<at>{user.Name}</at>";


    /// <summary>An <c>adaptiveCard/action</c> invoke (Universal Actions) from <paramref name="from"/>'s 1:1.</summary>
    public JsonObject Invoke(TestUser from, string verb, JsonObject data, string? replyToId = null)
    {
        var activity = Host.Activity("invoke", from, FakeTeamsConnector.PersonalConversation(from.Id), "personal");
        activity["name"] = "adaptiveCard/action";
        activity["replyToId"] = replyToId ?? "card-1";
        activity["value"] = new JsonObject
        {
            ["trigger"] = "manual",
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data },
        };
        return activity;
    }

    /// <summary>Clicks the button with <paramref name="verb"/> on <paramref name="card"/>, the inputs merged into its data as Teams does; returns the card that replaces it.</summary>
    public Task<JsonObject> ClickAsync(TestUser from, JsonObject card, string verb, JsonObject? inputs = null) =>
        ActAsync(from, verb, Data(card, verb, inputs));

    /// <summary>An <c>Action.Execute</c> with <paramref name="verb"/> and <paramref name="data"/> (a button on someone else's card); returns the replacing card.</summary>
    public async Task<JsonObject> ActAsync(TestUser from, string verb, JsonObject data)
    {
        var response = await Host.PostAsync(Invoke(from, verb, data));
        response.EnsureSuccessStatusCode();
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(200, (int?)body["statusCode"]);
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)body["type"]);
        return (JsonObject)body["value"]!;
    }

    /// <summary>The button's data with the inputs on top (the first button with <paramref name="verb"/>, or the one <paramref name="which"/> picks).</summary>
    public static JsonObject Data(JsonObject card, string verb, JsonObject? inputs = null, Func<JsonObject, bool>? which = null)
    {
        var button = Find(card, o => ((string?)o["verb"] == verb || (string?)o["data"]?["giveStep"] == verb) && (which?.Invoke(o) ?? true))
            ?? throw new Xunit.Sdk.XunitException($"No button {verb} on the card: {card.ToJsonString()}");
        var data = (JsonObject)(button["data"]?.DeepClone() ?? new JsonObject());
        foreach (var (key, value) in inputs ?? new JsonObject())
        {
            data[key] = value?.DeepClone();
        }

        return data;
    }

    /// <summary>The first object in <paramref name="node"/> (depth first) matching <paramref name="match"/>.</summary>
    public static JsonObject? Find(JsonNode? node, Func<JsonObject, bool> match)
    {
        switch (node)
        {
            case JsonObject o when match(o):
                return o;
            case JsonObject o:
                return o.Select(p => Find(p.Value, match)).FirstOrDefault(f => f is not null);
            case JsonArray a:
                return a.Select(x => Find(x, match)).FirstOrDefault(f => f is not null);
            default:
                return null;
        }
    }

    /// <summary>The input with <paramref name="id"/> on <paramref name="card"/>.</summary>
    public static JsonObject Input(JsonObject card, string id) =>
        Find(card, o => (string?)o["id"] == id) ?? throw new Xunit.Sdk.XunitException($"No input {id} on the card");

    /// <summary>Every string the card shows (as <see cref="ConnectorMessage.CardText"/>).</summary>
    public static string Text(JsonObject card) => new ConnectorMessage("", "", new JsonObject
    {
        ["attachments"] = new JsonArray(new JsonObject { ["content"] = card.DeepClone() }),
    }).CardText;

    public Task<HttpResponseMessage> PostAsync(JsonObject activity) => Host.PostAsync(activity);

    /// <summary>Plays the job server, then the delivery dispatcher, for everything dispatched so far.</summary>
    public async Task RunWorkAsync() => await Work.RunPendingAsync(Host.Services);

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
