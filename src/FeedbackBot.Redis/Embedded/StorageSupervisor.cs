using System.Globalization;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace FeedbackBot.Redis.Embedded;

/// <summary>What the supervisor last saw of the storage child, for readiness and the log.</summary>
public sealed record StorageChildStatus(bool Answering, int Restarts, long MemoryUsedBytes, long MemoryCapBytes, bool Evicted)
{
    /// <summary>Share of <c>--memory</c> in use (0 when not measured yet).</summary>
    public double MemoryUsedFraction => MemoryCapBytes > 0 ? (double)MemoryUsedBytes / MemoryCapBytes : 0;
}

/// <summary>Timing of the watchdog; the defaults are what the host uses.</summary>
public sealed record StorageWatchdogSettings
{
    /// <summary>How often the child is probed (PING, and a probe write every <see cref="WriteEvery"/> probes).</summary>
    public TimeSpan ProbeInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>A probe that takes longer than this failed.</summary>
    public TimeSpan ProbeTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Consecutive failed probes that make the child count as wedged: it is killed and restarted. With 2 failures of
    /// 3 s, one healthy child was restarted during a crash-loop stress on a 2-core VM at load 20 (CPU starvation,
    /// not a wedge); a needless restart costs seconds of unavailability, a late one only delays recovery from a
    /// fault that is already there.
    /// </summary>
    public int FailuresBeforeRestart { get; init; } = 3;

    /// <summary>
    /// Every n-th probe is a write: in the wedge reproduced with garnet-stress, PING and INFO still answered while
    /// every write hung. Not every probe, because every write is one more AOF record to replay at each start.
    /// </summary>
    public int WriteEvery { get; init; } = 5;

    /// <summary>Every n-th probe also reads <c>INFO</c> for memory use.</summary>
    public int MemoryEvery { get; init; } = 5;

    /// <summary>Share of <c>--memory</c> at which the log warns once.</summary>
    public double WarnFraction { get; init; } = 0.6;

    /// <summary>Share of <c>--memory</c> at which readiness fails: Garnet evicts silently at the cap.</summary>
    public double UnreadyFraction { get; init; } = 0.8;

    /// <summary>
    /// How long a (re)started child may take to replay its AOF and listen. Generous on purpose: replay time grows
    /// with the AOF (measured: a 539 MB AOF took over a minute on a busy 2-core VM), and killing a child that is
    /// still replaying would only start the replay again.
    /// </summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromMinutes(30);
}

/// <summary>
/// Runs embedded Garnet as a child process and keeps it running: restarts it (with <c>--recover</c>, replaying the
/// AOF) when it exits, and kill -9s and restarts it when it stops answering (Garnet 2.2.8 can FailFast or wedge
/// under load, microsoft/garnet#2101). The bot's multiplexers reconnect by themselves; writes acknowledged before
/// a fault are in the AOF (commit-wait). Also watches memory, because Garnet evicts silently at <c>--memory</c>.
/// </summary>
public sealed class StorageSupervisor : IAsyncDisposable
{
    private readonly StorageLaunch _launch;
    private readonly string _dataDirectory;
    private readonly string _memory;
    private readonly string _probeKey;
    private readonly StorageWatchdogSettings _settings;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private StorageChild? _child;
    private ConnectionMultiplexer? _probe;
    private Task _watch = Task.CompletedTask;
    private volatile StorageChildStatus _status = new(false, 0, 0, 0, false);
    private bool _warned;

    /// <summary>How many ports a first start tries when it picks them itself.</summary>
    public const int PortAttempts = 5;

    private readonly Func<int>? _pickPort;

