using System.Globalization;
using System.Net;
using Garnet;
using Garnet.server;
using Garnet.server.Auth.Settings;
using Microsoft.Extensions.Logging;
using Tsavorite.core;

namespace FeedbackBot.Redis;

/// <summary>
/// Garnet running inside the current process on a loopback port, persisting every write to an append-only file
/// (AOF). The host never runs this in its own process: it runs in the supervised storage child
/// (<see cref="Embedded.StorageProcess"/>), so a Garnet fault cannot take the bot down. Tests and benchmarks use
/// it directly. The same StackExchange.Redis code talks to it as to an external server: one storage code path.
/// </summary>
public sealed class EmbeddedGarnet : IDisposable
{
    /// <summary>Default <c>--memory</c>: the dataset cap (Garnet evicts silently beyond it; see docs/embedded-storage.md).</summary>
    public const string DefaultMemory = "1g";

    private readonly GarnetServer _server;

    private EmbeddedGarnet(GarnetServer server, int port)
    {
        _server = server;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <summary>The storage process's thread-pool minimum (the host sets its own, <c>Host:MinThreads</c>).</summary>
    internal const int MinThreads = 64;

    /// <summary>
    /// Starts Garnet with <paramref name="dataDirectory"/> for its AOF, replaying what is there and taking a checkpoint
    /// before it listens (<see cref="Embedded.CheckpointBeforeListening"/>); <paramref name="progress"/> hears about that checkpoint.
    /// </summary>
    public static EmbeddedGarnet Start(
        string dataDirectory, int port, ILoggerFactory? loggerFactory = null, string memory = DefaultMemory, Action<string>? progress = null)
    {
        if (port == 0)
        {
            port = LoopbackPort.Pick();
        }

        // Garnet's work that waits (commit-wait on the AOF, scripts) holds pool threads; on a 2-core machine the pool
        // starts with 2 workers and adds about one per half second, which stalled the server for 5–17 s when scripts
        // still waited for key locks (Lua transaction mode, since turned off). Kept: no measurable cost.
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, MinThreads), Math.Max(io, MinThreads));

        var server = Embedded.CheckpointBeforeListening.Create(ServerOptions(dataDirectory, port, memory, loggerFactory), loggerFactory, progress ?? (_ => { }));
        try
        {
            server.Start();
        }
        catch
        {
            server.Dispose();
            throw;
        }

