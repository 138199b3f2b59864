using System.Diagnostics;
using System.Globalization;
using FeedbackBot.Host.Tests;
using FeedbackBot.Testing;
using FeedbackBot.Testing.Burst;
using FeedbackBot.Redis;

namespace FeedbackBot.Bench.Burst;

/// <summary>
/// <c>burst</c>, <c>soak</c>, <c>crashloop</c>, <c>outage</c>: the real host process (<c>dotnet FeedbackBot.Host.dll</c>,
/// Release, copied next to this bench) with Slack on against the loopback <see cref="FakeSlackApi"/>, storage either
/// embedded Garnet in a fresh data dir or a redis-server this scenario starts. Gives are sent open loop (on the
/// clock, never waiting for earlier answers) and counted end to end by <see cref="GiveLedger"/>: what the giver
/// was told against what arrived at the fake Slack. Exits 1 when an acknowledged give is lost or one is doubled.
/// </summary>
public static class BurstScenario
{
    private const string Secret = "burst-signing-secret";

    public static async Task<int> RunAsync(string verb, string[] args)
    {
        var o = BurstOptions.Parse(verb, args);
        o = o with { Givers = GiveLedger.GiversFor(o.ExpectedGives(verb)) };
        // The load generator shares 2 cores with the host: a starved client would pose as a slow host.
        ThreadPool.SetMinThreads(64, 64);
        await using var env = await BurstEnvironment.StartAsync(o, Secret);
        Console.WriteLine($"{verb}: storage {o.Storage}, {o.Givers} givers, work dir {env.WorkDir}");
        try
        {
            var summary = verb switch
            {
                "burst" => await BurstAsync(env, o),
                "soak" => await SoakAsync(env, o),
                "crashloop" => await CrashLoopAsync(env, o),
                "outage" => await OutageAsync(env, o),
                _ => throw new ArgumentException($"unknown verb {verb}"),
            };
            Console.WriteLine(summary.ToTable());
            Console.WriteLine(summary.ToJson());
            await File.WriteAllTextAsync(Path.Combine(env.WorkDir, "summary.json"), summary.ToJson());
            env.SaveLogs();
            Console.WriteLine($"host logs (warnings and up): {env.WorkDir}/host-*.log, summary.json there too; {env.LogSummary()}");
            return summary.Lost == 0 && summary.Doubled == 0 && !env.SoakFailed && !env.DoctorFailed ? 0 : 1;
        }
        catch
        {
            env.SaveLogs();
            Console.WriteLine($"failed; host logs in {env.WorkDir}");
            throw;
        }
    }

    private static async Task<BurstSummary> BurstAsync(BurstEnvironment env, BurstOptions o)
    {
        await env.StartHostAsync();
        if (o.WarmupSeconds > 0)
        {
            await WarmUpAsync(env, o);
        }

        var before = env.CpuSeconds();
        await OpenLoop.RunAsync(env, env.Ledger, o.Rate, TimeSpan.FromSeconds(o.Seconds), () => true);
        await env.SettleAsync(o);
        // CPU, not wall time: it does not depend on what else the machine runs, so builds can be compared on a busy one.
        var after = env.CpuSeconds();
        var gives = Math.Max(1, env.Ledger.Sent);
        Console.WriteLine($"  CPU per give (until settled, incl. background jobs): host {(after.Host - before.Host) * 1000 / gives:N2} ms, " +
            $"storage child {(after.Storage - before.Storage) * 1000 / gives:N2} ms");
        if (env.Redis is { } redis)
        {
            var stats = redis.CommandStats();
            var total = stats.Values.Sum();
            Console.WriteLine($"  storage commands: {total:N0} in all, {(double)total / gives:N1} per give sent; " +
                string.Join(", ", stats.OrderByDescending(s => s.Value).Select(s => $"{s.Key} {s.Value:N0}")));
        }

        Console.WriteLine(env.Ledger.Timeline(TimeSpan.FromSeconds(5)));
        return env.Ledger.Summarize($"burst {o.Rate}/s x {o.Seconds} s, {o.Storage}", env.HostRssMb());
    }

