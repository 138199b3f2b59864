using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using FeedbackBot.Core.Ports;
using FeedbackBot.Slack.Api;
using FeedbackBot.Slack.Inbound;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Slack.SocketMode;

/// <summary>
/// Slack without a public URL (https://docs.slack.dev/apis/events-api/using-socket-mode): with
/// <c>Slack:AppToken</c> set, asks <c>apps.connections.open</c> (app token as Bearer) for a WebSocket URL, keeps one
/// connection, and feeds every envelope to the same <see cref="SlackDispatcher"/> as the HTTP endpoints, acking it
/// with the answer the HTTP response would have carried.
/// <list type="bullet">
/// <item><c>disconnect</c> with <c>refresh_requested</c> or <c>warning</c>: the new connection is opened (and has
/// said hello) before the old one is closed, so no envelope finds the bot without a link.</item>
/// <item><c>link_disabled</c>, or an app token Slack refuses: one error line and Socket Mode stops; trying again
/// cannot help until someone changes the app's settings.</item>
/// <item>A lost link, a failed open or a missing hello: reconnect with jittered exponential backoff.</item>
/// <item>Slack redelivers an envelope it saw no ack for (<c>retry_attempt</c>), possibly on another of the app's
/// connections (up to 10, e.g. several hosts): each <c>envelope_id</c> is claimed in the shared once-store, so a
/// redelivered envelope is acked again but handled once.</item>
/// </list>
/// </summary>
public sealed class SlackSocketMode(
    IHttpClientFactory httpFactory,
    IOptions<SlackOptions> options,
    IOptions<SocketModeTimings> timings,
    IServiceScopeFactory scopes,
    IOnceStore once,
    ILogger<SlackSocketMode> logger) : BackgroundService
{
    /// <summary>Errors of <c>apps.connections.open</c> that mean the app token itself is wrong; retrying cannot help.</summary>
    private static readonly HashSet<string> FatalOpenErrors =
        ["not_authed", "invalid_auth", "not_allowed_token_type", "account_inactive", "token_revoked", "token_expired", "no_permission", "missing_scope"];

    // Claimed while the envelope is handled (a crash frees it for Slack's redelivery), then kept this long.
    private static readonly TimeSpan EnvelopeClaimLease = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan EnvelopeDedupeTtl = TimeSpan.FromHours(1);

    // The once-store must answer quickly: Slack wants the ack within 3 s, and the handler needs most of them.
    private static readonly TimeSpan ClaimBudget = TimeSpan.FromMilliseconds(500);

    private readonly ConcurrentDictionary<Task, byte> _inFlight = new();
    private int _failures;

    // The host's stopping token: envelope work outlives the connection it came on (a refresh closes that one).
    private CancellationToken _stopping;

    /// <summary>Connections opened so far (tests and logs).</summary>
    public int Connections { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        _stopping = stopping;
        var t = timings.Value;
        SocketConnection? current = null;
        try
        {
            current = await ConnectWithRetryAsync(stopping);
            while (!stopping.IsCancellationRequested)
            {
                await Task.WhenAny(current.Ended, current.RefreshRequested);
                if (current.Ended.IsCompleted)
                {
                    var end = await current.Ended;
                    var lived = t.Clock.GetUtcNow() - current.OpenedAt;
                    await current.DisposeAsync();
                    current = null;
                    if (end == SocketEnd.LinkDisabled)
                    {
                        logger.LogError("Slack disabled Socket Mode for this app (link_disabled); Slack events stop arriving until it is turned on again and the bot restarted");
                        return;
                    }

                    if (stopping.IsCancellationRequested)
                    {
                        return;
                    }

                    if (lived >= t.StableAfter)
                    {
                        _failures = 0;
                    }

                    logger.LogWarning("Slack Socket Mode connection lost after {Lived}; reconnecting", lived);
                    await BackoffAsync(stopping);
                    current = await ConnectWithRetryAsync(stopping);
                    continue;
                }

                // Slack closes this link in about 10 s: the new one first, then this one, so envelopes always have a link.
                var reason = await current.RefreshRequested;
                logger.LogInformation("Slack asked to refresh the Socket Mode connection ({Reason}); opening a new one first", reason);
                var next = await ConnectWithRetryAsync(stopping);
                await current.CloseAsync(t.CloseTimeout);
                await current.DisposeAsync();
                current = next;
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The host is stopping.
        }
        catch (SocketModeRefusedException ex)
        {
            logger.LogError("Slack Socket Mode is off: apps.connections.open refused the app token ({Error}); check Slack:AppToken (an xapp- token with connections:write)", ex.Error);
        }
        finally
        {
            if (current is not null)
            {
                await current.CloseAsync(t.CloseTimeout);
                await current.DisposeAsync();
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // Envelopes already acked may still be finishing their ack work; give them the time the host allows.
        await Task.WhenAll(_inFlight.Keys).WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task<SocketConnection> ConnectWithRetryAsync(CancellationToken stopping)
    {
        while (true)
        {
            stopping.ThrowIfCancellationRequested();
            SocketConnection? connection = null;
            try
            {
                var url = await OpenAsync(stopping);
                connection = await SocketConnection.ConnectAsync(url, timings.Value, HandleEnvelopeAsync, stopping);
                await connection.Hello.WaitAsync(timings.Value.HelloTimeout, timings.Value.Clock, stopping);
                Connections++;
                logger.LogInformation("Slack Socket Mode connected (connection {Number})", Connections);
                return connection;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stopping.IsCancellationRequested)
            {
                if (ex is SocketModeRefusedException { Fatal: true })
                {
                    throw;
                }

                if (connection is not null)
                {
                    await connection.DisposeAsync();
                }

                logger.LogWarning("Slack Socket Mode could not connect ({Reason}); trying again", ex is TimeoutException ? "no hello in time" : ex.Message);
                await BackoffAsync(stopping);
            }
        }
    }

    // Exponential in the failures since the last stable connection, capped, half fixed and half random.
    private Task BackoffAsync(CancellationToken stopping)
    {
        var t = timings.Value;
        var step = Math.Min(t.ReconnectMaxDelay.TotalMilliseconds, t.ReconnectBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(_failures, 20)));
        _failures++;
        var wait = TimeSpan.FromMilliseconds(step / 2 + Random.Shared.NextDouble() * step / 2);
        return Task.Delay(wait, t.Clock, stopping);
    }

    // apps.connections.open: form POST with the app-level token as Bearer; answers {ok, url} or {ok:false, error}.
    private async Task<Uri> OpenAsync(CancellationToken ct)
    {
        var http = httpFactory.CreateClient(SlackApiClient.HttpClientName);
        using var request = new HttpRequestMessage(HttpMethod.Post, "apps.connections.open")
        {
            Content = new FormUrlEncodedContent([]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Value.AppToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(timings.Value.HelloTimeout);
        using var response = await http.SendAsync(request, timeout.Token);
        if (!response.IsSuccessStatusCode)
        {
            throw new SocketModeRefusedException($"HTTP {(int)response.StatusCode}", fatal: false);
        }

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(timeout.Token)) as JsonObject;
        if (body?["ok"]?.GetValueKind() == System.Text.Json.JsonValueKind.True
            && Interaction.Str(body["url"]) is { } url && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "wss" or "ws")
        {
            return uri;
        }

        var error = Interaction.Str(body?["error"]) ?? "no url";
        throw new SocketModeRefusedException(error, FatalOpenErrors.Contains(error));
    }

    // Runs for every envelope, off the receive loop. Never throws: a failure is logged with the envelope id.
    private Task HandleEnvelopeAsync(SocketConnection connection, SocketFrame frame, CancellationToken connectionClosed)
    {
        var task = HandleAsync(connection, frame, _stopping);
        _inFlight.TryAdd(task, 0);
        _ = task.ContinueWith(done => _inFlight.TryRemove(done, out _), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        return task;
    }

    private async Task HandleAsync(SocketConnection connection, SocketFrame frame, CancellationToken ct)
    {
        var id = frame.EnvelopeId!;
        // One envelope is one unit of work, as one HTTP request is: its storage commands in order on one connection.
        StorageLane.Enter();
        var acked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            var claim = $"slack:envelope:{id}";
            var claimed = await ClaimAsync(claim, frame.Type == SocketFrame.EventsApi, ct);
            if (claimed == false)
            {
                // Handled (or being handled) already: this is Slack's redelivery because our ack was late or lost.
                logger.LogInformation("Slack envelope {EnvelopeId} redelivered (retry {Retry}); acked, not handled again", id, frame.RetryAttempt);
                await connection.AckAsync(id, null, ct);
                return;
            }

            await using var scope = scopes.CreateAsyncScope();
            var dispatcher = scope.ServiceProvider.GetRequiredService<SlackDispatcher>();
            var payload = frame.Payload!.Value;
            var reply = frame.Type switch
            {
                SocketFrame.SlashCommands => await dispatcher.CommandAsync(SlashCommand.Parse(SocketFrame.CommandForm(payload)), acked.Task, ct),
                SocketFrame.Interactive => await dispatcher.InteractionAsync(payload.GetRawText(), acked.Task, ct),
                _ => await dispatcher.EventAsync(payload.GetRawText(), ct),
            };

            if (reply.Kind == SlackReplyKind.RetryLater)
            {
                // Not stored: no ack, so Slack redelivers it, and the claim is given back for that redelivery.
                await once.ReleaseAsync(claim, CancellationToken.None);
                return;
            }

            if (reply.Kind == SlackReplyKind.Malformed)
            {
                // Acked all the same: redelivering a payload we cannot read would not make it readable.
                logger.LogWarning("Slack envelope {EnvelopeId} ({Type}) had a payload the bot cannot use", id, frame.Type);
            }

            try
            {
                await connection.AckAsync(id, frame.AcceptsResponsePayload ? reply.Ack?.Body : null, ct);
            }
            finally
            {
                // The work is done or scheduled: whatever happened to the ack, a redelivery must not do it again.
                await once.KeepAsync(claim, EnvelopeDedupeTtl, CancellationToken.None);
            }
        }
        catch (Exception ex) when (ex is System.Net.WebSockets.WebSocketException or ObjectDisposedException)
        {
            logger.LogWarning("Slack envelope {EnvelopeId} ({Type}) handled, but its ack could not be sent (the connection closed); Slack's redelivery will be acked", id, frame.Type);
        }
        catch (TimeoutException)
        {
            logger.LogWarning("Slack envelope {EnvelopeId} ({Type}) not handled: storage did not answer in time; Slack will redeliver it", id, frame.Type);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogError(ex, "Slack envelope {EnvelopeId} ({Type}) failed", id, frame.Type);
        }
        catch (OperationCanceledException)
        {
            logger.LogInformation("Slack envelope {EnvelopeId} ({Type}) dropped: the host is stopping; Slack will redeliver it", id, frame.Type);
        }
        finally
        {
            // RunAsync waits for this; a failed ack still lets it run (the work was accepted).
            acked.TrySetResult();
        }
    }

    // True when this host may handle the envelope, false when it was handled already, null when the once-store did
    // not answer within the budget. Then an event (Slack redelivers those) throws TimeoutException: no ack, and a
    // claim that lands later is given back so the redelivery is handled. A command or interaction is handled
    // anyway: the person is waiting, and a late claim still stops a copy.
    private async Task<bool?> ClaimAsync(string claim, bool redeliveredIfUnacked, CancellationToken ct)
    {
        var claiming = once.TryClaimAsync(claim, EnvelopeClaimLease, ct);
        try
        {
            return await claiming.WaitAsync(ClaimBudget, ct);
        }
        catch (TimeoutException) when (!redeliveredIfUnacked)
        {
            logger.LogWarning("Storage is slow to claim Slack envelope {Claim}; handling it without waiting", claim);
            return null;
        }
        catch (TimeoutException)
        {
            _ = GiveBackLateClaimAsync(claiming, claim);
            throw;
        }
    }

    private async Task GiveBackLateClaimAsync(Task<bool> claiming, string claim)
    {
        try
        {
            if (await claiming)
            {
                await once.ReleaseAsync(claim, CancellationToken.None);
            }
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not give back the late claim {Claim}; its redelivery may be acked without being handled", claim);
        }
    }
}

/// <summary><c>apps.connections.open</c> did not give a URL; <see cref="Fatal"/> when the token itself is refused.</summary>
internal sealed class SocketModeRefusedException(string error, bool fatal) : Exception($"apps.connections.open: {error}")
{
    public string Error { get; } = error;

    public bool Fatal { get; } = fatal;
}
