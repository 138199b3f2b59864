using System.Diagnostics;
using System.Net;
using Garnet;
using Garnet.server;
using Microsoft.Extensions.Logging;

namespace FeedbackBot.Redis.Embedded;

/// <summary>
/// Garnet that, at every start, replays its append-only file, takes a checkpoint and only then listens. The checkpoint
/// truncates the AOF, which closes two gaps of Garnet 2.2.8 (docs/embedded-storage.md, "Replay"):
/// <list type="bullet">
/// <item>a MULTI/EXEC torn by a kill -9 of the storage process leaves an open transaction group at the end of the AOF;
/// session ids start again in the next life, so that life's writes on the same id were swallowed into the open group
/// at the next replay, and its first transaction on that id stopped the replay ("No nested transactions expected").
/// Truncated behind a checkpoint, the open group (never acknowledged, never applied) is gone before any new write;</item>
/// <item>the AOF no longer grows without bound: a start replays the last checkpoint plus one life's AOF.</item>
/// </list>
/// The checkpoint serializes every object of the log, the path of microsoft/garnet#2101 (a crash when an object is
/// serialized while a client mutates it). Taken before the listener binds, no client exists, so nothing can mutate.
/// A kill during the checkpoint leaves the previous checkpoint and the whole AOF (Garnet truncates only after a
/// checkpoint is complete), which the next start replays.
/// </summary>
internal sealed class CheckpointBeforeListening : GarnetServer
{
    private CheckpointBeforeListening(GarnetServerOptions options, ILoggerFactory? loggers, IGarnetServer[] listeners)
        : base(options, loggers, listeners, cleanupDir: false)
    {
    }

    /// <summary>
    /// A Garnet whose <see cref="GarnetServer.Start"/> recovers, checkpoints, then listens. <paramref name="progress"/>
    /// hears one line before and one after the checkpoint (the storage child writes them to stdout).
    /// </summary>
    public static GarnetServer Create(GarnetServerOptions options, ILoggerFactory? loggers, Action<string> progress)
    {
        var logger = loggers?.CreateLogger("GarnetServer");
        var checkpointLogger = loggers?.CreateLogger("StartCheckpoint");
        var listeners = options.EndPoints
            .Select(e => new Listener(e, options, logger))
            .ToArray();
        CheckpointBeforeListening server;
        try
        {
            server = new CheckpointBeforeListening(options, loggers, listeners);
        }
        catch
        {
            foreach (var listener in listeners)
            {
                listener.Dispose();
            }

            throw;
        }

        var checkpointed = false;
        foreach (var listener in listeners)
        {
            // Garnet's Start runs: recover (checkpoint + AOF replay), every listener's Start, background tasks.
            listener.BeforeListening = () =>
            {
                if (!checkpointed)
                {
                    checkpointed = true;
                    server.Checkpoint(progress, checkpointLogger);
                }
            };
        }

        return server;
    }

    private void Checkpoint(Action<string> progress, ILogger? logger)
    {
        progress(StorageProcess.CheckpointStartedLine);
        var watch = Stopwatch.StartNew();
        var status = storeWrapper.TakeCheckpointAsync(background: false).GetAwaiter().GetResult();
        if (status != CheckpointStatus.Success)
        {
            // Garnet truncates the AOF only after a complete checkpoint, so it is whole and this life starts anyway:
            // storage that does not come up is worse than the torn-group risk this checkpoint removes.
            logger?.LogError(
                "The start checkpoint failed ({Status}); the append-only file was left whole and is replayed again at the next start",
                status);
            return;
        }

        progress($"{StorageProcess.CheckpointDoneLine} in {watch.ElapsedMilliseconds} ms");
    }

    /// <summary>Garnet's own TCP listener, built as Garnet builds it, with a hook before it binds.</summary>
    private sealed class Listener(EndPoint endpoint, GarnetServerOptions o, ILogger? logger) : GarnetServerTcp(
        endpoint, 0, o.TlsOptions, o.NetworkSendThrottleMax, new ConnectionLimit(o.NetworkConnectionLimit), o.UnixSocketPath,
        o.UnixSocketPermission, o.GetNetworkBufferSettings(), o.GetNetworkBufferPoolSize(), o.GetNetworkBufferBudget(), logger,
        o.NetworkSendTimeout, o.TlsHandshakeTimeout)
    {
        public Action BeforeListening { get; set; } = () => { };

        public override void Start()
        {
            BeforeListening();
            base.Start();
        }
    }
}
