using System.Text.Json.Nodes;
using FeedbackBot.Core.Insights;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Slack.Admin;
using FeedbackBot.Slack.Api;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Slack.Insights;

/// <summary>
/// Slack's teams for insights: user groups (<c>usergroups.list</c>, <c>usergroups.users.list</c>, scope
/// <c>usergroups:read</c>) and public channels (<c>conversations.list</c>, <c>conversations.info</c>,
/// <c>conversations.members</c>, scope <c>channels:read</c>), the workspace's people (<c>users.list</c>,
/// <c>users:read</c>), admins from <c>users.info</c> (<see cref="WorkspaceAdmins"/>). Lists that Slack pages are
/// read to the end with cursors (https://docs.slack.dev/apis/web-api/pagination). Private channels are not
/// offered: their names and members are for their members, not for every admin. Member lists are reused for
/// <see cref="InsightsOptions.MembersCacheTime"/>: <c>users.list</c> and <c>usergroups.users.list</c> are Tier 2
/// (about 20 calls a minute), and a big workspace takes many pages.
/// </summary>
public sealed class SlackTeams(
    SlackApiClient api,
    WorkspaceAdmins admins,
    IOptions<InsightsOptions> options,
    TimeProvider time,
    ILogger<SlackTeams> logger) : IPlatformTeams
{
    /// <summary>Kinds of <see cref="InsightsTeam"/>, and the prefixes of their ids (<c>usergroup:S123</c>, <c>channel:C123</c>).</summary>
    public const string UserGroupKind = "usergroup";

    public const string ChannelKind = "channel";

    // Slack suggests at most 200 per page for users.list and conversations.*; fewer may come back.
    private const int PageSize = 200;

    // A runaway guard (a cursor that never ends), far above any real workspace: 500 pages of 200.
    private const int MaxPages = 500;

    private readonly MemberListCache _members = new(options, time);

    public Platform Platform => Platform.Slack;

    public async Task<bool> IsPlatformAdminAsync(PersonRef person, CancellationToken ct)
    {
        try
        {
            return await admins.IsAdminAsync(person, ct);
        }
        catch (SlackApiException ex) when (ex.Error == "user_not_found")
        {
            return false;
        }
        catch (SlackApiException ex)
        {
            throw new PeopleLookupException($"Slack users.info failed: {ex.Error}", ex);
        }
    }

    public async Task<IReadOnlyList<InsightsTeam>> ListTeamsAsync(WorkspaceRef workspace, CancellationToken ct)
    {
        var teams = (await UserGroupsAsync(workspace, ct))
            .Select(g => new InsightsTeam($"{UserGroupKind}:{g.Id}", g.Name, UserGroupKind))
            .ToList();
        var channels = await AskAsync("conversations.list", () => PagesAsync(workspace, "conversations.list",
            new JsonObject { ["types"] = "public_channel", ["exclude_archived"] = "true" }, "channels", ct)) ?? [];
        teams.AddRange(channels.OfType<JsonObject>()
            .Where(c => Text(c, "id") is not null)
            .Select(c => new InsightsTeam($"{ChannelKind}:{Text(c, "id")}", "#" + (Text(c, "name") ?? Text(c, "id")), ChannelKind))
            .OrderBy(t => t.Name, StringComparer.OrdinalIgnoreCase));
        return teams;
    }

    public async Task<TeamMembers?> GetTeamAsync(WorkspaceRef workspace, string teamId, CancellationToken ct)
    {
        var (kind, id) = teamId.Split(':', 2) is [var k, var i] && i.Length > 0 ? (k, i) : ("", "");
        if (kind == UserGroupKind)
        {
            if ((await UserGroupsAsync(workspace, ct)).Where(g => g.Id == id).Select(g => g.Name).FirstOrDefault() is not { } groupName)
            {
                return null;
            }

            var users = await _members.GetAsync(workspace, teamId, async () => Ids(await AskAsync("usergroups.users.list", async () =>
                (await api.CallAsync(workspace.WorkspaceId, "usergroups.users.list", new JsonObject { ["usergroup"] = id }, ct))["users"] as JsonArray)));
            return users is null ? null : new TeamMembers(new InsightsTeam(teamId, groupName, UserGroupKind), users);
        }

        if (kind == ChannelKind)
        {
            var info = await AskAsync("conversations.info", async () =>
                (await api.CallAsync(workspace.WorkspaceId, "conversations.info", new JsonObject { ["channel"] = id }, ct))["channel"] as JsonObject);
            if (info is null || Flag(info, "is_private"))
            {
                return null;
            }

            var members = await _members.GetAsync(workspace, teamId, async () => Ids(await AskAsync("conversations.members", () =>
                PagesAsync(workspace, "conversations.members", new JsonObject { ["channel"] = id }, "members", ct))));
            return members is null ? null : new TeamMembers(new InsightsTeam(teamId, "#" + (Text(info, "name") ?? id), ChannelKind), members);
        }

        return null;
    }

    public async Task<IReadOnlyCollection<string>> WorkspaceMembersAsync(WorkspaceRef workspace, CancellationToken ct) =>
        await _members.GetAsync(workspace, "", async () =>
        {
            var users = await AskAsync("users.list", () => PagesAsync(workspace, "users.list", [], "members", ct)) ?? [];
            // People only: not bots (Slackbot is USLACKBOT, a bot without is_bot), not deactivated.
            return users.OfType<JsonObject>()
                .Where(u => !Flag(u, "deleted") && !Flag(u, "is_bot") && Text(u, "id") is { } id && id != "USLACKBOT")
                .Select(u => Text(u, "id")!)
                .ToArray();
        }) ?? [];

    private async Task<IReadOnlyList<(string Id, string Name)>> UserGroupsAsync(WorkspaceRef workspace, CancellationToken ct)
    {
        try
        {
            var reply = await api.CallAsync(workspace.WorkspaceId, "usergroups.list", new JsonObject { ["include_disabled"] = "false" }, ct);
            return (reply["usergroups"] as JsonArray ?? []).OfType<JsonObject>()
                .Where(g => Text(g, "id") is not null)
                .Select(g => (Text(g, "id")!, "@" + (Text(g, "handle") ?? Text(g, "name") ?? Text(g, "id")!)))
                .OrderBy(g => g.Item2, StringComparer.OrdinalIgnoreCase)
                .ToArray();
        }
        catch (SlackApiException ex) when (!ex.Transient && !ex.IsTokenLost)
        {
            // An install from before usergroups:read (missing_scope) or a plan without user groups: channels still work.
            logger.LogWarning("Slack usergroups.list refused ({Error}); offering channels only. Reinstall the app to grant usergroups:read.", ex.Error);
            return [];
        }
        catch (SlackApiException ex)
        {
            throw new PeopleLookupException($"Slack usergroups.list failed: {ex.Error}", ex);
        }
    }

    // Every page of a cursor-paginated list: response_metadata.next_cursor until it is empty.
    private async Task<IReadOnlyList<JsonNode?>> PagesAsync(WorkspaceRef workspace, string method, JsonObject args, string arrayName, CancellationToken ct)
    {
        var items = new List<JsonNode?>();
        string? cursor = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var pageArgs = (JsonObject)args.DeepClone();
            pageArgs["limit"] = PageSize;
            if (!string.IsNullOrEmpty(cursor))
            {
                pageArgs["cursor"] = cursor;
            }

            var reply = await api.CallAsync(workspace.WorkspaceId, method, pageArgs, ct);
            items.AddRange((reply[arrayName] as JsonArray ?? []).Select(n => n?.DeepClone()));
            cursor = Text(reply["response_metadata"] as JsonObject, "next_cursor");
            if (string.IsNullOrEmpty(cursor))
            {
                return items;
            }
        }

        logger.LogWarning("Slack {Method}: stopped after {Pages} pages", method, MaxPages);
        return items;
    }

    // Slack's answer, or null when the thing asked about does not exist; any other failure is Core's lookup failure.
    private static async Task<T?> AskAsync<T>(string method, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (SlackApiException ex) when (ex.Error is "channel_not_found" or "no_such_subteam")
        {
            return default;
        }
        catch (SlackApiException ex)
        {
            throw new PeopleLookupException($"Slack {method} failed: {ex.Error}", ex);
        }
    }

    private static IReadOnlyCollection<string>? Ids(IEnumerable<JsonNode?>? nodes) =>
        nodes?.Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).OfType<string>().Distinct().ToArray();

    private static string? Text(JsonObject? o, string name) => o?[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static bool Flag(JsonObject o, string name) => o[name]?.GetValueKind() == System.Text.Json.JsonValueKind.True;
}

/// <summary>Registration of the Slack side of team insights.</summary>
public static class SlackInsightsServiceCollectionExtensions
{
    /// <summary>Slack's <see cref="IPlatformTeams"/> (called by <c>AddSlack</c> when Slack is configured).</summary>
    public static IServiceCollection AddSlackInsights(this IServiceCollection services) =>
        services.AddSingleton<IPlatformTeams, SlackTeams>();
}
