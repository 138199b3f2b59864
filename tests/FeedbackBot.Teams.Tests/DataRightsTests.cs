using System.Net;
using System.Text.Json.Nodes;
using FeedbackBot.Core;
using FeedbackBot.Core.DataRights;
using FeedbackBot.Core.Growth;
using FeedbackBot.Core.Ports;
using FeedbackBot.Teams.DataRights;
using FeedbackBot.Testing;
using FeedbackBot.Testing.Teams;
using Microsoft.Extensions.DependencyInjection;
using static FeedbackBot.Teams.Tests.TeamsTestHost;

namespace FeedbackBot.Teams.Tests;

/// <summary>
/// Issue 13 on Teams: <c>export</c> (the one-time link of Core's <see cref="ExportLinks"/>, only in the person's 1:1)
/// and <c>delete-my-data</c> (a confirmation card; Delete runs Core's <see cref="DeletePersonalData"/> for the
/// clicker and updates the card), through the HTTP pipeline with the fake connector.
/// </summary>
public sealed class DataRightsTests
{
    private const string PublicUrl = "https://feedback.example.com";

    [Fact]
    public async Task Export_SendsAOneTimeLinkToThePersonsChat_ThatOpensOnlyTheirExport()
    {
        await using var kit = await Kit.StartAsync();
        await kit.Host.MeetAsync(Ana);

        var response = await kit.Host.PostAsync(kit.Host.Message(Ana, "export"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var card = kit.Host.Connector.PersonalMessages(Ana.Id).Last().Card!;
        Assert.Contains("works once, for 10 minutes", RequestKit.Text(card));
        var url = (string)card["actions"]![0]!["url"]!;
        Assert.StartsWith(PublicUrl + ExportLinks.PathPrefix, url);
        var token = url[(PublicUrl + ExportLinks.PathPrefix).Length..];
        Assert.Equal([OneTimeLinks.Hash(token)!], kit.Links.Hashes(ExportLinks.Purpose));
        var links = kit.Host.Services.GetRequiredService<ExportLinks>();
        var (status, person) = await links.RedeemAsync(token, default);
        Assert.Equal(OneTimeLinkStatus.Valid, status);
        Assert.Equal(Ana.Person, person);
        Assert.Equal(OneTimeLinkStatus.Unknown, (await links.RedeemAsync(token, default)).Status);
    }

    [Fact]
    public async Task Export_TypedInAChannel_GoesToThePersonalChatAndTheChannelSeesNoLink()
    {
        await using var kit = await Kit.StartAsync();
        await kit.Host.MeetAsync(Ana);
        const string channel = "19:general@thread.tacv2";
        kit.Host.Connector.AddConversation(channel);

        await kit.Host.PostAsync(kit.Host.Message(Ana, "export", channel, "channel"));

        Assert.Contains(PublicUrl, kit.Host.Connector.PersonalMessages(Ana.Id).Last().Body());
        var inChannel = Assert.Single(kit.Host.Connector.MessagesIn(channel));
        Assert.Contains("private chat", inChannel.CardText);
        Assert.DoesNotContain(PublicUrl, inChannel.Body());
    }

    [Fact]
    public async Task Export_WithoutAPublicAddress_SaysSoAndStoresNoLink()
    {
        await using var kit = await Kit.StartAsync(publicUrl: "");
        await kit.Host.MeetAsync(Ana);

        await kit.Host.PostAsync(kit.Host.Message(Ana, "export"));

        Assert.Contains("Web:PublicBaseUrl", kit.Host.Connector.PersonalMessages(Ana.Id).Last().CardText);
        Assert.Empty(kit.Links.Hashes(ExportLinks.Purpose));
    }

    [Fact]
    public async Task DeleteMyData_AsksFirst_ThenDeleteErasesOnlyTheClickersData_AndUpdatesTheCard()
    {
        await using var kit = await Kit.StartAsync();
        await kit.Host.MeetAsync(Ana);
        await kit.Host.MeetAsync(Ben);
        var growth = kit.Host.Services.GetRequiredService<GrowthBook>();
        await growth.EnsureThemeAsync(Ana.Person, "delegation", default);
        await growth.EnsureThemeAsync(Ben.Person, "speaking up", default);

        await kit.Host.PostAsync(kit.Host.Message(Ana, "delete-my-data"));

        var confirm = kit.Host.Connector.PersonalMessages(Ana.Id).Last();
        Assert.Contains("It cannot be undone", confirm.CardText);
        var buttons = RequestKit.Executes(confirm.Card!).ToArray();
        Assert.Equal([DeleteMyDataAction.Verb, DeleteMyDataCancelAction.Verb], buttons.Select(b => (string)b["verb"]!));
        Assert.Equal("destructive", (string?)buttons[0]["style"]);
        Assert.Empty(kit.Received.Erased);
        Assert.Single(await kit.Growth.ListThemesAsync(Ana.Person, default));

        var (status, answer) = await RequestKit.ExecuteAsync(kit.Host, Ana, DeleteMyDataAction.Verb, DataOf(buttons[0]), confirm.ActivityId);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Your data is deleted", RequestKit.Text(RequestKit.CardOf(answer)));
        Assert.Equal([Ana.Person], kit.Received.Erased);
        Assert.Empty(await kit.Growth.ListThemesAsync(Ana.Person, default));
        Assert.Single(await kit.Growth.ListThemesAsync(Ben.Person, default));
    }

    [Fact]
    public async Task DeleteMyData_ClickedBySomeoneElse_DeletesNothing()
    {
        await using var kit = await Kit.StartAsync();
        await kit.Host.MeetAsync(Ana);
        await kit.Host.MeetAsync(Ben);
        await kit.Host.PostAsync(kit.Host.Message(Ana, "delete-my-data"));
        var data = DataOf(RequestKit.Executes(kit.Host.Connector.PersonalMessages(Ana.Id).Last().Card!).First());

        var (_, answer) = await RequestKit.ExecuteAsync(kit.Host, Ben, DeleteMyDataAction.Verb, data);

        Assert.Equal("application/vnd.microsoft.activity.message", (string?)answer?["type"]);
        Assert.Contains("someone else's", (string?)answer?["value"]);
        Assert.Empty(kit.Received.Erased);
    }

    [Fact]
    public async Task DeleteMyData_Cancel_DeletesNothingAndSaysSo()
    {
        await using var kit = await Kit.StartAsync();
        await kit.Host.MeetAsync(Ana);
        await kit.Host.PostAsync(kit.Host.Message(Ana, "delete-my-data"));
        var cancel = RequestKit.Executes(kit.Host.Connector.PersonalMessages(Ana.Id).Last().Card!).Last();

        var (_, answer) = await RequestKit.ExecuteAsync(kit.Host, Ana, DeleteMyDataCancelAction.Verb, DataOf(cancel));

        Assert.Contains("Nothing was deleted", RequestKit.Text(RequestKit.CardOf(answer)));
        Assert.Empty(kit.Received.Erased);
    }

    [Fact]
    public async Task DeleteMyData_WhenAPartFails_KeepsTheButtonsAndSaysTryAgain()
    {
        await using var kit = await Kit.StartAsync(failingPart: true);
        await kit.Host.MeetAsync(Ana);
        await kit.Host.PostAsync(kit.Host.Message(Ana, "delete-my-data"));
        var delete = RequestKit.Executes(kit.Host.Connector.PersonalMessages(Ana.Id).Last().Card!).First();

        var (_, answer) = await RequestKit.ExecuteAsync(kit.Host, Ana, DeleteMyDataAction.Verb, DataOf(delete));

        var card = RequestKit.CardOf(answer);
        Assert.Contains(DataRightsText.DeleteIncomplete, RequestKit.Text(card));
        Assert.Contains(RequestKit.Executes(card), b => (string?)b["verb"] == DeleteMyDataAction.Verb);
        // The other parts still ran: a retry only finishes what is left.
        Assert.Equal([Ana.Person], kit.Received.Erased);
    }

    [Fact]
    public async Task Help_ListsTheDataRightsWebAndReviewPrepCommands()
    {
        await using var kit = await Kit.StartAsync();
        await kit.Host.MeetAsync(Ana);

        await kit.Host.PostAsync(kit.Host.Message(Ana, "help"));

        var help = kit.Host.Connector.PersonalMessages(Ana.Id).Last().CardText;
        foreach (var command in new[] { "**web**", "**export**", "**delete-my-data**", "**review-prep [since]**", "**inbox**", "**settings**" })
        {
            Assert.Contains(command, help);
        }
    }

    private static JsonObject DataOf(JsonObject button) => (JsonObject)button["data"]!.DeepClone();

    /// <summary>The Teams test host with the data-rights pieces storage would register: link store, growth store, parts.</summary>
    private sealed record Kit(TeamsTestHost Host, InMemoryOneTimeLinkStore Links, InMemoryGrowthStore Growth, InMemoryReceivedPart Received) : IAsyncDisposable
    {
        public static async Task<Kit> StartAsync(string publicUrl = PublicUrl, bool failingPart = false)
        {
            var links = new InMemoryOneTimeLinkStore();
            var growth = new InMemoryGrowthStore();
            InMemoryReceivedPart? received = null;
            var host = await TeamsTestHost.StartAsync(configure: services =>
            {
                services.Configure<DataRightsOptions>(o => o.PublicUrl = publicUrl);
                services.AddSingleton<IOneTimeLinkStore>(links);
                services.AddTransient<OneTimeLinks>();
                services.AddTransient<ExportLinks>();
                services.AddSingleton<IGrowthStore>(growth);
                services.AddSingleton<IPersonalDataPart>(sp => received = new InMemoryReceivedPart(sp.GetRequiredService<IFeedbackStore>()));
                if (failingPart)
                {
                    services.AddSingleton<IPersonalDataPart, FailingPart>();
                }
            });
            // Resolve the parts once so the received part exists before the test reads it.
            _ = host.Services.GetServices<IPersonalDataPart>().ToArray();
            return new Kit(host, links, growth, received!);
        }

        public ValueTask DisposeAsync() => Host.DisposeAsync();
    }

    private sealed class FailingPart : IPersonalDataPart
    {
        public string Name => "failing";

        public Task<JsonNode?> ExportAsync(Core.People.PersonRef person, CancellationToken ct) => Task.FromResult<JsonNode?>(null);

        public Task<long> EraseAsync(Core.People.PersonRef person, CancellationToken ct) => throw new InvalidOperationException("storage went away");
    }
}
