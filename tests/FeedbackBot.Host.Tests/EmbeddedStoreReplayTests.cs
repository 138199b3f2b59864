using System.Diagnostics;
using FeedbackBot.Redis;
using FeedbackBot.Redis.Embedded;
using FeedbackBot.Testing;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace FeedbackBot.Host.Tests;

/// <summary>
/// Garnet 2.2.8 writes a MULTI/EXEC to its append-only file as TxnStart … TxnCommit tagged with a session id. A kill -9
/// of the storage child inside EXEC leaves the group open at the end of the AOF; session ids start again in the next
/// life, so that life's first transaction on the same id follows the open group, and the start after that stops its
/// replay there ("No nested transactions expected"): every write after it is gone. Real processes, real signals.
/// </summary>
public sealed class EmbeddedStoreReplayTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(120);
    private readonly string _dir = Directory.CreateTempSubdirectory("fb-replay-").FullName;
    private readonly ListLoggerProvider _log = new();
    private int _lastCheckpointing;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>
    /// Three rounds on one data directory, each: connections come and go in life 1 (session ids count up), then a
    /// long EXEC is killed (kill -9 of the child) while it is being written to the AOF, leaving its group open;
    /// in life 2, with ids starting again, more connections than life 1 had each run a MULTI/EXEC and a plain write
    /// (one of them is likely to get the open group's id), then the child is killed again; life 3 must hold every
    /// acknowledged write and nothing of the killed EXEC. Without a fix this lost writes in about half the rounds.
    /// </summary>
    [Fact]
    public async Task ChildKilledInsideExec_TheNextLivesKeepEveryAcknowledgedWrite()
    {
        const int rounds = 3;
        using var loggers = LoggerFactory.Create(b => b.AddProvider(_log));
        await using var supervisor = new StorageSupervisor(
            new StorageLaunch("dotnet", [Path.Combine(AppContext.BaseDirectory, "FeedbackBot.Host.dll")]),
            _dir, port: 0, EmbeddedGarnet.DefaultMemory, "test", loggers);
        await supervisor.StartAsync(CancellationToken.None);
        var acknowledged = new List<string>();
        for (var round = 0; round < rounds; round++)
        {
            acknowledged.AddRange(await TransactionsOnManyConnectionsAsync(supervisor, $"{round}:life1", 30));
            var aofGrowth = await KillInsideExecAsync(supervisor, round);
            await WaitForRestartAsync(supervisor, 2 * round + 1);

            acknowledged.AddRange(await TransactionsOnManyConnectionsAsync(supervisor, $"{round}:life2", 45));
            Process.GetProcessById(supervisor.ChildPid!.Value).Kill();
            await WaitForRestartAsync(supervisor, 2 * round + 2);

            await using var redis = await ConnectAsync(supervisor);
            var db = redis.GetDatabase();
            var missing = new List<string>();
            foreach (var key in acknowledged)
            {
                if (!await db.KeyExistsAsync(key))
                {
                    missing.Add(key);
                }
            }

            output.WriteLine($"round {round}: EXEC killed after {aofGrowth} bytes of AOF; missing {missing.Count} of {acknowledged.Count}");
            Assert.False(await db.KeyExistsAsync($"torn:{round}:0"), "a transaction killed inside EXEC (never acknowledged) must leave nothing behind");
            Assert.True(missing.Count == 0, $"round {round}: {missing.Count} acknowledged writes lost ({string.Join(", ", missing.Take(3))}):\n{Log()}");
        }

        Assert.DoesNotContain(_log.Entries, e => e.Level == LogLevel.Critical);
        // Every start (the first and 2 per round) replayed, checkpointed and truncated its AOF before it listened.
        Assert.Equal(1 + 2 * rounds, _log.Entries.Count(e => e.Message.Contains(StorageProcess.CheckpointDoneLine, StringComparison.Ordinal)));
    }

    /// <summary>
    /// The start checkpoint is new work at every start; a kill -9 in the middle of it (the watchdog, the OOM killer)
    /// must cost nothing: Garnet truncates the AOF only after the checkpoint is complete, so the next start has the
    /// previous checkpoint and the whole AOF. Each round kills the running child, then kills its successor a little
    /// later into that successor's checkpoint each time; the third child must hold every acknowledged write.
    /// </summary>
    [Fact]
    public async Task ChildKilledDuringTheStartCheckpoint_TheNextStartKeepsEveryAcknowledgedWrite()
    {
        int[] delaysMs = [0, 100, 400, 1_000];
        using var loggers = LoggerFactory.Create(b => b.AddProvider(_log));
        await using var supervisor = new StorageSupervisor(
            new StorageLaunch("dotnet", [Path.Combine(AppContext.BaseDirectory, "FeedbackBot.Host.dll")]),
            _dir, port: 0, EmbeddedGarnet.DefaultMemory, "test", loggers);
        await supervisor.StartAsync(CancellationToken.None);
        await using var redis = await ConnectAsync(supervisor);
        var db = redis.GetDatabase();
        // Big enough that a checkpoint takes a while: 100,000 strings, sorted sets and hashes (objects are serialized).
        var written = await WriteAsync(db, "base", 100_000);
        var killedMidway = 0;
        for (var round = 0; round < delaysMs.Length; round++)
        {
            written += await WriteAsync(db, $"round{round}", 1_000);
            var previous = supervisor.ChildPid!.Value;
            Process.GetProcessById(previous).Kill();
            var starting = await CheckpointingChildAsync(previous);
            await Task.Delay(delaysMs[round]);
            TryKill(starting);
            await WaitForRestartAsync(supervisor, round + 1);

            killedMidway += _log.Entries.Any(e => e.Message.StartsWith($"Storage process {starting}: {StorageProcess.CheckpointDoneLine}", StringComparison.Ordinal)) ? 0 : 1;
            var present = 0L;
            foreach (var prefix in new[] { "base" }.Concat(Enumerable.Range(0, round + 1).Select(r => $"round{r}")))
            {
                present += await db.KeyExistsAsync(Keys(prefix, prefix == "base" ? 100_000 : 1_000));
                present += await db.SortedSetLengthAsync($"{prefix}:z") + await db.HashLengthAsync($"{prefix}:h");
            }

            Assert.True(written == present, $"round {round}: {written - present} of {written} acknowledged writes lost:\n{Log()}");
        }

        output.WriteLine($"{killedMidway} of {delaysMs.Length} children killed before their checkpoint was done");
        output.WriteLine(string.Join('\n', _log.Entries.Select(e => e.Message).Where(m => m.Contains(StorageProcess.CheckpointDoneLine) || m.Contains("restarted as"))));
        Assert.True(killedMidway >= 2, $"only {killedMidway} kills landed inside a checkpoint; the test proved little:\n{Log()}");
        Assert.DoesNotContain(_log.Entries, e => e.Level == LogLevel.Critical);
    }

    /// <summary>
    /// Sends one MULTI with many SETs and kills the child (kill -9) once EXEC has put part of it in the AOF: the
    /// queued commands are not logged, so AOF growth means EXEC is running.
    /// </summary>
    private async Task<long> KillInsideExecAsync(StorageSupervisor supervisor, int round)
    {
        await using var redis = await ConnectAsync(supervisor);
        const int sets = 100_000;
        var value = new string('v', 100);
        var baseline = AofBytes();
        var tx = redis.GetDatabase().CreateTransaction();
        for (var i = 0; i < sets; i++)
        {
            _ = tx.StringSetAsync($"torn:{round}:{i}", value);
        }

        var running = tx.ExecuteAsync();
        var deadline = DateTime.UtcNow + Bound;
        while (AofBytes() < baseline + 256 * 1024 && !running.IsCompleted)
        {
            Assert.True(DateTime.UtcNow < deadline, "EXEC never reached the AOF");
            await Task.Delay(1);
        }

        Process.GetProcessById(supervisor.ChildPid!.Value).Kill();
        var replied = running.IsCompletedSuccessfully;
        try
        {
            await running;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // the connection died under it: not acknowledged
        }

        Assert.False(replied, "EXEC finished before the kill; nothing was torn");
        return AofBytes() - baseline;
    }

    /// <summary>One connection after another, each running a MULTI/EXEC and a plain write; the keys they wrote.</summary>
    private static async Task<List<string>> TransactionsOnManyConnectionsAsync(StorageSupervisor supervisor, string life, int connections)
    {
        var keys = new List<string>();
        for (var c = 0; c < connections; c++)
        {
            await using var redis = await ConnectAsync(supervisor);
            var tx = redis.GetDatabase().CreateTransaction();
            var key = $"{life}:tx:{c}";
            _ = tx.StringSetAsync(key, "kept");
            _ = tx.StringSetAsync(key + ":b", "kept");
            Assert.True(await tx.ExecuteAsync());
            keys.Add(key);
            keys.Add(key + ":b");
            await redis.GetDatabase().StringSetAsync($"{life}:plain:{c}", "kept");
            keys.Add($"{life}:plain:{c}");
        }

        return keys;
    }

    /// <summary>Acknowledged writes of <paramref name="count"/> strings, as many sorted-set members and hash fields.</summary>
    private static async Task<long> WriteAsync(IDatabase db, string prefix, int count)
    {
        var value = new string('v', 100);
        foreach (var chunk in Enumerable.Range(0, count).Chunk(1_000))
        {
            await Task.WhenAll(chunk.SelectMany(i => new Task[]
            {
                db.StringSetAsync($"{prefix}:{i}", value),
                db.SortedSetAddAsync($"{prefix}:z", $"m{i}", i),
                db.HashSetAsync($"{prefix}:h", $"f{i}", i),
            }));
        }

        return 3L * count;
    }

    private static RedisKey[] Keys(string prefix, int count) =>
        Enumerable.Range(0, count).Select(i => (RedisKey)$"{prefix}:{i}").ToArray();

    /// <summary>The pid of the next child that says its start checkpoint began (the supervisor logs the child's stdout).</summary>
    private async Task<int> CheckpointingChildAsync(int previous)
    {
        var deadline = DateTime.UtcNow + Bound;
        var started = $": {StorageProcess.CheckpointStartedLine}";
        while (true)
        {
            var pid = _log.Entries
                .Where(e => e.Message.StartsWith("Storage process ", StringComparison.Ordinal) && e.Message.EndsWith(started, StringComparison.Ordinal))
                .Select(e => int.Parse(e.Message["Storage process ".Length..^started.Length]))
                .LastOrDefault();
            if (pid != 0 && pid != previous && pid != _lastCheckpointing)
            {
                _lastCheckpointing = pid;
                return pid;
            }

            Assert.True(DateTime.UtcNow < deadline, $"no child started its checkpoint:\n{Log()}");
            await Task.Delay(1);
        }
    }

    private static void TryKill(int pid)
    {
        try
        {
            Process.GetProcessById(pid).Kill();
        }
        catch (ArgumentException)
        {
            // already gone
        }
    }

    private long AofBytes()
    {
        var aof = new DirectoryInfo(Path.Combine(_dir, "garnet", "AOF"));
        return aof.Exists ? aof.EnumerateFiles("aof.log.*").Sum(f => f.Length) : 0;
    }

    private async Task WaitForRestartAsync(StorageSupervisor supervisor, int restarts)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (supervisor.Status.Restarts < restarts || !supervisor.Status.Answering)
        {
            Assert.True(DateTime.UtcNow < deadline, $"no restart #{restarts}:\n{Log()}");
            await Task.Delay(50);
        }
    }

    private string Log() => string.Join('\n', _log.Entries.Select(e => $"{e.Level}: {e.Message}"));

    private static async Task<ConnectionMultiplexer> ConnectAsync(StorageSupervisor supervisor)
    {
        var config = ConfigurationOptions.Parse(supervisor.ConnectionString);
        config.AbortOnConnectFail = false;
        config.ReconnectRetryPolicy = new LinearRetry(100);
        config.SyncTimeout = config.AsyncTimeout = 30_000;
        // No subscription connection: one server session per multiplexer, so the sweeps above walk the ids densely.
        config.CommandMap = CommandMap.Create(["SUBSCRIBE"], available: false);
        return await ConnectionMultiplexer.ConnectAsync(config);
    }
}
