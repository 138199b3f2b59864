using System.Net;
using System.Text.Json.Nodes;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Growth;
using FeedbackBot.Core.Ports;
using FeedbackBot.Teams.Requests;
using FeedbackBot.Testing;
using FeedbackBot.Testing.Teams;
using Microsoft.Extensions.DependencyInjection;
using static FeedbackBot.Teams.Tests.TeamsTestHost;

namespace FeedbackBot.Teams.Tests;

/// <summary>
/// Issue 13, themes "created on the fly … from the inbox", on Teams: each item of <c>inbox</c> unfolds a theme pick
/// (the person's themes, a new one, the suggestion from the feedback's words); <b>Save theme</b> files the item
/// through Core's GrowthBook for the clicker and shows the inbox again in place.
/// </summary>
public sealed class ThemeFromInboxTests
{
    [Fact]
    public async Task Inbox_NewThemeFromAnItem_CreatesTheThemeFilesTheItemAndUpdatesTheCard()
    {
        await using var kit = await Kit.StartAsync();
        var item = await kit.ReceiveAsync(Ben, Ana, "You delegated the release notes to Sam and it freed you for the audit.");

        await kit.Host.PostAsync(kit.Host.Message(Ana, "inbox"));
        var inbox = kit.Host.Connector.PersonalMessages(Ana.Id).Last();
        var show = Assert.Single(Walk(inbox.Card!), o => (string?)o["type"] == "Action.ShowCard");
        var form = (JsonObject)show["card"]!;
        // No themes yet: only the new-theme field, prefilled with the suggestion and why.
        var field = Assert.Single(Walk(form), o => (string?)o["type"] == "Input.Text");
        Assert.Equal("Delegation", (string?)field["value"]);
        Assert.Contains("mentions “delegat", RequestKit.Text(new JsonObject { ["type"] = "AdaptiveCard", ["body"] = form["body"]!.DeepClone() }));
        var save = Assert.Single(RequestKit.Executes(form));

        var data = (JsonObject)save["data"]!.DeepClone();
        data[(string)field["id"]!] = "  delegation ";
        var (status, answer) = await RequestKit.ExecuteAsync(kit.Host, Ana, InboxThemeAction.Verb, data, inbox.ActivityId);

        Assert.Equal(HttpStatusCode.OK, status);
        var card = RequestKit.CardOf(answer);
        Assert.Contains("Filed under “delegation”", RequestKit.Text(card));
        Assert.Contains("Theme: ", RequestKit.Text(card));
        var theme = Assert.Single(await kit.Growth.ListThemesAsync(Ana.Person, default));
        Assert.Equal("delegation", theme.Name);
        Assert.Equal([item.Id], theme.FeedbackIds);
    }

    [Fact]
    public async Task Inbox_PickingAnExistingTheme_FilesTheItemUnderIt_AndCreatesNoOther()
    {
        await using var kit = await Kit.StartAsync();
        var growth = kit.Host.Services.GetRequiredService<GrowthBook>();
        var planning = await growth.EnsureThemeAsync(Ana.Person, "Project planning", default);
        await growth.EnsureThemeAsync(Ana.Person, "Listening", default);
        var item = await kit.ReceiveAsync(Ben, Ana, "Your milestone plan for Q3 made the trade-offs obvious.");

        await kit.Host.PostAsync(kit.Host.Message(Ana, "inbox"));
        var form = (JsonObject)Walk(kit.Host.Connector.PersonalMessages(Ana.Id).Last().Card!).Single(o => (string?)o["type"] == "Action.ShowCard")["card"]!;
        var pick = Assert.Single(Walk(form), o => (string?)o["type"] == "Input.ChoiceSet");
        // The person's own theme the words point to is preselected, not applied.
        Assert.Equal(planning.Id, (string?)pick["value"]);
        Assert.Empty((await kit.Growth.ListThemesAsync(Ana.Person, default)).SelectMany(t => t.FeedbackIds));

        var data = (JsonObject)RequestKit.Executes(form).Single()["data"]!.DeepClone();
        data[(string)pick["id"]!] = planning.Id;
        var (_, answer) = await RequestKit.ExecuteAsync(kit.Host, Ana, InboxThemeAction.Verb, data);

        Assert.Contains("Filed under “Project planning”", RequestKit.Text(RequestKit.CardOf(answer)));
        var themes = await kit.Growth.ListThemesAsync(Ana.Person, default);
        Assert.Equal(2, themes.Count);
        Assert.Equal([item.Id], themes.Single(t => t.Id == planning.Id).FeedbackIds);
    }

