using FeedbackBot.Core.Ports;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FeedbackBot.Slack.Inbound;

/// <summary>
/// What the dispatcher answers, whatever the transport: an ack (the HTTP 200 body, or a Socket Mode ack's
/// <c>payload</c>), a malformed payload (HTTP 400), "not stored, retry me" (HTTP 503; in Socket Mode no ack, so
/// Slack redelivers the envelope) or the Events API URL challenge.
/// </summary>
public sealed record SlackReply
{
    private SlackReply(SlackReplyKind kind, SlackAck? ack = null, string? challenge = null) =>
        (Kind, Ack, Challenge) = (kind, ack, challenge);

    public SlackReplyKind Kind { get; }

    /// <summary>The handler's answer when <see cref="Kind"/> is <see cref="SlackReplyKind.Ack"/>.</summary>
    public SlackAck? Ack { get; }

    /// <summary>The <c>url_verification</c> challenge to echo (HTTP only).</summary>
    public string? Challenge { get; }

    public static SlackReply Acked(SlackAck ack) => new(SlackReplyKind.Ack, ack);

    public static SlackReply Plain { get; } = new(SlackReplyKind.Ack, SlackAck.Ok);

    public static SlackReply Malformed { get; } = new(SlackReplyKind.Malformed);

    public static SlackReply RetryLater { get; } = new(SlackReplyKind.RetryLater);

    public static SlackReply Echo(string challenge) => new(SlackReplyKind.Challenge, challenge: challenge);

    /// <summary>The HTTP answer.</summary>
    public IResult ToResult() => Kind switch
    {
        SlackReplyKind.Ack => Ack!.ToResult(),
        SlackReplyKind.Challenge => Results.Text(Challenge, "text/plain"),
        SlackReplyKind.RetryLater => Results.StatusCode(StatusCodes.Status503ServiceUnavailable),
        _ => Results.BadRequest(),
    };
}

/// <summary>The four shapes of <see cref="SlackReply"/>.</summary>
public enum SlackReplyKind
{
    Ack,
    Malformed,
    RetryLater,
    Challenge,
}

/// <summary>
/// "Dispatch this command / interaction / event and give me the ack", for every transport: the HTTP endpoints
/// (after the signature gate) and Socket Mode (after the WebSocket envelope) both hand their payload here. It finds
/// the handler registered for the wire id (SlackRoutes), gets its ack within the budget and, when the ack says so,
/// hands the handler's RunAsync to <see cref="AfterAck"/> to start once the transport has written the ack
/// (<c>acked</c>). Scoped: handlers come from the request's (or envelope's) scope.
/// </summary>
public sealed class SlackDispatcher(IServiceProvider services, AfterAck after, IBackgroundWork work, IOnceStore once, ILogger<SlackDispatcher> logger)
{
    // Slack retries an event it thinks failed; 1 h covers its three retries (immediately, +1 min, +5 min).
    private static readonly TimeSpan EventDedupeTtl = TimeSpan.FromHours(1);

    // Shorter than Slack's first delayed retry (1 minute), longer than storing the event takes.
    private static readonly TimeSpan EventClaimLease = TimeSpan.FromSeconds(30);

    // Slack shows the person an error after 3 s; a handler still waiting (a stalled store) answers before that.
    private static readonly TimeSpan HandlerBudget = TimeSpan.FromSeconds(2.5);

    /// <summary>A slash command (null when its fields were unusable: malformed).</summary>
    public async Task<SlackReply> CommandAsync(SlashCommand? command, Task acked, CancellationToken ct)
    {
        if (command is null)
        {
            return SlackReply.Malformed;
        }

        var handler = services.GetKeyedService<ISlashCommandHandler>(command.Command);
        if (handler is null)
        {
            return SlackReply.Acked(SlackAck.Ephemeral($"I don't know the command {Text.Mrkdwn.Escape(command.Command)}."));
        }

        return await DispatchAsync(acked, ct, handler, command.Command, SlackRequester.Of(command),
            (h, c) => h.AckAsync(command, c), (h, state, c) => h.RunAsync(command, state, c), isCommand: true);
    }

    /// <summary>An interactivity payload: the JSON Slack puts in the <c>payload</c> form field (HTTP) or the envelope (Socket Mode).</summary>
    public async Task<SlackReply> InteractionAsync(string? payloadJson, Task acked, CancellationToken ct)
    {
        if (payloadJson is null || Interaction.Parse(payloadJson) is not { } interaction)
        {
            return SlackReply.Malformed;
        }

        var who = SlackRequester.Of(interaction);
        switch (interaction.Type)
        {
            case "block_actions":
                var action = interaction.Actions[0];
                var key = action.ActionId.Split(':')[0];
                // Buttons with no handler (e.g. a link button) still need their 200, or Slack shows a warning sign.
                return services.GetKeyedService<IBlockActionHandler>(key) is { } actionHandler
                    ? await DispatchAsync(acked, ct, actionHandler, key, who,
                        (h, c) => h.AckAsync(interaction, action, c), (h, state, c) => h.RunAsync(interaction, action, state, c))
                    : SlackReply.Plain;

            case "view_submission" when interaction.View is { CallbackId: { } callbackId } view:
                return services.GetKeyedService<IViewSubmissionHandler>(callbackId) is { } submission
                    ? await DispatchAsync(acked, ct, submission, callbackId, who,
                        (h, c) => h.AckAsync(interaction, view, c), (h, state, c) => h.RunAsync(interaction, view, state, c))
                    : SlackReply.Malformed;

            case "message_action" or "shortcut" when interaction.CallbackId is { } shortcutId:
                return services.GetKeyedService<IShortcutHandler>(shortcutId) is { } shortcut
                    ? await DispatchAsync(acked, ct, shortcut, shortcutId, who,
                        (h, c) => h.AckAsync(interaction, c), (h, state, c) => h.RunAsync(interaction, state, c))
                    : SlackReply.Malformed;

            case "view_closed":
                return SlackReply.Plain;

            default:
                return SlackReply.Malformed;
        }
    }

