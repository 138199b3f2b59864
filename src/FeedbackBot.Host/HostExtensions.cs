using System.Text.Json;
using FeedbackBot.Core;
using FeedbackBot.Core.Digest;
using FeedbackBot.Core.Nudges;
using FeedbackBot.Host.Cli;
using FeedbackBot.Redis;
using FeedbackBot.Slack;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Host;

internal static class HostExtensions
{
    /// <summary>Core's use cases, with their options bound from the <c>Nudges</c>, <c>Digest</c>, <c>Limits</c>, <c>DataRights</c> and <c>Values</c> sections.</summary>
    public static IHostApplicationBuilder AddFeedbackCore(this IHostApplicationBuilder builder)
    {
        builder.Services.AddFeedbackCore();
        builder.Services.AddOptions<NudgeOptions>().BindConfiguration(NudgeOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<DigestOptions>().BindConfiguration(DigestOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<Core.Limits.LimitsOptions>().BindConfiguration(Core.Limits.LimitsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<Core.DataRights.DataRightsOptions>().BindConfiguration(Core.DataRights.DataRightsOptions.SectionName)
            // One public address serves the web page and export links: DataRights:PublicUrl only overrides Web:PublicBaseUrl.
            .PostConfigure<IConfiguration>((o, config) => o.PublicUrl = o.PublicUrl is { Length: > 0 } ? o.PublicUrl : config["Web:PublicBaseUrl"] ?? "")
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<Core.Ratings.ValuesOptions>().BindConfiguration(Core.Ratings.ValuesOptions.SectionName);
        builder.Services.AddOptions<Core.YearInFeedback.YearInFeedbackOptions>().BindConfiguration(Core.YearInFeedback.YearInFeedbackOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        return builder;
    }

    /// <summary>
    /// Process-level settings: the thread pool's minimum (<c>Host:MinThreads</c>, default 64) and the storage check
    /// after an unclean shutdown.
    /// <para>
    /// Why a minimum: on a 2-core machine the pool starts with 2 worker threads and adds about one per half second
    /// when they are all blocked. Hangfire's Redis storage is synchronous (its workers, its enqueue) and blocks
    /// threads on storage round trips, so under a burst the pool starved and every Slack ack waited seconds
    /// (measured: 8.6 s median at 20 gives/s). Threads up to the minimum are created at once when needed; idle ones
    /// cost little.
    /// </para>
    /// </summary>
    public static IHostApplicationBuilder AddFeedbackHost(this IHostApplicationBuilder builder)
    {
        var minimum = builder.Configuration.GetValue("Host:MinThreads", DefaultMinThreads);
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, minimum), Math.Max(io, minimum));
        builder.Services.AddHostedService<UncleanShutdownCheck>();
        return builder;
    }

    private const int DefaultMinThreads = 64;

    /// <summary>
    /// <c>/health/live</c>: the process answers. <c>/health/ready</c>: storage and Hangfire storage are usable.
    /// </summary>
    public static WebApplication MapHealthEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteJsonAsync });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = c => c.Tags.Contains(StorageServiceCollectionExtensions.ReadyTag),
            ResponseWriter = WriteJsonAsync,
        });
        return app;
    }

    /// <summary>
    /// Starts storage before anything else touches it (the Hangfire dashboard and server need it), so a bad
    /// setting fails with one line naming it, not with a stack trace from a worker. False when it could not start.
    /// </summary>
    public static async Task<bool> StartStorageAsync(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("FeedbackBot");
        try
        {
            // Every options class's ValidateOnStart, now and together: a bad setting anywhere is one line naming it.
            app.Services.GetService<IStartupValidator>()?.Validate();
            await app.Services.StartStorageAsync(app.Lifetime.ApplicationStopping);
            return true;
        }
        catch (StorageStartupException ex)
        {
            logger.LogCritical("Cannot start: {Reason}", ex.Message);
        }
        catch (Exception ex) when (ex is OptionsValidationException or AggregateException { InnerExceptions: [OptionsValidationException, ..] })
        {
            var failures = (ex as AggregateException)?.InnerExceptions ?? [ex];
            logger.LogCritical("Cannot start: invalid settings: {Reason}",
                string.Join("; ", failures.OfType<OptionsValidationException>().SelectMany(f => f.Failures)));
        }

        return false;
    }

    /// <summary>Says which platforms are on, then runs until stopped. Returns the process exit code.</summary>
    public static async Task<int> RunFeedbackBotAsync(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("FeedbackBot");
        try
        {
            logger.LogInformation("{Platforms}", PlatformStatus.Describe(
                app.Services.GetRequiredService<IOptions<SlackOptions>>().Value,
                app.Services.GetRequiredService<IOptions<Teams.TeamsOptions>>().Value));
            if (InstallationsServiceCollectionExtensions.DescribeKeyProtection(
                app.Services.GetRequiredService<IOptions<DataProtectionKeyOptions>>().Value) is { } keyProtection)
            {
                app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("FeedbackBot.DataProtection").LogInformation("{KeyProtection}", keyProtection);
            }
        }
        catch (OptionsValidationException ex)
        {
            logger.LogCritical("Cannot start: invalid settings: {Reason}", string.Join("; ", ex.Failures));
            return 2;
        }

        await app.RunAsync();
        return 0;
    }

    private static Task WriteJsonAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}
