using System.Text.Json;
using System.Text.Json.Nodes;
using FeedbackBot.Core.Insights;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Teams.Insights;
using FeedbackBot.Testing;
using Microsoft.Extensions.DependencyInjection;
using static FeedbackBot.Teams.Tests.TeamsTestHost;

namespace FeedbackBot.Teams.Tests;

/// <summary>
/// The insights picker names a Teams team by its name, also when the bot learnt it from a channel message (whose
/// <c>channelData.team</c> has the id only) — the team details call names it once — and the installed-teams record
/// keeps one entry per team, so two installs at once both stay and the first version's single value is moved over.
/// </summary>
public sealed class InsightsTeamNamesTests
{
    private const string Platform = "19:platform@thread.tacv2";
    private const string Support = "19:support@thread.tacv2";
    private static readonly WorkspaceRef TenantRef = new(Core.People.Platform.Teams, TeamsTestHost.Tenant);

    [Fact]
    public async Task ATeamLearntFromAMessage_IsNamedByTheTeamDetailsCall_Once()
    {
        await using var host = await StartAsync();
        // A message in the team's channel: channelData.team carries the id only (no name), as Teams sends it.
        var message = host.Message(Ana, "<at>FeedbackBot</at> help", Platform, "channel", new JsonArray(TeamsTestHost.BotMention()));
        message["channelData"] = new JsonObject
        {
            ["tenant"] = new JsonObject { ["id"] = Tenant },
            ["team"] = new JsonObject { ["id"] = Platform },
            ["channel"] = new JsonObject { ["id"] = Platform },
        };
        await host.PostAsync(message);

        var teams = await Query(host).ListTeamsAsync(TenantRef, default);
        var again = await Query(host).ListTeamsAsync(TenantRef, default);
        var report = await Query(host).GetAsync(TenantRef, $"team:{Platform}", default);

        Assert.Equal(new InsightsTeam($"team:{Platform}", "Platform", TeamsTeams.TeamKind), teams[0]);
        Assert.Equal(teams, again);
        Assert.Equal("Platform", report.ScopeName);
        Assert.Single(host.Connector.ConnectorCalls, c => c.Method == "GET" && c.Path == $"/teams/v3/teams/{Platform}");
    }

    [Fact]
    public async Task TwoInstallsAtOnce_BothStay_AndRemovingOneKeepsTheOther()
    {
        await using var host = await StartAsync();

        await Task.WhenAll(host.PostAsync(BotAdded(host, Platform, "Platform")), host.PostAsync(BotAdded(host, Support, "Support")));

        Assert.Equal(["Platform", "Support"], (await Installed(host).ListAsync(Tenant, default)).Select(t => t.Name));
        var removed = BotAdded(host, Support, "Support");
        removed["action"] = "remove";
        removed["type"] = "installationUpdate";
        await host.PostAsync(removed);
        Assert.Equal(["Platform"], (await Installed(host).ListAsync(Tenant, default)).Select(t => t.Name));
    }

    [Fact]
    public async Task TheFirstVersionsSingleValue_IsMovedToEntries_AndAForgottenTeamDoesNotComeBack()
    {
        await using var host = await StartAsync();
        var book = host.Services.GetRequiredService<IAddressBook>();
        var legacy = new Dictionary<string, InstalledTeam>
        {
            [Platform] = new(Platform, "Platform", host.Connector.ServiceUrl),
            [Support] = new(Support, "Support", host.Connector.ServiceUrl),
        };
        await book.SetAsync(TenantRef, InstalledTeams.LegacyKind, JsonSerializer.Serialize(legacy, new JsonSerializerOptions(JsonSerializerDefaults.Web)), default);

        Assert.Equal(["Platform", "Support"], (await Installed(host).ListAsync(Tenant, default)).Select(t => t.Name));
        Assert.Null(await book.GetAsync(TenantRef, InstalledTeams.LegacyKind, default));
        Assert.Equal(2, (await book.ListEntriesAsync(TenantRef, InstalledTeams.Kind, default)).Count);

        await Installed(host).ForgetAsync(Tenant, Support, default);
        Assert.Equal(["Platform"], (await Installed(host).ListAsync(Tenant, default)).Select(t => t.Name));
    }

    private static IInsightsQuery Query(TeamsTestHost host) => host.Services.GetRequiredService<IInsightsQuery>();

    private static InstalledTeams Installed(TeamsTestHost host) => host.Services.GetRequiredService<InstalledTeams>();

    private static async Task<TeamsTestHost> StartAsync()
    {
        // The insights query over the in-memory store: what the page asks for the picker and a team's report.
        var host = await TeamsTestHost.StartAsync(configure: services => services
            .AddSingleton<IInsightsStore>(new InMemoryInsightsStore())
            .AddTransient<IInsightsQuery, InsightsQuery>());
        host.Connector.AddTeam(Platform, "Platform", [Ana.Id, Ben.Id]);
        host.Connector.AddTeam(Support, "Support", [Ana.Id]);
        return host;
    }

    // The bot added to a team: conversationUpdate in its General channel with channelData.team (id and name).
    private static JsonObject BotAdded(TeamsTestHost host, string teamId, string name)
    {
        var activity = host.Activity("conversationUpdate", Ana, teamId, "channel");
        activity["channelData"] = new JsonObject
        {
            ["tenant"] = new JsonObject { ["id"] = Tenant },
            ["team"] = new JsonObject { ["id"] = teamId, ["name"] = name, ["aadGroupId"] = Guid.Empty.ToString() },
            ["eventType"] = "teamMemberAdded",
        };
        activity["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "28:" + AppId });
        return activity;
    }
}
