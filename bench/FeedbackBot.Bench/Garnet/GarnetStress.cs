using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Redis;
using FeedbackBot.Redis.Embedded;
using Garnet;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace FeedbackBot.Bench.Garnet;

/// <summary>
/// <c>garnet-stress</c>: hammers a Garnet (or Redis) with the write shapes that crash or wedge Garnet 2.2.8
/// (objects mutated while pages are flushed or checkpointed, microsoft/garnet#2101) plus the bot's own shapes,
/// counts every acknowledged write, and reads each one back at the end.
/// <list type="bullet">
/// <item><c>--mode inproc-old</c>: Garnet inside this process with the pre-child arguments (storage tier, page flushes);
/// <c>--memory 8m --page 256k</c> reproduces the wedge. A FailFast ends this process, as it ended the bot.</item>
/// <item><c>--mode child</c>: the shipped shape: <see cref="RedisConnection"/> starts the supervised storage child,
/// exactly as the host does (this executable answers the <c>storage</c> verb too). <c>--kill-every S</c> adds kill -9s.
/// At the end the child is killed once more and everything is read back from the replayed AOF.</item>
/// <item><c>--mode inproc-new</c>: the child's Garnet arguments in this process, with <c>--extra "..."</c> to try more.</item>
/// <item><c>--mode external --redis host:port</c>: any server, for comparison.</item>
/// </list>
/// </summary>
public static class GarnetStress
{
    public static async Task<int> RunAsync(string[] args)
    {
        var mode = Option(args, "--mode") ?? "child";
        var duration = Option(args, "--seconds") is { } s
            ? TimeSpan.FromSeconds(double.Parse(s, CultureInfo.InvariantCulture))
            : TimeSpan.FromMinutes(double.Parse(Option(args, "--minutes") ?? "1", CultureInfo.InvariantCulture));
        var connections = int.Parse(Option(args, "--connections") ?? "4", CultureInfo.InvariantCulture);
        var loops = int.Parse(Option(args, "--loops") ?? "4", CultureInfo.InvariantCulture);
        var killEvery = Option(args, "--kill-every") is { } k ? TimeSpan.FromSeconds(double.Parse(k, CultureInfo.InvariantCulture)) : (TimeSpan?)null;
        var bgsaveEvery = Option(args, "--bgsave-every") is { } b ? TimeSpan.FromSeconds(double.Parse(b, CultureInfo.InvariantCulture)) : (TimeSpan?)null;
        var dir = Option(args, "--data") ?? Directory.CreateTempSubdirectory("fb-stress-").FullName;

        using var loggers = LoggerFactory.Create(l => l.SetMinimumLevel(LogLevel.Information).AddSimpleConsole(o => o.SingleLine = true));
        Console.WriteLine($"garnet-stress mode={mode} duration={duration} connections={connections}x{loops} data={dir} kill-every={killEvery?.TotalSeconds} bgsave-every={bgsaveEvery?.TotalSeconds}");

        IAsyncDisposable? owner = null;
        GarnetServer? inproc = null;
        string endpoint;
        RedisConnection? bot = null;
        switch (mode)
        {
            case "inproc-old":
            {
                var port = LoopbackPort.Pick();
                inproc = new GarnetServer(OldArguments(dir, port, Option(args, "--memory") ?? "256m", Option(args, "--page") ?? "1m"), loggers, cleanupDir: false);
                inproc.Start();
                endpoint = $"127.0.0.1:{port}";
                break;
            }

            case "inproc-new":
            {
                // The child's Garnet arguments, in this process, plus --extra ones to try (e.g. compaction settings).
                var port = LoopbackPort.Pick();
                var extra = (Option(args, "--extra") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
                inproc = new GarnetServer([.. EmbeddedGarnet.Arguments(dir, port, Option(args, "--memory") ?? EmbeddedGarnet.DefaultMemory), .. extra], loggers, cleanupDir: false);
                inproc.Start();
                endpoint = $"127.0.0.1:{port}";
                break;
            }

            case "child":
                bot = new RedisConnection(
                    Options.Create(new StorageOptions { DataDirectory = dir, EmbeddedMemory = Option(args, "--memory") ?? EmbeddedGarnet.DefaultMemory }),
                    loggers);
                await bot.StartAsync(CancellationToken.None);
                owner = bot;
                endpoint = bot.Embedded!.ConnectionString;
                break;
            case "external":
                endpoint = Option(args, "--redis") ?? throw new ArgumentException("--redis host:port");
                break;
            default:
                Console.Error.WriteLine("--mode inproc-old|inproc-new|child|external");
                return 2;
        }

        var muxes = new List<IConnectionMultiplexer>();
        if (bot is not null)
        {
            muxes.Add(bot.Multiplexer);
            muxes.Add(bot.JobsMultiplexer);
        }

        while (muxes.Count < connections)
        {
            var config = ConfigurationOptions.Parse(endpoint);
            config.AbortOnConnectFail = false;
            config.AllowAdmin = true;
            config.ReconnectRetryPolicy = new LinearRetry(250);
            muxes.Add(await ConnectionMultiplexer.ConnectAsync(config));
        }

        var stats = new Stats();
        using var stop = new CancellationTokenSource(duration);
        var workers = new List<Task>();
        var id = 0;
        foreach (var mux in muxes)
        {
            for (var l = 0; l < loops; l++)
            {
                var w = id++;
                workers.Add(Task.Run(() => LoopAsync(w, mux, stats, stop.Token)));
            }
        }

        var chaos = Task.Run(() => ChaosAsync(bot, muxes[0], killEvery, bgsaveEvery, stats, stop.Token));
        var started = Stopwatch.StartNew();
        var stalledFor = TimeSpan.Zero;
        long lastOps = 0;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(10), stop.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            var ops = Interlocked.Read(ref stats.Ops);
            var log = await LogMemoryAsync(muxes[^1]);
            stalledFor = ops == lastOps ? stalledFor + TimeSpan.FromSeconds(10) : TimeSpan.Zero;
            Console.WriteLine(
                $"{started.Elapsed:mm\\:ss} ops={ops} ({(ops - lastOps) / 10.0:0}/s) errors={Interlocked.Read(ref stats.Errors)} acked={stats.Acked.Count} feedback={stats.Feedback.Count} "
                + $"kills={stats.Kills} bgsaves={stats.Bgsaves} restarts={bot?.Embedded?.Status.Restarts} rss(self)={Rss(Environment.ProcessId)}MB rss(child)={Rss(bot?.Embedded?.ChildPid)}MB "
                + $"log={log}");
            lastOps = ops;
            // With the child, a pause is a restart (kill -9 + AOF replay, up to tens of seconds on a busy VM).
            if (stalledFor >= (bot is null ? TimeSpan.FromSeconds(30) : TimeSpan.FromMinutes(5)))
            {
                // In-process, a wedged Garnet hangs every call of the host; there is nothing to read back.
                Console.WriteLine($"WEDGED: no command completed for {stalledFor.TotalSeconds:0} s (last error: {stats.LastError})");
                return 3;
            }
        }

        await Task.WhenAll(workers);
        await chaos;
        Console.WriteLine($"load done: {Interlocked.Read(ref stats.Ops)} ops in {started.Elapsed.TotalSeconds:0} s, errors={stats.Errors} (last: {stats.LastError})");

        if (bot?.Embedded is { } supervisor)
        {
            // One more kill -9 so that everything is read back from the replayed AOF, not from a warm process.
            var before = supervisor.Status.Restarts;
            var aof = new DirectoryInfo(Path.Combine(dir, "garnet", "AOF")).EnumerateFiles("aof.log.*").Sum(f => f.Length);
            var killed = Stopwatch.StartNew();
            Process.GetProcessById(supervisor.ChildPid!.Value).Kill();
            var deadline = DateTime.UtcNow.AddMinutes(30);
            while (supervisor.Status.Restarts == before && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }

            await muxes[0].GetDatabase().PingAsync();
            Console.WriteLine($"final kill -9: answering again after {killed.Elapsed.TotalSeconds:0.0} s (AOF {aof / (1024 * 1024)} MB), restarts={supervisor.Status.Restarts}");
        }

        var missing = await VerifyAsync(muxes[0], stats);
        Console.WriteLine(
            $"RESULT mode={mode} seconds={started.Elapsed.TotalSeconds:0} ops={stats.Ops} errors={stats.Errors} kills={stats.Kills} bgsaves={stats.Bgsaves} "
            + $"restarts={bot?.Embedded?.Status.Restarts} acked-units={stats.Acked.Count} (x3 writes) feedback={stats.Feedback.Count} "
            + $"missing-units={missing.Units} missing-feedback={missing.Feedback} missing-index={missing.Index} evicted={bot?.Embedded?.Status.Evicted}");

        foreach (var m in muxes.Skip(bot is null ? 0 : 2))
        {
            await m.DisposeAsync();
        }

        if (owner is not null)
        {
            await owner.DisposeAsync();
        }

        inproc?.Dispose();
        return missing.Units + missing.Feedback + missing.Index == 0 ? 0 : 1;
    }

