using System.Text;
using System.Text.Json.Nodes;
using FeedbackBot.Core.Ports;
using FeedbackBot.Slack.Inbound;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FeedbackBot.Slack.Http;

/// <summary>
/// The three Slack request URLs. Each parses the signed body, finds the handler registered for the wire id
/// (SlackRoutes), writes its ack and, when the ack says so, hands the handler's RunAsync to <see cref="AfterAck"/>.
/// Bad input is a 400 or a friendly message, never a 500.
/// </summary>
internal static class SlackEndpoints
{
    // Slack retries an event it thinks failed; 1 h covers its three retries (immediately, +1 min, +5 min).
    private static readonly TimeSpan EventDedupeTtl = TimeSpan.FromHours(1);

    // Shorter than Slack's first delayed retry (1 minute), longer than storing the event takes.
    private static readonly TimeSpan EventClaimLease = TimeSpan.FromSeconds(30);

    internal static string Body(HttpContext http) =>
        Encoding.UTF8.GetString(http.Features.Get<SlackRawBody>()?.Bytes ?? []);

    public static async Task<IResult> CommandsAsync(HttpContext http, IServiceProvider services, AfterAck after, ILoggerFactory logs)
    {
        var command = SlashCommand.Parse(Body(http));
        if (command is null)
        {
            return Results.BadRequest();
        }

        var handler = services.GetKeyedService<ISlashCommandHandler>(command.Command);
        if (handler is null)
        {
            return SlackAck.Ephemeral($"I don't know the command {Text.Mrkdwn.Escape(command.Command)}.").ToResult();
        }

        return await DispatchAsync(http, after, logs, handler, command.Command, SlackRequester.Of(command),
            (h, ct) => h.AckAsync(command, ct), (h, state, ct) => h.RunAsync(command, state, ct), isCommand: true);
    }

    public static async Task<IResult> InteractivityAsync(HttpContext http, IServiceProvider services, AfterAck after, ILoggerFactory logs)
    {
        var form = QueryHelpers.ParseQuery(Body(http));
        if (!form.TryGetValue("payload", out var payload) || Interaction.Parse(payload.ToString()) is not { } interaction)
        {
            return Results.BadRequest();
        }

        var who = SlackRequester.Of(interaction);
        switch (interaction.Type)
        {
            case "block_actions":
                if (interaction.Actions.Count == 0)
                {
                    return Results.Ok();
                }

                var action = interaction.Actions[0];
                var key = action.ActionId.Split(':')[0];
                var actionHandler = services.GetKeyedService<IBlockActionHandler>(key);
                // Buttons with no handler (e.g. a link button) still need their 200, or Slack shows a warning sign.
                if (actionHandler is null)
                {
                    return Results.Ok();
                }

                return await DispatchAsync(http, after, logs, actionHandler, key, who,
                    (h, ct) => h.AckAsync(interaction, action, ct), (h, state, ct) => h.RunAsync(interaction, action, state, ct));

            case "view_submission" when interaction.View is { CallbackId: { } callbackId } view:
                var submission = services.GetKeyedService<IViewSubmissionHandler>(callbackId);
                if (submission is null)
                {
                    return Results.BadRequest();
                }

                return await DispatchAsync(http, after, logs, submission, callbackId, who,
                    (h, ct) => h.AckAsync(interaction, view, ct), (h, state, ct) => h.RunAsync(interaction, view, state, ct));

            case "message_action" or "shortcut" when interaction.CallbackId is { } shortcutId:
                var shortcut = services.GetKeyedService<IShortcutHandler>(shortcutId);
                if (shortcut is null)
                {
                    return Results.BadRequest();
                }

                return await DispatchAsync(http, after, logs, shortcut, shortcutId, who,
                    (h, ct) => h.AckAsync(interaction, ct), (h, state, ct) => h.RunAsync(interaction, state, ct));

            case "view_closed":
                return Results.Ok();

            default:
                return Results.BadRequest();
        }
    }

