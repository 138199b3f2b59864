using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;

namespace FeedbackBot.Core.Insights;

/// <summary>A team and who is in it (platform user ids), as the platform says now.</summary>
public sealed record TeamMembers(InsightsTeam Team, IReadOnlyCollection<string> UserIds);

/// <summary>
/// One platform's teams for insights: who its admins are, which teams an admin may pick (Slack: user groups and
/// public channels), and their members. A platform that cannot be asked right now throws Core's
/// <see cref="PeopleLookupException"/>, never its own exception type.
/// </summary>
public interface IPlatformTeams
{
    Platform Platform { get; }

    /// <summary>Whether the platform says <paramref name="person"/> is an admin or owner of their workspace (asked fresh).</summary>
    Task<bool> IsPlatformAdminAsync(PersonRef person, CancellationToken ct);

    /// <summary>The teams of <paramref name="workspace"/> an admin may pick.</summary>
    Task<IReadOnlyList<InsightsTeam>> ListTeamsAsync(WorkspaceRef workspace, CancellationToken ct);

    /// <summary>One team (an id from <see cref="ListTeamsAsync"/>) and its members; null when there is no such team.</summary>
    Task<TeamMembers?> GetTeamAsync(WorkspaceRef workspace, string teamId, CancellationToken ct);

    /// <summary>The workspace's people: not bots, not deactivated.</summary>
    Task<IReadOnlyCollection<string>> WorkspaceMembersAsync(WorkspaceRef workspace, CancellationToken ct);

    /// <summary>
    /// Whether <see cref="WorkspaceMembersAsync"/> is everyone (Slack's <c>users.list</c>). False when the platform can
    /// only name some of them (Teams: the rosters of the teams the bot is in); then the people insights have seen
    /// count as members too.
    /// </summary>
    bool KnowsEveryMember => true;
}

/// <summary>The team asked for does not exist (or is not one an admin may pick): a 404, not a 500.</summary>
public sealed class InsightsTeamNotFoundException(string teamId) : Exception($"No team '{teamId}' in this workspace.")
{
    public string TeamId { get; } = teamId;
}