    /// <summary>
    /// A supervisor for the child on <paramref name="port"/>; port 0 picks one with <paramref name="pickPort"/>
    /// (<see cref="LoopbackPort.Pick()"/> by default), and the first start picks again if the port is taken.
    /// </summary>
    public StorageSupervisor(
        StorageLaunch launch, string dataDirectory, int port, string memory, string keyPrefix, ILoggerFactory loggers,
        StorageWatchdogSettings? settings = null, Func<int>? pickPort = null)
    {
        _launch = launch;
        _dataDirectory = dataDirectory;
        _memory = memory;
        _probeKey = $"{keyPrefix}:storage:watchdog";
        _settings = settings ?? new StorageWatchdogSettings();
        _logger = loggers.CreateLogger("FeedbackBot.Storage");
        if (port == 0)
        {
            _pickPort = pickPort ?? LoopbackPort.Pick;
            port = _pickPort();
        }

        Port = port;
    }

    /// <summary>The child's port: fixed once <see cref="StartAsync"/> has returned.</summary>
    public int Port { get; private set; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <summary>Process id of the current child (changes on every restart).</summary>
    public int? ChildPid => _child?.Pid;

    public StorageChildStatus Status => _status;

    /// <summary>The watchdog's timing and memory thresholds.</summary>
    public StorageWatchdogSettings Settings => _settings;

    /// <summary>Starts the child and the watchdog. Throws <see cref="StorageChildException"/> if the first start fails.</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        LogAofSize();
        _child = await StartFirstChildAsync(ct);
        _logger.LogInformation(
            "Storage: embedded Garnet in process {ChildPid} (host {HostPid}) on {Endpoint}, --memory {Memory}, run by {Executable}",
            _child.Pid, Environment.ProcessId, ConnectionString, _memory, Path.GetFileName(_launch.FileName));

        var config = ConfigurationOptions.Parse(ConnectionString);
        config.AbortOnConnectFail = false; // it must come back by itself after every restart
        config.ClientName = "feedbackbot-watchdog";
        config.AllowAdmin = true; // INFO, for the memory watch
        config.ConnectTimeout = (int)_settings.ProbeTimeout.TotalMilliseconds;
        config.AsyncTimeout = (int)_settings.ProbeTimeout.TotalMilliseconds;
        config.SyncTimeout = (int)_settings.ProbeTimeout.TotalMilliseconds;
        config.ReconnectRetryPolicy = new LinearRetry(200);
        _probe = await ConnectionMultiplexer.ConnectAsync(config);
        _status = _status with { Answering = true };
        _watch = Task.Run(() => WatchAsync(_stop.Token), CancellationToken.None);
    }

    /// <summary>
    /// The first start. A port the supervisor picked itself can still be bound by another process before the child
    /// binds it; then another port is picked and the child started again. Only here: nothing is connected to the
    /// child yet. After this the port never changes, because StackExchange.Redis fixes a multiplexer's endpoints
    /// when it connects (StackExchange/StackExchange.Redis#2050, #2383) and the bot's two multiplexers and Hangfire
    /// hold on to theirs; a configured port (<c>Storage:EmbeddedPort</c>) is the operator's choice and is kept too.
    /// </summary>
    private async Task<StorageChild> StartFirstChildAsync(CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StorageChild.StartAsync(_launch, _dataDirectory, Port, _memory, _logger, _settings.StartTimeout, ct);
            }
            catch (StorageChildException ex) when (_pickPort is not null && attempt < PortAttempts && !LoopbackPort.IsFree(Port))
            {
                var taken = Port;
                Port = _pickPort();
                _logger.LogWarning(
                    "Storage: port {Taken} was taken by another process before the storage process could bind it ({Reason}); trying port {Port}",
                    taken, ex.Message, Port);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _watch;
        }
        catch (Exception ex)
        {
            // A watchdog that failed while stopping must not fail the stop (or, in the doctor, end the process
            // with an unhandled exception): the child is killed below either way.
            _logger.LogWarning(ex, "Storage watchdog failed while stopping");
        }

        _child?.Dispose();
        if (_probe is not null)
        {
            await _probe.DisposeAsync();
        }

