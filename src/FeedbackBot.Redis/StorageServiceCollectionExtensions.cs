using FeedbackBot.Core.Ports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace FeedbackBot.Redis;

public static class StorageServiceCollectionExtensions
{
    /// <summary>Readiness tag: checks with it decide <c>/health/ready</c>.</summary>
    public const string ReadyTag = "ready";

    /// <summary>The DI key of the job system's own <see cref="IConnectionMultiplexer"/>.</summary>
    public const string JobsConnectionKey = "jobs";

    /// <summary>
    /// Redis-backed implementations of Core's storage ports, against <c>Storage:Redis</c> or, when that is empty,
    /// an embedded Garnet. Call <see cref="StartStorageAsync"/> before running the host.
    /// </summary>
    public static IHostApplicationBuilder AddFeedbackStorage(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<RedisConnection>();
        services.AddSingleton<IConnectionMultiplexer>(sp => sp.GetRequiredService<RedisConnection>().Multiplexer);
        // Hangfire's own connection (same server): its synchronous calls never queue behind the bot's traffic.
        services.AddKeyedSingleton<IConnectionMultiplexer>(JobsConnectionKey, (sp, _) => sp.GetRequiredService<RedisConnection>().JobsMultiplexer);
        // Conditional transactions on sockets of their own: their round trip inside the writer holds up nothing else.
        // (Null when Storage:ConditionalConnections is 0: the stores then use the bot's connection.)
        services.AddSingleton(sp => sp.GetRequiredService<RedisConnection>().ConditionalConnections!);
        services.AddSingleton(sp => new Keys(sp.GetRequiredService<IOptions<StorageOptions>>().Value.KeyPrefix));
        services.AddSingleton<IFeedbackStore, RedisFeedbackStore>();
        services.AddSingleton<IRequestStore, RedisRequestStore>();
        services.AddSingleton<IPreferencesStore, RedisPreferencesStore>();
        services.AddSingleton<IOnceStore, RedisOnceStore>();
        services.AddSingleton<IReminderSchedule, RedisReminderSchedule>();
        services.AddSingleton<ISendPacer, RedisSendPacer>();
        services.AddSingleton<Core.Limits.IUsageLimiter, RedisUsageLimiter>();
        services.AddTransient<StorageDoctor>();
        services.AddSingleton<IAddressBook, RedisAddressBook>();
        services.AddSingleton<Core.Growth.IGrowthStore, RedisGrowthStore>();
        // The growth record's reader needs the store: registered with it, so hosts without storage resolve none.
        services.AddTransient<Core.Ports.IGrowthReader>(sp => sp.GetRequiredService<Core.Growth.GrowthBook>());
        services.AddSingleton<Core.Ports.IGrowthFigures, Insights.RedisGrowthFigures>();
        PersonalData.PersonalDataServiceCollectionExtensions.AddFeedbackPersonalData(services); // ratings, values, export links, data-rights parts
        services.AddHealthChecks()
            .AddCheck<RedisHealthCheck>("storage", tags: [ReadyTag])
            .AddCheck<Embedded.EmbeddedStorageHealthCheck>("embedded-storage", tags: [ReadyTag]);
        return builder;
    }

    /// <summary>
    /// Starts embedded Garnet (if configured) and connects. Throws <see cref="StorageStartupException"/> with a
    /// one-line message naming the setting at fault.
    /// </summary>
    public static Task StartStorageAsync(this IServiceProvider services, CancellationToken ct = default) =>
        services.GetRequiredService<RedisConnection>().StartAsync(ct);
}

/// <summary>Ready when the server answers PING.</summary>
internal sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            // Bounded: readiness must answer (503) quickly while the server is gone, not after the client's timeout.
            var latency = await redis.GetDatabase().PingAsync().WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
            return HealthCheckResult.Healthy($"PING {latency.TotalMilliseconds:0.0} ms");
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("Storage is not reachable", ex);
        }
    }
}
