using Microsoft.Extensions.DependencyInjection;

namespace FeedbackBot.Slack.Requests;

/// <summary>The request surface's services, kept apart from the give surface's so the two evolve without colliding.</summary>
internal static class RequestsServiceCollectionExtensions
{
    public static IServiceCollection AddSlackRequests(this IServiceCollection services)
    {
        services.AddScoped<RequestRunner>();
        services.AddScoped<RequestModalOpener>();
        services.AddScoped<ClickedRequest>();
        services.AddTransient<ThreadReader>();

        // The emoji trigger needs the bot in the channel: the bot's own user id says when it is invited or mentioned.
        services.AddSingleton<BotUser>();
        services.AddScoped<ChannelPresence>();
        // Handlers by wire id: SlackRoutes.
        return services;
    }
}
