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

    /// <summary>Loopback port for embedded Garnet; 0 picks a free one at start.</summary>
    [Range(0, 65535)]
    public int EmbeddedPort { get; set; }

    /// <summary>Prefix of every key this app writes, so several apps can share one server.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9_-]{1,32}$")]
    public string KeyPrefix { get; set; } = "fb";

    /// <summary>How long the host waits for the server at start before giving up.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    public bool IsEmbedded => string.IsNullOrWhiteSpace(Redis);
}
