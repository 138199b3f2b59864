using FeedbackBot.Core.People;

namespace FeedbackBot.Core.DataRights;

/// <summary>
/// Who a giver becomes after they deleted their data: feedback they gave stays with its recipients, anonymous, and
/// its giver is this placeholder of the same workspace (a user id no platform uses), so no store keeps their id.
/// </summary>
public static class ErasedPerson
{
    /// <summary>Not a Slack (<c>U…</c>/<c>W…</c>) or Teams (<c>29:…</c>) id.</summary>
    public const string UserId = "~erased";

    public static PersonRef In(WorkspaceRef workspace) => new(workspace.Platform, workspace.WorkspaceId, UserId);

    public static bool Is(PersonRef person) => person.UserId == UserId;
}
