using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FeedbackBot.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers Core's use cases. Storage, scheduling, people lookup and messengers come from the adapters.
    /// </summary>
    public static IServiceCollection AddFeedbackCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ChatMessengers>();
        services.TryAddTransient<GiveFeedback>();
        services.TryAddTransient<DeliverFeedback>();
        return services;
    }
}
