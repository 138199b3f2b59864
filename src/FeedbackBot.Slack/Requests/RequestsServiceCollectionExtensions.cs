using FeedbackBot.Slack.Inbound;
using Microsoft.Extensions.DependencyInjection;

namespace FeedbackBot.Slack.Requests;

/// <summary>The request surface's registrations, kept apart from the give surface's so the two evolve without colliding.</summary>
internal static class RequestsServiceCollectionExtensions
{
    public static IServiceCollection AddSlackRequests(this IServiceCollection services)
    {
        services.AddSingleton<RequestService>();
        services.AddSingleton<RequestModalOpener>();
        services.AddTransient<ThreadReader>();
        services.AddScoped<RequestCommands>();

        // The emoji trigger needs the bot in the channel: the bot's own user id says when it is invited or mentioned.
        services.AddSingleton<BotUser>();
        // Handlers by wire id: SlackRoutes.
        return services;
    }
}