        return new EmbeddedGarnet(server, port);
    }

    /// <summary>
    /// <see cref="Arguments"/> as Garnet's own option object, built in code. Garnet's command-line path parses with
    /// CommandLineParser, reads its defaults from an embedded JSON file and validates each option through a generic
    /// method made by reflection; none of that survives NativeAOT (docs/embedded-storage.md), so the storage child
    /// skips it in both its JIT'd and its native form. Only what differs from <see cref="GarnetServerOptions"/>'s own
    /// field defaults is set; a test checks that the result equals what Garnet makes of <see cref="Arguments"/>.
    /// </summary>
    public static GarnetServerOptions ServerOptions(string dataDirectory, int port, string memory, ILoggerFactory? loggerFactory = null)
    {
        var aofDir = Path.GetFullPath(Path.Combine(dataDirectory, "garnet"));
        Directory.CreateDirectory(aofDir);
        var logger = loggerFactory?.CreateLogger("Options");
        return new GarnetServerOptions(logger)
        {
            EndPoints = [new IPEndPoint(IPAddress.Loopback, port)],
            AuthSettings = new NoAuthSettings(),
            EnableLua = true,
            LuaOptions = new LuaOptions(
                LuaMemoryManagementMode.Native, memoryLimit: null, Timeout.InfiniteTimeSpan, LuaLoggingMode.Enable, allowedFunctions: [], logger),
            EnableAOF = true,
            CommitFrequencyMs = 0,
            WaitForCommit = true,
            DeviceType = DeviceType.RandomAccess,
            DeviceFactoryCreator = new LocalStorageNamedDeviceFactoryCreator(
                preallocateFile: false, deleteOnClose: false, disableFileBuffering: true, throttleLimit: null,
                DeviceType.RandomAccess, numCompletionThreads: 4, readOnly: false, logger, new NativeDeviceOptions()),
            CheckpointDir = aofDir,
            Recover = true,
            QuietMode = true,
            LogMemorySize = memory,
            PageSize = "1m",
            IndexMemorySize = "2m",
            AofMemorySize = "4m",
            AofPageSize = "2m",
            BufferPoolMemoryBudget = "0",
            MaxDatabases = 1,
            // Garnet's defaults.conf values where they differ from the option object's field defaults.
            AofTailWitnessFreqMs = 10,
            LogLevel = LogLevel.Warning,
            NetworkBufferPoolSize = "64m",
            NetworkBufferMemoryBudget = "1g",
            RevivifiableFraction = 1,
        };
    }

    /// <summary>
    /// The Garnet command line equivalent to <see cref="ServerOptions"/>: the documented form of the embedded store's
    /// settings, and what the stress benchmark passes to an in-process Garnet.
    /// </summary>
    public static string[] Arguments(string dataDirectory, int port, string memory)
    {
        var aofDir = Path.Combine(dataDirectory, "garnet");
        Directory.CreateDirectory(aofDir);
        return
        [
            "--port", port.ToString(CultureInfo.InvariantCulture),
            "--bind", IPAddress.Loopback.ToString(),
            // Our stores' Lua scripts (limiter, leased takes, pacing, nudge plans).
            "--lua",
            // Not --lua-transaction-mode, although only that makes a script atomic on Garnet: its scripts open a
            // transaction group in the AOF, a kill -9 inside one leaves the group open, and the next start's first
            // transaction on the same session id fails the replay ("No nested transactions expected"), dropping
            // every write after it — 14 of 20 restarts in the crash loop (docs/embedded-storage.md, "Lua scripts").
            // Durability: every write goes to the AOF, committed per operation (freq 0), and the reply waits for
            // that commit (commit-wait). So a write we were told succeeded is on disk before the bot acts on it,
            // and survives kill -9 of the storage process (proved by the kill loops in the host tests).
            "--aof",
            "--aof-commit-freq", "0",
            "--aof-commit-wait",
            // Debian lacks libaio, which Garnet's default native device needs; RandomAccess is managed code.
            "--device-type", "RandomAccess",
            "--checkpointdir", aofDir,
            "--recover",
            // No start-up banner on stdout: the supervisor reads the child's stdout for its ready line.
            "-q",
            // Memory only: no --storage-tier, no BGSAVE, no checkpoint while clients can connect (one at start, before
            // the listener binds: Embedded.CheckpointBeforeListening). Garnet 2.2.8 serializes objects while they
            // are mutated when pages are flushed or checkpointed (microsoft/garnet#2101: FailFast of the whole
            // process) and wedges when the flush read-back fails; without a storage tier neither path runs.
            // The price: --memory is a hard dataset cap, and Garnet evicts the oldest records beyond it without an
            // error, so the supervisor watches usage and fails readiness long before the cap.
            "--memory", memory,
            "--page", "1m",
            // Small fixed buffers: the bot's dataset is small, and every megabyte here is idle RSS.
            "--index", "2m",
            "--aof-memory", "4m",
            "--aof-page-size", "2m",
            // Not --aof-segment-size (Garnet deletes a truncated AOF only in whole 1 GB segments): Garnet 2.2.8 reads an
            // existing AOF with the segment size configured now, and an AOF written with 1 GB segments read with 16 MB
            // ones lost 16 % of its keys (docs/embedded-storage.md, "Replay").
            "--buffer-pool-memory-budget", "0",
            // One database: the bot and Hangfire use database 0 only. With more than one allowed and --recover, Garnet
            // builds a whole throwaway database 0 at start (index, log and AOF pages) to look for other databases to
            // recover, and its touched pinned pages stay in the child for good: 8-11 MB of idle RSS (docs/
            // embedded-storage.md, sixth pass: an alternating A/B of 200/s bursts, 0 lost either way). An AOF written
            // with 16 databases allowed replays with 1 and back (same directory for database 0).
            "--max-databases", "1",
        ];
    }

    public void Dispose() => _server.Dispose();
}
