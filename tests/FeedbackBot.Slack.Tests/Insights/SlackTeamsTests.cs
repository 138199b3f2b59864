using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FeedbackBot.Core.Insights;
using FeedbackBot.Core.People;
using FeedbackBot.Slack.Admin;
using FeedbackBot.Slack.Api;
using FeedbackBot.Slack.Insights;
using FeedbackBot.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace FeedbackBot.Slack.Tests.Insights;

/// <summary>Slack's teams for insights against the strict fake: user groups, public channels, paging to the end, scopes.</summary>
public sealed class SlackTeamsTests : IAsyncLifetime
{
    private static readonly WorkspaceRef Ws = new(Platform.Slack, "T1");

    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private FakeSlackApi _slack = null!;
    private SlackTeams _teams = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackApi.StartAsync();
        _slack.MaxPageSize = 2; // Slack may return fewer than asked: the client must follow the cursor
        var tokens = new Mock<ISlackTokenStore>();
        tokens.Setup(t => t.GetBotTokenAsync("T1", It.IsAny<CancellationToken>())).ReturnsAsync("xoxb-1");
        var api = new SlackApiClient(new SingleHttpClientFactory(new Uri(_slack.ApiBaseUrl)), tokens.Object,
            Options.Create(new SlackTimings { RetryBaseDelay = TimeSpan.FromMilliseconds(5), MaxRetries = 1 }), NullLogger<SlackApiClient>.Instance);
        _teams = new SlackTeams(api, new WorkspaceAdmins(api), Options.Create(new InsightsOptions()), _time, NullLogger<SlackTeams>.Instance);
    }

    public async Task DisposeAsync() => await _slack.DisposeAsync();

    [Fact]
    public async Task ListTeams_UserGroupsAndPublicChannels_AcrossPages()
    {
        _slack.AddUserGroup("S1", "design", ["U1", "U2"]);
        _slack.AddUserGroup("S2", "old-team", ["U1"], disabled: true);
        _slack.AddChannel("C1", "general", ["U1"]);
        _slack.AddChannel("C2", "random", ["U1"]);
        _slack.AddChannel("C3", "launch", ["U1"]);
        _slack.AddChannel("C4", "gone", ["U1"], archived: true);
        _slack.AddChannel("G1", "secret", ["U1"], isPrivate: true);

        var teams = await _teams.ListTeamsAsync(Ws, default);

        Assert.Equal(
            [("usergroup:S1", "@design", "usergroup"), ("channel:C1", "#general", "channel"), ("channel:C3", "#launch", "channel"), ("channel:C2", "#random", "channel")],
            teams.Select(t => (t.Id, t.Name, t.Kind)));
        Assert.Equal(2, _slack.CallsTo("conversations.list").Count); // three channels, two per page
    }

    [Fact]
    public async Task GetTeam_ChannelMembers_FollowsCursorsToTheEnd()
    {
        var members = Enumerable.Range(1, 7).Select(i => $"U{i}").ToArray();
        _slack.AddChannel("C1", "launch", members);

        var team = await _teams.GetTeamAsync(Ws, "channel:C1", default);

        Assert.Equal("#launch", team!.Team.Name);
        Assert.Equal(members, team.UserIds);
        Assert.Equal(4, _slack.CallsTo("conversations.members").Count);
    }

    [Fact]
    public async Task GetTeam_UserGroup_ItsMembers_AndUnknownOrPrivateIsNull()
    {
        _slack.AddUserGroup("S1", "design", ["U1", "U2", "U3"]);
        _slack.AddChannel("G1", "secret", ["U1"], isPrivate: true);

        Assert.Equal(["U1", "U2", "U3"], (await _teams.GetTeamAsync(Ws, "usergroup:S1", default))!.UserIds);
        Assert.Null(await _teams.GetTeamAsync(Ws, "usergroup:SNOPE", default));
        Assert.Null(await _teams.GetTeamAsync(Ws, "channel:CNOPE", default));
        Assert.Null(await _teams.GetTeamAsync(Ws, "channel:G1", default)); // private channels are not offered
        Assert.Null(await _teams.GetTeamAsync(Ws, "S1", default));
    }

    [Fact]
    public async Task WorkspaceMembers_PeopleOnly_AcrossPages_AndReusedForAWhile()
    {
        foreach (var id in new[] { "U1", "U2", "U3", "U4" })
        {
            _slack.SetUser(id);
        }

        _slack.SetUser("UBOT", isBot: true);
        _slack.SetUser("UGONE", deleted: true);

        Assert.Equal(["U1", "U2", "U3", "U4"], (await _teams.WorkspaceMembersAsync(Ws, default)).Order());
        var calls = _slack.CallsTo("users.list").Count;
        Assert.Equal(3, calls); // six users, two per page

        await _teams.WorkspaceMembersAsync(Ws, default);
        Assert.Equal(calls, _slack.CallsTo("users.list").Count);
        _time.Advance(TimeSpan.FromMinutes(11));
        await _teams.WorkspaceMembersAsync(Ws, default);
        Assert.Equal(2 * calls, _slack.CallsTo("users.list").Count);
    }

    [Fact]
    public async Task InstallWithoutUsergroupsRead_OffersChannelsOnly()
    {
        _slack.AddUserGroup("S1", "design", ["U1"]);
        _slack.AddChannel("C1", "general", ["U1"]);
        _slack.WithholdScope("usergroups:read");

        var teams = await _teams.ListTeamsAsync(Ws, default);

        Assert.Equal(["channel:C1"], teams.Select(t => t.Id));
        Assert.Null(await _teams.GetTeamAsync(Ws, "usergroup:S1", default));
    }

    [Fact]
    public async Task ChannelsReadMissing_IsALookupFailure_NotAnEmptyList()
    {
        _slack.AddChannel("C1", "general", ["U1"]);
        _slack.WithholdScope("channels:read");

        await Assert.ThrowsAsync<PeopleLookupException>(() => _teams.ListTeamsAsync(Ws, default));
    }

    [Fact]
    public async Task IsPlatformAdmin_AdminsAndOwners()
    {
        _slack.SetAdmin("UADMIN");
        _slack.SetAdmin("UOWNER", owner: true);

        Assert.True(await _teams.IsPlatformAdminAsync(new PersonRef(Platform.Slack, "T1", "UADMIN"), default));
        Assert.True(await _teams.IsPlatformAdminAsync(new PersonRef(Platform.Slack, "T1", "UOWNER"), default));
        Assert.False(await _teams.IsPlatformAdminAsync(new PersonRef(Platform.Slack, "T1", "UMEMBER"), default));
    }

    [Theory]
    [InlineData("usergroups.users.list", "usergroup=S1", "usergroups:read")]
    [InlineData("conversations.members", "channel=C1", "channels:read")]
    [InlineData("users.list", "", "users:read")]
    public async Task Fake_MissingScope_AnswersSlacksShape(string method, string args, string scope)
    {
        _slack.AddUserGroup("S1", "design", ["U1"]);
        _slack.AddChannel("C1", "general", ["U1"]);
        _slack.WithholdScope(scope);

        var reply = await Call(method, args);

        Assert.False(reply["ok"]!.GetValue<bool>());
        Assert.Equal("missing_scope", reply["error"]!.GetValue<string>());
        Assert.Equal(scope, reply["needed"]!.GetValue<string>());
        Assert.DoesNotContain(scope, reply["provided"]!.GetValue<string>());
    }

    [Fact]
    public async Task Fake_Cursor_FromAnotherListOrMadeUp_IsInvalid()
    {
        _slack.AddChannel("C1", "general", ["U1", "U2", "U3"]);
        _slack.AddChannel("C2", "random", ["U1", "U2", "U3"]);
        var cursor = (await Call("conversations.members", "channel=C1"))["response_metadata"]!["next_cursor"]!.GetValue<string>();
        Assert.NotEmpty(cursor);

        Assert.True((await Call("conversations.members", $"channel=C1&cursor={Uri.EscapeDataString(cursor)}"))["ok"]!.GetValue<bool>());
        Assert.Equal("invalid_cursor", (await Call("conversations.members", $"channel=C2&cursor={Uri.EscapeDataString(cursor)}"))["error"]!.GetValue<string>());
        Assert.Equal("invalid_cursor", (await Call("users.list", "cursor=bm90LWEtY3Vyc29y"))["error"]!.GetValue<string>());
    }

    private async Task<JsonObject> Call(string method, string form)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, _slack.ApiBaseUrl + method)
        {
            Content = new StringContent(form, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Headers.Authorization = new("Bearer", "xoxb-1");
        using var response = await http.SendAsync(request);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }
}
