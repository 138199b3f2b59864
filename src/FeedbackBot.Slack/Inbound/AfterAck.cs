using System.Text.Json.Nodes;
using FeedbackBot.Core.Telemetry;
using FeedbackBot.Slack.Api;
using FeedbackBot.Slack.Background;
using FeedbackBot.Slack.Give;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FeedbackBot.Slack.Inbound;

/// <summary>
/// Runs a handler's RunAsync once its ack is written: on a fresh instance of the same keyed handler, in its own
/// DI scope, started at once (not behind queued UI work: a views.open must beat the trigger_id's 3 s). A failure
/// is logged with the wire id and the person, and the person is told it did not go through (Slack does not retry
/// commands and interactions, so a swallowed failure would be silence).
/// </summary>
public sealed class AfterAck(SlackBackgroundQueue queue, IServiceScopeFactory scopes, ILogger<AfterAck> logger)
{
    /// <summary>What the person hears when the work after the ack failed.</summary>
    public const string FailedText = ":warning: Sorry, something went wrong on my side, so that didn't go through. Please try again in a moment.";

    // If the response never completes (the client vanished mid-write), the work still runs, a little later.
    private static readonly TimeSpan AckWait = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Completes once <paramref name="http"/>'s response is written: the <c>acked</c> task of an HTTP ack, so a
    /// handler's RunAsync never overtakes its answer. (Socket Mode completes its own once the ack frame is sent.)
    /// </summary>
    public static Task ResponseWritten(HttpContext http)
    {
        var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        http.Response.OnCompleted(() =>
        {
            written.TrySetResult();
            return Task.CompletedTask;
        });
        return written.Task;
    }

    /// <summary>Schedules <paramref name="run"/> after <paramref name="acked"/> completes (the ack is written).</summary>
    public void Schedule<THandler>(Task acked, string wireId, SlackRequester who, Func<THandler, CancellationToken, Task> run)
        where THandler : notnull =>
        queue.Start(async stopping =>
        {
            try
            {
                await acked.WaitAsync(AckWait, stopping);
            }
            catch (TimeoutException)
            {
                logger.LogDebug("Ack of {WireId} not seen complete; running its work anyway", wireId);
            }

            await RunAsync(wireId, who, run, stopping);
        });

    /// <summary>
    /// For an ack the dispatcher had to answer for (still running at Slack's deadline): once it ends, the person is
    /// told what it would have answered (an ephemeral reply by response_url or DM, view errors by DM: the modal is
    /// closed), then its RunAsync runs as after any ack. So work an ack started is never dropped and never silent.
    /// </summary>
    public void ScheduleLate<THandler>(Task<SlackAck> late, string wireId, SlackRequester who, Func<THandler, object?, CancellationToken, Task> run)
        where THandler : notnull =>
        queue.Start(async stopping =>
        {
            var ack = await late;
            if (LateMessage(ack) is { } message)
            {
                await using var scope = scopes.CreateAsyncScope();
                await TellAsync(scope.ServiceProvider.GetRequiredService<ResponseUrlClient>(), who, message, stopping);
            }
            else if (ack.Body is not null)
            {
                logger.LogInformation("Late ack of {WireId} changed a view; nothing to tell", wireId);
            }

            if (ack.RunsAfter)
            {
                await RunAsync<THandler>(wireId, who, (handler, ct) => run(handler, ack.State, ct), stopping);
            }
        });

    /// <summary>
    /// What a late ack tells the person as a message: an ephemeral reply as it is; view errors (plain text, keyed by
    /// block) as one escaped list; an empty ack or a view change nothing.
    /// </summary>
    public static JsonObject? LateMessage(SlackAck ack) => ack.Body switch
    {
        { } body when body["text"] is not null => body.DeepClone().AsObject(),
        { } body when body["errors"] is JsonObject errors => GiveText.EphemeralMessage(
            "I couldn't do that:\n" + string.Join("\n", errors.Select(e => "• " + Text.Mrkdwn.Escape(e.Value?.GetValue<string>() ?? "")))),
        _ => null,
    };

    // The handler's RunAsync on a fresh instance in its own scope; a failure is logged and told to the person.
    private async Task RunAsync<THandler>(string wireId, SlackRequester who, Func<THandler, CancellationToken, Task> run, CancellationToken stopping)
        where THandler : notnull
    {
        await using var scope = scopes.CreateAsyncScope();
        try
        {
            await run(scope.ServiceProvider.GetRequiredKeyedService<THandler>(wireId), stopping);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stopping.IsCancellationRequested)
        {
            logger.LogError(RepeatedFailure.Of(ex), "Slack {WireId} failed after its ack, for {User} in {Team}", wireId, who.UserId, who.TeamId);
            await TellAsync(scope.ServiceProvider.GetRequiredService<ResponseUrlClient>(), who, GiveText.EphemeralMessage(FailedText), stopping);
        }
    }

    private async Task TellAsync(ResponseUrlClient responses, SlackRequester who, JsonObject message, CancellationToken ct)
    {
        try
        {
            await responses.PostAsync(who.ResponseUrl, SlackIds.Person(who.TeamId, who.UserId), message, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogWarning(RepeatedFailure.Of(ex), "Could not tell {User} how their request went", who.UserId);
        }
    }
}
