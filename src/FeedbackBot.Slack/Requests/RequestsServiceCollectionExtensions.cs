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

        services.AddKeyedScoped<IBlockActionHandler, RequestGiveAction>(RequestGiveAction.ActionId);
        services.AddKeyedScoped<IBlockActionHandler, RequestDeclineAction>(RequestDeclineAction.ActionId);
        services.AddKeyedScoped<IBlockActionHandler, RequestSnoozeAction>(RequestSnoozeAction.ActionId);
        services.AddKeyedScoped<IBlockActionHandler, ReactionRequestAction>(ReactionRequestAction.ActionId);
        services.AddKeyedScoped<IBlockActionHandler, ReactionGiveAction>(ReactionGiveAction.ActionId);

        services.AddKeyedScoped<IViewSubmissionHandler, RequestSubmission>(RequestModal.CallbackId);
        services.AddKeyedScoped<IViewSubmissionHandler, DeclineSubmission>(DeclineSubmission.CallbackId);

        services.AddKeyedScoped<IShortcutHandler, RequestOnMessageShortcut>(RequestOnMessageShortcut.CallbackId);

        services.AddKeyedScoped<ISlackEventHandler, ReactionAdded>(ReactionAdded.EventType);
        // The emoji trigger needs the bot in the channel: say so when it is invited or mentioned.
        services.AddSingleton<BotUser>();
        services.AddKeyedScoped<ISlackEventHandler, BotJoinedChannel>(BotJoinedChannel.EventType);
        services.AddKeyedScoped<ISlackEventHandler, AppMentioned>(AppMentioned.EventType);
        return services;
    }
}
