using FeedbackBot.Core.People;

namespace FeedbackBot.Core.Ports;

/// <summary>
/// What installing the app in a workspace gave its platform adapter (Slack: the bot token, who installed it,
/// the scopes), kept as one opaque string per workspace that only the adapter reads. It is a secret:
/// implementations keep it encrypted at rest, readable by every host, and never log it.
/// </summary>
public interface IInstallationStore
{
    /// <summary>The value stored for <paramref name="workspace"/>, decrypted; null when the app is not installed there.</summary>
    Task<string?> GetAsync(WorkspaceRef workspace, CancellationToken ct);

    /// <summary>Stores (or replaces) the value of <paramref name="workspace"/>.</summary>
    Task SetAsync(WorkspaceRef workspace, string value, CancellationToken ct);

    /// <summary>Forgets it; true when there was one.</summary>
    Task<bool> RemoveAsync(WorkspaceRef workspace, CancellationToken ct);
}

/// <summary>A workspace's stored data as a whole: for uninstalls and for a workspace's request to be forgotten.</summary>
public interface IWorkspaceData
{
    /// <summary>
    /// Drops the workspace's queued work (deliveries, request prompts, nudge checks, growth check-ins, weekly digests, send pacing)
    /// so no sweep or job picks anything of it up; its feedback, requests and preferences stay.
    /// </summary>
    Task StopWorkAsync(WorkspaceRef workspace, CancellationToken ct);

    /// <summary>
    /// Deletes everything stored for the workspace (feedback, requests, preferences, schedules, addresses, its
    /// installation) and nothing of any other workspace. Returns how many keys or entries were removed.
    /// </summary>
    Task<long> EraseAsync(WorkspaceRef workspace, CancellationToken ct);
}
