using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Requests;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace FeedbackBot.Redis;

/// <summary>What the doctor found: counts, and one line per problem (the first few hundred).</summary>
public sealed record DoctorReport(int FeedbackItems, int PendingDeliveries, int Requests, int Problems, int Repaired, IReadOnlyList<string> Findings)
{
    public bool Clean => Problems == Repaired;

    /// <summary>The one line the host logs and the CLI prints last.</summary>
    public string Summary =>
        $"Storage doctor: {FeedbackItems} feedback items, {PendingDeliveries} pending deliveries, {Requests} requests; " +
        $"{Problems} problem(s), {Repaired} repaired" + (Clean ? " — clean" : " — run `doctor --repair`");
}

/// <summary>
/// Checks the storage invariants the bot relies on, and repairs what it can (idempotently):
/// <list type="bullet">
/// <item>every feedback item is in its recipient's received index and its giver's sent index;</item>
/// <item>every item still pending delivery has an outbox entry in its workspace (and the workspace is known to
/// the sweeper), so it will be delivered; every outbox entry points at a pending item;</item>
/// <item>every open request is in its requester's and pending recipients' indexes;</item>
/// <item>every prompt still owed and every summary owed has its request-outbox entry (so the sweeper sends it),
/// and every request-outbox entry is owed by its request;</item>
/// <item>every person still pending on an open request has a nudge-schedule entry (so their chain of checks,
/// and the request's expiry, go on);</item>
/// <item>every weekly-reminder entry names a person.</item>
/// </list>
/// Work of a workspace the app was uninstalled from (<see cref="Keys.Stopped"/>) is not queued again: the
/// uninstall dropped it on purpose, and it would only fail.
/// It reads with SCAN on every primary, so it works on a cluster and never blocks the server.
/// </summary>
public sealed class StorageDoctor(IConnectionMultiplexer redis, Keys keys, TimeProvider time, ILogger<StorageDoctor> logger)
{
    private const int MaxFindings = 200;

