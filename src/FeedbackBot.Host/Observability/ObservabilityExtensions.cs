using System.Diagnostics;
using FeedbackBot.Core.Telemetry;
using FeedbackBot.Redis;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Instrumentation.StackExchangeRedis;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using StackExchange.Redis;

namespace FeedbackBot.Host.Observability;

/// <summary>
/// Metrics, traces, log hygiene of outgoing calls, and the gate in front of <c>/hangfire</c> and <c>/metrics</c>
/// (docs/operations.md). Two calls in Program.cs: <see cref="AddFeedbackObservability"/> and
/// <see cref="UseFeedbackObservability"/>, the latter before anything that maps those paths.
/// </summary>
internal static class ObservabilityExtensions
{
    public const string ServiceName = "feedbackbot";

    /// <summary>
    /// OpenTelemetry: Core's meter (<see cref="FeedbackMetrics"/>), Hangfire job runs, ASP.NET Core and
    /// HttpClient; exported on <c>/metrics</c> when <c>Metrics:Enabled</c> (default) and by OTLP, with traces
    /// (ASP.NET Core, HttpClient, StackExchange.Redis, jobs), when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
    /// </summary>
    public static IHostApplicationBuilder AddFeedbackObservability(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ProxyOptions>().Configure<IConfiguration>(ProxyOptions.Bind).ValidateDataAnnotations().ValidateOnStart();

        // Hangfire's dashboard checks every POST against IAntiforgery when one is registered (and silently skips
        // the check when none is), so registering it is what makes dashboard actions need a token.
        services.AddAntiforgery();

        // Every outgoing client logs through the safe logger only (no URL path, no header).
        services.ConfigureHttpClientDefaults(http => http.RemoveAllLoggers().AddLogger(sp => new SafeHttpClientLogger(
            sp.GetRequiredService<ILogger<SafeHttpClientLogger>>())));

        JobTelemetryFilter.Register();

        var prometheus = builder.Configuration.GetValue(MetricsOptions.SectionName + ":" + nameof(MetricsOptions.Enabled), true);
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        if (!prometheus && !otlp)
        {
            return builder;
        }

        var otel = services.AddOpenTelemetry()
            .ConfigureResource(r =>
            {
                // OTEL_SERVICE_NAME, when set, names the service (read by the SDK's own detector).
                if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_SERVICE_NAME"]))
                {
                    r.AddService(ServiceName);
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(FeedbackMetrics.MeterName, JobTelemetryFilter.SourceName)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation();
                if (prometheus)
                {
                    metrics.AddPrometheusExporter();
                }
            });

        if (otlp)
        {
            // Traces only when there is somewhere to send them: without an exporter they would be built for nothing.
            var responseUrlBase = builder.Configuration["Slack:ResponseUrlBase"];
            otel.WithTracing(tracing => tracing
                .AddSource(JobTelemetryFilter.SourceName)
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !IsOperatorPath(http.Request.Path))
                .AddHttpClientInstrumentation()
                .AddRedisInstrumentation() // the bot's connection, from DI
                .ConfigureRedisInstrumentation((sp, redis) =>
                {
                    // Hangfire's own connection, when storage gives it one.
                    var jobs = sp.GetKeyedService<IConnectionMultiplexer>(StorageServiceCollectionExtensions.JobsConnectionKey);
                    if (jobs is not null && !ReferenceEquals(jobs, sp.GetService<IConnectionMultiplexer>()))
                    {
                        redis.AddConnection(jobs);
                    }
                })
                .AddProcessor(new ResponseUrlRedaction(responseUrlBase)));
            // Traces, metrics and logs by OTLP; the endpoint, protocol and headers come from the standard OTEL_* settings.
            otel.UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>
    /// Trusted forwarded headers first (so every later decision sees the real client), then the gate in front of
    /// <c>/hangfire</c> and <c>/metrics</c>, then <c>/metrics</c> itself. Call before the dashboard is mapped.
    /// </summary>
    public static WebApplication UseFeedbackObservability(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<ProxyOptions>>().Value.ToMiddlewareOptions() is { } forwarded)
        {
            app.UseForwardedHeaders(forwarded);
        }

        app.UseMiddleware<OperatorEndpointsGate>();
        if (app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value.Enabled)
        {
            app.MapPrometheusScrapingEndpoint(OperatorEndpointsGate.MetricsPath);
        }

        return app;
    }

    private static bool IsOperatorPath(PathString path) =>
        path.StartsWithSegments(OperatorEndpointsGate.MetricsPath) || path.StartsWithSegments("/health");

    /// <summary>
    /// A Slack response_url is a bearer secret in its path: a client span to one keeps only the scheme and host.
    /// </summary>
    private sealed class ResponseUrlRedaction(string? responseUrlBase) : BaseProcessor<Activity>
    {
        private static readonly string[] UrlTags = ["url.full", "http.url"];

        private readonly Uri? _base = Uri.TryCreate(responseUrlBase, UriKind.Absolute, out var u) ? u : null;

        public override void OnEnd(Activity data)
        {
            if (_base is null || data.Kind != ActivityKind.Client)
            {
                return;
            }

            foreach (var tag in UrlTags)
            {
                if (data.GetTagItem(tag) is string url && Uri.TryCreate(url, UriKind.Absolute, out var target)
                    && string.Equals(target.Authority, _base.Authority, StringComparison.OrdinalIgnoreCase)
                    && target.AbsolutePath.StartsWith(_base.AbsolutePath, StringComparison.Ordinal))
                {
                    data.SetTag(tag, $"{target.Scheme}://{target.Authority}{_base.AbsolutePath}…");
                }
            }
        }
    }
}
