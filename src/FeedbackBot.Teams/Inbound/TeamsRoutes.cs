using FeedbackBot.Teams.Activities;
using FeedbackBot.Teams.Inbound.Handlers;
using Microsoft.Extensions.DependencyInjection;

namespace FeedbackBot.Teams.Inbound;

/// <summary>
/// Every activity type, command and invoke the Teams adapter answers, with the handler that owns it: the one
/// table to read. Handlers are keyed services; each wire id is a constant beside its handler.
/// </summary>
public static class TeamsRoutes
{
    public static IServiceCollection AddTeamsRoutes(this IServiceCollection services)
    {
        // Activity types.
        services.AddKeyedTransient<ITeamsActivityHandler, InstallationUpdateHandler>(ActivityTypes.InstallationUpdate);
        services.AddKeyedTransient<ITeamsActivityHandler, ConversationUpdateHandler>(ActivityTypes.ConversationUpdate);
        services.AddKeyedTransient<ITeamsActivityHandler, MessageHandler>(ActivityTypes.Message);

        // Commands typed in the 1:1, or after @FeedbackBot in a channel or group chat.
        services.AddKeyedTransient<ITeamsCommand, HelpCommand>(HelpCommand.Name);

        // Invokes by name (answered in the HTTP response): give/request dialogs (task/fetch, task/submit), the
        // message extension (composeExtension/fetchTask, composeExtension/submitAction) and card actions
        // (adaptiveCard/action) register here as they are built.
        return services;
    }
}
