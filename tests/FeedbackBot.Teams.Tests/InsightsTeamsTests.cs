using System.Net;
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
/// Issue 14 on Teams, "any team the admin picks": the teams the bot is installed in (learnt from Teams' activities)
/// and their channels, each roster read page by page through the fake connector, which models the paging, a
/// throttled page, a removed bot and an outage as the docs describe; admins from <c>Insights:Admins</c> only.
/// </summary>
public sealed class InsightsTeamsTests
{
    private const string TeamId = "19:engineering@thread.tacv2";
    private const string DesignId = "19:design@thread.tacv2";
    private const int Generated = 1_199;
    private static readonly WorkspaceRef Tenant = new(Platform.Teams, TeamsTestHost.Tenant);

    [Fact]
    public async Task TheBotAddedToATeam_OffersTheTeamAndItsChannels_NotGeneralTwice()
    {
        await using var host = await StartAsync();

        Assert.Equal(HttpStatusCode.OK, (await host.PostAsync(TeamEvent(host, "teamMemberAdded", botAdded: true))).StatusCode);

        var teams = await Query(host).ListTeamsAsync(Tenant, default);
        Assert.Equal(
            [new InsightsTeam($"team:{TeamId}", "Engineering", TeamsTeams.TeamKind), new InsightsTeam($"channel:{TeamId}/{DesignId}", "Engineering › Design", TeamsTeams.ChannelKind)],
            teams);
    }

    [Fact]
    public async Task TeamReport_ReadsEveryPageOfTheRoster_ThroughAThrottledPage_AndCountsNoAnonymousGuest()
    {
        await using var host = await StartAsync();
        await host.PostAsync(TeamEvent(host, "teamMemberAdded", botAdded: true));
        // A page is throttled once (429, Retry-After 0): the connector client waits as told and asks again.
        host.Connector.FailNext("/pagedmembers", 429, times: 1, retryAfter: "0");

        var report = await Query(host).GetAsync(Tenant, $"team:{TeamId}", default);

        Assert.Equal("Engineering", report.ScopeName);
        Assert.Equal(2 + Generated, report.People); // Ana, Ben and the generated members; the guest has no object id
        var pages = host.Connector.ConnectorCalls.Where(c => c.Path.EndsWith("/pagedmembers", StringComparison.Ordinal)).ToArray();
        Assert.Equal(4, pages.Length); // 1 throttled + 3 pages of 500 for 1,202 entries
        var whole = await Query(host).GetAsync(Tenant, null, default);
        Assert.Equal(2 + Generated, whole.People); // the tenant as the bot can see it: the rosters of its teams
    }