    /// <summary>
    /// <c>--warmup S</c>: before the measured stream, S seconds at <c>--warmup-rate</c> (default 20/s) from a ledger of
    /// its own (own givers and recipients, so the measured run's limits and counts are untouched), settled and
    /// counted apart: what the same host does once its code is compiled, against a fresh host (the default).
    /// </summary>
    private static async Task WarmUpAsync(BurstEnvironment env, BurstOptions o)
    {
        var warm = new GiveLedger(env.Slack, Secret, givers: GiveLedger.GiversFor((int)Math.Ceiling(o.WarmupRate * o.WarmupSeconds)));
        await OpenLoop.RunAsync(env, warm, o.WarmupRate, TimeSpan.FromSeconds(o.WarmupSeconds), () => true);
        await warm.WaitForDeliveriesAsync(TimeSpan.FromSeconds(o.Settle), TimeSpan.FromSeconds(5));
        var summary = warm.Summarize($"warm-up {o.WarmupRate}/s x {o.WarmupSeconds} s");
        Console.WriteLine($"  warm-up: {summary.Sent} sent, {summary.AckedSaved} acked as saved, {summary.Lost} lost, {summary.Doubled} doubled");
        if (summary.Lost > 0 || summary.Doubled > 0)
        {
            throw new InvalidOperationException($"warm-up lost {summary.Lost} and doubled {summary.Doubled} give(s)");
        }
    }

    /// <summary>
    /// Steady gives, plus a request every 10 s whose nudge falls due during the run (<c>Nudges:FirstNudgeDelay</c>
    /// <c>--first-nudge</c> minutes), plus <c>--digests</c> users whose weekly digest falls due during the run
    /// (<see cref="SoakSchedule"/>); host and storage child RSS every 10 s, means per 10 minutes.
    /// </summary>
    private static async Task<BurstSummary> SoakAsync(BurstEnvironment env, BurstOptions o)
    {
        var duration = TimeSpan.FromMinutes(o.Minutes);
        var firstNudge = TimeSpan.FromMinutes(o.FirstNudgeMinutes);
        var schedule = SoakSchedule.For(DateTimeOffset.UtcNow, duration, o.NudgeCap, firstNudge);
        env.ExtraSettings["Nudges:FirstNudgeDelay"] = firstNudge.ToString("c", CultureInfo.InvariantCulture);
        // Digest users have received nothing: an empty digest is still owed, so every one is countable.
        env.ExtraSettings["Digest:SendWhenEmpty"] = "true";
        await env.StartHostAsync();
        var start = DateTimeOffset.UtcNow;
        await schedule.PlanDigestsAsync(env, o.Digests, start, duration);
        Console.WriteLine($"  zone {schedule.Zone}: {o.Digests} digests due from {start.AddMinutes(3):HH:mm} to {start + duration - TimeSpan.FromMinutes(3):HH:mm} UTC; settings saved {schedule.SettingsAcked} of {schedule.SettingsSent}");
        var clock = Stopwatch.StartNew();
        var requests = Task.Run(async () =>
        {
            for (var i = 0; clock.Elapsed < duration; i++)
            {
                await Task.Delay(TimeSpan.FromSeconds(10));
                var recipient = BurstEnvironment.RequestRecipient(env.Ledger.RunTag, i);
                await schedule.PrepareRecipientAsync(env, recipient);
                if (await env.SendRequestAsync(i))
                {
                    schedule.Asked(recipient, DateTimeOffset.UtcNow);
                }
            }
        });
        var samples = new List<(TimeSpan At, double? Host, double? Child)>();
        var rss = Task.Run(async () =>
        {
            while (clock.Elapsed < duration)
            {
                await Task.Delay(TimeSpan.FromSeconds(10));
                var sample = (clock.Elapsed, env.HostRssMb(), env.ChildRssMb());
                samples.Add(sample);
                if (samples.Count % 6 == 0)
                {
                    // The bench's own working set too: the fake Slack keeps every call, which bounds how long a soak can run.
                    Console.WriteLine($"  t={clock.Elapsed.TotalSeconds:N0}s RSS host {sample.Item2:N0} MB + storage child {sample.Item3:N0} MB, gives sent {env.Ledger.Sent}, bench working set {Environment.WorkingSet / (1024 * 1024):N0} MB");
                }
            }
        });
        await OpenLoop.RunAsync(env, env.Ledger, o.Rate, duration, () => true);
        await Task.WhenAll(requests, rss);
        await env.SettleAsync(o);
        // Gives settled; give the last digests (due 3 minutes before the end) and nudges the rest of the window.
        var digestsBy = Stopwatch.StartNew();
        while (schedule.Count(env.Slack).DigestsMissing > 0 && digestsBy.Elapsed < TimeSpan.FromSeconds(o.Settle))
        {
            await Task.Delay(TimeSpan.FromSeconds(5));
        }

        var counts = schedule.Count(env.Slack);
        Console.WriteLine($"  requests: {env.RequestsAnswered} of {env.RequestsSent} answered 200; posts to request recipients (asks and nudges): {env.RequestPosts()}");
        Console.WriteLine("  " + counts.ToString().Replace("\n", "\n  ", StringComparison.Ordinal));
        foreach (var window in samples.GroupBy(s => (int)(s.At.TotalMinutes / 10)))
        {
            static string Mean(IEnumerable<double?> v) => v.OfType<double>().DefaultIfEmpty().Average().ToString("N0", CultureInfo.InvariantCulture);
            Console.WriteLine($"  RSS minutes {window.Key * 10}-{window.Key * 10 + 10}: host mean {Mean(window.Select(s => s.Host))} MB (min {window.Min(s => s.Host):N0}, max {window.Max(s => s.Host):N0}), " +
                $"child mean {Mean(window.Select(s => s.Child))} MB (min {window.Min(s => s.Child):N0}, max {window.Max(s => s.Child):N0}), {window.Count()} samples");
        }

        var summary = env.Ledger.Summarize($"soak {o.Rate}/s x {o.Minutes} min, {o.Storage}", env.HostRssMb());
        if (!counts.Ok)
        {
            Console.WriteLine("  SOAK FAILED: a digest missing or doubled, a nudge over the cap, or a due nudge not sent");
            env.SoakFailed = true;
        }

        return summary;
    }

