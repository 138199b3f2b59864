using FeedbackBot.Slack.Admin;
using FeedbackBot.Slack.Delivery;
using FeedbackBot.Slack.Digest;
using FeedbackBot.Slack.Give;
using FeedbackBot.Slack.Growth;
using FeedbackBot.Slack.Home;
using FeedbackBot.Slack.Inbound;
using FeedbackBot.Slack.Install;
using FeedbackBot.Slack.Requests;
using FeedbackBot.Slack.Settings;
using Microsoft.Extensions.DependencyInjection;

namespace FeedbackBot.Slack;

/// <summary>
/// Every Slack wire id the bot answers — slash command and its <c>/feedback</c> subcommands, block action, view
/// submission, shortcut, event — and the handler type that owns it, in one table (as Bolt's
/// <c>app.command</c>/<c>action</c>/<c>view</c>/<c>event</c>). The endpoints look handlers up by these ids; an id
/// that is not here gets a 400 (or the plain 200 a button needs). Each handler has a fast <c>AckAsync</c> (the HTTP
/// answer) and an optional <c>RunAsync</c> that runs after the ack on a fresh instance in its own scope (see
/// <see cref="AfterAck"/>); handlers are scoped, so both get constructor injection.
/// </summary>
internal static class SlackRoutes
{
    public static IServiceCollection AddSlackRoutes(this IServiceCollection services)
    {
        // Slash commands.
        services.AddKeyedScoped<ISlashCommandHandler, FeedbackCommandHandler>(FeedbackCommandHandler.Command);
        // /feedback subcommands, by the intent Give/FeedbackCommandParser reads from the text.
        services.AddFeedbackSubcommand<FeedbackCommandIntent.Help, HelpSubcommand>();            // help, ?
        services.AddFeedbackSubcommand<FeedbackCommandIntent.Invalid, HelpSubcommand>();         // anything not understood
        services.AddFeedbackSubcommand<FeedbackCommandIntent.OpenGive, OpenGiveSubcommand>();    // (nothing), give, @a @b
        services.AddFeedbackSubcommand<FeedbackCommandIntent.QuickGive, QuickGiveSubcommand>();  // @a @b text…
        services.AddFeedbackSubcommand<FeedbackCommandIntent.Inbox, InboxSubcommand>();          // inbox, received
        services.AddFeedbackSubcommand<FeedbackCommandIntent.Settings, SettingsSubcommand>();    // settings, preferences
        services.AddFeedbackSubcommand<RequestIntent, RequestSubcommand>();                      // request [@a …] [question…]
        services.AddFeedbackSubcommand<PendingIntent, PendingSubcommand>();                      // pending
        services.AddFeedbackSubcommand<DeleteWorkspaceDataIntent, DeleteWorkspaceDataSubcommand>(); // admin delete-workspace-data
        services.AddFeedbackSubcommand<ReviewPrepIntent, ReviewPrepSubcommand>();                // review-prep [since]
        services.AddFeedbackSubcommand<Web.WebIntent, Web.WebSubcommand>();                      // web (a sign-in link, by DM)
        services.AddFeedbackSubcommand<DataRights.ExportIntent, DataRights.ExportSubcommand>();             // export
        services.AddFeedbackSubcommand<DataRights.DeleteMyDataIntent, DataRights.DeleteMyDataSubcommand>(); // delete-my-data

        // Block actions: quick give review.
        services.AddKeyedScoped<IBlockActionHandler, QuickSendAction>(QuickSendAction.ActionId);
        services.AddKeyedScoped<IBlockActionHandler, QuickEditAction>(QuickEditAction.ActionId);
        services.AddKeyedScoped<IBlockActionHandler, QuickCancelAction>(QuickCancelAction.ActionId);
        // Block actions: Give modal (live coach, template switch, recipient prefetch).
        services.AddKeyedScoped<IBlockActionHandler, GiveModalRefresh>(GiveModal.PartAction);
        services.AddKeyedScoped<IBlockActionHandler, GiveModalRefresh>(GiveModal.TemplateAction);
        services.AddKeyedScoped<IBlockActionHandler, GiveRecipientsPicked>(GiveModal.RecipientsAction);
        // Block actions: delivered feedback.
        services.AddKeyedScoped<IBlockActionHandler, ThankAction>(ThankAction.ActionId);
        services.AddKeyedScoped<IBlockActionHandler, FollowUpAction>(FollowUpAction.ActionId);
        services.AddKeyedScoped<IBlockActionHandler, ReflectAction>(ReflectAction.ActionId);
        services.AddKeyedScoped<IBlockActionHandler, InboxThemeAction>(InboxThemeAction.ActionId);
        // Block actions: growth check-ins (growth_checkin:GoingWell|NotYet|Done) and review prep.
        services.AddKeyedScoped<IBlockActionHandler, CheckInAction>(CheckInAction.ActionId);
        services.AddKeyedScoped<IBlockActionHandler, AskGiverAction>(AskGiverAction.ActionId);
        services.AddKeyedScoped<IBlockActionHandler, FreshFeedbackAction>(FreshFeedbackAction.ActionId);
        // Block actions: App Home.
        services.AddKeyedScoped<IBlockActionHandler, HomeGiveAction>(HomeGiveAction.ActionId);
        services.AddKeyedScoped<IBlockActionHandler, HomeRequestAction>(HomeRequestAction.ActionId);
        services.AddKeyedScoped<IBlockActionHandler, HomeSettingsAction>(HomeSettingsAction.ActionId);
        services.AddKeyedScoped<IBlockActionHandler, HomeReviewPrepAction>(HomeReviewPrepAction.ActionId);
        // Block actions: weekly digest.
        services.AddKeyedScoped<IBlockActionHandler, DigestGiveAction>(DigestGiveAction.ActionId);
        services.AddKeyedScoped<IBlockActionHandler, DigestSnoozeAction>(DigestSnoozeAction.ActionId);
        services.AddKeyedScoped<IBlockActionHandler, DigestSettingsAction>(DigestSettingsAction.ActionId);
        services.AddKeyedScoped<IBlockActionHandler, DigestTurnOffAction>(DigestTurnOffAction.ActionId);
        // Block actions: requests and emoji prompts.
        services.AddKeyedScoped<IBlockActionHandler, RequestGiveAction>(RequestGiveAction.ActionId);
        services.AddKeyedScoped<IBlockActionHandler, RequestDeclineAction>(RequestDeclineAction.ActionId);
        services.AddKeyedScoped<IBlockActionHandler, RequestSnoozeAction>(RequestSnoozeAction.ActionId);
        services.AddKeyedScoped<IBlockActionHandler, ReactionRequestAction>(ReactionRequestAction.ActionId);
        services.AddKeyedScoped<IBlockActionHandler, ReactionGiveAction>(ReactionGiveAction.ActionId);
        // Block actions: delivered feedback, "was it useful?" (routed families: feedback_useful:{yes|no}, feedback_useful_reason:{reason}).
        services.AddKeyedScoped<IBlockActionHandler, Ratings.UsefulAction>(Ratings.UsefulAction.ActionId);
        services.AddKeyedScoped<IBlockActionHandler, Ratings.UsefulReasonAction>(Ratings.UsefulReasonAction.ActionId);
        // Block actions: data rights.
        services.AddKeyedScoped<IBlockActionHandler, DataRights.DeleteMyDataAction>(DataRights.DeleteMyDataAction.ActionId);
        // Block actions: admin.
        services.AddKeyedScoped<IBlockActionHandler, DeleteWorkspaceDataAction>(DeleteWorkspaceDataAction.ActionId);

        // View submissions, by callback_id.
        services.AddKeyedScoped<IViewSubmissionHandler, GiveSubmission>(GiveModal.CallbackId);
        services.AddKeyedScoped<IViewSubmissionHandler, FollowUpSubmission>(FollowUpSubmission.CallbackId);
        services.AddKeyedScoped<IViewSubmissionHandler, SettingsSubmission>(SettingsSubmission.CallbackId);
        services.AddKeyedScoped<IViewSubmissionHandler, RequestSubmission>(RequestModal.CallbackId);
        services.AddKeyedScoped<IViewSubmissionHandler, DeclineSubmission>(DeclineSubmission.CallbackId);
        services.AddKeyedScoped<IViewSubmissionHandler, ReflectSubmission>(ReflectSubmission.CallbackId);
        services.AddKeyedScoped<IViewSubmissionHandler, InboxThemeSubmission>(InboxThemeSubmission.CallbackId);
        services.AddKeyedScoped<IViewSubmissionHandler, AskGiverSubmission>(AskGiverSubmission.CallbackId);

        // Shortcuts (message and global), by callback_id; they match manifests/slack/manifest.json.
        services.AddKeyedScoped<IShortcutHandler, GiveOnMessageShortcut>(GiveOnMessageShortcut.CallbackId);
        services.AddKeyedScoped<IShortcutHandler, GiveGlobalShortcut>(GiveGlobalShortcut.CallbackId);
        services.AddKeyedScoped<IShortcutHandler, RequestOnMessageShortcut>(RequestOnMessageShortcut.CallbackId);

        // Events API, by event type (stored as durable work before the 200, then run by these).
        services.AddKeyedScoped<ISlackEventHandler, AppHomeOpened>(AppHomeOpened.EventType);
        services.AddKeyedScoped<ISlackEventHandler, ReactionAdded>(ReactionAdded.EventType);
        services.AddKeyedScoped<ISlackEventHandler, BotJoinedChannel>(BotJoinedChannel.EventType);
        services.AddKeyedScoped<ISlackEventHandler, AppMentioned>(AppMentioned.EventType);
        services.AddKeyedScoped<ISlackEventHandler, AppUninstalled>(AppUninstalled.EventType);
        services.AddKeyedScoped<ISlackEventHandler, AppUninstalled>(AppUninstalled.TokensRevokedEventType);
        return services;
    }

    private static void AddFeedbackSubcommand<TIntent, THandler>(this IServiceCollection services)
        where TIntent : FeedbackCommandIntent where THandler : class, IFeedbackSubcommand =>
        services.AddKeyedScoped<IFeedbackSubcommand, THandler>(typeof(TIntent));
}
