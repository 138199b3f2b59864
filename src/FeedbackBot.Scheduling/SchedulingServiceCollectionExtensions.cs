using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Ports;
using FeedbackBot.Scheduling.Delivery;
using FeedbackBot.Scheduling.Jobs;
using Hangfire;
using Hangfire.Redis.StackExchange;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace FeedbackBot.Scheduling;

public static class SchedulingServiceCollectionExtensions
{
    /// <summary>
    /// Hangfire on the same Redis as the rest of storage, a Hangfire server in this host, jobs resolved from DI,
    /// Core's <see cref="IJobScheduler"/> on top, and the delivery dispatcher with its outbox sweep.
    /// </summary>
    public static IHostApplicationBuilder AddFeedbackJobs(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<SchedulingOptions>()
            .BindConfiguration(SchedulingOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddOptions<JobsOptions>()
            .BindConfiguration(JobsOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate<IOptions<Core.Digest.DigestOptions>>((jobs, digest) => jobs.InvisibilityTimeout > digest.Value.SendClaim,
                "Jobs:InvisibilityTimeout must be longer than Digest:SendClaim, or the digest of a host that died mid-send is skipped")
            .ValidateOnStart();

        services.AddSingleton<JobStorage>(sp =>
        {
            // A connection of its own when storage offers one (key "jobs"), so Hangfire's synchronous storage calls
            // do not queue behind the bot's requests on one socket.
            var connection = sp.GetKeyedService<IConnectionMultiplexer>("jobs") ?? sp.GetRequiredService<IConnectionMultiplexer>();
            return CreateStorage(connection, sp.GetRequiredService<IOptions<SchedulingOptions>>().Value, sp.GetRequiredService<IOptions<JobsOptions>>().Value);
        });
        services.AddHangfire((sp, config) =>
        {
            // Hangfire registers a global AutomaticRetry (10 attempts) by default; ours replaces it so the
            // configured count is the one jobs get.
            foreach (var existing in GlobalJobFilters.Filters.Where(f => f.Instance is AutomaticRetryAttribute).ToArray())
            {
                GlobalJobFilters.Filters.Remove(existing.Instance);
            }

            config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseStorage(sp.GetRequiredService<JobStorage>())
            .UseFilter(new AutomaticRetryAttribute
            {
                Attempts = sp.GetRequiredService<IOptions<SchedulingOptions>>().Value.RetryAttempts,
                OnAttemptsExceeded = AttemptsExceededAction.Fail,
            });
        });
        services.AddHangfireServer((sp, server) =>
        {
            var o = sp.GetRequiredService<IOptions<SchedulingOptions>>().Value;
            server.WorkerCount = o.WorkerCount;
            server.SchedulePollingInterval = o.SchedulePollingInterval;
        });

        services.AddOptions<DeliveryOptions>()
            .BindConfiguration(DeliveryOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<DeliveryDispatcher>();
        services.AddSingleton<IDeliveryDispatcher>(sp => sp.GetRequiredService<DeliveryDispatcher>());
        services.AddHostedService(sp => sp.GetRequiredService<DeliveryDispatcher>());
        services.AddTransient<NudgeCheckJob>();
        services.AddTransient<BackgroundWorkJob>();
        services.AddSingleton<IBackgroundWork, HangfireBackgroundWork>();
        services.AddTransient<WeeklyDigestJob>();
        services.AddTransient<DueRemindersJob>();
        services.AddTransient<CheckInsJob>();
        services.AddHostedService<RecurringJobsRegistration>();
        services.AddSingleton<IJobScheduler, HangfireJobScheduler>();
        services.AddHealthChecks().AddCheck<HangfireHealthCheck>("hangfire", tags: ["ready"]);
        return builder;
    }

    /// <summary>Hangfire's Redis storage as every host configures it.</summary>
    public static RedisStorage CreateStorage(IConnectionMultiplexer connection, SchedulingOptions scheduling, JobsOptions jobs) =>
        new(connection, new RedisStorageOptions
        {
            Prefix = scheduling.Prefix,
            // Jobs are small; a week of history is enough to see what happened without growing forever.
            SucceededListSize = 10_000,
            DeletedListSize = 1_000,
            InvisibilityTimeout = jobs.InvisibilityTimeout,
        });

    /// <summary>Maps the Hangfire dashboard at <c>/hangfire</c> (local only unless credentials are configured).</summary>
    public static WebApplication MapFeedbackJobsDashboard(this WebApplication app)
    {
        var o = app.Services.GetRequiredService<IOptions<SchedulingOptions>>().Value;
        app.UseHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [new DashboardAuthorization(o.Dashboard)],
            DashboardTitle = "FeedbackBot jobs",
            // The footer would show the storage endpoints (and a password in the connection string) to anyone let in.
            DisplayStorageConnectionString = false,
        });
        return app;
    }
}

/// <summary>Ready when Hangfire can open a storage connection and read from it.</summary>
internal sealed class HangfireHealthCheck(JobStorage storage) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            // Hangfire's storage API is synchronous: off the request thread, and bounded so readiness answers 503
            // quickly while storage is gone instead of after the client's own timeout.
            await Task.Run(() =>
            {
                using var connection = storage.GetConnection();
                _ = connection.GetAllItemsFromSet("recurring-jobs");
            }, cancellationToken).WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("Hangfire storage is not usable", ex);
        }
    }
}
