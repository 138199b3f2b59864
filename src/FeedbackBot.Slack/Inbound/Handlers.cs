namespace FeedbackBot.Slack.Inbound;

// One small handler per kind of interaction, resolved by its wire id (keyed services, see SlackRoutes). AckAsync
// is the HTTP answer, so it must be fast (Slack gives 3 s; 2.5 s after the request arrived the dispatcher answers
// for an ack still running, and that ack's own answer and RunAsync follow when it ends). When the ack says ThenRun, the endpoint writes it and then runs RunAsync on a fresh instance of the same keyed handler in
// its own DI scope (AfterAck): constructor injection, failures logged with the wire id and told to the person.
// These interfaces are one family, kept in one file so a reader sees every handler shape at once.

/// <summary>Handles one slash command, keyed by the command (e.g. <c>/feedback</c>).</summary>
public interface ISlashCommandHandler
{
    ValueTask<SlackAck> AckAsync(SlashCommand command, CancellationToken ct);

    Task RunAsync(SlashCommand command, object? state, CancellationToken ct) => Task.CompletedTask;
}

/// <summary>
/// Handles one button, select or input, keyed by its action_id. Ids of the form <c>key:argument</c> route on
/// <c>key</c>, so one handler serves a family (every template field).
/// </summary>
public interface IBlockActionHandler
{
    ValueTask<SlackAck> AckAsync(Interaction interaction, BlockAction action, CancellationToken ct);

    Task RunAsync(Interaction interaction, BlockAction action, object? state, CancellationToken ct) => Task.CompletedTask;
}

/// <summary>Handles a modal's submit, keyed by the view's callback_id. The ack may carry a response_action.</summary>
public interface IViewSubmissionHandler
{
    ValueTask<SlackAck> AckAsync(Interaction interaction, SlackView view, CancellationToken ct);

    Task RunAsync(Interaction interaction, SlackView view, object? state, CancellationToken ct) => Task.CompletedTask;
}

/// <summary>Handles a message or global shortcut, keyed by its callback_id.</summary>
public interface IShortcutHandler
{
    ValueTask<SlackAck> AckAsync(Interaction interaction, CancellationToken ct);

    Task RunAsync(Interaction interaction, object? state, CancellationToken ct) => Task.CompletedTask;
}

/// <summary>
/// Handles an Events API event, keyed by event type. The endpoint's ack is the same for every event (stored as
/// durable work, then 200), so an event handler has only its work, which runs from that durable work.
/// </summary>
public interface ISlackEventHandler
{
    Task HandleAsync(SlackEvent slackEvent, CancellationToken ct);
}
