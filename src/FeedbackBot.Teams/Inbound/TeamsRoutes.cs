using FeedbackBot.Teams.Activities;
using FeedbackBot.Teams.Give;
using FeedbackBot.Teams.Inbound.Handlers;
using FeedbackBot.Teams.Requests;
using FeedbackBot.Teams.Settings;
using FeedbackBot.Teams.Received;
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
        services.AddKeyedTransient<ITeamsActivityHandler, ReactionHandler>(ActivityTypes.MessageReaction);

        // Commands typed in the 1:1, or after @FeedbackBot in a channel or group chat.
        services.AddKeyedTransient<ITeamsCommand, HelpCommand>(HelpCommand.Name);
        services.AddKeyedTransient<ITeamsCommand, RequestCommand>(RequestCommand.Name);
        services.AddKeyedTransient<ITeamsCommand, PendingCommand>(PendingCommand.Name);
        services.AddKeyedTransient<ITeamsCommand, InboxCommand>(InboxCommand.Name);
        services.AddKeyedTransient<ITeamsCommand, SettingsCommand>(SettingsCommand.Name);
        services.AddKeyedTransient<ITeamsCommand, GiveCommand>(GiveCommand.Name);
        services.AddKeyedTransient<ITeamsCommand, Web.WebCommand>(Web.WebCommand.Name);
        services.AddKeyedTransient<ITeamsCommand, Growth.ReviewPrepCommand>(Growth.ReviewPrepCommand.Name);
        services.AddKeyedTransient<ITeamsCommand, Growth.GrowthCommand>(Growth.GrowthCommand.Name);
        services.AddKeyedTransient<ITeamsCommand, DataRights.ExportCommand>(DataRights.ExportCommand.Name);
        services.AddKeyedTransient<ITeamsCommand, DataRights.DeleteMyDataCommand>(DataRights.DeleteMyDataCommand.Name);

        // Invokes by name (answered in the HTTP response).
        services.AddKeyedTransient<ITeamsInvokeHandler, CardActionInvoke>(CardActionInvoke.Name);
        services.AddKeyedTransient<ITeamsInvokeHandler, MessageExtensionInvoke>(MessageExtensionInvoke.FetchTask);
        services.AddKeyedTransient<ITeamsInvokeHandler, MessageExtensionInvoke>(MessageExtensionInvoke.SubmitAction);

        // Card buttons (Action.Execute) by verb.
        services.AddKeyedTransient<ITeamsCardAction, RequestOpenAction>(RequestOpenAction.Verb);
        services.AddKeyedTransient<ITeamsCardAction, RequestSubmitAction>(RequestSubmitAction.Verb);
        services.AddKeyedTransient<ITeamsCardAction, DeclineAction>(DeclineAction.Verb);
        services.AddKeyedTransient<ITeamsCardAction, DeclineSendAction>(DeclineSendAction.Verb);
        services.AddKeyedTransient<ITeamsCardAction, SnoozeAction>(SnoozeAction.Verb);
        services.AddKeyedTransient<ITeamsCardAction, ShowOwedAction>(ShowOwedAction.Verb);
        services.AddKeyedTransient<ITeamsCardAction, SettingsOpenAction>(SettingsOpenAction.Verb);
        services.AddKeyedTransient<ITeamsCardAction, SettingsSaveAction>(SettingsSaveAction.Verb);
        services.AddKeyedTransient<ITeamsCardAction, DigestSnoozeAction>(DigestSnoozeAction.Verb);
        services.AddKeyedTransient<ITeamsCardAction, DigestOffAction>(DigestOffAction.Verb);
        services.AddKeyedTransient<ITeamsCardAction, GiveOpenAction>(GiveOpenAction.Verb);
        services.AddKeyedTransient<ITeamsCardAction, GiveTemplateAction>(GiveTemplateAction.Verb);
        services.AddKeyedTransient<ITeamsCardAction, GiveSubmitAction>(GiveSubmitAction.Verb);
        services.AddKeyedTransient<ITeamsCardAction, GiveSendAction>(GiveSendAction.Verb);
        services.AddKeyedTransient<ITeamsCardAction, GiveEditAction>(GiveEditAction.Verb);
        services.AddKeyedTransient<ITeamsCardAction, GiveCancelAction>(GiveCancelAction.Verb);
        services.AddKeyedTransient<ITeamsCardAction, ThankAction>(ThankAction.Verb);
        services.AddKeyedTransient<ITeamsCardAction, FollowUpAction>(FollowUpAction.Verb);
        services.AddKeyedTransient<ITeamsCardAction, DataRights.DeleteMyDataAction>(DataRights.DeleteMyDataAction.Verb);
        services.AddKeyedTransient<ITeamsCardAction, DataRights.DeleteMyDataCancelAction>(DataRights.DeleteMyDataCancelAction.Verb);
        services.AddKeyedTransient<ITeamsCardAction, InboxThemeAction>(InboxThemeAction.Verb);

        // The growth loop (issue 13): delivered feedback's Reflect and "was it useful?", check-ins, review prep, the growth card.
        services.AddKeyedTransient<ITeamsCardAction, Growth.ReflectOpenAction>(Growth.ReflectOpenAction.Verb);
        services.AddKeyedTransient<ITeamsCardAction, Growth.ReflectSaveAction>(Growth.ReflectSaveAction.Verb);
        services.AddKeyedTransient<ITeamsCardAction, Growth.ReflectCancelAction>(Growth.ReflectCancelAction.Verb);
        services.AddKeyedTransient<ITeamsCardAction, Growth.UsefulAction>(Growth.UsefulAction.Verb);
        services.AddKeyedTransient<ITeamsCardAction, Growth.UsefulReasonAction>(Growth.UsefulReasonAction.Verb);
        services.AddKeyedTransient<ITeamsCardAction, Growth.CheckInOutcomeAction>(Growth.CheckInOutcomeAction.Verb);
        services.AddKeyedTransient<ITeamsCardAction, Growth.AskGiverOpenAction>(Growth.AskGiverOpenAction.Verb);
        services.AddKeyedTransient<ITeamsCardAction, Growth.AskGiverSendAction>(Growth.AskGiverSendAction.Verb);
        services.AddKeyedTransient<ITeamsCardAction, Growth.FreshFeedbackAction>(Growth.FreshFeedbackAction.Verb);
        services.AddKeyedTransient<ITeamsCardAction, Growth.GrowthShowAction>(Growth.GrowthShowAction.Verb);

        // Message-extension action commands by the manifest's commandId.
        services.AddKeyedTransient<ITeamsMessageExtension, AskOnMessageExtension>(AskOnMessageExtension.CommandId);
        services.AddKeyedTransient<ITeamsMessageExtension, GiveOnMessage>(GiveOnMessage.CommandId);

        return services;
    }
}
