using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using FeedbackBot.Redis.Embedded;
using StackExchange.Redis;

namespace FeedbackBot.Redis;

/// <summary>Storage could not be started; <see cref="Exception.Message"/> is one line that names the setting to fix.</summary>
public sealed class StorageStartupException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Owns the process's connections to storage and, in embedded mode, the supervised Garnet child process behind
/// them. Started explicitly before the host runs, so a bad setting stops the app with one clear line instead of
/// failing later inside a request or a Hangfire worker.
/// </summary>
public sealed class RedisConnection(IOptions<StorageOptions> options, ILoggerFactory loggers)
    : IDisposable, IAsyncDisposable
{
    private readonly ILogger _logger = loggers.CreateLogger<RedisConnection>();
    private StorageSupervisor? _supervisor;
    private LanedMultiplexer? _multiplexer;
    private ConnectionMultiplexer? _jobsMultiplexer;
    private ConnectionMultiplexer[] _conditionalMultiplexers = [];
    private ConditionalConnections? _conditional;

    /// <summary>The bot's own connections (<see cref="StorageOptions.Connections"/>), one per storage lane.</summary>
    public IConnectionMultiplexer Multiplexer =>
        _multiplexer ?? throw new InvalidOperationException("Storage has not been started; call StartAsync first.");

    /// <summary>
    /// A second connection to the same server, for Hangfire. Hangfire's storage calls are synchronous and many;
    /// on their own socket they cannot queue behind the bot's traffic (or the bot's behind theirs).
    /// </summary>
    public IConnectionMultiplexer JobsMultiplexer =>
        _jobsMultiplexer ?? throw new InvalidOperationException("Storage has not been started; call StartAsync first.");

    /// <summary>
    /// Sockets of their own for transactions with conditions (<see cref="Redis.ConditionalConnections"/>), or null
    /// when <see cref="StorageOptions.ConditionalConnections"/> is 0 (they share the bot's connection).
    /// </summary>
    public ConditionalConnections? ConditionalConnections =>
        _multiplexer is null
            ? throw new InvalidOperationException("Storage has not been started; call StartAsync first.")
            : _conditional;

    /// <summary>The embedded Garnet port, or null when an external server is used.</summary>
    public int? EmbeddedPort => _supervisor?.Port;

    /// <summary>The supervisor of the embedded storage process, or null when an external server is used.</summary>
    public StorageSupervisor? Embedded => _supervisor;

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
            // EmbeddedPort 0: the supervisor picks a port outside the ephemeral range (LoopbackPort).
            _supervisor = new StorageSupervisor(StorageLaunch.Preferred(), dir, o.EmbeddedPort, o.EmbeddedMemory, o.KeyPrefix, loggers);
            try
            {
                await _supervisor.StartAsync(ct);
            }
            catch (StorageChildException ex)
            {
                throw new StorageStartupException(
                    $"Embedded Garnet could not start on 127.0.0.1:{_supervisor.Port} with data in '{dir}' (Storage:DataDirectory, Storage:EmbeddedPort, Storage:EmbeddedMemory): {ex.Message}", ex);
            }

            connectionString = _supervisor.ConnectionString;
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
        WithoutSelect(config);
        config.ConnectTimeout = (int)o.ConnectTimeout.TotalMilliseconds;
        config.ClientName ??= "feedbackbot";
        if (o.IsEmbedded)
        {
            // The child restarts in about a second after a fault; try again soon rather than on the default backoff.
            config.ReconnectRetryPolicy = new LinearRetry(250);
        }

        try
        {
            // AbortOnConnectFail only decides the first connect (a bad setting fails start-up); once connected,
            // every multiplexer reconnects by itself after every restart of the server.
            // One socket each, named so CLIENT LIST tells them apart: the lanes, Hangfire's, the compare-and-set ones.
            var lanes = Task.WhenAll(Enumerable.Range(0, o.Connections).Select(i => ConnectAsync(i == 0 ? "" : $"-{i + 1}")));
            var jobs = ConnectAsync("-jobs");
            var conditional = Task.WhenAll(Enumerable.Range(0, o.ConditionalConnections).Select(i => ConnectAsync($"-cas{i}")));
            await Task.WhenAll(lanes, jobs, conditional).WaitAsync(o.ConnectTimeout * 2, ct);
            _multiplexer = new LanedMultiplexer(lanes.Result);
            _jobsMultiplexer = jobs.Result;
            _conditionalMultiplexers = conditional.Result;
            // One round robin for the whole process, made once.
            _conditional = _conditionalMultiplexers.Length > 0 ? new ConditionalConnections(_conditionalMultiplexers) : null;

            Task<ConnectionMultiplexer> ConnectAsync(string nameSuffix)
            {
                var one = config.Clone();
                one.ClientName = config.ClientName + nameSuffix;
                return ConnectionMultiplexer.ConnectAsync(one);
            }
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
        foreach (var conditional in _conditionalMultiplexers)
        {
            conditional.Dispose();
        }

        _jobsMultiplexer?.Dispose();
        _multiplexer?.Dispose();
        // Stops the watchdog first, then kills the child: every acknowledged write is already in its AOF.
        _supervisor?.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var conditional in _conditionalMultiplexers)
        {
            await conditional.DisposeAsync();
        }

        if (_jobsMultiplexer is not null)
        {
            await _jobsMultiplexer.DisposeAsync();
        }

        if (_multiplexer is not null)
        {
            await _multiplexer.DisposeAsync();
        }

        if (_supervisor is not null)
        {
            await _supervisor.DisposeAsync();
        }
    }

    /// <summary>
    /// Tells StackExchange.Redis not to send <c>SELECT</c> when everything lives in database 0 (the default, and
    /// the only database of a cluster). After every MULTI/EXEC the client forgets which database its socket is on
    /// and sends <c>SELECT 0</c> before the next command: about three extra commands per give, each a round of
    /// parsing on the server (the embedded store's CPU is the bottleneck at 200 gives/s). With SELECT unavailable
    /// the client treats the server as database-0-only, its documented workaround for servers that have a single
    /// database (<c>ServerEndPoint.SupportsDatabases</c> honours a disabled SELECT). Left alone when the connection
    /// string names another database (<c>defaultDatabase=</c>), maps commands itself, or names a Sentinel service
    /// (whose client keeps its own command map).
    /// </summary>
    public static void WithoutSelect(ConfigurationOptions config)
    {
        if ((config.DefaultDatabase ?? 0) == 0 && string.IsNullOrEmpty(config.ServiceName)
            && ReferenceEquals(config.CommandMap, CommandMap.Default))
        {
            config.CommandMap = CommandMap.Create(new HashSet<string> { "SELECT" }, available: false);
        }
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

