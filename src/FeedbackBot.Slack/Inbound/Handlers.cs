using Microsoft.AspNetCore.Http;

namespace FeedbackBot.Slack.Inbound;

// One small handler per kind of interaction, resolved by its wire id (keyed services). What a handler
// returns is the HTTP acknowledgement, so it must return fast; slow work goes to SlackBackgroundQueue.

/// <summary>Handles one slash command, keyed by the command (e.g. <c>/feedback</c>).</summary>
public interface ISlashCommandHandler
{
    Task<IResult> HandleAsync(SlashCommand command, CancellationToken ct);
}

/// <summary>
/// Handles one button, select or input, keyed by its action_id. Ids of the form <c>key:argument</c> route on
/// <c>key</c>, so one handler serves a family (every template field).
/// </summary>
public interface IBlockActionHandler
{
    Task<IResult> HandleAsync(Interaction interaction, BlockAction action, CancellationToken ct);
}

/// <summary>Handles a modal's submit, keyed by the view's callback_id. The result may carry response_action.</summary>
public interface IViewSubmissionHandler
{
    Task<IResult> HandleAsync(Interaction interaction, SlackView view, CancellationToken ct);
}

/// <summary>Handles a message or global shortcut, keyed by its callback_id.</summary>
public interface IShortcutHandler
{
    Task<IResult> HandleAsync(Interaction interaction, CancellationToken ct);
}

/// <summary>Handles an Events API event, keyed by event type. Runs after the acknowledgement, in the background.</summary>
public interface ISlackEventHandler
{
    Task HandleAsync(SlackEvent slackEvent, CancellationToken ct);
}