        _stop.Dispose();
    }

    private async Task WatchAsync(CancellationToken stop)
    {
        var tick = 0;
        var failures = 0;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                (tick, failures) = await WatchOnceAsync(tick, failures, stop);
            }
            catch (Exception ex) when (!stop.IsCancellationRequested)
            {
                // The watchdog must outlive its own bugs: a dead watchdog means the next fault takes storage away for good.
                _logger.LogError(ex, "Storage watchdog failed; carrying on");
                await Task.Delay(_settings.ProbeInterval, CancellationToken.None);
            }
        }
    }

    private async Task<(int Tick, int Failures)> WatchOnceAsync(int tick, int failures, CancellationToken stop)
    {
        var child = _child!;
        var delay = Task.Delay(_settings.ProbeInterval, stop);
        await Task.WhenAny(delay, child.Exited);
        if (stop.IsCancellationRequested)
        {
            return (tick, failures);
        }

        if (child.Exited.IsCompleted)
        {
            _logger.LogError(
                "Storage process {Pid} exited with code {ExitCode}; restarting it (acknowledged writes are in the AOF)",
                child.Pid, child.ExitCode);
            _status = _status with { Answering = false };
            await RestartAsync(stop);
            return (tick, 0);
        }

        tick++;
        // After a failed probe, keep writing until one succeeds: in the reproduced wedge (failed page flush) reads
        // and PING still answered while every write hung, so a PING must not clear a failed write.
        if (await ProbeAsync(write: failures > 0 || tick % _settings.WriteEvery == 0))
        {
            failures = 0;
            _status = _status with { Answering = true };
            if (tick % _settings.MemoryEvery == 0)
            {
                await CheckMemoryAsync();
            }

            return (tick, 0);
        }

        _status = _status with { Answering = false };
        if (++failures >= _settings.FailuresBeforeRestart)
        {
            _logger.LogError(
                "Storage process {Pid} did not answer {Failures} probes within {Timeout} s (wedged); killing it (kill -9) and restarting",
                child.Pid, failures, _settings.ProbeTimeout.TotalSeconds);
            await RestartAsync(stop);
            failures = 0;
        }

        return (tick, failures);
    }

    /// <summary>
    /// A start replays the last checkpoint and the AOF written since (the previous life's writes), then checkpoints
    /// again; their sizes on disk say how long that takes. The AOF's files hold more than is replayed, up to one
    /// 1 GB segment: Garnet deletes only whole segments behind a checkpoint.
    /// </summary>
    private void LogAofSize()
    {
        var garnet = Path.Combine(_dataDirectory, "garnet");
        _logger.LogInformation(
            "Storage: starting from a checkpoint of {Checkpoint:0.0} MB and an append-only file of {Aof:0.0} MB on disk",
            Megabytes(Path.Combine(garnet, "Store"), "*"), Megabytes(Path.Combine(garnet, "AOF"), "aof.log.*"));
    }

    private static double Megabytes(string directory, string pattern)
    {
        var dir = new DirectoryInfo(directory);
        var bytes = dir.Exists ? dir.EnumerateFiles(pattern, SearchOption.AllDirectories).Sum(f => f.Length) : 0;
        return bytes / (1024.0 * 1024);
    }

    private async Task<bool> ProbeAsync(bool write)
    {
        var db = _probe!.GetDatabase();
        try
        {
            Task probe = write
                ? db.StringSetAsync(_probeKey, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds())
                : db.PingAsync();
            await probe.WaitAsync(_settings.ProbeTimeout);
            return true;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            _logger.LogDebug("Storage probe failed: {Reason}", ex.Message);
            return false;
        }
    }

    private async Task RestartAsync(CancellationToken stop)
    {
        var old = _child!;
        old.Kill();
        await old.Exited;
        old.Dispose();

        LogAofSize();
        var backoff = TimeSpan.FromMilliseconds(500);
        while (!stop.IsCancellationRequested)
        {
            var started = DateTime.UtcNow;
            try
            {
                _child = await StorageChild.StartAsync(_launch, _dataDirectory, Port, _memory, _logger, _settings.StartTimeout, stop);
                var restarts = _status.Restarts + 1;
                _status = _status with { Restarts = restarts };
                _logger.LogWarning(
                    "Storage process restarted as {Pid} in {Milliseconds:0} ms, AOF replayed (restart #{Restarts})",
                    _child.Pid, (DateTime.UtcNow - started).TotalMilliseconds, restarts);
                return;
            }
            catch (StorageChildException ex) when (!LoopbackPort.IsFree(Port))
            {
                // The bot's connections are bound to this port (see StartFirstChildAsync), so moving is no way out.
                _logger.LogError(
                    "Storage process could not restart: another process holds its port 127.0.0.1:{Port} ({Reason}). Storage stays down "
                    + "until that process frees it; trying again in {Delay} s. Restart the bot to pick a new port, or set "
                    + "Storage:EmbeddedPort to a port nothing else uses.",
                    Port, ex.Message, backoff.TotalSeconds);
            }
            catch (StorageChildException ex)
            {
                _logger.LogError("Storage process could not restart: {Reason}; trying again in {Delay} s", ex.Message, backoff.TotalSeconds);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }

            try
            {
                await Task.Delay(backoff, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
        }
    }

    /// <summary>
    /// Garnet with no storage tier drops the oldest log pages when the log reaches <c>--memory</c>, without an
    /// error to anyone. The log also grows with updates and deletes, not only with live data. So: warn early,
    /// fail readiness well before the cap, and shout if a page was ever dropped (HeadAddress moved past BeginAddress).
    /// </summary>
    private async Task CheckMemoryAsync()
    {
        string info;
        try
        {
            var server = _probe!.GetServer(_probe.GetEndPoints()[0]);
            info = (string)(await server.ExecuteAsync("INFO", "store").WaitAsync(_settings.ProbeTimeout))!;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return;
        }

        var store = StoreInfo.Parse(info);
        if (store is null)
        {
            return;
        }

        var status = _status with { MemoryUsedBytes = store.UsedBytes, MemoryCapBytes = store.CapBytes, Evicted = store.Evicted };
        _status = status;
        if (store.Evicted)
        {
            _logger.LogCritical(
                "Storage FULL: embedded Garnet reached --memory {Memory} and DROPPED its oldest records. Data is being lost. "
                + "Point Storage:Redis at a real Redis (or raise Storage:EmbeddedMemory) now.",
                _memory);
        }
        else if (status.MemoryUsedFraction >= _settings.UnreadyFraction)
        {
            _logger.LogCritical(
                "Storage nearly full: embedded Garnet uses {Percent:0}% of --memory {Memory}; at 100% it drops records silently. "
                + "Readiness now fails. Point Storage:Redis at a real Redis, or raise Storage:EmbeddedMemory and restart.",
                status.MemoryUsedFraction * 100, _memory);
        }
        else if (status.MemoryUsedFraction >= _settings.WarnFraction && !_warned)
        {
            _warned = true;
            _logger.LogWarning(
                "Storage filling up: embedded Garnet uses {Percent:0}% of --memory {Memory}. Plan to point Storage:Redis at a real Redis "
                + "or raise Storage:EmbeddedMemory; readiness fails at {Unready:0}%.",
                status.MemoryUsedFraction * 100, _memory, _settings.UnreadyFraction * 100);
        }
    }

    /// <summary>The lines of Garnet's <c>INFO store</c> that tell how full its in-memory log is.</summary>
    internal sealed record StoreInfo(long UsedBytes, long CapBytes, bool Evicted)
    {
        public static StoreInfo? Parse(string info)
        {
            var fields = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var line in info.Split('\n'))
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0 && long.TryParse(line.AsSpan(colon + 1).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
                {
                    fields.TryAdd(line[..colon].Trim(), value);
                }
            }

            if (!fields.TryGetValue("Log.MaxMemorySizeBytes", out var cap)
                || !fields.TryGetValue("Log.CurrentMemorySizeBytes", out var pages))
            {
                return null;
            }

            var heap = fields.GetValueOrDefault("Log.CurrentHeapSizeBytes");
            var evicted = fields.TryGetValue("Log.HeadAddress", out var head)
                && fields.TryGetValue("Log.BeginAddress", out var begin)
                && head > begin;
            return new StoreInfo(pages + heap, cap, evicted);
        }
    }
}
