using System.Diagnostics;
using System.Net;
using System.Text;
using FeedbackBot.Redis;

namespace FeedbackBot.Host.Tests;

/// <summary>
/// The real host as a child process (<c>dotnet FeedbackBot.Host.dll</c>), for what only a process can show:
/// start-up failures, kill -9 and restart. Waits are short bounded polls, never fixed sleeps.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private HostProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
    }

    public int Port { get; }

    public Uri BaseAddress { get; }

    /// <summary>The host's own process id (the <c>dotnet</c> process running it), e.g. to read its RSS from /proc.</summary>
    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the host; <paramref name="args"/> select a verb (e.g. <c>doctor</c>) instead of the web host.</summary>
    public static HostProcess Start(IReadOnlyDictionary<string, string> settings, params string[] args)
    {
        var port = LoopbackPort.Pick();
        // FEEDBACKBOT_HOST_DLL runs another build of the host under the same harness (e.g. to bisect a benchmark).
        var hostDll = Environment.GetEnvironmentVariable("FEEDBACKBOT_HOST_DLL") is { Length: > 0 } other
            ? Path.GetFullPath(other)
            : Path.Combine(AppContext.BaseDirectory, "FeedbackBot.Host.dll");
        var info = new ProcessStartInfo("dotnet", [hostDll, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(hostDll)!,
        };
        info.Environment["Urls"] = $"http://127.0.0.1:{port}";
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Logging__Console__FormatterName"] = "simple";
        foreach (var (key, value) in settings)
        {
            info.Environment[key.Replace(":", "__")] = value;
        }

        var process = Process.Start(info)!;
        var host = new HostProcess(process, port);
        process.OutputDataReceived += (_, e) => host.Append(e.Data);
        process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>Polls <c>/health/ready</c> until it answers 200; fails with the host's output if it does not within the bound.</summary>
    public async Task WaitReadyAsync(TimeSpan? within = null)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(60));
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Host exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync("health/ready");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Host was not ready in time:\n{Output}");
    }

    /// <summary>Waits for the process to exit by itself and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan within)
    {
        using var cts = new CancellationTokenSource(within);
        await _process.WaitForExitAsync(cts.Token);
        _process.WaitForExit(); // flushes redirected output
        return _process.ExitCode;
    }

    /// <summary>kill -9: no shutdown hooks, no flush, exactly what a crash or OOM kill does.</summary>
    public void KillHard()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
