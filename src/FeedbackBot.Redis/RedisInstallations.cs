using System.Security.Cryptography;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace FeedbackBot.Redis;

/// <summary>
/// Installations in Redis: <c>{p}:{slack:T1}:install</c>, a string encrypted with ASP.NET Core Data Protection
/// (AES-256-CBC + HMACSHA256, keys rotated every 90 days) whose key ring lives in the same Redis
/// (<see cref="InstallationsServiceCollectionExtensions"/>), so every host can read what any host stored and no
/// raw token is ever in storage. Under the workspace's hash tag, so erasing a workspace takes it along.
/// </summary>
public sealed class RedisInstallationStore(
    IConnectionMultiplexer redis,
    Keys keys,
    IDataProtectionProvider protection,
    ILogger<RedisInstallationStore> logger) : IInstallationStore
{
    // The purpose string isolates these ciphertexts from every other use of the key ring (cookies, OAuth state).
    private readonly IDataProtector _protector = protection.CreateProtector("FeedbackBot.Installation.v1");

    public async Task<string?> GetAsync(WorkspaceRef workspace, CancellationToken ct)
    {
        var value = await redis.GetDatabase().StringGetAsync(Key(workspace));
        if (value.IsNull)
        {
            return null;
        }

        try
        {
            return _protector.Unprotect(value.ToString());
        }
        catch (CryptographicException ex)
        {
            // The key ring lost the key (a different Redis, a wiped ring): the stored install is unreadable, which
            // is the same as no install; reinstalling writes a fresh one.
            logger.LogError("The stored installation of {Workspace} cannot be decrypted ({Reason}); reinstall the app there", workspace, ex.Message);
            return null;
        }
    }

    public async Task SetAsync(WorkspaceRef workspace, string value, CancellationToken ct)
    {
        var db = redis.GetDatabase();
        await db.StringSetAsync(Key(workspace), _protector.Protect(value));
        await db.KeyDeleteAsync(keys.Stopped(workspace)); // installed (again): the doctor may queue its work
    }

    public Task<bool> RemoveAsync(WorkspaceRef workspace, CancellationToken ct) =>
        redis.GetDatabase().KeyDeleteAsync(Key(workspace));

    private RedisKey Key(WorkspaceRef w) => $"{keys.Prefix}:{Keys.Tag(w)}:install";
}

/// <summary>
/// A workspace's keys as a whole. Almost everything of a workspace carries its hash tag (<c>{p}:{slack:T1}:…</c>),
/// so it is found with <c>SCAN MATCH</c> on every primary; the few shared keys that mention it are cleaned one by
/// one: its members of <c>{p}:reminders</c> and <c>{p}:outbox:workspaces</c>, and once-claims that name its ids.
/// Not reached: feedback and requests stored before ids named their workspace (<c>{p}:feedback:{id}</c>,
/// <c>{p}:request:{id}</c>), and the arguments of finished Hangfire jobs until Hangfire expires them.
/// </summary>
public sealed class RedisWorkspaceData(IConnectionMultiplexer redis, Keys keys) : IWorkspaceData
{
    private const int ScanPage = 500;

    public async Task StopWorkAsync(WorkspaceRef workspace, CancellationToken ct)
    {
        var db = redis.GetDatabase();
        var tag = $"{keys.Prefix}:{Keys.Tag(workspace)}";
        // One slot (the tag), so one multi-key DEL works on a cluster too.
        await db.KeyDeleteAsync([$"{tag}:outbox", $"{tag}:requests:outbox", $"{tag}:nudges", $"{tag}:nudges:ver", $"{tag}:pace", $"{tag}:checkins"]);
        // Remembered, so the storage doctor does not put the dropped work back (removed by the next install).
        await db.StringSetAsync(keys.Stopped(workspace), "1");
        await db.SetRemoveAsync(keys.OutboxWorkspaces, workspace.ToString());
        await RemoveRemindersAsync(db, workspace);
    }

    public async Task<long> EraseAsync(WorkspaceRef workspace, CancellationToken ct)
    {
        var db = redis.GetDatabase();
        var removed = await RemoveRemindersAsync(db, workspace);
        removed += await db.SetRemoveAsync(keys.OutboxWorkspaces, workspace.ToString()) ? 1 : 0;

        var platform = workspace.ToString().Split(':')[0];
        var id = Glob(workspace.WorkspaceId);
        string[] patterns =
        [
            $"{Glob(keys.Prefix)}:{Glob(Keys.Tag(workspace))}:*",
            // Once-claims naming the workspace's feedback or request ids (slack.T1.<uuid>) and its Slack events.
            $"{Glob(keys.Prefix)}:once:*{platform}.{id}.*",
            $"{Glob(keys.Prefix)}:once:{platform}:event:{id}:*",
        ];
        foreach (var pattern in patterns)
        {
            removed += await DeleteMatchingAsync(db, pattern, ct);
        }

        return removed;
    }

    private async Task<long> DeleteMatchingAsync(IDatabase db, string pattern, CancellationToken ct)
    {
        long removed = 0;
        foreach (var server in redis.GetServers().Where(s => s.IsConnected && !s.IsReplica))
        {
            var batch = new List<RedisKey>(ScanPage);
            await foreach (var key in server.KeysAsync(db.Database, pattern, ScanPage).WithCancellation(ct))
            {
                batch.Add(key);
                if (batch.Count == ScanPage)
                {
                    removed += await DeleteEachAsync(db, batch);
                }
            }

            removed += await DeleteEachAsync(db, batch);
        }

        return removed;
    }

    // One DEL per key: the once-claims hash on their own, so a multi-key DEL could span slots on a cluster.
    private static async Task<long> DeleteEachAsync(IDatabase db, List<RedisKey> batch)
    {
        var deleted = await Task.WhenAll(batch.Select(k => db.KeyDeleteAsync(k)));
        batch.Clear();
        return deleted.Count(d => d);
    }

    private async Task<long> RemoveRemindersAsync(IDatabase db, WorkspaceRef workspace)
    {
        var members = new List<RedisValue>();
        await foreach (var entry in db.SortedSetScanAsync(keys.Reminders, $"{Glob(workspace.ToString())}:*", ScanPage))
        {
            members.Add(entry.Element);
        }

        return members.Count == 0 ? 0 : await db.SortedSetRemoveAsync(keys.Reminders, members.ToArray());
    }

    // Ids are the platform's (letters and digits), but a glob character in one must not widen the match.
    internal static string Glob(string text) =>
        string.Concat(text.Select(c => c is '*' or '?' or '[' or ']' or '\\' ? "\\" + c : c.ToString()));
}
