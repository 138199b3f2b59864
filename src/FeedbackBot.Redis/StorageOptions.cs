using System.ComponentModel.DataAnnotations;

namespace FeedbackBot.Redis;

/// <summary>Where everything persistent lives. Section <c>Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>
    /// StackExchange.Redis connection string of an external Redis, Valkey or Garnet (standalone, Sentinel or
    /// Cluster). Empty (the default) starts Garnet in-process instead.
    /// </summary>
    public string? Redis { get; set; }

    /// <summary>Where embedded Garnet keeps its append-only file and checkpoints. Relative paths are resolved against the working directory.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>Loopback port for embedded Garnet; 0 picks a free one at start, below the ephemeral range (<see cref="LoopbackPort"/>).</summary>
    [Range(0, 65535)]
    public int EmbeddedPort { get; set; }

    /// <summary>
    /// Embedded Garnet's <c>--memory</c> (e.g. <c>512m</c>, <c>1g</c>): a hard cap on the whole dataset plus its update
    /// history, since the embedded store keeps everything in memory. Near it readiness fails and the log says so;
    /// at it Garnet drops the oldest records. Only reserved as used, so a large value costs little idle memory.
    /// </summary>
    [Required]
    [RegularExpression("^[1-9][0-9]{0,5}[kKmMgG][bB]?$")]
    public string EmbeddedMemory { get; set; } = EmbeddedGarnet.DefaultMemory;

    /// <summary>Prefix of every key this app writes, so several apps can share one server.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9_-]{1,32}$")]
    public string KeyPrefix { get; set; } = "fb";

    /// <summary>How long the host waits for the server at start before giving up.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Connections the bot's own traffic spreads over (Hangfire has one more of its own). Each inbound request and each
    /// delivery keeps its commands on one of them, in order (<see cref="Core.Ports.StorageLane"/>); more than one lets
    /// the server work on several at once and keeps one slow round trip from holding up the rest
    /// (docs/benchmarks.md, "One connection was the ceiling").
    /// </summary>
    [Range(1, 32)]
    public int Connections { get; set; } = 4;

    /// <summary>
    /// Sockets of their own for transactions with conditions (a delivery's compare-and-set updates, request
    /// answers): StackExchange.Redis holds a connection's writer for the round trip of their conditions
    /// (<see cref="Redis.ConditionalConnections"/>). 0 runs them on the bot's own connection.
    /// </summary>
    [Range(0, 8)]
    public int ConditionalConnections { get; set; } = 2;

    public bool IsEmbedded => string.IsNullOrWhiteSpace(Redis);
}