    public async Task<DoctorReport> RunAsync(bool repair, CancellationToken ct)
    {
        var db = redis.GetDatabase();
        var findings = new List<string>();
        int problems = 0, repaired = 0, items = 0, pending = 0, requests = 0;

        async Task Problem(string what, Func<Task>? fix)
        {
            problems++;
            if (findings.Count < MaxFindings)
            {
                findings.Add(what + (repair && fix is not null ? " (repaired)" : ""));
            }

            if (repair && fix is not null)
            {
                await fix();
                repaired++;
            }
        }

        // A workspace the app was uninstalled from keeps its data but gets no work queued: its items stay pending.
        var stopped = new Dictionary<WorkspaceRef, bool>();
        async Task<bool> IsStopped(WorkspaceRef workspace)
        {
            if (!stopped.TryGetValue(workspace, out var value))
            {
                value = stopped[workspace] = await db.KeyExistsAsync(keys.Stopped(workspace));
                if (value && findings.Count < MaxFindings)
                {
                    findings.Add($"workspace {workspace} is uninstalled: its pending work stays stored, not queued");
                }
            }

            return value;
        }

        var pendingIds = new HashSet<string>();
        foreach (var key in await ScanAsync($"{keys.Prefix}:*feedback:*", keys.Feedback))
        {
            ct.ThrowIfCancellationRequested();
            if (StorageJson.Read<FeedbackItem>(await db.StringGetAsync(key)) is not { } item)
            {
                continue;
            }

            items++;
            var score = item.CreatedAt.ToUnixTimeMilliseconds();
            if (await db.SortedSetScoreAsync(keys.Received(item.Recipient), item.Id) is null)
            {
                await Problem($"feedback {item.Id} missing from {item.Recipient}'s received index",
                    () => db.SortedSetAddAsync(keys.Received(item.Recipient), item.Id, score));
            }

            if (await db.SortedSetScoreAsync(keys.Sent(item.Giver), item.Id) is null)
            {
                await Problem($"feedback {item.Id} missing from {item.Giver}'s sent index",
                    () => db.SortedSetAddAsync(keys.Sent(item.Giver), item.Id, score));
            }

            if (item.Delivery != DeliveryStatus.Pending)
            {
                continue;
            }

            pending++;
            pendingIds.Add(item.Id);
            var workspace = item.Recipient.Workspace;
            if (await IsStopped(workspace))
            {
                continue;
            }

            if (await db.SortedSetScoreAsync(keys.Outbox(workspace), item.Id) is null)
            {
                // Due now: the sweeper delivers it on its next pass (delivery itself is exactly-once).
                await Problem($"feedback {item.Id} is pending but has no outbox entry: it would never be delivered", async () =>
                {
                    await db.SetAddAsync(keys.OutboxWorkspaces, workspace.ToString());
                    await db.SortedSetAddAsync(keys.Outbox(workspace), item.Id, time.GetUtcNow().ToUnixTimeMilliseconds());
                });
            }
            else if (!await db.SetContainsAsync(keys.OutboxWorkspaces, workspace.ToString()))
            {
                await Problem($"workspace {workspace} has pending deliveries but the sweeper does not know it",
                    () => db.SetAddAsync(keys.OutboxWorkspaces, workspace.ToString()));
            }
        }

        foreach (var value in await db.SetMembersAsync(keys.OutboxWorkspaces))
        {
            var workspace = RedisFeedbackStore.ParseWorkspace(value.ToString());
            foreach (var entry in await db.SortedSetRangeByRankAsync(keys.Outbox(workspace)))
            {
                if (!pendingIds.Contains(entry.ToString()))
                {
                    await Problem($"outbox entry {entry} in {workspace} points at no pending feedback",
                        () => db.SortedSetRemoveAsync(keys.Outbox(workspace), entry));
                }
            }
        }

        var owedWork = new HashSet<(WorkspaceRef, string)>();
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        // Both key forms: {p}:request:{id} (older ids) and {p}:{ws}:request:{id}.
        foreach (var key in await ScanAsync($"{keys.Prefix}:*request:*", keys.Request))
        {
            if (StorageJson.Read<FeedbackRequest>(await db.HashGetAsync(key, "json")) is not { } request)
            {
                continue;
            }

            requests++;
            var home = request.Requester.Workspace;
            foreach (var entry in request.PendingWork().Select(e => e.ToString()))
            {
                owedWork.Add((home, entry));
                if (await db.SortedSetScoreAsync(keys.RequestOutbox(home), entry) is null && !await IsStopped(home))
                {
                    // Due now: the sweeper sends it on its next pass (exactly once: it checks the platform first).
                    await Problem($"request {request.Id} owes {entry} but it is not queued: it would never be sent", async () =>
                    {
                        await db.SetAddAsync(keys.OutboxWorkspaces, home.ToString());
                        await db.SortedSetAddAsync(keys.RequestOutbox(home), entry, now);
                    });
                }
            }

            foreach (var recipient in request.Recipients.Where(r => r.IsOpen))
            {
                var person = recipient.Person;
                if (await db.SortedSetScoreAsync(keys.Nudges(person.Workspace), person.Key) is null && !await IsStopped(person.Workspace))
                {
                    // A check due now plans from everything the person owes (nudge or expiry); it never nudges twice.
                    await Problem($"{person} is pending on request {request.Id} but has no nudge check planned", async () =>
                    {
                        await db.SetAddAsync(keys.OutboxWorkspaces, person.Workspace.ToString());
                        await db.SortedSetAddAsync(keys.Nudges(person.Workspace), person.Key, now, SortedSetWhen.LessThan);
                    });
                }
            }
            if (request.IsOpen && !await db.SetContainsAsync(keys.Asked(request.Requester), request.Id))
            {
                await Problem($"open request {request.Id} missing from {request.Requester}'s asked index",
                    () => db.SetAddAsync(keys.Asked(request.Requester), request.Id));
            }

            foreach (var recipient in request.Recipients.Where(r => r.IsOpen))
            {
                if (!await db.SetContainsAsync(keys.Owed(recipient.Person), request.Id))
                {
                    await Problem($"request {request.Id} missing from {recipient.Person}'s owed index",
                        () => db.SetAddAsync(keys.Owed(recipient.Person), request.Id));
                }
            }
        }

        foreach (var value in await db.SetMembersAsync(keys.OutboxWorkspaces))
        {
            var workspace = RedisFeedbackStore.ParseWorkspace(value.ToString());
            foreach (var entry in await db.SortedSetRangeByRankAsync(keys.RequestOutbox(workspace)))
            {
                if (!owedWork.Contains((workspace, entry.ToString())))
                {
                    await Problem($"request outbox entry {entry} in {workspace} is owed by no request",
                        () => db.SortedSetRemoveAsync(keys.RequestOutbox(workspace), entry));
                }
            }
        }

        foreach (var entry in await db.SortedSetRangeByRankAsync(keys.Reminders))
        {
            if (!TryParsePerson(entry.ToString()))
            {
                await Problem($"weekly-reminder entry '{entry}' names no person", () => db.SortedSetRemoveAsync(keys.Reminders, entry));
            }
        }

        var report = new DoctorReport(items, pending, requests, problems, repaired, findings);
        logger.LogInformation("{Summary}", report.Summary);
        return report;
    }

    private static bool TryParsePerson(string key)
    {
        try
        {
            PersonRef.Parse(key);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>
    /// The keys matching <paramref name="pattern"/> that are exactly <paramref name="keyOf"/>(their last segment):
    /// the pattern also matches other keys with the same word in them (e.g. <c>…:limits:feedback:{user}</c>, a
    /// sorted set), which are not items.
    /// </summary>
    private async Task<IReadOnlyList<RedisKey>> ScanAsync(string pattern, Func<string, RedisKey> keyOf)
    {
        var found = await ScanAsync(pattern);
        return found.Where(key =>
        {
            var name = key.ToString();
            return keyOf(name[(name.LastIndexOf(':') + 1)..]) == key;
        }).ToList();
    }

    private async Task<IReadOnlyList<RedisKey>> ScanAsync(string pattern)
    {
        var found = new List<RedisKey>();
        foreach (var endpoint in redis.GetEndPoints())
        {
            var server = redis.GetServer(endpoint);
            if (!server.IsConnected || server.IsReplica)
            {
                continue;
            }

            await foreach (var key in server.KeysAsync(pattern: pattern, pageSize: 500))
            {
                found.Add(key);
            }
        }

        return found;
    }
}
