using System.Diagnostics;

namespace FeedbackBot.Bench.Burst;

/// <summary>
/// An external redis-server the scenario owns: foreground child process on a loopback port, AOF with fsync on
/// every write, so a stop (kill -9) and start on the same directory loses nothing it acknowledged.
/// </summary>
public sealed class RedisServerProcess(int port, string directory) : IDisposable
{
    private Process? _process;

    public string ConnectionString => $"127.0.0.1:{port}";

    public bool Running => _process is { HasExited: false };

    public void Start()
    {
        Directory.CreateDirectory(directory);
        var info = new ProcessStartInfo("redis-server",
            ["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
             "--appendonly", "yes", "--appendfsync", "always", "--save", "", "--dir", directory,
             "--logfile", Path.Combine(directory, "redis.log")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        _process = Process.Start(info) ?? throw new InvalidOperationException("redis-server did not start (apt-get install -y redis-server)");
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>
    /// Calls per command since start (<c>INFO commandstats</c>, via redis-cli): what one give costs the store is a
    /// figure to watch, because every command more per give is load the store carries at 200 gives/s.
    /// </summary>
    public IReadOnlyDictionary<string, long> CommandStats()
    {
        var info = new ProcessStartInfo("redis-cli", ["-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "INFO", "commandstats"])
        {
            RedirectStandardOutput = true,
        };
        using var cli = Process.Start(info)!;
        var text = cli.StandardOutput.ReadToEnd();
        cli.WaitForExit(10_000);
        // cmdstat_set:calls=123,usec=…
        return text.Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.StartsWith("cmdstat_", StringComparison.Ordinal))
            .Select(line => (Name: line["cmdstat_".Length..line.IndexOf(':', StringComparison.Ordinal)],
                Calls: long.Parse(line.Split("calls=")[1].Split(',')[0], System.Globalization.CultureInfo.InvariantCulture)))
            .ToDictionary(x => x.Name, x => x.Calls);
    }

    /// <summary>Polls PING over a raw socket until it answers, bounded.</summary>
    public async Task WaitReadyAsync(TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            if (_process is { HasExited: true })
            {
                throw new InvalidOperationException($"redis-server exited with {_process.ExitCode}; see {Path.Combine(directory, "redis.log")}");
            }

            try
            {
                using var client = new System.Net.Sockets.TcpClient();
                await client.ConnectAsync(System.Net.IPAddress.Loopback, port);
                var stream = client.GetStream();
                await stream.WriteAsync("PING\r\n"u8.ToArray());
                var buffer = new byte[16];
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(1));
                var n = await stream.ReadAsync(buffer, cts.Token);
                if (n > 0 && buffer[0] == (byte)'+')
                {
                    return; // +PONG; "-LOADING" while the AOF is replayed is not ready yet
                }
            }
            catch (Exception ex) when (ex is System.Net.Sockets.SocketException or IOException or OperationCanceledException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"redis-server on {port} was not ready within {within}");
    }

    /// <summary>kill -9: what an outage or OOM kill looks like to the bot. AOF fsync always keeps what was acknowledged.</summary>
    public void Stop()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process?.Dispose();
        _process = null;
    }

    public void Dispose() => Stop();
}
