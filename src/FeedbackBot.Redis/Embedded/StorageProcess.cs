using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Console;

namespace FeedbackBot.Redis.Embedded;

/// <summary>
/// The storage child: what the host runs when started as <c>FeedbackBot.Host storage --data DIR --port P --memory M
/// --parent PID</c>. Hosts <see cref="EmbeddedGarnet"/> in its own process so that Garnet's uncatchable faults
/// (FailFast, a wedged flush) end or stall this process only; the host's supervisor restarts it. It exits as soon
/// as its parent is gone, so a kill -9 of the host never leaves an orphan holding the port or the AOF.
/// </summary>
public static class StorageProcess
{
    /// <summary>The first command-line argument that selects this mode.</summary>
    public const string Verb = "storage";

    /// <summary>Written to stdout once Garnet has replayed its AOF and listens: the supervisor waits for it.</summary>
    public const string ReadyLine = "storage-ready";

    /// <summary>Written to stdout when the start checkpoint begins (AOF replayed, nothing listening yet).</summary>
    public const string CheckpointStartedLine = "storage-checkpoint-started";

    /// <summary>Written to stdout, with its duration, when the start checkpoint is complete and the AOF truncated.</summary>
    public const string CheckpointDoneLine = "storage-checkpoint-done";

    /// <summary>Written to stderr before exit code 2 when Garnet cannot start; the rest of the line is the reason.</summary>
    public const string FailurePrefix = "storage-failed: ";

    /// <summary>Runs Garnet until the parent goes away. <paramref name="args"/> follow the verb.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var data = Option(args, "--data");
        var port = Option(args, "--port");
        var memory = Option(args, "--memory") ?? EmbeddedGarnet.DefaultMemory;
        var parent = Option(args, "--parent");
        if (data is null || port is null || !int.TryParse(port, CultureInfo.InvariantCulture, out var portNumber))
        {
            await Console.Error.WriteLineAsync($"{FailurePrefix}usage: {Verb} --data DIR --port P [--memory 1g] [--parent PID]");
            return 2;
        }

        // Garnet logs its whole configuration at Information on every start; the host's log gets its warnings and
        // errors, through stderr, which the supervisor forwards line by line.
        using var loggers = LoggerFactory.Create(b => b
            .SetMinimumLevel(LogLevel.Warning)
            .AddFilter("ArgParser", LogLevel.Error) // warns that we pass our own logger: we do, on purpose
            .AddSimpleConsole(o => o.SingleLine = true)
            .Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace));

        // One Garnet per AOF: two writers would interleave records and corrupt it. The kernel drops the lock when
        // this process dies, however it dies, so a restart after kill -9 gets it back.
        FileStream lockFile;
        var lockPath = Path.Combine(data, "garnet", "storage.lock");
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(lockPath)!);
            lockFile = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            await Console.Error.WriteLineAsync($"{FailurePrefix}'{data}' is in use by another FeedbackBot storage process");
            return 2;
        }

        EmbeddedGarnet garnet;
        try
        {
            garnet = EmbeddedGarnet.Start(data, portNumber, loggers, memory, Console.Out.WriteLine);
        }
        catch (Exception ex)
        {
            await Console.Error.WriteLineAsync(FailurePrefix + ex.Message.Split('\n', 2)[0].Trim());
            return 2;
        }

        // Ctrl+C in a terminal signals the whole process group, and a service manager may signal every process of
        // the service: the host then shuts down gracefully and may still write. The child outlives such signals
        // and leaves when the host is gone, so storage is there until the last write of the shutdown.
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => c.Cancel = true);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => c.Cancel = true);
        await Console.Out.WriteLineAsync(ReadyLine);
        await Console.Out.FlushAsync();
        await WaitForParentToGoAsync(parent is null ? null : int.Parse(parent, CultureInfo.InvariantCulture));

        // Every acknowledged write is already committed to the AOF (commit-wait), so leaving now loses nothing.
        // No Dispose: a wedged Garnet could hang in it, and an orphan would keep the port and the AOF.
        GC.KeepAlive(garnet);
        GC.KeepAlive(lockFile);
        Environment.Exit(0);
        return 0;
    }

    /// <summary>
    /// Two signals, either is enough: the parent holds the write end of our stdin, so end-of-file means it exited
    /// (however it died); and on Linux our parent pid changes when we are re-parented to init.
    /// </summary>
    private static async Task WaitForParentToGoAsync(int? parentPid)
    {
        var stdinClosed = Task.Run(() =>
        {
            using var stdin = Console.OpenStandardInput();
            var buffer = new byte[256];
            while (stdin.Read(buffer, 0, buffer.Length) > 0)
            {
            }
        });

        var reparented = Task.Run(async () =>
        {
            if (parentPid is null || !File.Exists("/proc/self/stat"))
            {
                await Task.Delay(Timeout.Infinite);
            }

            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
            while (await timer.WaitForNextTickAsync() && ParentPid() == parentPid)
            {
            }
        });

        await Task.WhenAny(stdinClosed, reparented);
    }

    // /proc/self/stat: "pid (comm) state ppid ..."; comm may hold spaces, so read after the last ')'.
    private static int? ParentPid()
    {
        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.TryParse(fields[1], CultureInfo.InvariantCulture, out var ppid) ? ppid : null;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
