using Microsoft.Extensions.DependencyInjection;

namespace FeedbackBot.Slack.SocketMode;

internal static class SocketModeServiceCollectionExtensions
{
    /// <summary>The Socket Mode client, when <c>Slack:AppToken</c> is set; its timings are validated at start.</summary>
    public static IServiceCollection AddSlackSocketMode(this IServiceCollection services, SlackOptions options)
    {
        services.AddOptions<SocketModeTimings>().ValidateDataAnnotations().ValidateOnStart();
        if (options.UsesSocketMode)
        {
            services.AddSingleton<SlackSocketMode>();
            services.AddHostedService(sp => sp.GetRequiredService<SlackSocketMode>());
        }

        return services;
    }
}