    /// <summary>kill -9 at random moments of the stream, restart on the same data each time; sends while down are not acked.</summary>
    private static async Task<BurstSummary> CrashLoopAsync(BurstEnvironment env, BurstOptions o)
    {
        await env.StartHostAsync();
        var random = new Random(o.Seed);
        var killing = true;
        var stream = OpenLoop.RunAsync(env, env.Ledger, o.Rate, TimeSpan.FromSeconds(o.CrashLoopSeconds), () => Volatile.Read(ref killing));
        for (var k = 1; k <= o.Kills; k++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(1_000, 6_000)));
            env.KillHost();
            var down = Stopwatch.StartNew();
            var sentAtKill = env.Ledger.Sent;
            await env.StartHostAsync();
            Console.WriteLine($"  kill {k}/{o.Kills} after {sentAtKill} gives; ready again after {down.Elapsed.TotalSeconds:N1} s");
        }

        await Task.Delay(TimeSpan.FromSeconds(3));
        Volatile.Write(ref killing, false);
        await stream;
        await env.SettleAsync(o);
        var summary = env.Ledger.Summarize($"crashloop {o.Kills} kills at {o.Rate}/s, {o.Storage}", env.HostRssMb());
        if (o.Doctor)
        {
            await env.RunDoctorAsync();
        }

        return summary;
    }

    /// <summary>redis-server stopped for <c>--seconds</c> in the middle of a stream, then started again on the same dir.</summary>
    private static async Task<BurstSummary> OutageAsync(BurstEnvironment env, BurstOptions o)
    {
        await env.StartHostAsync();
        var before = TimeSpan.FromSeconds(10);
        var after = TimeSpan.FromSeconds(20);
        var stream = OpenLoop.RunAsync(env, env.Ledger, o.Rate, before + TimeSpan.FromSeconds(o.Seconds) + after, () => true);
        await Task.Delay(before);
        env.Redis!.Stop();
        Console.WriteLine($"  redis-server stopped after {env.Ledger.Sent} gives");
        await Task.Delay(TimeSpan.FromSeconds(o.Seconds));
        env.Redis.Start();
        await env.Redis.WaitReadyAsync(TimeSpan.FromSeconds(30));
        Console.WriteLine($"  redis-server back after {env.Ledger.Sent} gives");
        await stream;
        await env.SettleAsync(o);
        return env.Ledger.Summarize($"outage {o.Seconds} s at {o.Rate}/s, redis", env.HostRssMb());
    }
}

