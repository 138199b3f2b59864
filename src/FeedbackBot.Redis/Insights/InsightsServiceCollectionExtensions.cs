using FeedbackBot.Core.Insights;
using FeedbackBot.Core.Ports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using FeedbackBot.Redis.Insights;
using Microsoft.Extensions.Hosting;

// In the storage namespace the host already imports, so composing insights stays one line in WebHost.
namespace FeedbackBot.Redis;

public static class InsightsServiceCollectionExtensions
{
    /// <summary>
    /// Team insights (issue 14): binds <see cref="InsightsOptions"/> (<c>Insights</c> section), keeps the counts in
    /// Redis (<see cref="RedisInsightsStore"/>), makes Core's use cases record them (<see cref="InsightsRecorder"/>
    /// replaces the no-op default) and answers <see cref="IInsightsQuery"/>. Teams come from each platform's
    /// <see cref="IPlatformTeams"/>, which the platform adapters register (Slack: user groups and public channels).
    /// </summary>
    public static IHostApplicationBuilder AddFeedbackInsights(this IHostApplicationBuilder builder)
    {
        builder.Services.AddFeedbackInsights();
        return builder;
    }

    /// <inheritdoc cref="AddFeedbackInsights(IHostApplicationBuilder)"/>
    public static IServiceCollection AddFeedbackInsights(this IServiceCollection services)
    {
        services.AddOptions<InsightsOptions>()
            .BindConfiguration(InsightsOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<RedisInsightsStore>();
        services.TryAddSingleton<IInsightsStore>(sp => sp.GetRequiredService<RedisInsightsStore>());
        services.AddSingleton<IPersonalDataPart>(sp => sp.GetRequiredService<RedisInsightsStore>());
        services.Replace(ServiceDescriptor.Singleton<IInsightsRecorder, InsightsRecorder>());
        services.Replace(ServiceDescriptor.Transient<IInsightsQuery, InsightsQuery>());
        return services;
    }
}
