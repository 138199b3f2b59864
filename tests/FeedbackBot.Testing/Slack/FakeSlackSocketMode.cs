using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace FeedbackBot.Testing.Slack;

/// <summary>
/// Slack's side of Socket Mode on loopback (Kestrel on 127.0.0.1 with WebSockets), modelled on
/// https://docs.slack.dev/apis/events-api/using-socket-mode:
/// <list type="bullet">
/// <item><c>apps.connections.open</c> on the <see cref="FakeSlackApi"/> it is attached to answers
/// <c>{"ok":true,"url":"ws://…"}</c> for an app-level token only (the fake API refuses other tokens there with
/// <c>not_allowed_token_type</c>); a WebSocket with a ticket it did not issue is refused (401).
/// https://docs.slack.dev/reference/methods/apps.connections.open</item>
/// <item>Each connection first gets a <c>hello</c> frame (<c>num_connections</c>, <c>debug_info</c>,
/// <c>connection_info.app_id</c>). https://docs.slack.dev/apis/events-api/using-socket-mode#connect</item>
/// <item>Envelopes carry <c>envelope_id</c>, <c>type</c> (<c>slash_commands</c>, <c>interactive</c>,
/// <c>events_api</c>), the same <c>payload</c> as the HTTP request, <c>accepts_response_payload</c> (true for slash
/// commands and view submissions, whose answer may go in the ack), <c>retry_attempt</c> and <c>retry_reason</c>.
/// https://docs.slack.dev/apis/events-api/using-socket-mode#events</item>
/// <item>The app acks with <c>{"envelope_id":…}</c> (plus <c>payload</c>) within 3 s (<see cref="AckDeadline"/>;
/// <see cref="SendAsync"/> returns null when no ack came in time). An <c>events_api</c> envelope not acked in time
/// is redelivered with <c>retry_attempt</c> raised and a <c>retry_reason</c> (<see cref="RedeliverAsync"/> replays
/// that; the retry fields are documented for events_api envelopes in
/// https://docs.slack.dev/tools/python-slack-sdk/reference/socket_mode/request.html).
/// https://docs.slack.dev/apis/events-api/using-socket-mode#acknowledge</item>
/// <item><c>disconnect</c> frames: <c>refresh_requested</c> / <c>warning</c> about 10 s before Slack closes the
/// link (<see cref="DisconnectAsync"/>), and <c>link_disabled</c> when Socket Mode was turned off for the app.
/// https://docs.slack.dev/apis/events-api/using-socket-mode#disconnect</item>
/// <item>A network loss is <see cref="Drop"/>: the TCP connection is cut without a close frame.</item>
/// </list>
/// </summary>
public sealed class FakeSlackSocketMode : IAsyncDisposable
{
    /// <summary>Slack wants each envelope acked within 3 seconds.</summary>
    public static readonly TimeSpan AckDeadline = TimeSpan.FromSeconds(3);

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, bool> _tickets = new();
    private readonly ConcurrentQueue<Link> _links = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<JsonObject>> _acks = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonObject>> _ackWaiters = new();
    private int _ticketCounter;
    private int _sequence;

    private FakeSlackSocketMode(WebApplication app) => _app = app;

    /// <summary>The server's ws:// base.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Every connection the app opened, oldest first.</summary>
    public IReadOnlyList<Link> Links => _links.ToArray();

    /// <summary>How many times the app called apps.connections.open.</summary>
    public int Opens => _ticketCounter;

    /// <summary>Every ack received for <paramref name="envelopeId"/>, in order.</summary>
    public IReadOnlyList<JsonObject> AcksFor(string envelopeId) => _acks.TryGetValue(envelopeId, out var q) ? q.ToArray() : [];

    /// <summary>Starts the WebSocket server; <see cref="Attach"/> makes a fake Web API hand out its URLs.</summary>
    public static async Task<FakeSlackSocketMode> StartAsync()
    {
        var app = LoopbackApp.Create();
        var fake = new FakeSlackSocketMode(app);
        app.UseWebSockets();
        app.MapGet("/link", (HttpContext http) => fake.AcceptAsync(http));
        var http = await LoopbackApp.StartAsync(app);
        fake.BaseUrl = new Uri(http.ToString().Replace("http://", "ws://", StringComparison.Ordinal));
        return fake;
    }

    /// <summary>Makes <paramref name="api"/> answer apps.connections.open with a fresh URL of this server each time.</summary>
    public void Attach(FakeSlackApi api) => api.Respond("apps.connections.open", _ => new JsonObject { ["ok"] = true, ["url"] = IssueUrl() });

