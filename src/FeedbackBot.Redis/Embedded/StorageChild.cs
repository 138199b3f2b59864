using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace FeedbackBot.Redis.Embedded;

/// <summary>How the host starts its storage child in <see cref="StorageProcess.Verb"/> mode.</summary>
public sealed record StorageLaunch(string FileName, IReadOnlyList<string> LeadingArguments)
{
    /// <summary>
    /// The NativeAOT storage child's file name (src/FeedbackBot.Storage). A publish of the host with a runtime
    /// identifier puts it next to the host; a build or <c>dotnet run</c> does not (the AOT compile takes minutes).
    /// </summary>
    public const string NativeChildName = "FeedbackBot.Storage";

    /// <summary>
    /// The native child when it sits next to this executable (one runtime less in memory:
    /// docs/embedded-storage.md), otherwise <see cref="Self"/>. Both answer the same command line.
    /// </summary>
    public static StorageLaunch Preferred() => Preferred(AppContext.BaseDirectory, Self());

    /// <summary>
    /// <see cref="Preferred()"/> for a given directory and fallback. The native child needs Lua's library beside it
    /// (a build's runtimes/ folder is not searched): without it Garnet starts anyway and fails every script, which
    /// Hangfire runs, so the native child is used only with the library.
    /// </summary>
    public static StorageLaunch Preferred(string directory, StorageLaunch fallback)
    {
        var native = Path.Combine(directory, OperatingSystem.IsWindows() ? NativeChildName + ".exe" : NativeChildName);
        var lua = Path.Combine(directory, OperatingSystem.IsWindows() ? "lua54.dll" : OperatingSystem.IsMacOS() ? "liblua54.dylib" : "liblua54.so");
        return File.Exists(native) && File.Exists(lua) ? new StorageLaunch(native, []) : fallback;
    }

    /// <summary>
    /// This executable again: the apphost directly, or <c>dotnet app.dll</c> when the process was started that way
    /// (tests and containers do). The entry program must hand <c>storage ...</c> to <see cref="StorageProcess.RunAsync"/>.
    /// </summary>
    public static StorageLaunch Self()
    {
        var exe = Environment.ProcessPath ?? throw new InvalidOperationException("The path of this executable is unknown.");
        var entry = System.Reflection.Assembly.GetEntryAssembly()?.Location;
        return Path.GetFileNameWithoutExtension(exe) == "dotnet" && !string.IsNullOrEmpty(entry)
            ? new StorageLaunch(exe, [entry])
            : new StorageLaunch(exe, []);
    }
}

/// <summary>Garnet could not start or did not become ready; the message is one line.</summary>
public sealed class StorageChildException(string message) : Exception(message);

/// <summary>
/// One run of the storage child process. Its stdin is a pipe only this object holds: when the host dies, the
/// kernel closes it and the child exits by itself.
/// </summary>
internal sealed class StorageChild : IDisposable
{
    private readonly Process _process;
    private readonly Task _exited;

    private StorageChild(Process process, Task exited)
    {
        _process = process;
        _exited = exited;
        Pid = process.Id;
    }

    public int Pid { get; }

    /// <summary>Completes when the child has exited (its output fully read).</summary>
    public Task Exited => _exited;

    /// <summary>The exit code once <see cref="Exited"/> has completed.</summary>
    public int? ExitCode => _exited.IsCompleted ? _process.ExitCode : null;

    /// <summary>
    /// Environment of the child. Workstation, non-concurrent GC with a small gen0 budget and memory conservation:
    /// Garnet keeps its data in its own pinned pages, so the GC heap only carries request garbage, and server GC
    /// would reserve a heap per core. Invariant globalization: Garnet compares bytes, never culture-aware text, so
    /// the child need not load ICU (measured in docs/embedded-storage.md).
    /// </summary>
    public static IReadOnlyDictionary<string, string> ChildEnvironment { get; } = new Dictionary<string, string>
    {
        ["DOTNET_gcServer"] = "0",
        ["DOTNET_gcConcurrent"] = "0",
        ["DOTNET_GCgen0size"] = "0x400000",
        ["DOTNET_GCConserveMemory"] = "5",
        ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1",
    };

    public static async Task<StorageChild> StartAsync(
        StorageLaunch launch, string dataDirectory, int port, string memory, ILogger logger, TimeSpan within, CancellationToken ct)
    {
        var info = new ProcessStartInfo(launch.FileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in launch.LeadingArguments)
        {
            info.ArgumentList.Add(a);
        }

        foreach (var a in new[]
        {
            StorageProcess.Verb, "--data", dataDirectory, "--port", port.ToString(CultureInfo.InvariantCulture),
            "--memory", memory, "--parent", Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
        })
        {
            info.ArgumentList.Add(a);
        }

        foreach (var (key, value) in ChildEnvironment)
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new StorageChildException($"could not start '{launch.FileName}'");
        // Captured now: the handlers below may still run after the Process object is disposed.
        var pid = process.Id;
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        string? failure = null;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data == StorageProcess.ReadyLine)
            {
                ready.TrySetResult();
            }
            else if (!string.IsNullOrWhiteSpace(e.Data))
            {
                logger.LogInformation("Storage process {Pid}: {Line}", pid, e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            if (e.Data.StartsWith(StorageProcess.FailurePrefix, StringComparison.Ordinal))
            {
                failure = e.Data[StorageProcess.FailurePrefix.Length..];
            }
            else if (e.Data.Contains("AofProcessor.RecoverReplay", StringComparison.Ordinal))
            {
                // Garnet 2.2.8 stops replaying its AOF where it meets a transaction group it cannot close ("No nested
                // transactions expected"); every write after that point is missing from this start on. Never quietly.
                logger.LogCritical(
                    "Storage process {Pid} could not replay its whole append-only file: writes after the failing point were NOT "
                    + "recovered. Run the doctor (`FeedbackBot.Host doctor`) and see docs/embedded-storage.md, \"Lua scripts\". {Line}",
                    pid, e.Data);
            }
            else if (!string.IsNullOrWhiteSpace(e.Data))
            {
                // Garnet's own warnings and errors, and a crash's stack trace: they belong in the host's log.
                logger.LogWarning("Storage process {Pid}: {Line}", pid, e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var child = new StorageChild(process, process.WaitForExitAsync(CancellationToken.None));

        var timeout = Task.Delay(within, ct);
        var first = await Task.WhenAny(ready.Task, child.Exited, timeout);
        if (first == ready.Task)
        {
            return child;
        }

        child.Kill();
        await child.Exited;
        throw new StorageChildException(first == child.Exited
            ? failure ?? $"the storage process exited with code {process.ExitCode}"
            : $"the storage process was not ready within {within.TotalSeconds:0} s");
    }

    /// <summary>kill -9: Garnet may be wedged, so nothing short of that is sure to end it.</summary>
    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // already gone
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
