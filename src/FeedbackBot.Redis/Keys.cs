using FeedbackBot.Core.People;
using StackExchange.Redis;

namespace FeedbackBot.Redis;

/// <summary>
/// The key scheme, in one place. Every key starts with <see cref="StorageOptions.KeyPrefix"/>.
/// <list type="bullet">
/// <item><c>{p}:{slack:T1}:feedback:{id}</c> — a feedback item (JSON). Its id names its workspace
/// (<see cref="Core.Ids.New(System.TimeProvider, WorkspaceRef)"/>), so it is found by id alone and still shares the
/// workspace's slot with its indexes and its outbox entry. Ids without a workspace use <c>{p}:feedback:{id}</c>.</item>
/// <item><c>{p}:{slack:T1}:outbox</c> — sorted set: feedback ids still to be delivered → next due time (Unix ms).</item>
/// <item><c>{p}:outbox:workspaces</c> — set of workspaces that have (or had) an outbox or a nudge schedule, for the sweeper.</item>
/// <item><c>{p}:{slack:T1}:received:{user}</c>, <c>…:sent:{user}</c> — sorted sets of feedback ids by creation time.</item>
/// <item><c>{p}:{slack:T1}:request:{id}</c> — a feedback request: hash with <c>json</c> and <c>ver</c> (optimistic
/// concurrency). Its id names the requester's workspace, as feedback ids do; older ids use <c>{p}:request:{id}</c>.</item>
/// <item><c>{p}:{slack:T1}:requests:outbox</c> — sorted set: request work still to send (<c>prompt/{request}/{person}</c>,
/// <c>summary/{request}</c>) → next due time (Unix ms). Written with the request it belongs to.</item>
/// <item><c>{p}:{slack:T1}:nudges</c> — sorted set: person key → next nudge-check time (Unix ms), one entry per person;
/// <c>…:nudges:ver</c> — hash: person key → version, moved on by every plan from outside a running check.</item>
/// <item><c>{p}:{slack:T1}:owed:{user}</c>, <c>…:asked:{user}</c> — sets of request ids.</item>
/// <item><c>{p}:{slack:T1}:prefs:{user}</c> — personal preferences (JSON).</item>
/// <item><c>{p}:once:{key}</c> — once-claims with a TTL (event dedupe, sent-markers).</item>
/// <item><c>{p}:{purpose}:{sha256}</c> — a one-time link's grant with a TTL, by the hash of its token
/// (<c>{p}:web:link:…</c> sign-in, <c>{p}:export:…</c> data export; <see cref="RedisOneTimeLinkStore"/>).</item>
/// <item><c>{p}:{slack:T1}:pace</c> — the workspace's next free send slot (Unix ms), for digest pacing.</item>
/// <item><c>{p}:{slack:T1}:limits:{feedback|request}:{user}</c> — sorted set: one member per use, scored by its
/// time (Unix ms), for the per-person sliding-window limits (<see cref="RedisUsageLimiter"/>).</item>
/// <item><c>{p}:{slack:T1}:stopped</c> — present while the app is uninstalled there (the doctor queues no work for it).</item>
/// <item><c>{p}:reminders</c> — sorted set: person key → next weekly-digest time (Unix ms).</item>
/// <item><c>{p}:{slack:T1}:themes:{user}</c> — hash: theme id → growth theme (JSON); <c>…:commitment:{id}</c> — a commitment
/// (hash <c>json</c>, <c>ver</c>; its id names the workspace); <c>…:commitments:{user}</c> — sorted set of commitment ids by
/// creation time; <c>…:checkins</c> — sorted set: commitment id → next check-in time (Unix ms).</item>
/// <item><c>{p}:{slack:T1}:figures:{user}</c> — hash: the person's growth-page figures by month (<see cref="Insights.RedisGrowthFigures"/>).</item>
/// </list>
/// The part in braces is a Redis Cluster hash tag: one workspace's per-person keys share a slot, so writes that
/// touch several of them can run in one transaction on a cluster too.
/// </summary>
public sealed class Keys(string prefix)
{
    public string Prefix { get; } = prefix;

    public RedisKey Feedback(string id) =>
        Core.Ids.TryGetWorkspace(id, out var workspace) ? $"{Prefix}:{Tag(workspace)}:feedback:{id}" : $"{Prefix}:feedback:{id}";

