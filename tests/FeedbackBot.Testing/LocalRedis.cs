using System.Diagnostics;
using System.Globalization;
using FeedbackBot.Redis;

namespace FeedbackBot.Testing;

/// <summary>
/// Throwaway real Redis for tests: one <c>redis-server</c>, or a Redis Cluster of three masters, on free loopback
/// ports, in a temp folder, nothing persisted, stopped (and the folder removed) on dispose. Waits are short
/// bounded polls. <c>./test.sh</c> installs redis-server (Debian's package brings redis-cli along).
/// </summary>
public sealed class LocalRedis : IAsyncDisposable
{
    private readonly string _dir;
    private readonly List<Process> _servers = [];

    private LocalRedis(string dir, IReadOnlyList<int> ports)
    {
        _dir = dir;
        Ports = ports;
    }

    /// <summary>Why real-Redis tests cannot run here (redis-server or redis-cli missing), or null when they can.</summary>
    public static string? MissingReason { get; } = FindMissing();

    public IReadOnlyList<int> Ports { get; }

    /// <summary>A StackExchange.Redis connection string: the seed list of every node (any one would do for a cluster).</summary>
    public string ConnectionString => string.Join(",", Ports.Select(p => $"127.0.0.1:{p}"));

    /// <summary>One <c>redis-server</c>, in memory only.</summary>
    public static async Task<LocalRedis> StartServerAsync()
    {
        var redis = new LocalRedis(Directory.CreateTempSubdirectory("fb-redis-").FullName, [LoopbackPort.Pick()]);
        try
        {
            redis.Launch(redis.Ports[0]);
            await redis.WaitAsync(redis.Ports[0], "PING", "PONG", TimeSpan.FromSeconds(10));
            return redis;
        }
        catch
        {
            await redis.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// A Redis Cluster of <paramref name="masters"/> masters and no replicas (<c>redis-cli --cluster create</c>),
    /// returned once every node reports <c>cluster_state:ok</c>.
    /// </summary>
    public static async Task<LocalRedis> StartClusterAsync(int masters = 3)
    {
        // Each node needs a second port for the cluster bus; by default that is port + 10000, which can fall
        // outside the port range or on a port in use, so it is chosen free as well (cluster-port, Redis 7).
        var free = new HashSet<int>();
        while (free.Count < masters * 2)
        {
            free.Add(LoopbackPort.Pick());
        }

        var ports = free.Take(masters).ToArray();
        var busPorts = free.Skip(masters).ToArray();
        var redis = new LocalRedis(Directory.CreateTempSubdirectory("fb-cluster-").FullName, ports);
        try
        {
            for (var i = 0; i < masters; i++)
            {
                redis.Launch(ports[i], busPorts[i]);
            }

            foreach (var port in ports)
            {
                await redis.WaitAsync(port, "PING", "PONG", TimeSpan.FromSeconds(10));
            }

            var create = await RunAsync("redis-cli",
                ["--cluster", "create", .. ports.Select(p => $"127.0.0.1:{p}"), "--cluster-replicas", "0", "--cluster-yes"],
                TimeSpan.FromSeconds(30));
            if (create.ExitCode != 0)
            {
                throw new InvalidOperationException($"redis-cli --cluster create failed ({create.ExitCode}):\n{create.Output}");
            }

            foreach (var port in ports)
            {
                await redis.WaitAsync(port, "CLUSTER INFO", "cluster_state:ok", TimeSpan.FromSeconds(20));
            }

            return redis;
        }
        catch
        {
            await redis.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers)
        {
            if (!server.HasExited)
            {
                server.Kill();
                await server.WaitForExitAsync();
            }

            server.Dispose();
        }

        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // A node still flushing its nodes.conf at the kill: the temp folder is left, nothing runs.
        }
    }

    private void Launch(int port, int? busPort = null)
    {
        var p = port.ToString(CultureInfo.InvariantCulture);
        var dir = Path.Combine(_dir, p);
        Directory.CreateDirectory(dir);
        string[] args = ["--port", p, "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir,
            "--logfile", Path.Combine(dir, "redis.log")];
        if (busPort is not null)
        {
            // An absolute path: a relative one is resolved inside --dir and the node fails to start, silently.
            args = [.. args, "--cluster-enabled", "yes", "--cluster-config-file", Path.Combine(dir, "nodes.conf"),
                "--cluster-port", busPort.Value.ToString(CultureInfo.InvariantCulture), "--cluster-node-timeout", "5000"];
        }

        var process = Process.Start(new ProcessStartInfo("redis-server", args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("redis-server did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _servers.Add(process);
    }

    // Polls one node with redis-cli until its answer contains `expect`, bounded.
    private async Task WaitAsync(int port, string command, string expect, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            if (_servers.FirstOrDefault(s => s.HasExited) is { } dead)
            {
                var log = Path.Combine(_dir, port.ToString(CultureInfo.InvariantCulture), "redis.log");
                throw new InvalidOperationException($"redis-server exited with {dead.ExitCode}: {(File.Exists(log) ? File.ReadAllText(log) : "")}");
            }

            last = (await RunAsync("redis-cli", ["-p", port.ToString(CultureInfo.InvariantCulture), .. command.Split(' ')], TimeSpan.FromSeconds(5))).Output;
            if (last.Contains(expect, StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"redis on {port} did not answer '{command}' with '{expect}' within {within}; last: {last}");
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string exe, string[] args, TimeSpan within)
    {
        using var process = Process.Start(new ProcessStartInfo(exe, args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        }) ?? throw new InvalidOperationException($"{exe} did not start");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(within);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw new TimeoutException($"{exe} {string.Join(' ', args)} did not finish within {within}");
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    private static string? FindMissing()
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator);
        var missing = new[] { "redis-server", "redis-cli" }.Where(exe => !path.Any(dir => File.Exists(Path.Combine(dir, exe)))).ToArray();
        return missing.Length == 0 ? null : $"{string.Join(" and ", missing)} not installed (./test.sh installs the redis-server package, which brings redis-cli)";
    }
}

/// <summary>A fact that runs real Redis processes: skipped, with the reason, when redis-server or redis-cli is missing.</summary>
public sealed class RedisFactAttribute : FactAttribute
{
    public RedisFactAttribute()
    {
        if (LocalRedis.MissingReason is { } missing)
        {
            Skip = missing;
        }
    }
}
