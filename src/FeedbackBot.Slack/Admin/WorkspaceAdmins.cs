using FeedbackBot.Core.People;
using FeedbackBot.Slack.Api;
using FeedbackBot.Slack.Inbound;

namespace FeedbackBot.Slack.Admin;

/// <summary>
/// Who may run admin commands: a workspace admin or owner, asked fresh from <c>users.info</c> every time (never a
/// cached profile: rights can be taken away). https://docs.slack.dev/reference/objects/user-object
/// (<c>is_admin</c>, <c>is_owner</c>, <c>is_primary_owner</c>).
/// </summary>
public sealed class WorkspaceAdmins(SlackApiClient api)
{
    public async Task<bool> IsAdminAsync(PersonRef person, CancellationToken ct)
    {
        var user = await api.GetUserAsync(person.WorkspaceId, person.UserId, ct);
        return Flag("is_admin") || Flag("is_owner") || Flag("is_primary_owner");

        bool Flag(string name) => user[name]?.GetValueKind() == System.Text.Json.JsonValueKind.True;
    }
}

/// <summary><c>/feedback admin delete-workspace-data</c>.</summary>
public sealed record DeleteWorkspaceDataIntent : Give.FeedbackCommandIntent;

/// <summary>The <c>admin</c> part of the <c>/feedback</c> grammar.</summary>
public static class AdminCommandParser
{
    public const string Word = "admin";

    public const string DeleteWorkspaceData = "delete-workspace-data";

    /// <summary>Reads what follows <c>admin</c>.</summary>
    public static Give.FeedbackCommandIntent Parse(string rest) =>
        rest.Trim().Equals(DeleteWorkspaceData, StringComparison.OrdinalIgnoreCase)
            ? new DeleteWorkspaceDataIntent()
            : new Give.FeedbackCommandIntent.Invalid($"Admin commands: `/feedback admin {DeleteWorkspaceData}` deletes everything FeedbackBot stored for this workspace.");
}
