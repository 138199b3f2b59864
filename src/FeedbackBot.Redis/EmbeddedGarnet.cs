using System.Net;
using System.Net.Sockets;
using Garnet;
using Microsoft.Extensions.Logging;

namespace FeedbackBot.Redis;

/// <summary>
/// Garnet running inside this process on a loopback port, persisting to an append-only file (AOF).
/// The same StackExchange.Redis code talks to it as to an external server: one storage code path.
/// </summary>
public sealed class EmbeddedGarnet : IDisposable
{
    private readonly GarnetServer _server;

    private EmbeddedGarnet(GarnetServer server, int port)
    {
        _server = server;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <summary>Starts Garnet with <paramref name="dataDirectory"/> for its AOF and checkpoints, recovering what is there.</summary>
    public static EmbeddedGarnet Start(string dataDirectory, int port, ILoggerFactory? loggerFactory = null)
    {
        if (port == 0)
        {
            port = FreeLoopbackPort();
        }

        var aofDir = Path.Combine(dataDirectory, "garnet");
        Directory.CreateDirectory(aofDir);
        string[] args =
        [
            "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--bind", IPAddress.Loopback.ToString(),
            // Hangfire's Redis storage runs Lua scripts.
            "--lua",
            // Durability: every write goes to the AOF, committed per operation (freq 0), and the reply waits for
            // that commit (commit-wait). So a write we were told succeeded is on disk before the bot acts on it,
            // and survives kill -9 of this process. Costs write latency; the embedded mode is for small installs.
            "--aof",
            "--aof-commit-freq", "0",
            "--aof-commit-wait",
            // Debian lacks libaio, which Garnet's default native device needs; RandomAccess is managed code.
            "--storage-tier",
            "--device-type", "RandomAccess",
            "--checkpointdir", aofDir,
            "--logdir", aofDir,
            "--recover",
            // Sized for one bot's data (people, feedback, jobs), not Garnet's cache-server defaults (16 GB log).
            "--memory", "256m",
            "--page", "1m",
            "--index", "16m",
        ];
        var server = new GarnetServer(args, loggerFactory, cleanupDir: false);
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

    public void Dispose() => _server.Dispose();

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
