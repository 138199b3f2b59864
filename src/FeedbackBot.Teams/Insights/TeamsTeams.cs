using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using FeedbackBot.Core.Insights;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Teams.Activities;
using FeedbackBot.Teams.Addressing;
using FeedbackBot.Teams.Connector;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Teams.Insights;

/// <summary>A team the bot is installed in, as Teams last named it, and the service URL its activities came from.</summary>
public sealed record InstalledTeam(string Id, string? Name, string ServiceUrl);

/// <summary>
/// The teams of a tenant the bot is installed in, kept in the address book as one entry per team of the tenant's
/// collection <see cref="Kind"/> (set and removed one team at a time, each atomically: two installs landing at the same
/// instant both stay), because the connector has no "list my teams" call. Learnt from the activities Teams sends
/// (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/subscribe-to-conversation-events):
/// <c>installationUpdate</c> <c>add</c> and <c>conversationUpdate</c> (bot added, <c>teamRenamed</c>, channel events)
/// in a team remember it with <c>channelData.team</c> (id and name); <c>installationUpdate</c> <c>remove</c>,
/// <c>teamDeleted</c>/<c>teamHardDeleted</c> and the bot among <c>membersRemoved</c> forget it; every message in a
/// team's channel remembers it again (a message's <c>channelData.team</c> carries the id only: the name is kept, or
/// asked of the team details call by <see cref="TeamsTeams"/>).
/// </summary>
public sealed class InstalledTeams(IAddressBook book, ILogger<InstalledTeams> logger)
{
    public const string Kind = "teams.installed_team";

    /// <summary>The one JSON value per tenant of the first version (read once, moved into the entries, then removed).</summary>
    public const string LegacyKind = "teams.installed_teams";

    public async Task<IReadOnlyList<InstalledTeam>> ListAsync(string tenantId, CancellationToken ct)
    {
        await MoveLegacyAsync(tenantId, ct);
        return (await book.ListEntriesAsync(Tenant(tenantId), Kind, ct)).Values.Select(Read).OfType<InstalledTeam>()
            .OrderBy(t => t.Name ?? t.Id, StringComparer.OrdinalIgnoreCase).ToArray();
    }

    public async Task<InstalledTeam?> GetAsync(string tenantId, string teamId, CancellationToken ct)
    {
        await MoveLegacyAsync(tenantId, ct);
        return Read(await book.GetEntryAsync(Tenant(tenantId), Kind, teamId, ct));
    }

    /// <summary>Keeps <paramref name="team"/> as it is now (e.g. named by the team details call).</summary>
    public Task RememberAsync(string tenantId, InstalledTeam team, CancellationToken ct) =>
        book.SetEntryAsync(Tenant(tenantId), Kind, team.Id, JsonSerializer.Serialize(team, TeamsInsightsJson.Default.InstalledTeam), ct);

    public async Task ForgetAsync(string tenantId, string teamId, CancellationToken ct)
    {
        await MoveLegacyAsync(tenantId, ct);
        await book.RemoveEntryAsync(Tenant(tenantId), Kind, teamId, ct);
    }

