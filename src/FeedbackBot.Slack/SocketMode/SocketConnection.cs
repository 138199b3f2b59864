using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace FeedbackBot.Slack.SocketMode;

/// <summary>How a connection's receive loop ended.</summary>
internal enum SocketEnd
{
    /// <summary>The link broke or Slack closed it without a reason we act on: reconnect.</summary>
    Lost,

    /// <summary>Slack said <c>link_disabled</c>: Socket Mode is off for this app; connecting again cannot work.</summary>
    LinkDisabled,

    /// <summary>We closed it (a refresh replaced it, or the host is stopping).</summary>
    Closed,
}

/// <summary>
/// One Socket Mode WebSocket: a receive loop that hands envelopes to <c>onEnvelope</c> as they come (each runs on
/// its own, so a slow handler never holds up the next envelope's ack), signals <c>hello</c> and a
/// <c>disconnect</c> warning, and sends acks one at a time (a WebSocket takes one send at once).
/// </summary>
internal sealed class SocketConnection : IAsyncDisposable
{
    // Slack's payloads are small (a full modal view stays far below 100 kB); the HTTP path caps bodies at 1 MB too.
    private const int MaxFrame = 1 << 20;

    private readonly ClientWebSocket _socket;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _stop;
    private readonly TaskCompletionSource _hello = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<string> _refresh = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Func<SocketConnection, SocketFrame, CancellationToken, Task> _onEnvelope;
    private volatile bool _closing;

    private SocketConnection(ClientWebSocket socket, CancellationToken stopping, Func<SocketConnection, SocketFrame, CancellationToken, Task> onEnvelope, TimeProvider clock)
    {
        _socket = socket;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        _onEnvelope = onEnvelope;
        OpenedAt = clock.GetUtcNow();
        Ended = ReceiveLoopAsync();
    }

    /// <summary>When the socket connected.</summary>
    public DateTimeOffset OpenedAt { get; }

    /// <summary>Completes with the reason when the receive loop stops.</summary>
    public Task<SocketEnd> Ended { get; }

    /// <summary>Completes with Slack's reason when it announced it will close this link (<c>refresh_requested</c>, <c>warning</c>).</summary>
    public Task<string> RefreshRequested => _refresh.Task;

    /// <summary>Completes when Slack said <c>hello</c>.</summary>
    public Task Hello => _hello.Task;

    /// <summary>Connects to the URL <c>apps.connections.open</c> gave and starts receiving.</summary>
    public static async Task<SocketConnection> ConnectAsync(Uri url, SocketModeTimings timings,
        Func<SocketConnection, SocketFrame, CancellationToken, Task> onEnvelope, CancellationToken stopping)
    {
        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = timings.KeepAlive;
        socket.Options.KeepAliveTimeout = timings.KeepAlive;
        try
        {
            using var connecting = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            connecting.CancelAfter(timings.HelloTimeout);
            await socket.ConnectAsync(url, connecting.Token);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return new SocketConnection(socket, stopping, onEnvelope, timings.Clock);
    }

    /// <summary>
    /// Acks an envelope: <c>{"envelope_id":…}</c>, with <c>payload</c> when given (the body the HTTP answer would
    /// have carried; only sent where the envelope <c>accepts_response_payload</c>).
    /// </summary>
    public Task AckAsync(string envelopeId, JsonObject? payload, CancellationToken ct)
    {
        var ack = new JsonObject { ["envelope_id"] = envelopeId };
        if (payload is not null)
        {
            ack["payload"] = payload.DeepClone();
        }

        return SendAsync(ack.ToJsonString(), ct);
    }

    private async Task SendAsync(string text, CancellationToken ct)
    {
        await _sendLock.WaitAsync(ct);
        try
        {
            await _socket.SendAsync(Encoding.UTF8.GetBytes(text).AsMemory(), WebSocketMessageType.Text, endOfMessage: true, ct);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Closes cleanly (a close frame, then Slack's answer), dropping the socket if Slack does not answer in time.</summary>
    public async Task CloseAsync(TimeSpan timeout)
    {
        _closing = true;
        try
        {
            if (await _sendLock.WaitAsync(timeout))
            {
                try
                {
                    if (_socket.State == WebSocketState.Open)
                    {
                        using var cts = new CancellationTokenSource(timeout);
                        await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "refreshed", cts.Token);
                    }
                }
                finally
                {
                    _sendLock.Release();
                }
            }

            await Ended.WaitAsync(timeout);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or TimeoutException or ObjectDisposedException)
        {
            // Slack did not answer the close in time, or the link was already gone: drop it.
        }

        await _stop.CancelAsync();
    }

    private async Task<SocketEnd> ReceiveLoopAsync()
    {
        await Task.Yield();
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        try
        {
            while (true)
            {
                buffer.ResetWrittenCount();
                ValueWebSocketReceiveResult received;
                do
                {
                    received = await _socket.ReceiveAsync(buffer.GetMemory(16 * 1024), _stop.Token);
                    if (received.MessageType == WebSocketMessageType.Close)
                    {
                        return _closing ? SocketEnd.Closed : SocketEnd.Lost;
                    }

                    buffer.Advance(received.Count);
                    if (buffer.WrittenCount > MaxFrame)
                    {
                        _socket.Abort();
                        return SocketEnd.Lost;
                    }
                }
                while (!received.EndOfMessage);

                if (received.MessageType != WebSocketMessageType.Text || SocketFrame.Parse(buffer.WrittenMemory) is not { } frame)
                {
                    continue;
                }

                switch (frame.Type)
                {
                    case SocketFrame.Hello:
                        _hello.TrySetResult();
                        break;
                    case SocketFrame.Disconnect when frame.Reason == SocketFrame.LinkDisabled:
                        return SocketEnd.LinkDisabled;
                    case SocketFrame.Disconnect:
                        _refresh.TrySetResult(frame.Reason ?? "unknown");
                        break;
                    case not null when frame.IsEnvelope:
                        // Not awaited here: the receive loop goes on while the envelope is handled. The callback
                        // tracks its task, logs its failure and never throws.
                        _ = _onEnvelope(this, frame, _stop.Token);
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            return SocketEnd.Closed;
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or ObjectDisposedException)
        {
            return _closing ? SocketEnd.Closed : SocketEnd.Lost;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _closing = true;
        await _stop.CancelAsync();
        try
        {
            await Ended;
        }
        catch (Exception)
        {
            // The loop's own failures are already folded into its SocketEnd; nothing is left to report.
        }

        _socket.Dispose();
        _stop.Dispose();
        _sendLock.Dispose();
    }
}
