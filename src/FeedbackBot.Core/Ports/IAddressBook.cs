using FeedbackBot.Core.People;

namespace FeedbackBot.Core.Ports;

/// <summary>
/// What a platform adapter needs to reach a person or a workspace later, kept durably so it survives restarts
/// and is shared by every host. Core never reads the values: the <c>kind</c> names and the strings are the
/// adapter's own (Slack: the DM channel id of a person; Teams: service URL, conversation id, tenant). Values
/// are facts that rarely change, so adapters read them before asking the platform and write them once learnt.
/// </summary>
public interface IAddressBook
{
    /// <summary>The value of <paramref name="kind"/> remembered for <paramref name="person"/>, or null.</summary>
    Task<string?> GetAsync(PersonRef person, string kind, CancellationToken ct);

    /// <summary>Remembers (or replaces) the value of <paramref name="kind"/> for <paramref name="person"/>.</summary>
    Task SetAsync(PersonRef person, string kind, string value, CancellationToken ct);

    /// <summary>Forgets a value the platform no longer accepts (e.g. a conversation that was closed).</summary>
    Task RemoveAsync(PersonRef person, string kind, CancellationToken ct);

    /// <summary>The value of <paramref name="kind"/> remembered for a whole workspace or tenant, or null.</summary>
    Task<string?> GetAsync(WorkspaceRef workspace, string kind, CancellationToken ct);

    /// <summary>Remembers (or replaces) a workspace-wide value (e.g. a Teams tenant's service URL).</summary>
    Task SetAsync(WorkspaceRef workspace, string kind, string value, CancellationToken ct);

    /// <summary>Forgets a workspace-wide value.</summary>
    Task RemoveAsync(WorkspaceRef workspace, string kind, CancellationToken ct);

    /// <summary>
    /// Every entry of a workspace-wide collection of <paramref name="kind"/> (e.g. the Teams teams a bot is in), by
    /// member. A collection's entries are set and removed one by one, each on its own atomically, so two writers of
    /// different members (two installs at once) never lose each other's write.
    /// </summary>
    Task<IReadOnlyDictionary<string, string>> ListEntriesAsync(WorkspaceRef workspace, string kind, CancellationToken ct);

    /// <summary>One entry of a workspace-wide collection, or null.</summary>
    Task<string?> GetEntryAsync(WorkspaceRef workspace, string kind, string member, CancellationToken ct);

    /// <summary>Adds or replaces one entry of a workspace-wide collection; the other entries are untouched.</summary>
    Task SetEntryAsync(WorkspaceRef workspace, string kind, string member, string value, CancellationToken ct);

    /// <summary>Removes one entry of a workspace-wide collection (nothing when absent); the other entries are untouched.</summary>
    Task RemoveEntryAsync(WorkspaceRef workspace, string kind, string member, CancellationToken ct);
}
