using FeedbackBot.Core.Ports;

namespace FeedbackBot.Core.Tests.Fakes;

/// <summary>Claims with expiry read from the same (fake) clock as everything else.</summary>
public sealed class InMemoryOnceStore(TimeProvider time) : IOnceStore
{
    private readonly Dictionary<string, DateTimeOffset> _claims = [];
    private readonly Lock _gate = new();

    public IReadOnlyCollection<string> Keys
    {
        get { lock (_gate) { return _claims.Keys.ToArray(); } }
    }

    public Task<bool> TryClaimAsync(string key, TimeSpan ttl, CancellationToken ct)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (_claims.TryGetValue(key, out var expires) && expires > now)
            {
                return Task.FromResult(false);
            }

            _claims[key] = now + ttl;
            return Task.FromResult(true);
        }
    }

    public Task ReleaseAsync(string key, CancellationToken ct)
    {
        lock (_gate) { _claims.Remove(key); }
        return Task.CompletedTask;
    }
}
