using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace FeedbackBot.Redis;

/// <summary>Storage could not be started; <see cref="Exception.Message"/> is one line that names the setting to fix.</summary>
public sealed class StorageStartupException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Owns the one <see cref="IConnectionMultiplexer"/> of the process and, in embedded mode, the Garnet server
/// behind it. Started explicitly before the host runs, so a bad setting stops the app with one clear line
/// instead of failing later inside a request or a Hangfire worker.
/// </summary>
public sealed class RedisConnection(IOptions<StorageOptions> options, ILoggerFactory loggers)
    : IDisposable
{
    private readonly ILogger _logger = loggers.CreateLogger<RedisConnection>();
    private EmbeddedGarnet? _garnet;
    private ConnectionMultiplexer? _multiplexer;

    public IConnectionMultiplexer Multiplexer =>
        _multiplexer ?? throw new InvalidOperationException("Storage has not been started; call StartAsync first.");

    /// <summary>The embedded Garnet port, or null when an external server is used.</summary>
    public int? EmbeddedPort => _garnet?.Port;

    public async Task StartAsync(CancellationToken ct)
    {
        if (_multiplexer is not null)
        {
            return;
        }

        var o = options.Value;
        string connectionString;
        if (o.IsEmbedded)
        {
            // Relative to the working directory: `dotnet run` from the repository root keeps data in ./data.
            var dir = Path.GetFullPath(o.DataDirectory);
            EnsureWritable(dir);
            try
            {
                _garnet = EmbeddedGarnet.Start(dir, o.EmbeddedPort, new MinimumLevelLoggerFactory(loggers, LogLevel.Warning));
            }
            catch (Exception ex)
            {
                throw new StorageStartupException(
                    $"Embedded Garnet could not start on 127.0.0.1:{o.EmbeddedPort} with data in '{dir}' (Storage:DataDirectory, Storage:EmbeddedPort): {ex.Message}", ex);
            }

            connectionString = _garnet.ConnectionString;
            _logger.LogInformation("Storage: embedded Garnet on {Endpoint}, data in {DataDirectory}", connectionString, dir);
        }
        else
        {
            connectionString = o.Redis!;
        }

        ConfigurationOptions config;
        try
        {
            config = ConfigurationOptions.Parse(connectionString);
        }
        catch (Exception ex)
        {
            throw new StorageStartupException($"Storage:Redis is not a valid connection string: {ex.Message}", ex);
        }

        config.AbortOnConnectFail = true;
        config.ConnectTimeout = (int)o.ConnectTimeout.TotalMilliseconds;
        config.ClientName ??= "feedbackbot";
        try
        {
            _multiplexer = await ConnectionMultiplexer.ConnectAsync(config).WaitAsync(o.ConnectTimeout * 2, ct);
        }
        catch (Exception ex) when (ex is RedisConnectionException or TimeoutException or RedisException)
        {
            // ToString(false) leaves the password out of the log line.
            throw new StorageStartupException(
                $"Storage:Redis server '{config.ToString(includePassword: false)}' is not reachable: {FirstLine(ex.Message)}", ex);
        }

        if (!o.IsEmbedded)
        {
            _logger.LogInformation("Storage: Redis at {Endpoints}", string.Join(",", config.EndPoints));
        }
    }

    public void Dispose()
    {
        _multiplexer?.Dispose();
        _garnet?.Dispose();
    }

    private static void EnsureWritable(string dir)
    {
        try
        {
            Directory.CreateDirectory(dir);
            var probe = Path.Combine(dir, $".write-probe-{Environment.ProcessId}");
            File.WriteAllText(probe, "ok");
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StorageStartupException($"Storage:DataDirectory '{dir}' is not writable: {ex.Message}", ex);
        }
    }

    private static string FirstLine(string s) => s.Split('\n', 2)[0].Trim();
}

