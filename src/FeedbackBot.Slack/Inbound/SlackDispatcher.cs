using FeedbackBot.Core.Ports;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

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
/// the handler registered for the wire id (SlackRoutes), gets its ack by the request's deadline and, when the ack says
/// so, hands the handler's RunAsync to <see cref="AfterAck"/> to start once the transport has written the ack
/// (<c>acked</c>). Scoped; each handler's ack runs in a DI scope of its own, which lives as long as the ack does
/// (an ack that outlives the answer must not lose its services with the request).
/// </summary>
public sealed class SlackDispatcher(IServiceProvider services, IServiceScopeFactory scopes, AckClock clock, AfterAck after, IBackgroundWork work,
    IOnceStore once, IOptions<SlackTimings> timings, IHostApplicationLifetime lifetime, ILogger<SlackDispatcher> logger)
{
    /// <summary>
    /// The dispatcher's answer to a slash command whose handler is still working at <see cref="SlackTimings.AnswerBy"/>.
    /// It promises only what always follows: the handler's own answer (or its failure) by response_url.
    /// </summary>
    public const string StillWorkingText = ":hourglass_flowing_sand: I'm still working on that… I'll answer here in a moment.";

    // Slack retries an event it thinks failed; 1 h covers its three retries (immediately, +1 min, +5 min).
    private static readonly TimeSpan EventDedupeTtl = TimeSpan.FromHours(1);

    // Shorter than Slack's first delayed retry (1 minute), longer than storing the event takes.
    private static readonly TimeSpan EventClaimLease = TimeSpan.FromSeconds(30);

    /// <summary>A slash command (null when its fields were unusable: malformed).</summary>
    public async Task<SlackReply> CommandAsync(SlashCommand? command, Task acked, CancellationToken ct)
    {
        var arrived = clock.Time.GetTimestamp();
        if (command is null)
        {
            return SlackReply.Malformed;
        }

        if (!Handles<ISlashCommandHandler>(command.Command))
        {
            return SlackReply.Acked(SlackAck.Ephemeral($"I don't know the command {Text.Mrkdwn.Escape(command.Command)}."));
        }

        return await DispatchAsync<ISlashCommandHandler>(arrived, acked, command.Command, SlackRequester.Of(command),
            (h, c) => h.AckAsync(command, c), (h, state, c) => h.RunAsync(command, state, c), isCommand: true);
    }

    /// <summary>An interactivity payload: the JSON Slack puts in the <c>payload</c> form field (HTTP) or the envelope (Socket Mode).</summary>
    public async Task<SlackReply> InteractionAsync(string? payloadJson, Task acked, CancellationToken ct)
    {
        var arrived = clock.Time.GetTimestamp();
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
                return Handles<IBlockActionHandler>(key)
                    ? await DispatchAsync<IBlockActionHandler>(arrived, acked, key, who,
                        (h, c) => h.AckAsync(interaction, action, c), (h, state, c) => h.RunAsync(interaction, action, state, c))
                    : SlackReply.Plain;

            case "view_submission" when interaction.View is { CallbackId: { } callbackId } view:
                return Handles<IViewSubmissionHandler>(callbackId)
                    ? await DispatchAsync<IViewSubmissionHandler>(arrived, acked, callbackId, who,
                        (h, c) => h.AckAsync(interaction, view, c), (h, state, c) => h.RunAsync(interaction, view, state, c))
                    : SlackReply.Malformed;

            case "message_action" or "shortcut" when interaction.CallbackId is { } shortcutId:
                return Handles<IShortcutHandler>(shortcutId)
                    ? await DispatchAsync<IShortcutHandler>(arrived, acked, shortcutId, who,
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
        var arrived = clock.Time.GetTimestamp();
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

                return await StoreEventAsync(arrived, team, eventId, slackEvent, ct);

            case { }:
                // An envelope of a type we do not handle (app_rate_limited, types Slack adds later): Slack only
                // needs its ack; a 400 would make it retry and count us as failing.
                return SlackReply.Plain;

            default:
                return SlackReply.Malformed;
        }
    }

    private bool Handles<THandler>(string key) =>
        services.GetRequiredService<IServiceProviderIsKeyedService>().IsKeyedService(typeof(THandler), key);

    // Claiming and storing share one deadline from the event's arrival: Slack counts the whole request.
    private async Task<SlackReply> StoreEventAsync(long arrived, string team, string eventId, SlackEvent slackEvent, CancellationToken ct)
    {
        var deadline = timings.Value.AnswerBy;
        TimeSpan Left() => TimeSpan.FromTicks(Math.Max(0, (deadline - clock.Time.GetElapsedTime(arrived)).Ticks));

        // Claimed briefly while the event is made durable, and held for Slack's retry window only once it is: a
        // crash in between frees the id, so Slack's retry (it gets no ack) can still do the work.
        var claim = $"slack:event:{team}:{eventId}";
        bool claimed;
        try
        {
            claimed = await once.TryClaimAsync(claim, EventClaimLease, ct).WaitAsync(Left(), clock.Time);
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

        var storing = StoreClaimedEventAsync(claim, eventId, slackEvent);
        try
        {
            return await storing.WaitAsync(Left(), clock.Time) ? SlackReply.Plain : SlackReply.RetryLater;
        }
        catch (TimeoutException)
        {
            // Still storing: Slack retries (no ack). The claim stays until the store ends: kept if it landed, so the
            // retry is a no-op instead of the event's work twice; given back if it failed, so the retry does it.
            logger.LogWarning("Slack event {EventId} ({Type}) not stored by Slack's deadline; Slack will retry it", eventId, slackEvent.Type);
            return SlackReply.RetryLater;
        }
    }

    // True once the event is durable work and its id held for Slack's retry window; false (claim given back) if not.
    private async Task<bool> StoreClaimedEventAsync(string claim, string eventId, SlackEvent slackEvent)
    {
        try
        {
            await work.EnqueueAsync(SlackEventWork.Kind, SlackEventWork.Payload(slackEvent), CancellationToken.None);
            await once.KeepAsync(claim, EventDedupeTtl, CancellationToken.None);
            return true;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Slack event {EventId} ({Type}) could not be stored; Slack will retry it", eventId, slackEvent.Type);
            try
            {
                await once.ReleaseAsync(claim, CancellationToken.None);
            }
            catch (Exception releaseError)
            {
                // Storage is down: the claim's lease runs out before Slack's next retry.
                logger.LogDebug(releaseError, "Could not release the claim on Slack event {EventId}", eventId);
            }

            return false;
        }
    }

    // The ack by the request's deadline; then, when it asks for it, the handler's RunAsync once the ack is written, on
    // a fresh instance of the same keyed handler in its own scope. An ack still running at the deadline is not
    // dropped: the person gets an honest holding answer now and the ack's own answer and RunAsync when it ends.
    private async Task<SlackReply> DispatchAsync<THandler>(long arrived, Task acked, string wireId, SlackRequester who,
        Func<THandler, CancellationToken, ValueTask<SlackAck>> ack, Func<THandler, object?, CancellationToken, Task> run,
        bool isCommand = false) where THandler : notnull
    {
        var scope = scopes.CreateAsyncScope();
        var deadline = scope.ServiceProvider.GetRequiredService<AckDeadline>();
        deadline.StartAt(arrived);
        var running = AckInScopeAsync(scope, ack, wireId);
        SlackAck answer;
        try
        {
            answer = await running.WaitAsync(deadline.AnswerBy, deadline.Clock);
        }
        catch (TimeoutException)
        {
            logger.LogWarning("Ack of {WireId} still running at Slack's deadline; answered for it, its own answer follows", wireId);
            after.ScheduleLate(running, wireId, who, run);
            // A view submission's plain 200 closes the modal, as a give's own "saving…" does; the outcome follows by DM.
            return SlackReply.Acked(isCommand ? SlackAck.Ephemeral(StillWorkingText) : SlackAck.Ok);
        }

        if (answer.RunsAfter)
        {
            after.Schedule<THandler>(acked, wireId, who, (fresh, c) => run(fresh, answer.State, c));
        }

        return SlackReply.Acked(answer);
    }

    // The handler's ack in its own scope, disposed when the ack ends. Never faults: a handler bug must not become
    // Slack's generic "failed with the error dispatch_failed", so it becomes an apology (said then, or after a late
    // ack). Not cancelled with the request: an ack may have started work it has to report on; only shutdown stops it.
    private async Task<SlackAck> AckInScopeAsync<THandler>(AsyncServiceScope scope, Func<THandler, CancellationToken, ValueTask<SlackAck>> ack,
        string wireId) where THandler : notnull
    {
        await using (scope)
        {
            try
            {
                return await ack(scope.ServiceProvider.GetRequiredKeyedService<THandler>(wireId), lifetime.ApplicationStopping);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Ack of {WireId} failed", wireId);
                return SlackAck.Ephemeral(FailedAckText);
            }
        }
    }

    /// <summary>What the person hears when a handler's ack failed: it started nothing that goes on.</summary>
    public const string FailedAckText = "Sorry, something went wrong on my side. Please try again in a moment.";
}