    [Fact]
    public async Task ChannelReport_UsesTheChannelsRoster_AndACraftedChannelOfAnotherConversationIsNotFound()
    {
        await using var host = await StartAsync();
        await host.PostAsync(TeamEvent(host, "teamMemberAdded", botAdded: true));

        var report = await Query(host).GetAsync(Tenant, $"channel:{TeamId}/{DesignId}", default);
        Assert.Equal("Engineering › Design", report.ScopeName);
        Assert.Contains(host.Connector.ConnectorCalls, c => c.Path.EndsWith(DesignId + "/pagedmembers", StringComparison.Ordinal));

        var calls = host.Connector.ConnectorCalls.Count;
        await Assert.ThrowsAsync<InsightsTeamNotFoundException>(() => Query(host).GetAsync(Tenant, $"channel:{TeamId}/a:1on1-29:ana", default));
        await Assert.ThrowsAsync<InsightsTeamNotFoundException>(() => Query(host).GetAsync(Tenant, "team:19:never-installed@thread.tacv2", default));
        Assert.DoesNotContain(host.Connector.ConnectorCalls.Skip(calls), c => c.Path.Contains("1on1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ABotRemovedFromTheTeam_MakesItUnknown_AndItIsForgotten()
    {
        await using var host = await StartAsync();
        await host.PostAsync(TeamEvent(host, "teamMemberAdded", botAdded: true));
        host.Connector.RemoveBotFromTeam(TeamId);

        await Assert.ThrowsAsync<InsightsTeamNotFoundException>(() => Query(host).GetAsync(Tenant, $"team:{TeamId}", default));

        Assert.Empty(await Query(host).ListTeamsAsync(Tenant, default));
        Assert.Empty(await host.Services.GetRequiredService<InstalledTeams>().ListAsync(TeamsTestHost.Tenant, default));
    }

    [Fact]
    public async Task AConnectorOutage_IsALookupFailure_AndTheTeamIsKept()
    {
        await using var host = await StartAsync();
        await host.PostAsync(TeamEvent(host, "teamMemberAdded", botAdded: true));
        host.Connector.FailNext("/pagedmembers", 503, times: 20);

        await Assert.ThrowsAsync<PeopleLookupException>(() => Query(host).GetAsync(Tenant, $"team:{TeamId}", default));

        Assert.Single(await host.Services.GetRequiredService<InstalledTeams>().ListAsync(TeamsTestHost.Tenant, default));
    }

    [Fact]
    public async Task TeamEvents_RenameThenUninstall_KeepTheListCurrent_AndAChannelMessageBringsATeamBack()
    {
        await using var host = await StartAsync();
        await host.PostAsync(TeamEvent(host, "teamMemberAdded", botAdded: true));

        await host.PostAsync(TeamEvent(host, "teamRenamed", name: "Platform Engineering"));
        Assert.Equal("Platform Engineering", (await Query(host).ListTeamsAsync(Tenant, default))[0].Name);

        var uninstall = TeamEvent(host, null);
        uninstall["type"] = "installationUpdate";
        uninstall["action"] = "remove";
        await host.PostAsync(uninstall);
        Assert.Empty(await Query(host).ListTeamsAsync(Tenant, default));

        // An install from before teams were kept: the next message in one of its channels records it.
        var message = host.Message(Ana, "help", DesignId, "channel");
        message["channelData"]!["team"] = new JsonObject { ["id"] = TeamId, ["name"] = "Engineering" };
        await host.PostAsync(message);
        Assert.Single(await Query(host).ListTeamsAsync(Tenant, default), t => t.Kind == TeamsTeams.TeamKind);
    }

    [Fact]
    public async Task Admins_OnTeams_AreThoseInInsightsAdmins_TheBotFrameworkNamesNone()
    {
        await using var host = await StartAsync();

        Assert.True(await Query(host).IsAdminAsync(Ana.Person, default));
        Assert.False(await Query(host).IsAdminAsync(Ben.Person, default));
    }

    private static IInsightsQuery Query(TeamsTestHost host) => host.Services.GetRequiredService<IInsightsQuery>();

    private static async Task<TeamsTestHost> StartAsync()
    {
        var host = await TeamsTestHost.StartAsync(configure: services =>
        {
            services.AddSingleton<IInsightsStore>(new InMemoryInsightsStore());
            services.AddTransient<IInsightsQuery, InsightsQuery>();
            // Ana by her bare Entra object id, as an admin would copy it from the Entra admin centre.
            services.Configure<InsightsOptions>(o => o.Admins = [Ana.Aad]);
        });
        var members = new List<string> { Ana.Id, Ben.Id, "29:anonymous-guest" };
        for (var i = 0; i < Generated; i++)
        {
            var id = $"29:member-{i}";
            host.Connector.AddUser(id, Guid.NewGuid().ToString(), $"Member {i}");
            members.Add(id);
        }

        host.Connector.AddTeam(TeamId, "Engineering", members, (DesignId, "Design"));
        return host;
    }

    /// <summary>A team event as Teams sends it in the team's General channel: <c>channelData.team</c> and <c>eventType</c>.</summary>
    private static JsonObject TeamEvent(TeamsTestHost host, string? eventType, bool botAdded = false, string name = "Engineering")
    {
        var activity = host.Activity("conversationUpdate", Ana, TeamId, "channel");
        activity["channelData"] = new JsonObject
        {
            ["tenant"] = new JsonObject { ["id"] = TeamsTestHost.Tenant },
            ["team"] = new JsonObject { ["id"] = TeamId, ["name"] = name, ["aadGroupId"] = Guid.Empty.ToString() },
            ["eventType"] = eventType,
        };
        if (botAdded)
        {
            activity["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "28:" + AppId });
        }

        return activity;
    }
}