    /// <summary>The embedded arguments before the child process (page flushes to a storage tier), with the sizes to try.</summary>
    private static string[] OldArguments(string dir, int port, string memory, string page)
    {
        var aof = Path.Combine(dir, "garnet");
        Directory.CreateDirectory(aof);
        return
        [
            "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--lua", "--aof", "--aof-commit-freq", "0",
            "--aof-commit-wait", "--storage-tier", "--device-type", "RandomAccess", "--checkpointdir", aof, "--logdir", aof, "--recover",
            "--memory", memory, "--page", page, "--index", "16m",
        ];
    }

    private sealed class Stats
    {
        public long Ops;
        public long Errors;
        public int Kills;
        public int Bgsaves;
        public string? LastError;

        /// <summary>"worker:seq" units whose SET, ZADD and HSET were all acknowledged.</summary>
        public readonly ConcurrentBag<(int Worker, long Seq)> Acked = [];

        /// <summary>Feedback items whose save (item + both indexes) was acknowledged.</summary>
        public readonly ConcurrentBag<FeedbackItem> Feedback = [];

        public void Fail(Exception ex)
        {
            Interlocked.Increment(ref Errors);
            LastError = ex.GetType().Name + ": " + ex.Message.Split('\n')[0][..Math.Min(160, ex.Message.Split('\n')[0].Length)];
        }
    }