    /// <summary>
    /// An Events API body (the HTTP body, or a Socket Mode <c>events_api</c> envelope's payload): stored as durable
    /// work, deduplicated on (team, event_id), before the ack.
    /// </summary>
    public async Task<SlackReply> EventAsync(string json, CancellationToken ct)
    {
        var envelope = SlackEventEnvelope.Parse(json);
        switch (envelope?.Type)
        {
            case "url_verification" when envelope.Challenge is { } challenge:
                return SlackReply.Echo(challenge);

            case "event_callback":
                if (envelope is not { TeamId: { } team, EventId: { } eventId, EventType: { } type })
                {
                    return SlackReply.Malformed;
                }

                if (services.GetKeyedService<ISlackEventHandler>(type) is null)
                {
                    return SlackReply.Plain;
                }

                if (envelope.ToEvent() is not { } slackEvent)
                {
                    return SlackReply.Malformed;
                }

                return await StoreEventAsync(team, eventId, slackEvent, ct);

            case { }:
                // An envelope of a type we do not handle (app_rate_limited, types Slack adds later): Slack only
                // needs its ack; a 400 would make it retry and count us as failing.
                return SlackReply.Plain;

            default:
                return SlackReply.Malformed;
        }
    }

    private async Task<SlackReply> StoreEventAsync(string team, string eventId, SlackEvent slackEvent, CancellationToken ct)
    {
        // Claimed briefly while the event is made durable, and held for Slack's retry window only once it is: a
        // crash in between frees the id, so Slack's retry (it gets no ack) can still do the work.
        var claim = $"slack:event:{team}:{eventId}";
        bool claimed;
        try
        {
            claimed = await once.TryClaimAsync(claim, EventClaimLease, ct).WaitAsync(HandlerBudget);
        }
        catch (TimeoutException)
        {
            // Storage is stalled: no ack, so Slack retries later.
            return SlackReply.RetryLater;
        }

        if (!claimed)
        {
            return SlackReply.Plain;
        }

        async Task StoreAsync()
        {
            await work.EnqueueAsync(SlackEventWork.Kind, SlackEventWork.Payload(slackEvent), CancellationToken.None);
            await once.KeepAsync(claim, EventDedupeTtl, CancellationToken.None);
        }

        try
        {
            await StoreAsync().WaitAsync(HandlerBudget);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Slack event {EventId} ({Type}) could not be stored; Slack will retry it", eventId, slackEvent.Type);
            await once.ReleaseAsync(claim, CancellationToken.None);
            // No ack, so Slack retries (immediately, after 1 minute, after 5 minutes).
            return SlackReply.RetryLater;
        }

        return SlackReply.Plain;
    }

    // The ack within the budget; then, when it asks for it, the handler's RunAsync once the ack is written, on a
    // fresh instance of the same keyed handler in its own scope.
    private async Task<SlackReply> DispatchAsync<THandler>(Task acked, CancellationToken ct, THandler handler, string wireId,
        SlackRequester who, Func<THandler, CancellationToken, ValueTask<SlackAck>> ack,
        Func<THandler, object?, CancellationToken, Task> run, bool isCommand = false) where THandler : notnull
    {
        var answer = await GuardAsync(() => ack(handler, ct), wireId, isCommand);
        if (answer.RunsAfter)
        {
            after.Schedule<THandler>(acked, wireId, who, (fresh, c) => run(fresh, answer.State, c));
        }

        return SlackReply.Acked(answer);
    }

    // A handler bug must not become Slack's generic "failed with the error dispatch_failed": tell the person.
    // An ack slower than the budget (a stalled store) is answered honestly (commands) or with the plain 200
    // (interactions), and its RunAsync is not started: the person is asked to try again.
    private async Task<SlackAck> GuardAsync(Func<ValueTask<SlackAck>> ack, string wireId, bool command)
    {
        var running = ack().AsTask();
        try
        {
            return await running.WaitAsync(HandlerBudget);
        }
        catch (TimeoutException)
        {
            _ = running.ContinueWith(t => logger.LogError(t.Exception, "Ack of {WireId} failed after its budget", wireId),
                CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            logger.LogWarning("Ack of {WireId} took longer than {Budget}; answered before Slack's deadline", wireId, HandlerBudget);
            return command
                ? SlackAck.Ephemeral(":hourglass_flowing_sand: This is taking longer than usual on my side. If nothing happens within a minute, please try again.")
                : SlackAck.Ok;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Ack of {WireId} failed", wireId);
            return SlackAck.Ephemeral("Sorry, something went wrong on my side. Please try again in a moment.");
        }
    }
}
