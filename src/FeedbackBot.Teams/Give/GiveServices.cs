using FeedbackBot.Core.Ports;
using FeedbackBot.Teams.Delivery;
using FeedbackBot.Teams.Received;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FeedbackBot.Teams.Give;

public static class GiveServices
{
    /// <summary>
    /// The services behind the give, thank and follow-up handlers (the handlers themselves are in
    /// <see cref="Inbound.TeamsRoutes"/>), the quick give's background work, and the inline fallback for
    /// <see cref="IBackgroundWork"/> when no job system is composed.
    /// </summary>
    public static IServiceCollection AddTeamsGive(this IServiceCollection services)
    {
        services.AddTransient<TeamsMessenger>();
        services.AddTransient<TeamsGiver>();
        services.AddTransient<GiveFlow>();
        services.AddTransient<DeliveredMessages>();
        services.AddTransient<FeedbackThanks>();
        services.AddKeyedTransient<IBackgroundWorkHandler, GiveWork>(GiveWork.Kind);
        services.TryAddSingleton<IBackgroundWork, InlineBackgroundWork>();
        return services;
    }
}