    private const string Script = """
        redis.call('ZADD', KEYS[1], ARGV[1], ARGV[2])
        redis.call('HINCRBY', KEYS[2], 'n', 1)
        if redis.call('ZCARD', KEYS[1]) > 500 then redis.call('ZREMRANGEBYRANK', KEYS[1], 0, 99) end
        return 1
        """;

    /// <summary>Six shapes, one per worker in turn: churn on big objects (the #2101 path), short-lived keys, and acknowledged units.</summary>
    private static async Task LoopAsync(int worker, IConnectionMultiplexer mux, Stats stats, CancellationToken stop)
    {
        var rnd = new Random(worker);
        var db = mux.GetDatabase();
        var feedback = new RedisFeedbackStore(mux, new Keys("fb"));
        long seq = 0;
        while (!stop.IsCancellationRequested)
        {
            seq++;
            try
            {
                switch (worker % 6)
                {
                    case 0: // sorted sets: add and remove members of a few big ones
                        var z = $"stress:z:{rnd.Next(8)}";
                        await db.SortedSetAddAsync(z, $"m{rnd.Next(5000)}", rnd.NextDouble());
                        await db.SortedSetRemoveAsync(z, $"m{rnd.Next(5000)}");
                        break;
                    case 1: // lists: push, remove, trim
                        var list = $"stress:l:{rnd.Next(8)}";
                        await db.ListLeftPushAsync(list, $"v{rnd.Next(1000)}");
                        await db.ListRemoveAsync(list, $"v{rnd.Next(1000)}", 1);
                        await db.ListTrimAsync(list, 0, 999);
                        break;
                    case 2: // hashes: a few hot ones, and new short-lived job hashes (Hangfire's shape)
                        await db.HashSetAsync($"stress:h:{rnd.Next(8)}", $"f{rnd.Next(2000)}", seq);
                        var job = $"stress:job:{worker}:{seq}";
                        await db.HashSetAsync(job, [new("State", "Enqueued"), new("Payload", new string('j', 200))]);
                        await db.KeyExpireAsync(job, TimeSpan.FromSeconds(30));
                        break;
                    case 3: // Lua, and strings with a TTL
                        await db.ScriptEvaluateAsync(Script, [$"stress:ez:{rnd.Next(4)}", $"stress:eh:{rnd.Next(4)}"], [seq, $"{worker}:{seq}"]);
                        await db.StringSetAsync($"stress:s:{worker}:{seq % 5000}", new string('s', 100), TimeSpan.FromSeconds(20));
                        break;
                    case 4: // the bot's own shape: a feedback item and its two indexes, then its delivery status (MULTI/EXEC)
                        var item = new FeedbackItem(
                            $"stress-{worker}-{seq}", new PersonRef(Platform.Slack, "T1", $"U{rnd.Next(50)}"), new PersonRef(Platform.Slack, "T1", $"U{rnd.Next(50)}"),
                            FeedbackContent.FromText($"Stress feedback {worker}/{seq}: thanks for the clear demo."), FeedbackKind.Praise,
                            FeedbackVisibility.Private, false, null, null, DateTimeOffset.UtcNow);
                        await feedback.SaveAsync(item, stop);
                        stats.Feedback.Add(item);
                        await feedback.SetDeliveryAsync(item.Id, DeliveryStatus.Delivered, DateTimeOffset.UtcNow, null, stop);
                        break;
                    default: // an acknowledged unit: string, sorted-set member, hash field
                        await db.StringSetAsync($"ack:{worker}:{seq}", seq);
                        await db.SortedSetAddAsync($"ack:z:{worker}", seq, seq);
                        await db.HashSetAsync($"ack:h:{worker}", seq, seq);
                        stats.Acked.Add((worker, seq));
                        break;
                }

                Interlocked.Increment(ref stats.Ops);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException or InvalidOperationException)
            {
                // Not acknowledged, so not counted; a restart in progress shows up here.
                stats.Fail(ex);
                await Task.Delay(50, CancellationToken.None);
            }
        }
    }

