using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using StackExchange.Redis;

namespace FeedbackBot.Redis;

/// <summary>
/// The address book in Redis: one hash per person, <c>{p}:{slack:T1}:addr:{user}</c>, and one per workspace,
/// <c>{p}:{slack:T1}:addr</c>, each field a kind; a workspace-wide collection is one hash per kind,
/// <c>{p}:{slack:T1}:addr-entries:{kind}</c>, each field a member. Under the workspace's hash tag like the other per-person keys,
/// so a cluster keeps a workspace together. No expiry: the values (e.g. a DM channel id) do not change, and a
/// stale one is removed by the adapter when the platform refuses it.
/// </summary>
public sealed class RedisAddressBook(IConnectionMultiplexer redis, Keys keys) : IAddressBook
{
    public async Task<string?> GetAsync(PersonRef person, string kind, CancellationToken ct)
    {
        var value = await redis.GetDatabase().HashGetAsync(PersonKey(person), kind);
        return value.IsNull ? null : value.ToString();
    }

    public Task SetAsync(PersonRef person, string kind, string value, CancellationToken ct) =>
        redis.GetDatabase().HashSetAsync(PersonKey(person), kind, value);

    public Task RemoveAsync(PersonRef person, string kind, CancellationToken ct) =>
        redis.GetDatabase().HashDeleteAsync(PersonKey(person), kind);

    public async Task<string?> GetAsync(WorkspaceRef workspace, string kind, CancellationToken ct)
    {
        var value = await redis.GetDatabase().HashGetAsync(WorkspaceKey(workspace), kind);
        return value.IsNull ? null : value.ToString();
    }

    public Task SetAsync(WorkspaceRef workspace, string kind, string value, CancellationToken ct) =>
        redis.GetDatabase().HashSetAsync(WorkspaceKey(workspace), kind, value);

    public Task RemoveAsync(WorkspaceRef workspace, string kind, CancellationToken ct) =>
        redis.GetDatabase().HashDeleteAsync(WorkspaceKey(workspace), kind);

    public async Task<IReadOnlyDictionary<string, string>> ListEntriesAsync(WorkspaceRef workspace, string kind, CancellationToken ct) =>
        (await redis.GetDatabase().HashGetAllAsync(EntriesKey(workspace, kind))).ToDictionary(e => e.Name.ToString(), e => e.Value.ToString());

    public async Task<string?> GetEntryAsync(WorkspaceRef workspace, string kind, string member, CancellationToken ct)
    {
        var value = await redis.GetDatabase().HashGetAsync(EntriesKey(workspace, kind), member);
        return value.IsNull ? null : value.ToString();
    }

    // HSET / HDEL of one field: atomic on their own, so concurrent writers of different members keep both.
    public Task SetEntryAsync(WorkspaceRef workspace, string kind, string member, string value, CancellationToken ct) =>
        redis.GetDatabase().HashSetAsync(EntriesKey(workspace, kind), member, value);

    public Task RemoveEntryAsync(WorkspaceRef workspace, string kind, string member, CancellationToken ct) =>
        redis.GetDatabase().HashDeleteAsync(EntriesKey(workspace, kind), member);

    private RedisKey PersonKey(PersonRef p) => $"{keys.Prefix}:{Keys.Tag(p.Workspace)}:addr:{p.UserId}";

    private RedisKey WorkspaceKey(WorkspaceRef w) => $"{keys.Prefix}:{Keys.Tag(w)}:addr";

    // Not under "addr:" (that segment is a person's id there), so no member id can name a person's hash.
    private RedisKey EntriesKey(WorkspaceRef w, string kind) => $"{keys.Prefix}:{Keys.Tag(w)}:addr-entries:{kind}";
}
