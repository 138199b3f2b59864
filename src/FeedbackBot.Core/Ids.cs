using FeedbackBot.Core.People;

namespace FeedbackBot.Core;

/// <summary>Identifier generation for stored entities.</summary>
public static class Ids
{
    /// <summary>
    /// The longest id <see cref="New(TimeProvider, WorkspaceRef)"/> makes, with room to spare: a Teams id is
    /// <c>teams.</c> + a 36-character tenant GUID + <c>.</c> + 32 hex digits = 75 characters; a Slack id is shorter
    /// (team ids are about 11 characters). Adapters refuse longer ids from buttons and metadata before any lookup
    /// (those values come from the client). Slack's own limits are far above it (a button value may hold 2000
    /// characters, a block_id 255).
    /// </summary>
    public const int MaxLength = 100;

    /// <summary>Whether <paramref name="value"/> (from a button or metadata, so client-controlled) may be an id: non-empty and at most <see cref="MaxLength"/>.</summary>
    public static bool IsPlausible(string? value) => value is { Length: > 0 and <= MaxLength };

    /// <summary>
    /// A new id: a version-7 GUID (time-ordered, so ids sort roughly by creation) in 32 hex digits. Taking the
    /// time from <paramref name="time"/> keeps ids ordered under a fake clock too.
    /// </summary>
    public static string New(TimeProvider time) => Guid.CreateVersion7(time.GetUtcNow()).ToString("N");

    /// <summary>
    /// A new id that names the workspace it belongs to, e.g. <c>slack.T123.0193…</c>. Storage derives the
    /// item's key (and so its Redis Cluster slot) from it, so the item, its indexes and its pending-delivery
    /// entry can be written in one atomic transaction, while buttons and jobs still carry the id alone.
    /// Workspace ids never contain '.' (Slack team ids are alphanumeric, Teams tenant ids are GUIDs).
    /// </summary>
    public static string New(TimeProvider time, WorkspaceRef workspace) =>
        $"{WorkspaceRef.PlatformName(workspace.Platform)}.{workspace.WorkspaceId}.{New(time)}";

    /// <summary>The workspace named by an id from <see cref="New(TimeProvider, WorkspaceRef)"/>; false for plain ids.</summary>
    public static bool TryGetWorkspace(string id, out WorkspaceRef workspace)
    {
        workspace = default;
        var parts = id.Split('.');
        if (parts.Length != 3 || parts[1].Length == 0)
        {
            return false;
        }

        Platform? platform = parts[0] switch
        {
            "slack" => Platform.Slack,
            "teams" => Platform.Teams,
            _ => null,
        };
        if (platform is null)
        {
            return false;
        }

        workspace = new WorkspaceRef(platform.Value, parts[1]);
        return true;
    }
}
