using FeedbackBot.Testing;
using StackExchange.Redis;

namespace FeedbackBot.Redis.Tests;

/// <summary>A storage server the contract suite runs against. The name appears in every test's display name.</summary>
public interface IStorageServer
{
    string Name { get; }

    IConnectionMultiplexer Connection { get; }

    /// <summary>The conditional transactions' own socket, as the host has (<see cref="ConditionalConnections"/>).</summary>
    ConditionalConnections Conditional => new([Connection]);
}

/// <summary>Embedded Garnet, exactly as the host starts it, in a fresh temp folder.</summary>
public sealed class GarnetServerFixture : IStorageServer, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fb-garnet-").FullName;
    private readonly EmbeddedGarnet _garnet;

    public GarnetServerFixture()
    {
        _garnet = EmbeddedGarnet.Start(_dir, 0);
        Connection = ConnectionMultiplexer.Connect(AsTheHostDoes(_garnet.ConnectionString));
        _conditional = ConnectionMultiplexer.Connect(AsTheHostDoes(_garnet.ConnectionString));
    }

    private readonly IConnectionMultiplexer _conditional;

    public ConditionalConnections Conditional => new([_conditional]);

    public string Name => "embedded Garnet";

    /// <summary>The host's connection settings that change what is sent (no SELECT: <see cref="RedisConnection.WithoutSelect"/>).</summary>
    public static ConfigurationOptions AsTheHostDoes(string connectionString)
    {
        var config = ConfigurationOptions.Parse(connectionString);
        RedisConnection.WithoutSelect(config);
        return config;
    }

    public IConnectionMultiplexer Connection { get; }

    public void Dispose()
    {
        _conditional.Dispose();
        Connection.Dispose();
        _garnet.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}

/// <summary>
/// A real redis-server on a free loopback port, started by the tests. The test command installs redis-server
/// on a fresh machine; if it is still missing this fails loudly rather than skipping.
/// </summary>
public sealed class RedisServerFixture : IStorageServer, IAsyncLifetime
{
    private LocalRedis? _redis;

    public string Name => "redis-server";

    public IConnectionMultiplexer Connection { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (LocalRedis.MissingReason is { } missing)
        {
            throw new InvalidOperationException(missing + "; run the test command from README.");
        }

        _redis = await LocalRedis.StartServerAsync();
        Connection = await ConnectionMultiplexer.ConnectAsync(GarnetServerFixture.AsTheHostDoes(_redis.ConnectionString));
        var conditional = GarnetServerFixture.AsTheHostDoes(_redis.ConnectionString);
        conditional.ClientName = "fb-test-cas";
        _conditional = await ConnectionMultiplexer.ConnectAsync(conditional);
    }

    private IConnectionMultiplexer? _conditional;

    public ConditionalConnections Conditional => new([_conditional!]);

    public async Task DisposeAsync()
    {
        _conditional?.Dispose();
        Connection?.Dispose();
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }
}

/// <summary>
/// A real Redis Cluster (three masters, no replicas) on free loopback ports, started by the tests; the client
/// connects with the seed list, as the host does with <c>Storage:Redis</c>. StackExchange.Redis refuses a
/// multi-key command, transaction or script whose keys span slots, so any such operation fails its test.
/// </summary>
public sealed class RedisClusterFixture : IStorageServer, IAsyncLifetime
{
    private LocalRedis? _redis;

    public string Name => "Redis Cluster";

    public IConnectionMultiplexer Connection { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (LocalRedis.MissingReason is not null)
        {
            return; // every test of the class is skipped with the reason (StorageFact)
        }

        _redis = await LocalRedis.StartClusterAsync();
        // allowAdmin: the suite asks the server CLUSTER KEYSLOT for every key it wrote.
        Connection = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString + ",allowAdmin=true");
    }

    public async Task DisposeAsync()
    {
        Connection?.Dispose();
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }
}
