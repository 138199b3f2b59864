using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Core.Insights;

/// <summary>
/// Core's <see cref="IInsightsQuery"/>: admins from the platform and <see cref="InsightsOptions.Admins"/>, teams and
/// members from the person's platform (<see cref="IPlatformTeams"/>), counts from <see cref="IInsightsStore"/>,
/// and the k-anonymous report from <see cref="InsightsAggregator"/>. A platform without team support (or none
/// configured) still gets the whole-workspace report, over the people insights have seen.
/// </summary>
public sealed class InsightsQuery(
    IEnumerable<IPlatformTeams> platforms,
    IInsightsStore store,
    IOptions<InsightsOptions> options,
    TimeProvider time,
    ILogger<InsightsQuery> logger) : IInsightsQuery
{
    /// <summary>The report's name for the whole workspace.</summary>
    public const string WholeWorkspace = "Whole workspace";

    private readonly Dictionary<Platform, IPlatformTeams> _platforms = platforms.ToDictionary(p => p.Platform);

    public async Task<bool> IsAdminAsync(PersonRef person, CancellationToken ct)
    {
        if (options.Value.Admins.Any(a => a == person.Key || a == person.UserId))
        {
            return true;
        }

        if (!_platforms.TryGetValue(person.Platform, out var platform))
        {
            return false;
        }

        try
        {
            return await platform.IsPlatformAdminAsync(person, ct);
        }
        catch (PeopleLookupException ex)
        {
            // Deny while the platform cannot say: insights are for admins only, never for "maybe" admins.
            logger.LogWarning(ex, "Insights: could not ask whether {Person} is an admin", person);
            return false;
        }
    }

    public Task<IReadOnlyList<InsightsTeam>> ListTeamsAsync(WorkspaceRef workspace, CancellationToken ct) =>
        _platforms.TryGetValue(workspace.Platform, out var platform)
            ? platform.ListTeamsAsync(workspace, ct)
            : Task.FromResult<IReadOnlyList<InsightsTeam>>([]);

    /// <summary>
    /// The report; throws <see cref="InsightsTeamNotFoundException"/> for a team the platform does not know and
    /// <see cref="PeopleLookupException"/> when the platform cannot be asked.
    /// </summary>
    public async Task<InsightsReport> GetAsync(WorkspaceRef workspace, string? teamId, CancellationToken ct)
    {
        var o = options.Value;
        _platforms.TryGetValue(workspace.Platform, out var platform);
        TeamMembers? team = null;
        if (teamId is not null)
        {
            team = (platform is null ? null : await platform.GetTeamAsync(workspace, teamId, ct))
                ?? throw new InsightsTeamNotFoundException(teamId);
        }

        var weeks = await Task.WhenAll(InsightsWeek.Last(time.GetUtcNow(), o.Weeks)
            .Select(async week => new InsightsWeekEntries(week, await store.ReadWeekAsync(workspace, week, ct))));
        var seen = weeks.SelectMany(w => w.Entries).Select(e => e.UserId);
        IReadOnlySet<string> members = platform is null
            ? seen.ToHashSet()
            : (await platform.WorkspaceMembersAsync(workspace, ct)).Concat(platform.KnowsEveryMember ? [] : seen).ToHashSet();
        var scope = team is null
            ? new InsightsScope(WholeWorkspace, null, members)
            : new InsightsScope(team.Team.Name, team.UserIds.ToHashSet(), members);
        return InsightsAggregator.Build(scope, weeks, o.MinGroupSize);
    }
}