/// <summary>Open-loop sender: give i leaves at i / rate seconds, whatever happened to the ones before.</summary>
internal static class OpenLoop
{
    public static async Task RunAsync(BurstEnvironment env, GiveLedger ledger, double rate, TimeSpan duration, Func<bool> keepGoing)
    {
        var total = (int)Math.Round(rate * duration.TotalSeconds);
        var start = Stopwatch.GetTimestamp();
        var inFlight = new List<Task>(total);
        for (var i = 0; i < total && keepGoing(); i++)
        {
            var wait = TimeSpan.FromSeconds(i / rate) - Stopwatch.GetElapsedTime(start);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            inFlight.Add(ledger.SendAsync(env.Http, env.HostAddress, ledger.NextGive()));
        }

        await Task.WhenAll(inFlight); // each is bounded by the client's timeout
    }
}

/// <summary>Fake Slack, storage, the current host process and the ledger of one run; disposing stops every process.</summary>
internal sealed class BurstEnvironment : IAsyncDisposable
{
    private readonly BurstOptions _options;
    private readonly string _secret;
    private readonly List<string> _logs = [];
    private int _requestsSent;
    private int _requestsAnswered;
    private HostProcess? _host;

    private BurstEnvironment(BurstOptions options, string secret, FakeSlackApi slack)
    {
        _options = options;
        _secret = secret;
        Slack = slack;
        Ledger = new GiveLedger(slack, secret, givers: options.Givers);
        WorkDir = Directory.CreateTempSubdirectory("fb-burst-").FullName;
        // Bounded: a give without an answer after this is "no answer", as it long was for Slack.
        Http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = TimeSpan.FromSeconds(30) };
    }

    public FakeSlackApi Slack { get; }

    public GiveLedger Ledger { get; }

    public HttpClient Http { get; }

    public string WorkDir { get; }

    public RedisServerProcess? Redis { get; private set; }

    /// <summary>Where gives go now; after a kill it is the dead host's port (connection refused) until the restart.</summary>
    public Uri HostAddress => Volatile.Read(ref _host)?.BaseAddress ?? new Uri("http://127.0.0.1:9/");

    public int RequestsSent => _requestsSent;

    /// <summary>Host settings of this scenario on top of the common ones (the soak's digest and nudge knobs).</summary>
    public Dictionary<string, string> ExtraSettings { get; } = [];

    /// <summary>Set by the soak when a digest or nudge count is wrong: the run exits 1.</summary>
    public bool SoakFailed { get; set; }

    /// <summary>The doctor run at the end (<c>--doctor</c>) did not exit 0: the run fails, whatever the counts say.</summary>
    public bool DoctorFailed { get; private set; }

    public int RequestsAnswered => _requestsAnswered;

    public static async Task<BurstEnvironment> StartAsync(BurstOptions options, string secret)
    {
        var env = new BurstEnvironment(options, secret, await FakeSlackApi.StartAsync());
        if (options.Storage == "redis")
        {
            env.Redis = new RedisServerProcess(LoopbackPort.Pick(), Path.Combine(env.WorkDir, "redis"));
            env.Redis.Start();
            await env.Redis.WaitReadyAsync(TimeSpan.FromSeconds(30));
        }

        return env;
    }

    private Dictionary<string, string> Settings()
    {
        var settings = new Dictionary<string, string>
        {
            ["Storage:DataDirectory"] = Path.Combine(WorkDir, "data"),
            ["Slack:SigningSecret"] = _secret,
            ["Slack:BotToken"] = "xoxb-burst",
            ["Slack:ApiBaseUrl"] = Slack.ApiBaseUrl,
            // Follow-ups go only to Slack's response-URL host; here that is the fake.
            ["Slack:ResponseUrlBase"] = Slack.ResponseUrl(""),
            // Nudges of the soak's requests fall due during the run.
            ["Nudges:FirstNudgeDelay"] = "00:01:00",
            // Warnings and up only: an info line per request would make the log the bottleneck, and the harness's memory grow.
            ["Logging:LogLevel:Default"] = "Warning",
        };
        if (Redis is not null)
        {
            settings["Storage:Redis"] = Redis.ConnectionString;
        }

        foreach (var (key, value) in ExtraSettings)
        {
            settings[key] = value;
        }

        return settings;
    }

    public async Task StartHostAsync()
    {
        var host = HostProcess.Start(Settings());
        try
        {
            await host.WaitReadyAsync(TimeSpan.FromSeconds(90));
        }
        catch
        {
            Keep(host);
            await host.DisposeAsync();
            throw;
        }

        var previous = Interlocked.Exchange(ref _host, host);
        if (previous is not null)
        {
            await previous.DisposeAsync(); // already killed; its output was kept
        }
    }

    public void KillHost()
    {
        var host = Volatile.Read(ref _host);
        if (host is null)
        {
            return;
        }

        host.KillHard();
        Keep(host);
    }

    /// <summary>Waits (bounded by <c>--settle</c>) until everything promised has arrived, printing what is still owed.</summary>
    public Task SettleAsync(BurstOptions o) =>
        Ledger.WaitForDeliveriesAsync(TimeSpan.FromSeconds(o.Settle), TimeSpan.FromSeconds(5),
            (seconds, owed) => Console.WriteLine($"  settling: {seconds} s, {owed} acknowledged give(s) not delivered yet"));

    /// <summary>
    /// Stops the host, then runs <c>FeedbackBot.Host doctor</c> on the same storage (opt-in with <c>--doctor</c>: a host
    /// without that verb would start the web host instead, stopped here after the bound) and prints what it said.
    /// </summary>
    public async Task RunDoctorAsync()
    {
        if (Volatile.Read(ref _host) is { } host)
        {
            Keep(host);
            await host.DisposeAsync();
            Volatile.Write(ref _host, null);
        }

        await using var doctor = HostProcess.Start(Settings(), "doctor");
        try
        {
            var code = await doctor.WaitForExitAsync(TimeSpan.FromSeconds(120));
            Console.WriteLine($"  doctor exited {code}:\n{doctor.Output}");
            // 0 clean (or repaired); 1 problems left; 134 was once an abort after a clean report (issue 12): all but 0 fail the run.
            DoctorFailed = code != 0;
        }
        catch (OperationCanceledException)
        {
            Console.WriteLine($"  doctor did not finish within 120 s (no such verb yet?):\n{doctor.Output}");
            DoctorFailed = true;
        }
    }

    /// <summary>VmRSS of the current host process from /proc, in MB; null when it is not running.</summary>
    public double? HostRssMb()
    {
        var host = Volatile.Read(ref _host);
        return host is null || host.HasExited ? null : ProcessRss.VmRssMb(host.ProcessId);
    }

    /// <summary>CPU seconds used so far by the host and by its storage child (0 when there is none).</summary>
    public (double Host, double Storage) CpuSeconds()
    {
        var host = Volatile.Read(ref _host);
        return host is null || host.HasExited
            ? (0, 0)
            : (ProcessRss.CpuSeconds(host.ProcessId) ?? 0, ProcessRss.Children(host.ProcessId).Sum(c => ProcessRss.CpuSeconds(c) ?? 0));
    }

    /// <summary>VmRSS of the host's embedded storage child (its child process), in MB; null when there is none.</summary>
    public double? ChildRssMb()
    {
        var host = Volatile.Read(ref _host);
        return host is null || host.HasExited ? null : ProcessRss.Children(host.ProcessId).Select(ProcessRss.VmRssMb).OfType<double>().Cast<double?>().FirstOrDefault();
    }

    /// <summary>A <c>/feedback request</c> from one giver to a distinct teammate; counted, not part of the give ledger.</summary>
    public async Task<bool> SendRequestAsync(int i)
    {
        var body = SlackRequestSigner.CommandBody($"request <@{RequestRecipient(Ledger.RunTag, i)}> what should I change in my demo?",
            userId: $"UA{Ledger.RunTag}{i:D4}", responseUrl: Slack.ResponseUrl($"req{i}"));
        using var request = SlackRequestSigner.Signed("slack/commands", body, _secret, DateTimeOffset.UtcNow);
        request.RequestUri = new Uri(HostAddress, "slack/commands");
        Interlocked.Increment(ref _requestsSent);
        try
        {
            using var response = await Http.SendAsync(request);
            if (response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref _requestsAnswered);
                // Only a request the bot said it saved is owed a nudge (under storage pressure it honestly refuses).
                return GiveLedger.Classify(await response.Content.ReadAsStringAsync()) is not AckClass.Refused;
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
        }

        return false;
    }

    public static string RequestRecipient(string runTag, int i) => $"UQ{runTag}{i:D4}";

    /// <summary>A signed interactivity payload (e.g. a view_submission); true when the host answered 200.</summary>
    public async Task<bool> SendInteractionAsync(System.Text.Json.Nodes.JsonObject payload)
    {
        using var request = SlackRequestSigner.Signed("slack/interactivity", SlackRequestSigner.InteractionBody(payload), _secret, DateTimeOffset.UtcNow);
        request.RequestUri = new Uri(HostAddress, "slack/interactivity");
        try
        {
            using var response = await Http.SendAsync(request);
            return response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>Posts to the soak's request recipients (the ask, then nudges).</summary>
    public int RequestPosts() =>
        Slack.CallsTo("chat.postMessage").Count(c => c.Args["channel"]?.ToString()?.StartsWith("DUQ" + Ledger.RunTag, StringComparison.Ordinal) == true);

    public void SaveLogs()
    {
        if (Volatile.Read(ref _host) is { } host)
        {
            Keep(host);
        }

        for (var i = 0; i < _logs.Count; i++)
        {
            File.WriteAllText(Path.Combine(WorkDir, $"host-{i}.log"), _logs[i]);
        }
    }

    /// <summary>Counts of the log lines that say something went wrong, over every host process of the run.</summary>
    public string LogSummary()
    {
        var lines = _logs.SelectMany(l => l.Split('\n')).ToArray();
        return $"{_logs.Count} host process(es), {lines.Count(l => l.StartsWith("warn:", StringComparison.Ordinal))} warn, " +
            $"{lines.Count(l => l.StartsWith("fail:", StringComparison.Ordinal))} fail, {lines.Count(l => l.StartsWith("crit:", StringComparison.Ordinal))} crit, " +
            $"{lines.Count(l => l.Contains("RedisTimeoutException", StringComparison.Ordinal))} RedisTimeoutException";
    }

    private void Keep(HostProcess host)
    {
        var output = host.Output;
        if (!_logs.Contains(output))
        {
            _logs.Add(output);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Volatile.Read(ref _host) is { } host)
        {
            await host.DisposeAsync();
        }

        Redis?.Dispose();
        await Slack.DisposeAsync();
        Http.Dispose();
        try
        {
            // Logs stay for reading; data (AOF, checkpoints) can be large.
            foreach (var data in new[] { Path.Combine(WorkDir, "data"), Path.Combine(WorkDir, "redis") })
            {
                if (Directory.Exists(data))
                {
                    Directory.Delete(data, recursive: true);
                }
            }
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>Flags of the four verbs; every run is bounded by its own numbers.</summary>
internal sealed record BurstOptions(string Storage, double Rate, int Seconds, double Minutes, int Kills, int Settle, int Seed, bool Doctor,
    int Digests, double FirstNudgeMinutes, int NudgeCap, int WarmupSeconds = 0, double WarmupRate = 20, int Givers = 50)
{
    /// <summary>About how many gives the run sends, so each giver stays under the per-person limits (see <see cref="GiveLedger.GiversFor"/>).</summary>
    public int ExpectedGives(string verb) => (int)Math.Ceiling(Rate * verb switch
    {
        "soak" => Minutes * 60,
        "crashloop" => CrashLoopSeconds,
        _ => Seconds,
    });

    /// <summary>The crash loop's stream bound, 20 s per kill and 30 s more (the stream itself stops 3 s after the last restart).</summary>
    public int CrashLoopSeconds => Kills * 20 + 30;

    public static BurstOptions Parse(string verb, string[] args)
    {
        string? Get(string name)
        {
            var i = Array.IndexOf(args, "--" + name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }

        double Number(string name, double fallback) => Get(name) is { } v ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;
        var storage = Get("storage") ?? (verb == "outage" ? "redis" : "embedded");
        if (storage is not ("embedded" or "redis") || (verb == "outage" && storage != "redis"))
        {
            throw new ArgumentException("--storage embedded|redis (outage needs redis)");
        }

        return new BurstOptions(storage,
            Rate: Number("rate", verb switch { "soak" => 50, "outage" => 5, _ => 20 }),
            Seconds: (int)Number("seconds", verb == "outage" ? 30 : 10),
            Minutes: Number("minutes", 30),
            Kills: (int)Number("kills", 20),
            Settle: (int)Number("settle", 120),
            Seed: (int)Number("seed", 42),
            Doctor: args.Contains("--doctor"),
            Digests: (int)Number("digests", 300),
            FirstNudgeMinutes: Number("first-nudge", 2),
            NudgeCap: (int)Number("nudge-cap", 1),
            WarmupSeconds: (int)Number("warmup", 0),
            WarmupRate: Number("warmup-rate", 20));
    }
}