    private string IssueUrl()
    {
        var ticket = $"ticket-{Interlocked.Increment(ref _ticketCounter)}";
        _tickets[ticket] = true;
        return new Uri(BaseUrl, $"link?ticket={ticket}").ToString();
    }

    private async Task AcceptAsync(HttpContext http)
    {
        if (!http.WebSockets.IsWebSocketRequest || !_tickets.ContainsKey(http.Request.Query["ticket"].ToString()))
        {
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        var link = new Link(this, socket, http, _links.Count + 1, Next());
        _links.Enqueue(link);
        await link.SendAsync(new JsonObject
        {
            ["type"] = "hello",
            ["num_connections"] = _links.Count(l => l.IsOpen),
            ["debug_info"] = new JsonObject { ["host"] = $"applink-{link.Number}", ["build_number"] = 1, ["approximate_connection_time"] = 18060 },
            ["connection_info"] = new JsonObject { ["app_id"] = "A1" },
        });
        await link.ReceiveAsync();
    }

    private int Next() => Interlocked.Increment(ref _sequence);

    /// <summary>Waits until <paramref name="count"/> connections have been opened in total and the newest is open.</summary>
    public async Task<Link> WaitForLinkAsync(int count, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (DateTime.UtcNow < until)
        {
            var links = Links;
            if (links.Count >= count && links[count - 1].IsOpen)
            {
                return links[count - 1];
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"the app did not open connection {count} (it opened {Links.Count})");
    }

    /// <summary>The newest open connection, where Slack sends envelopes.</summary>
    public Link Current => Links.LastOrDefault(l => l.IsOpen) ?? throw new InvalidOperationException("no open Socket Mode connection");

    /// <summary>A slash command as a <c>slash_commands</c> envelope: the command's form fields as a JSON object of strings.</summary>
    public Task<JsonObject?> CommandAsync(string formBody, string? envelopeId = null) =>
        SendAsync("slash_commands", CommandPayload(formBody), acceptsResponsePayload: true, envelopeId);

    /// <summary>An interactivity payload as an <c>interactive</c> envelope; view submissions accept a response payload.</summary>
    public Task<JsonObject?> InteractiveAsync(JsonObject payload, string? envelopeId = null) =>
        SendAsync("interactive", payload, acceptsResponsePayload: payload["type"]?.GetValue<string>() == "view_submission", envelopeId);

    /// <summary>An Events API <c>event_callback</c> as an <c>events_api</c> envelope.</summary>
    public Task<JsonObject?> EventAsync(JsonObject eventCallback, string? envelopeId = null) =>
        SendAsync("events_api", eventCallback, acceptsResponsePayload: false, envelopeId);

    /// <summary>
    /// Sends an envelope on the newest open connection and waits up to <see cref="AckDeadline"/> for its ack; returns
    /// the ack, or null when none came in time (Slack would redeliver it).
    /// </summary>
    public async Task<JsonObject?> SendAsync(string type, JsonObject payload, bool acceptsResponsePayload, string? envelopeId = null,
        int retryAttempt = 0, string? retryReason = null)
    {
        var id = envelopeId ?? Guid.NewGuid().ToString();
        var waiter = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        _ackWaiters[id] = waiter;
        await Current.SendAsync(new JsonObject
        {
            ["envelope_id"] = id,
            ["payload"] = payload.DeepClone(),
            ["type"] = type,
            ["accepts_response_payload"] = acceptsResponsePayload,
            ["retry_attempt"] = retryAttempt,
            ["retry_reason"] = retryReason ?? "",
        });
        try
        {
            return await waiter.Task.WaitAsync(AckDeadline);
        }
        catch (TimeoutException)
        {
            return null;
        }
        finally
        {
            _ackWaiters.TryRemove(new KeyValuePair<string, TaskCompletionSource<JsonObject>>(id, waiter));
        }
    }

    /// <summary>Slack's redelivery of an envelope: same id and payload, <c>retry_attempt</c> raised, reason <c>timeout</c>.</summary>
    public Task<JsonObject?> RedeliverAsync(string type, JsonObject payload, bool acceptsResponsePayload, string envelopeId, int retryAttempt = 1) =>
        SendAsync(type, payload, acceptsResponsePayload, envelopeId, retryAttempt, "timeout");

    /// <summary>
    /// A <c>disconnect</c> frame on the newest connection. For <c>refresh_requested</c> and <c>warning</c> Slack
    /// closes the link itself about 10 s later (<paramref name="closeAfter"/>) unless the app closed it first.
    /// </summary>
    public async Task<Link> DisconnectAsync(string reason, TimeSpan? closeAfter = null)
    {
        var link = Current;
        await link.SendAsync(new JsonObject { ["type"] = "disconnect", ["reason"] = reason, ["debug_info"] = new JsonObject { ["host"] = $"applink-{link.Number}" } });
        link.CloseLater(closeAfter ?? TimeSpan.FromSeconds(10));
        return link;
    }

    /// <summary>Cuts the newest connection without a close frame (a network loss).</summary>
    public Link Drop()
    {
        var link = Current;
        link.Abort();
        return link;
    }

    /// <summary>A slash command's form body as the JSON object of strings a <c>slash_commands</c> envelope carries.</summary>
    public static JsonObject CommandPayload(string formBody)
    {
        var json = new JsonObject();
        foreach (var (key, value) in Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(formBody))
        {
            json[key] = value.ToString();
        }

        return json;
    }

    private void Acked(JsonObject ack)
    {
        if (ack["envelope_id"] is JsonValue v && v.TryGetValue<string>(out var id))
        {
            _acks.GetOrAdd(id, _ => new ConcurrentQueue<JsonObject>()).Enqueue(ack);
            if (_ackWaiters.TryGetValue(id, out var waiter))
            {
                waiter.TrySetResult(ack);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var link in Links.Where(l => l.IsOpen))
        {
            link.Abort();
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>One accepted WebSocket. <see cref="OpenedAt"/> and <see cref="ClosedAt"/> are steps of one shared sequence, for ordering.</summary>
    public sealed class Link(FakeSlackSocketMode server, WebSocket socket, HttpContext http, int number, int openedAt)
    {
        private readonly SemaphoreSlim _send = new(1, 1);
        private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private volatile bool _slackClosing;

        public int Number { get; } = number;

        public int OpenedAt { get; } = openedAt;

        /// <summary>The sequence step at which it closed; 0 while open.</summary>
        public int ClosedAt { get; private set; }

        /// <summary>True when the app closed it with a normal close frame (as opposed to Slack closing it, or a drop).</summary>
        public bool ClosedByApp { get; private set; }

        public bool IsOpen => ClosedAt == 0;

        public Task Closed => _closed.Task;

        internal async Task SendAsync(JsonObject frame)
        {
            await _send.WaitAsync();
            try
            {
                await socket.SendAsync(Encoding.UTF8.GetBytes(frame.ToJsonString()).AsMemory(), WebSocketMessageType.Text, true, CancellationToken.None);
            }
            finally
            {
                _send.Release();
            }
        }

        internal async Task ReceiveAsync()
        {
            var buffer = new byte[64 * 1024];
            try
            {
                while (true)
                {
                    using var message = new MemoryStream();
                    WebSocketReceiveResult result;
                    do
                    {
                        result = await socket.ReceiveAsync(new ArraySegment<byte>(buffer), http.RequestAborted);
                        message.Write(buffer, 0, result.Count);
                    }
                    while (!result.EndOfMessage);

                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        ClosedByApp = result.CloseStatus == WebSocketCloseStatus.NormalClosure && !_slackClosing && ClosedAt == 0;
                        if (socket.State == WebSocketState.CloseReceived)
                        {
                            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                        }

                        break;
                    }

                    if (JsonNode.Parse(message.ToArray()) is JsonObject ack)
                    {
                        server.Acked(ack);
                    }
                }
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
            {
                // Dropped: the test cut it, or the app went away.
            }
            finally
            {
                MarkClosed();
            }
        }

        private void MarkClosed()
        {
            if (ClosedAt == 0)
            {
                ClosedAt = server.Next();
            }

            _closed.TrySetResult();
        }

        internal void CloseLater(TimeSpan after) =>
            _ = Task.Delay(after).ContinueWith(async _ =>
            {
                if (IsOpen && socket.State == WebSocketState.Open)
                {
                    _slackClosing = true;
                    await _send.WaitAsync();
                    try
                    {
                        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "refresh", CancellationToken.None);
                    }
                    catch (WebSocketException)
                    {
                        // Already gone.
                    }
                    finally
                    {
                        _send.Release();
                    }
                }
            }, TaskScheduler.Default);

        internal void Abort()
        {
            MarkClosed();
            http.Abort();
        }
    }
}