    /// <summary>Remembers or forgets the activity's team; never fails the activity (bookkeeping only, logged).</summary>
    public async Task ObserveAsync(Activity activity, CancellationToken ct)
    {
        var team = activity.ChannelData?["team"] as JsonObject;
        if (activity.TenantId is not { } tenant || Str(team?["id"]) is not { Length: > 0 } teamId || activity.ServiceUrl is null)
        {
            return;
        }

        var eventType = Str(activity.ChannelData?["eventType"]);
        var botRemoved = activity.MembersRemoved?.Any(m => m.Id is not null && m.Id == activity.Recipient?.Id) == true;
        var gone = activity.Action is "remove" || eventType is "teamDeleted" or "teamHardDeleted" || botRemoved;
        try
        {
            if (gone)
            {
                await book.RemoveEntryAsync(Tenant(tenant), Kind, teamId, ct);
                return;
            }

            // Only this team's entry is read and written: another team's install at the same moment is untouched.
            var known = Read(await book.GetEntryAsync(Tenant(tenant), Kind, teamId, ct));
            var seen = new InstalledTeam(teamId, Str(team?["name"]) ?? known?.Name, activity.ServiceUrl);
            if (seen != known)
            {
                await RememberAsync(tenant, seen, ct);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not record Teams team {TeamId} of tenant {Tenant} for insights", teamId, tenant);
        }
    }

    // A tenant recorded by the first version (one JSON value of every team): its teams become entries (where no newer
    // entry exists) and the value goes, so a team forgotten later cannot come back from it.
    private async Task MoveLegacyAsync(string tenantId, CancellationToken ct)
    {
        if (await book.GetAsync(Tenant(tenantId), LegacyKind, ct) is not { } json)
        {
            return;
        }

        var legacy = JsonSerializer.Deserialize(json, TeamsInsightsJson.Default.DictionaryStringInstalledTeam) ?? [];
        var current = await book.ListEntriesAsync(Tenant(tenantId), Kind, ct);
        foreach (var team in legacy.Values.Where(t => !current.ContainsKey(t.Id)))
        {
            await RememberAsync(tenantId, team, ct);
        }

        await book.RemoveAsync(Tenant(tenantId), LegacyKind, ct);
    }

    private static InstalledTeam? Read(string? json) =>
        json is null ? null : JsonSerializer.Deserialize(json, TeamsInsightsJson.Default.InstalledTeam);

    private static WorkspaceRef Tenant(string tenantId) => new(Platform.Teams, tenantId);

    private static string? Str(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}

/// <summary>
/// Teams' teams for insights (issue 14: "any team the admin picks"): the teams the bot is installed in
/// (<see cref="InstalledTeams"/>) and their channels (<c>GET /v3/teams/{teamId}/conversations</c>), members read
/// with the paged roster (<c>GET /v3/conversations/{id}/pagedmembers</c>, 500 a page, to the end of the
/// continuation token). https://learn.microsoft.com/microsoftteams/platform/bots/how-to/get-teams-context
/// A person is their Entra object id, as everywhere in the Teams adapter; anonymous meeting guests have none and
/// are not counted. A standard channel's roster is its team's; a private or shared channel the bot was added to has
/// its own. A team the connector refuses (403 BotNotInConversationRoster: the bot was removed; 404: it is gone) is
/// forgotten. Rosters are reused for <see cref="InsightsOptions.MembersCacheTime"/>.
/// <para>Admins: the Bot Framework tells a bot no tenant admin or team owner (a member's <c>userRole</c> is only
/// <c>user</c>, <c>guest</c> or <c>anonymous</c>), so on Teams only <c>Insights:Admins</c> names admins (person keys
/// <c>teams:{tenantId}:{objectId}</c> or bare Entra object ids); <see cref="IsPlatformAdminAsync"/> is always false.</para>
/// </summary>
public sealed class TeamsTeams(
    InstalledTeams installed,
    TeamsConnectorClient connector,
    IOptions<InsightsOptions> options,
    TimeProvider time,
    ILogger<TeamsTeams> logger) : IPlatformTeams
{
    public const string TeamKind = "team";
    public const string ChannelKind = "channel";

    // The documented maximum; smaller requests are raised to 50 and larger capped at 500 by the service.
    public const int PageSize = 500;

    // A runaway guard (a continuation token that never ends): 1,000 pages of 500.
    private const int MaxPages = 1_000;

    private readonly MemberListCache _members = new(options, time);

    public Platform Platform => Platform.Teams;

    /// <summary>Rosters cover the teams the bot is in, not the whole tenant: people seen by insights count too.</summary>
    public bool KnowsEveryMember => false;

    public Task<bool> IsPlatformAdminAsync(PersonRef person, CancellationToken ct) => Task.FromResult(false);

    public async Task<IReadOnlyList<InsightsTeam>> ListTeamsAsync(WorkspaceRef workspace, CancellationToken ct)
    {
        var list = new List<InsightsTeam>();
        foreach (var known in await installed.ListAsync(workspace.WorkspaceId, ct))
        {
            var team = await NamedAsync(workspace, known, ct);
            var channels = team is null ? null : await AskAsync(workspace, team, () => ChannelsAsync(team, ct));
            if (team is null || channels is null)
            {
                continue;
            }

            var name = TeamName(team);
            list.Add(new InsightsTeam($"{TeamKind}:{team.Id}", name, TeamKind));
            // The General channel has the team's id and no name (so clients can localise it): it is the team itself.
            list.AddRange(channels.Where(c => c.Id != team.Id && c.Id is { Length: > 0 })
                .Select(c => new InsightsTeam($"{ChannelKind}:{team.Id}/{c.Id}", $"{name} › {c.Name ?? c.Id}", ChannelKind))
                .OrderBy(t => t.Name, StringComparer.OrdinalIgnoreCase));
        }

        return list;
    }

    public async Task<TeamMembers?> GetTeamAsync(WorkspaceRef workspace, string teamId, CancellationToken ct)
    {
        var (kind, rest) = teamId.Split(':', 2) is [var k, var r] && r.Length > 0 ? (k, r) : ("", "");
        var (id, channelId) = kind == ChannelKind && rest.Split('/', 2) is [var t, var c] && c.Length > 0 ? (t, c) : (rest, null);
        if (kind is not (TeamKind or ChannelKind) || (kind == ChannelKind && channelId is null)
            || await installed.GetAsync(workspace.WorkspaceId, id, ct) is not { } known
            || await NamedAsync(workspace, known, ct) is not { } team)
        {
            return null;
        }

        string name;
        if (channelId is null)
        {
            name = TeamName(team);
        }
        else
        {
            // Only a channel of that team: a crafted id cannot read the roster of any other conversation.
            var channels = await AskAsync(workspace, team, () => ChannelsAsync(team, ct));
            if (channels?.FirstOrDefault(c => c.Id == channelId && c.Id != team.Id) is not { } channel)
            {
                return null;
            }

            name = $"{TeamName(team)} › {channel.Name ?? channel.Id}";
        }

        var members = await _members.GetAsync(workspace, teamId, () => AskAsync(workspace, team, () => RosterAsync(team.ServiceUrl, channelId ?? team.Id, ct), channel: channelId is not null));
        return members is null ? null : new TeamMembers(new InsightsTeam(teamId, name, kind), members);
    }

    public async Task<IReadOnlyCollection<string>> WorkspaceMembersAsync(WorkspaceRef workspace, CancellationToken ct)
    {
        var everyone = new HashSet<string>();
        foreach (var team in await installed.ListAsync(workspace.WorkspaceId, ct))
        {
            var members = await _members.GetAsync(workspace, $"{TeamKind}:{team.Id}", () => AskAsync(workspace, team, () => RosterAsync(team.ServiceUrl, team.Id, ct)));
            everyone.UnionWith(members ?? []);
        }

        return everyone;
    }

    private static string TeamName(InstalledTeam team) => team.Name ?? "Unnamed team";

    // A team learnt from a message has no name (a message's channelData.team carries the id only; the name comes with
    // conversationUpdate events): the team details call names it (GET /v3/teams/{teamId} → {id, name, aadGroupId},
    // https://learn.microsoft.com/microsoftteams/platform/bots/how-to/get-teams-context#get-team-details), and the
    // name is kept so the next list does not ask again. Null when the bot is no longer in the team (then forgotten).
    private async Task<InstalledTeam?> NamedAsync(WorkspaceRef workspace, InstalledTeam team, CancellationToken ct)
    {
        if (team.Name is { Length: > 0 })
        {
            return team;
        }

        var details = await AskAsync(workspace, team, () => TeamDetailsAsync(team, ct));
        if (details is null)
        {
            return null;
        }

        if (details.Name is not { Length: > 0 } name)
        {
            return team;
        }

        var named = team with { Name = name };
        await installed.RememberAsync(workspace.WorkspaceId, named, ct);
        return named;
    }

    private async Task<TeamDetails> TeamDetailsAsync(InstalledTeam team, CancellationToken ct) =>
        await connector.GetAsync(team.ServiceUrl, $"v3/teams/{Uri.EscapeDataString(team.Id)}", TeamsInsightsJson.Default.TeamDetails, ct)
        ?? new TeamDetails(team.Id, null);

    private async Task<IReadOnlyList<TeamChannel>> ChannelsAsync(InstalledTeam team, CancellationToken ct) =>
        (await connector.GetAsync(team.ServiceUrl, $"v3/teams/{Uri.EscapeDataString(team.Id)}/conversations", TeamsInsightsJson.Default.TeamChannels, ct))?.Conversations ?? [];

    // Every page of the roster: continuationToken until there is none.
    private async Task<IReadOnlyCollection<string>> RosterAsync(string serviceUrl, string conversationId, CancellationToken ct)
    {
        var members = new HashSet<string>();
        string? token = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var path = $"v3/conversations/{Uri.EscapeDataString(conversationId)}/pagedmembers?pageSize={PageSize}"
                + (string.IsNullOrEmpty(token) ? "" : "&continuationToken=" + Uri.EscapeDataString(token));
            var result = await connector.GetAsync(serviceUrl, path, TeamsInsightsJson.Default.PagedMembers, ct);
            foreach (var member in result?.Members ?? [])
            {
                if (member.UserRole != "anonymous" && (member.AadObjectId ?? member.ObjectId) is { Length: > 0 } objectId)
                {
                    members.Add(objectId);
                }
            }

            token = result?.ContinuationToken;
            if (string.IsNullOrEmpty(token))
            {
                return members;
            }
        }

        logger.LogWarning("Teams roster of {Conversation}: stopped after {Pages} pages", conversationId, MaxPages);
        return members;
    }

    // The connector's answer; null when the bot is no longer in the team (403) or it is gone (404), and then the
    // team is forgotten (a channel that is gone only answers null); any other failure is Core's lookup failure, so
    // the page says "try again" instead of showing a wrong roster.
    private async Task<T?> AskAsync<T>(WorkspaceRef workspace, InstalledTeam team, Func<Task<T>> call, bool channel = false) where T : class
    {
        try
        {
            return await call();
        }
        catch (ConnectorException ex) when (channel && ex.Status is 403 or 404)
        {
            return null;
        }
        catch (ConnectorException ex) when (ex.Status is 403 or 404)
        {
            logger.LogInformation("Teams team {TeamId} refused ({Code}): the bot is no longer in it; forgetting it", team.Id, ex.Code ?? ex.Status.ToString());
            await installed.ForgetAsync(workspace.WorkspaceId, team.Id, CancellationToken.None);
            _members.Forget(workspace, $"{TeamKind}:{team.Id}");
            return null;
        }
        catch (ConnectorException ex)
        {
            throw new PeopleLookupException($"Teams connector failed for team {team.Id}: {ex.Message}", ex);
        }
    }
}

/// <summary>One page of <c>GET /v3/conversations/{id}/pagedmembers</c>.</summary>
public sealed record PagedMembers(string? ContinuationToken, IReadOnlyList<PagedMember>? Members);

/// <summary>A roster entry: the documented example names the Entra object id <c>objectId</c>, the SDKs <c>aadObjectId</c>; either is read.</summary>
public sealed record PagedMember(string? Id, string? ObjectId, string? AadObjectId, string? UserRole);

/// <summary><c>GET /v3/teams/{teamId}/conversations</c>: the team's channels (General: the team's id, no name).</summary>
public sealed record TeamChannels(IReadOnlyList<TeamChannel>? Conversations);

public sealed record TeamChannel(string? Id, string? Name);

/// <summary><c>GET /v3/teams/{teamId}</c>: the team's details (its <c>aadGroupId</c> is not needed here).</summary>
public sealed record TeamDetails(string? Id, string? Name);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(PagedMembers))]
[JsonSerializable(typeof(TeamChannels))]
[JsonSerializable(typeof(TeamDetails))]
[JsonSerializable(typeof(Dictionary<string, InstalledTeam>))]
[JsonSerializable(typeof(InstalledTeam))]
internal sealed partial class TeamsInsightsJson : JsonSerializerContext;

/// <summary>Registration of the Teams side of team insights.</summary>
public static class TeamsInsightsServiceCollectionExtensions
{
    /// <summary>Teams' <see cref="IPlatformTeams"/> and the installed-teams book (called by <c>AddTeams</c>).</summary>
    public static IServiceCollection AddTeamsInsights(this IServiceCollection services)
    {
        services.AddTransient<InstalledTeams>();
        services.AddSingleton<IPlatformTeams, TeamsTeams>();
        return services;
    }
}