    public static async Task<IResult> EventsAsync(HttpContext http, IServiceProvider services, IBackgroundWork work, IOnceStore once, ILoggerFactory logs)
    {
        var envelope = SlackEventEnvelope.Parse(Body(http));
        switch (envelope?.Type)
        {
            case "url_verification" when envelope.Challenge is { } challenge:
                return Results.Text(challenge, "text/plain");

            case "event_callback":
                if (envelope is not { TeamId: { } team, EventId: { } eventId, EventType: { } type })
                {
                    return Results.BadRequest();
                }

                if (services.GetKeyedService<ISlackEventHandler>(type) is null)
                {
                    return Results.Ok();
                }

                if (envelope.ToEvent() is not { } slackEvent)
                {
                    return Results.BadRequest();
                }

                // Claimed briefly while the event is made durable, and held for Slack's retry window only once it
                // is: a crash in between frees the id, so Slack's retry (it gets no 200) can still do the work.
                var claim = $"slack:event:{team}:{eventId}";
                bool claimed;
                try
                {
                    claimed = await once.TryClaimAsync(claim, EventClaimLease, http.RequestAborted).WaitAsync(HandlerBudget);
                }
                catch (TimeoutException)
                {
                    // Storage is stalled: no 200, so Slack retries later.
                    return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
                }

                if (!claimed)
                {
                    return Results.Ok();
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
                    logs.CreateLogger(typeof(SlackEndpoints)).LogError(ex, "Slack event {EventId} ({Type}) could not be stored; Slack will retry it", eventId, type);
                    await once.ReleaseAsync(claim, CancellationToken.None);
                    // Not a 200, so Slack retries (immediately, after 1 minute, after 5 minutes).
                    return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
                }

                return Results.Ok();

            case { }:
                // A signed envelope of a type we do not handle (app_rate_limited, types Slack adds later): Slack
                // only needs its 200; a 400 would make it retry and count us as failing.
                return Results.Ok();

            default:
                return Results.BadRequest();
        }
    }

    // Slack shows the person an error after 3 s; a handler still waiting (a stalled store) answers before that.
    private static readonly TimeSpan HandlerBudget = TimeSpan.FromSeconds(2.5);

    // The ack within the budget; then, when it asks for it, the handler's RunAsync once the ack is written, on a
    // fresh instance of the same keyed handler in its own scope.
    private static async Task<IResult> DispatchAsync<THandler>(HttpContext http, AfterAck after, ILoggerFactory logs, THandler handler,
        string wireId, SlackRequester who, Func<THandler, CancellationToken, ValueTask<SlackAck>> ack,
        Func<THandler, object?, CancellationToken, Task> run, bool isCommand = false) where THandler : notnull
    {
        var answer = await GuardAsync(() => ack(handler, http.RequestAborted), wireId, logs, isCommand);
        if (answer.RunsAfter)
        {
            after.Schedule<THandler>(http, wireId, who, (fresh, ct) => run(fresh, answer.State, ct));
        }

        return answer.ToResult();
    }

    // A handler bug must not become Slack's generic "failed with the error dispatch_failed": tell the person.
    // An ack slower than the budget (a stalled store) is answered honestly (commands) or with the plain 200
    // (interactions), and its RunAsync is not started: the person is asked to try again.
    private static async Task<SlackAck> GuardAsync(Func<ValueTask<SlackAck>> ack, string wireId, ILoggerFactory logs, bool command = false)
    {
        var running = ack().AsTask();
        try
        {
            return await running.WaitAsync(HandlerBudget);
        }
        catch (TimeoutException)
        {
            _ = running.ContinueWith(t => logs.CreateLogger(typeof(SlackEndpoints)).LogError(t.Exception, "Ack of {WireId} failed after its budget", wireId),
                CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            logs.CreateLogger(typeof(SlackEndpoints)).LogWarning("Ack of {WireId} took longer than {Budget}; answered before Slack's deadline", wireId, HandlerBudget);
            return command
                ? SlackAck.Ephemeral(":hourglass_flowing_sand: This is taking longer than usual on my side. If nothing happens within a minute, please try again.")
                : SlackAck.Ok;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logs.CreateLogger(typeof(SlackEndpoints)).LogError(ex, "Ack of {WireId} failed", wireId);
            return SlackAck.Ephemeral("Sorry, something went wrong on my side. Please try again in a moment.");
        }
    }
}
