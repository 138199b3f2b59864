using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace FeedbackBot.Redis.Tests;

/// <summary>A storage server the contract suite runs against. The name appears in every test's display name.</summary>
public interface IStorageServer
{
    string Name { get; }

    IConnectionMultiplexer Connection { get; }
}

/// <summary>Embedded Garnet, exactly as the host starts it, in a fresh temp folder.</summary>
public sealed class GarnetServerFixture : IStorageServer, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fb-garnet-").FullName;
    private readonly EmbeddedGarnet _garnet;

    public GarnetServerFixture()
    {
        _garnet = EmbeddedGarnet.Start(_dir, 0);
        Connection = ConnectionMultiplexer.Connect(_garnet.ConnectionString);
    }

    public string Name => "embedded Garnet";

    public IConnectionMultiplexer Connection { get; }

    public void Dispose()
    {
        Connection.Dispose();
        _garnet.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}

/// <summary>
/// A real redis-server on a free loopback port, started by the tests. The test command installs redis-server
/// on a fresh machine; if it is still missing this fails loudly rather than skipping.
/// </summary>
public sealed class RedisServerFixture : IStorageServer, IDisposable
{
    private readonly Process _process;
    private readonly string _dir = Directory.CreateTempSubdirectory("fb-redis-").FullName;

    public RedisServerFixture()
    {
        var port = FreePort();
        var exe = File.Exists("/usr/bin/redis-server") ? "/usr/bin/redis-server" : "redis-server";
        try
        {
            _process = Process.Start(new ProcessStartInfo(exe,
                ["--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", _dir])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("redis-server is not installed; run the test command from README (it installs it).", ex);
        }

        _process.OutputDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        Connection = ConnectWithRetry($"127.0.0.1:{port}");
    }

    public string Name => "redis-server";

    public IConnectionMultiplexer Connection { get; }

    public void Dispose()
    {
        Connection.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(5000);
        }

        Directory.Delete(_dir, recursive: true);
    }

    // redis-server takes a moment to bind; poll briefly (bounded) instead of sleeping a fixed time.
    private static ConnectionMultiplexer ConnectWithRetry(string endpoint)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                return ConnectionMultiplexer.Connect($"{endpoint},connectTimeout=500");
            }
            catch (RedisConnectionException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(50);
            }
        }
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