    [Fact]
    public async Task SaveTheme_OnSomeoneElsesItemOrCard_ChangesNothing()
    {
        await using var kit = await Kit.StartAsync();
        var bens = await kit.ReceiveAsync(Ana, Ben, "Thanks for the clear demo.");
        await kit.ReceiveAsync(Ben, Ana, "Clear update on the outage.");
        await kit.Host.PostAsync(kit.Host.Message(Ana, "inbox"));
        var form = (JsonObject)Walk(kit.Host.Connector.PersonalMessages(Ana.Id).Last().Card!).Single(o => (string?)o["type"] == "Action.ShowCard")["card"]!;
        var data = (JsonObject)RequestKit.Executes(form).Single()["data"]!.DeepClone();
        var field = (string)Walk(form).Single(o => (string?)o["type"] == "Input.Text")["id"]!;
        data[field] = "stolen";

        // Ben clicks Ana's card: refused, nothing stored for either of them.
        var (_, refused) = await RequestKit.ExecuteAsync(kit.Host, Ben, InboxThemeAction.Verb, (JsonObject)data.DeepClone());
        Assert.Contains("someone else's", (string?)refused?["value"]);

        // Ana names Ben's item in the data: Core refuses it as not hers.
        data["f"] = bens.Id;
        var (_, answer) = await RequestKit.ExecuteAsync(kit.Host, Ana, InboxThemeAction.Verb, data);
        Assert.Contains(GrowthResult.Describe(GrowthProblem.NotYourFeedback), RequestKit.Text(RequestKit.CardOf(answer)));
        Assert.Empty(await kit.Growth.ListThemesAsync(Ana.Person, default));
        Assert.Empty(await kit.Growth.ListThemesAsync(Ben.Person, default));
    }

    [Fact]
    public async Task SaveTheme_WithNothingPickedOrNamed_SaysWhatToDo()
    {
        await using var kit = await Kit.StartAsync();
        await kit.ReceiveAsync(Ben, Ana, "Good call.");
        await kit.Host.PostAsync(kit.Host.Message(Ana, "inbox"));
        var form = (JsonObject)Walk(kit.Host.Connector.PersonalMessages(Ana.Id).Last().Card!).Single(o => (string?)o["type"] == "Action.ShowCard")["card"]!;

        var (_, answer) = await RequestKit.ExecuteAsync(kit.Host, Ana, InboxThemeAction.Verb, (JsonObject)RequestKit.Executes(form).Single()["data"]!.DeepClone());

        Assert.Contains(GrowthResult.Describe(GrowthProblem.NoTheme), RequestKit.Text(RequestKit.CardOf(answer)));
        Assert.Empty(await kit.Growth.ListThemesAsync(Ana.Person, default));
    }

    [Fact]
    public async Task ThemeNames_AreShownAsTyped_NeverAsMarkdown()
    {
        await using var kit = await Kit.StartAsync();
        const string hostile = "**bold** [x](http://evil.example)";
        var item = await kit.ReceiveAsync(Ben, Ana, "Nice work.");
        var theme = await kit.Host.Services.GetRequiredService<GrowthBook>().EnsureThemeAsync(Ana.Person, hostile, default);
        await kit.Host.Services.GetRequiredService<GrowthBook>().AttachAsync(Ana.Person, theme.Id, item.Id, default);

        await kit.Host.PostAsync(kit.Host.Message(Ana, "inbox"));

        RoutingTests.AssertUserTextOnlyInTextRuns(kit.Host.Connector.PersonalMessages(Ana.Id).Last().Card!, hostile);
    }

    private static IEnumerable<JsonObject> Walk(JsonNode? node) => node switch
    {
        JsonObject o => new[] { o }.Concat(o.SelectMany(p => Walk(p.Value))),
        JsonArray a => a.SelectMany(Walk),
        _ => [],
    };

    private sealed record Kit(TeamsTestHost Host, InMemoryGrowthStore Growth) : IAsyncDisposable
    {
        public static async Task<Kit> StartAsync()
        {
            var growth = new InMemoryGrowthStore();
            var host = await TeamsTestHost.StartAsync(configure: services => services.AddSingleton<IGrowthStore>(growth));
            await host.MeetAsync(Ana);
            await host.MeetAsync(Ben);
            return new Kit(host, growth);
        }

        public async Task<FeedbackItem> ReceiveAsync(TestUser from, TestUser to, string text)
        {
            var item = new FeedbackItem($"teams.{Tenant}.{Guid.NewGuid():N}", from.Person, to.Person, FeedbackContent.FromText(text),
                FeedbackKind.Praise, FeedbackVisibility.Private, false, null, null, DateTimeOffset.UtcNow);
            await Host.Feedback.SaveAsync([item], item.CreatedAt, default);
            return item;
        }

        public ValueTask DisposeAsync() => Host.DisposeAsync();
    }
}
