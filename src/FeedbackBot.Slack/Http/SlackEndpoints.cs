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
/// The three Slack request URLs. Each parses the signed body, finds the handler registered for the wire id and
/// returns its acknowledgement. Bad input is a 400 or a friendly message, never a 500.
/// </summary>
internal static class SlackEndpoints
{
    // Slack retries an event it thinks failed; 1 h covers its three retries (immediately, +1 min, +5 min).
    private static readonly TimeSpan EventDedupeTtl = TimeSpan.FromHours(1);

    // Shorter than Slack's first delayed retry (1 minute), longer than storing the event takes.
    private static readonly TimeSpan EventClaimLease = TimeSpan.FromSeconds(30);

    internal static string Body(HttpContext http) =>
        Encoding.UTF8.GetString(http.Features.Get<SlackRawBody>()?.Bytes ?? []);

    public static async Task<IResult> CommandsAsync(HttpContext http, IServiceProvider services, ILoggerFactory logs)
    {
        var command = SlashCommand.Parse(Body(http));
        if (command is null)
        {
            return Results.BadRequest();
        }

        var handler = services.GetKeyedService<ISlashCommandHandler>(command.Command);
        if (handler is null)
        {
            return SlackReplies.Ephemeral($"I don't know the command {command.Command}.");
        }

        return await GuardAsync(() => handler.HandleAsync(command, http.RequestAborted), logs, command: true);
    }

    public static async Task<IResult> InteractivityAsync(HttpContext http, IServiceProvider services, ILoggerFactory logs)
    {
        var form = QueryHelpers.ParseQuery(Body(http));
        if (!form.TryGetValue("payload", out var payload) || Interaction.Parse(payload.ToString()) is not { } interaction)
        {
            return Results.BadRequest();
        }

        var ct = http.RequestAborted;
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
                return actionHandler is null
                    ? Results.Ok()
                    : await GuardAsync(() => actionHandler.HandleAsync(interaction, action, ct), logs);

            case "view_submission" when interaction.View is { } view:
                var submission = view.CallbackId is null ? null : services.GetKeyedService<IViewSubmissionHandler>(view.CallbackId);
                return submission is null
                    ? Results.BadRequest()
                    : await GuardAsync(() => submission.HandleAsync(interaction, view, ct), logs);

            case "message_action" or "shortcut":
                var shortcut = interaction.CallbackId is null ? null : services.GetKeyedService<IShortcutHandler>(interaction.CallbackId);
                return shortcut is null
                    ? Results.BadRequest()
                    : await GuardAsync(() => shortcut.HandleAsync(interaction, ct), logs);

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

    // A handler bug must not become Slack's generic "failed with the error dispatch_failed": tell the person.
    // A handler slower than the budget is answered honestly (commands) or with the plain 200 (interactions); the
    // handler itself runs on, and every give reports its real outcome by response_url or DM.
    private static async Task<IResult> GuardAsync(Func<Task<IResult>> handle, ILoggerFactory logs, bool command = false)
    {
        var running = handle();
        try
        {
            return await running.WaitAsync(HandlerBudget);
        }
        catch (TimeoutException)
        {
            _ = running.ContinueWith(t => logs.CreateLogger(typeof(SlackEndpoints)).LogError(t.Exception, "Slack handler failed after its budget"),
                CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            logs.CreateLogger(typeof(SlackEndpoints)).LogWarning("Slack handler took longer than {Budget}; answered before Slack's deadline", HandlerBudget);
            return command
                ? SlackReplies.Ephemeral(":hourglass_flowing_sand: This is taking longer than usual on my side. If nothing happens within a minute, please try again.")
                : SlackReplies.Ack();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logs.CreateLogger(typeof(SlackEndpoints)).LogError(ex, "Slack handler failed");
            return SlackReplies.Ephemeral("Sorry, something went wrong on my side. Please try again in a moment.");
        }
    }
}

/// <summary>Common HTTP acknowledgements.</summary>
public static class SlackReplies
{
    /// <summary>An ephemeral reply in the HTTP body; <paramref name="escapedText"/> must already be escaped.</summary>
    public static IResult Ephemeral(string escapedText, JsonArray? blocks = null)
    {
        var body = new JsonObject { ["response_type"] = "ephemeral", ["text"] = escapedText };
        if (blocks is not null)
        {
            body["blocks"] = blocks;
        }

        return Json(body);
    }

    /// <summary><c>response_action: errors</c> for a view submission, keyed by input block_id.</summary>
    public static IResult ViewErrors(IReadOnlyDictionary<string, string> errors)
    {
        var map = new JsonObject();
        foreach (var (block, message) in errors)
        {
            map[block] = message;
        }

        return Json(new JsonObject { ["response_action"] = "errors", ["errors"] = map });
    }

    /// <summary>An empty 200: Slack's plain "got it" (and, for a view submission, "close this view").</summary>
    public static IResult Ack() => Results.Ok();

    public static IResult Json(JsonObject body) => Results.Text(body.ToJsonString(), "application/json; charset=utf-8");
}
