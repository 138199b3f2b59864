using FeedbackBot.Testing;

namespace FeedbackBot.Redis.Tests;

/// <summary>A redis-server of the test class's own, for tests that read the server's counters or client list.</summary>
public abstract class OwnRedisServer : IAsyncLifetime
{
    private LocalRedis? _redis;

    /// <summary>The server's connection string (one node).</summary>
    protected string ConnectionString => _redis!.ConnectionString;

    public async Task InitializeAsync()
    {
        if (LocalRedis.MissingReason is { } missing)
        {
            throw new InvalidOperationException(missing + "; run the test command from README.");
        }

        _redis = await LocalRedis.StartServerAsync();
    }

    public async Task DisposeAsync()
    {
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }
}
