using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FeedbackBot.Redis.Embedded;

/// <summary>
/// Readiness of the embedded storage process: not ready while it is being restarted, or when its memory is near
/// <c>--memory</c> (Garnet drops records silently at the cap, so that must be impossible to miss). Always healthy
/// with an external server, which the <c>storage</c> PING check covers.
/// </summary>
internal sealed class EmbeddedStorageHealthCheck(RedisConnection connection) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (connection.Embedded is not { } supervisor)
        {
            return Task.FromResult(HealthCheckResult.Healthy("external server"));
        }

        var s = supervisor.Status;
        var memory = s.MemoryCapBytes == 0
            ? $"memory not measured yet, restarts {s.Restarts}"
            : $"memory {s.MemoryUsedBytes / (1024 * 1024)} of {s.MemoryCapBytes / (1024 * 1024)} MB ({s.MemoryUsedFraction:P0}), restarts {s.Restarts}";
        if (s.Evicted)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"embedded Garnet reached Storage:EmbeddedMemory and dropped records; point Storage:Redis at a real Redis; {memory}"));
        }

        if (s.MemoryUsedFraction >= supervisor.Settings.UnreadyFraction)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"embedded Garnet is nearly full; point Storage:Redis at a real Redis or raise Storage:EmbeddedMemory; {memory}"));
        }

        return Task.FromResult(s.Answering
            ? HealthCheckResult.Healthy(memory)
            : HealthCheckResult.Unhealthy($"storage process is not answering (being restarted); {memory}"));
    }
}
