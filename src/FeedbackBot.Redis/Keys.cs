using FeedbackBot.Core.People;
using StackExchange.Redis;

namespace FeedbackBot.Redis;

/// <summary>
/// The key scheme, in one place. Every key starts with <see cref="StorageOptions.KeyPrefix"/>.
/// <list type="bullet">
/// <item><c>{p}:feedback:{id}</c> — a feedback item (JSON). Looked up by id alone, so it has its own slot.</item>
/// <item><c>{p}:{slack:T1}:received:{user}</c>, <c>…:sent:{user}</c> — sorted sets of feedback ids by creation time.</item>
/// <item><c>{p}:request:{id}</c> — a feedback request: hash with <c>json</c> and <c>ver</c> (optimistic concurrency).</item>
/// <item><c>{p}:{slack:T1}:owed:{user}</c>, <c>…:asked:{user}</c> — sets of request ids.</item>
/// <item><c>{p}:{slack:T1}:prefs:{user}</c> — personal preferences (JSON).</item>
/// <item><c>{p}:once:{key}</c> — once-claims with a TTL (event dedupe, sent-markers).</item>
/// <item><c>{p}:{slack:T1}:pace</c> — the workspace's next free send slot (Unix ms), for digest pacing.</item>
/// <item><c>{p}:reminders</c> — sorted set: person key → next weekly-digest time (Unix ms).</item>
/// </list>
/// The part in braces is a Redis Cluster hash tag: one workspace's per-person keys share a slot, so writes that
/// touch several of them can run in one transaction on a cluster too.
/// </summary>
public sealed class Keys(string prefix)
{
    public string Prefix { get; } = prefix;

    public RedisKey Feedback(string id) => $"{Prefix}:feedback:{id}";

    public RedisKey Received(PersonRef p) => $"{Prefix}:{Tag(p.Workspace)}:received:{p.UserId}";

    public RedisKey Sent(PersonRef p) => $"{Prefix}:{Tag(p.Workspace)}:sent:{p.UserId}";

    public RedisKey Request(string id) => $"{Prefix}:request:{id}";

    public RedisKey Owed(PersonRef p) => $"{Prefix}:{Tag(p.Workspace)}:owed:{p.UserId}";

    public RedisKey Asked(PersonRef p) => $"{Prefix}:{Tag(p.Workspace)}:asked:{p.UserId}";

    public RedisKey Preferences(PersonRef p) => $"{Prefix}:{Tag(p.Workspace)}:prefs:{p.UserId}";

    public RedisKey Once(string key) => $"{Prefix}:once:{key}";

    /// <summary>A workspace's next free send slot (digest pacing shared by every host).</summary>
    public RedisKey Pace(WorkspaceRef w) => $"{Prefix}:{Tag(w)}:pace";

    /// <summary>Everyone's next weekly-digest time (one sorted set; the planner reads only its due head).</summary>
    public RedisKey Reminders => $"{Prefix}:reminders";

    /// <summary>The hash tag of a workspace, e.g. <c>{slack:T123}</c>.</summary>
    public static string Tag(WorkspaceRef w) => "{" + w + "}";
}
