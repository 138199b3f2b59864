using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using FeedbackBot.Slack.Background;

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

            await using var scope = scopes.CreateAsyncScope();
            try
            {
                await run(scope.ServiceProvider.GetRequiredKeyedService<THandler>(wireId), stopping);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stopping.IsCancellationRequested)
            {
                logger.LogError(ex, "Slack {WireId} failed after its ack, for {User} in {Team}", wireId, who.UserId, who.TeamId);
                await TellAsync(scope.ServiceProvider.GetRequiredService<PrivateReply>(), who, stopping);
            }
        });

    private async Task TellAsync(PrivateReply reply, SlackRequester who, CancellationToken ct)
    {
        try
        {
            await reply.TellAsync(who, FailedText, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Could not tell {User} that their request failed", who.UserId);
        }
    }
}