    private static async Task ChaosAsync(RedisConnection? bot, IConnectionMultiplexer mux, TimeSpan? killEvery, TimeSpan? bgsaveEvery, Stats stats, CancellationToken stop)
    {
        var nextKill = killEvery is { } k ? DateTime.UtcNow + k : DateTime.MaxValue;
        var nextSave = bgsaveEvery is { } b ? DateTime.UtcNow + b : DateTime.MaxValue;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(250, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (DateTime.UtcNow >= nextKill && bot?.Embedded?.ChildPid is { } pid)
            {
                try
                {
                    Process.GetProcessById(pid).Kill();
                    stats.Kills++;
                }
                catch (ArgumentException)
                {
                    // already restarting
                }

                nextKill = DateTime.UtcNow + killEvery!.Value;
            }

            if (DateTime.UtcNow >= nextSave)
            {
                try
                {
                    await mux.GetServer(mux.GetEndPoints()[0]).ExecuteAsync("BGSAVE");
                    stats.Bgsaves++;
                }
                catch (RedisException ex)
                {
                    stats.Fail(ex);
                }

                nextSave = DateTime.UtcNow + bgsaveEvery!.Value;
            }
        }
    }

    private static async Task<(int Units, int Feedback, int Index)> VerifyAsync(IConnectionMultiplexer mux, Stats stats)
    {
        var db = mux.GetDatabase();
        var units = 0;
        foreach (var chunk in stats.Acked.Chunk(500))
        {
            var strings = await db.StringGetAsync(chunk.Select(a => (RedisKey)$"ack:{a.Worker}:{a.Seq}").ToArray());
            var scores = await Task.WhenAll(chunk.Select(a => db.SortedSetScoreAsync($"ack:z:{a.Worker}", a.Seq)));
            var fields = await Task.WhenAll(chunk.Select(a => db.HashExistsAsync($"ack:h:{a.Worker}", a.Seq)));
            units += chunk.Where((a, i) => strings[i] != a.Seq || scores[i] is null || !fields[i]).Count();
        }

        var keys = new Keys("fb");
        var store = new RedisFeedbackStore(mux, keys);
        var lost = 0;
        var index = 0;
        foreach (var chunk in stats.Feedback.Chunk(200))
        {
            var items = await Task.WhenAll(chunk.Select(f => store.GetAsync(f.Id, default)));
            var received = await Task.WhenAll(chunk.Select(f => db.SortedSetScoreAsync(keys.Received(f.Recipient), f.Id)));
            var sent = await Task.WhenAll(chunk.Select(f => db.SortedSetScoreAsync(keys.Sent(f.Giver), f.Id)));
            lost += items.Count(i => i is null);
            index += received.Count(r => r is null) + sent.Count(r => r is null);
        }

        return (units, lost, index);
    }

    /// <summary>Garnet's in-memory log: used MB (pages + object heap) and whether its begin moved (compaction or eviction).</summary>
    private static async Task<string> LogMemoryAsync(IConnectionMultiplexer mux)
    {
        try
        {
            var info = (string?)await mux.GetServer(mux.GetEndPoints()[0]).ExecuteAsync("INFO", "store");
            var fields = (info ?? "").Split('\n').Select(l => l.Split(':', 2)).Where(p => p.Length == 2)
                .GroupBy(p => p[0].Trim()).ToDictionary(g => g.Key, g => g.First()[1].Trim());
            long F(string name) => fields.TryGetValue(name, out var v) && long.TryParse(v, CultureInfo.InvariantCulture, out var n) ? n : 0;
            return $"{(F("Log.CurrentMemorySizeBytes") + F("Log.CurrentHeapSizeBytes")) / (1024 * 1024)}MB begin={F("Log.BeginAddress")} head={F("Log.HeadAddress")} tail={F("Log.TailAddress")}";
        }
        catch (Exception ex) when (ex is RedisException or RedisCommandException or TimeoutException)
        {
            return "?";
        }
    }

    private static long? Rss(int? pid)
    {
        if (pid is null || !File.Exists($"/proc/{pid}/status"))
        {
            return null;
        }

        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