    /// <summary>A workspace's pending deliveries (feedback id → next due time).</summary>
    public RedisKey Outbox(WorkspaceRef w) => $"{Prefix}:{Tag(w)}:outbox";

    /// <summary>Every workspace that has an outbox; the sweeper walks these.</summary>
    public RedisKey OutboxWorkspaces => $"{Prefix}:outbox:workspaces";

    public RedisKey Received(PersonRef p) => $"{Prefix}:{Tag(p.Workspace)}:received:{p.UserId}";

    public RedisKey Sent(PersonRef p) => $"{Prefix}:{Tag(p.Workspace)}:sent:{p.UserId}";

    public RedisKey Request(string id) =>
        Core.Ids.TryGetWorkspace(id, out var workspace) ? $"{Prefix}:{Tag(workspace)}:request:{id}" : $"{Prefix}:request:{id}";

    /// <summary>A workspace's queued request work (prompts, summaries) → next due time.</summary>
    public RedisKey RequestOutbox(WorkspaceRef w) => $"{Prefix}:{Tag(w)}:requests:outbox";

    /// <summary>A workspace's nudge schedule: person key → next nudge-check time.</summary>
    public RedisKey Nudges(WorkspaceRef w) => $"{Prefix}:{Tag(w)}:nudges";

    /// <summary>A workspace's nudge-schedule versions: person key → count of plans made from outside a running check.</summary>
    public RedisKey NudgeVersions(WorkspaceRef w) => $"{Prefix}:{Tag(w)}:nudges:ver";

    public RedisKey Owed(PersonRef p) => $"{Prefix}:{Tag(p.Workspace)}:owed:{p.UserId}";

    public RedisKey Asked(PersonRef p) => $"{Prefix}:{Tag(p.Workspace)}:asked:{p.UserId}";

    public RedisKey Preferences(PersonRef p) => $"{Prefix}:{Tag(p.Workspace)}:prefs:{p.UserId}";

    public RedisKey Once(string key) => $"{Prefix}:once:{key}";

    /// <summary>A one-time link's grant; the purpose names the key space (<c>web:link</c>, <c>export</c>).</summary>
    public RedisKey OneTimeLink(string purpose, string tokenHash) => $"{Prefix}:{purpose}:{tokenHash}";

    /// <summary>A workspace's next free send slot (digest pacing shared by every host).</summary>
    public RedisKey Pace(WorkspaceRef w) => $"{Prefix}:{Tag(w)}:pace";

    /// <summary>A person's log of uses of one limited action (per-person limits).</summary>
    public RedisKey Limits(PersonRef p, string action) => $"{Prefix}:{Tag(p.Workspace)}:limits:{action}:{p.UserId}";

    /// <summary>
    /// Present while the app is uninstalled from the workspace (set when its work is stopped, removed when it is
    /// installed again): the storage doctor does not queue work there.
    /// </summary>
    public RedisKey Stopped(WorkspaceRef w) => $"{Prefix}:{Tag(w)}:stopped";

    /// <summary>Everyone's next weekly-digest time (one sorted set; the planner reads only its due head).</summary>
    public RedisKey Reminders => $"{Prefix}:reminders";

    /// <summary>A person's growth themes (theme id → JSON).</summary>
    public RedisKey Themes(PersonRef p) => $"{Prefix}:{Tag(p.Workspace)}:themes:{p.UserId}";

    /// <summary>A commitment; its id names its owner's workspace (ids without one: <c>{p}:commitment:{id}</c>).</summary>
    public RedisKey Commitment(string id) =>
        Core.Ids.TryGetWorkspace(id, out var workspace) ? $"{Prefix}:{Tag(workspace)}:commitment:{id}" : $"{Prefix}:commitment:{id}";

    /// <summary>A person's commitment ids by creation time.</summary>
    public RedisKey Commitments(PersonRef p) => $"{Prefix}:{Tag(p.Workspace)}:commitments:{p.UserId}";

    /// <summary>A workspace's check-in schedule: commitment id → next check-in time.</summary>
    public RedisKey CheckIns(WorkspaceRef w) => $"{Prefix}:{Tag(w)}:checkins";

    /// <summary>The hash tag of a workspace, e.g. <c>{slack:T123}</c>.</summary>
    public static string Tag(WorkspaceRef w) => "{" + w + "}";
}
