using System.Net.Http.Json;
using System.Diagnostics;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace FeedbackBot.Host.Tests.Teams;

/// <summary>
/// The real host and the real Microsoft 365 Agents Playground (a Teams-like client) inside a private network
/// namespace that has only loopback (<c>unshare --net</c>, then <c>ip link set lo up</c>): nothing either of them
/// does can leave the machine. The test, outside the namespace, reaches the Playground's own REST and WebSocket
/// endpoints and the host's health endpoint through Unix sockets (paths on the shared file system, unlike TCP
/// ports) that a tiny node forwarder inside the namespace connects to 127.0.0.1. Inside, the ports are fixed
/// (3978 bot, 56150 Playground): nothing else runs there.
/// <para>
/// The Playground is proprietary: it is installed at test time with npm into a cache outside the repository
/// (<see cref="PlaygroundInstall"/>), never vendored. Its endpoints are not documented; what is used here was read
/// from its own page's code and is noted in docs/teams.md.
/// </para>
/// </summary>
public sealed class PlaygroundSandbox : IAsyncDisposable
{
    public const int BotPort = 3978;
    public const int PlaygroundPort = 56150;
    public const int DevToolsPort = 9222;

    private readonly string _dir;
    private readonly List<(string Name, Process Process, StringBuilder Output)> _processes = [];
    private Process? _namespace;
    private readonly List<(ClientWebSocket Socket, Task Reader)> _streams = [];
    private readonly CancellationTokenSource _stop = new();

    private PlaygroundSandbox(string dir)
    {
        _dir = dir;
        Playground = new HttpClient(Forwarded("playground.sock")) { BaseAddress = new Uri($"http://127.0.0.1:{PlaygroundPort}/"), Timeout = TimeSpan.FromSeconds(10) };
        Bot = new HttpClient(Forwarded("bot.sock")) { BaseAddress = new Uri($"http://127.0.0.1:{BotPort}/"), Timeout = TimeSpan.FromSeconds(10) };
    }

    /// <summary>The Playground's HTTP endpoints (through the forwarder).</summary>
    public HttpClient Playground { get; }

    /// <summary>The bot's HTTP endpoints (through the forwarder): health only; Teams traffic comes from the Playground.</summary>
    public HttpClient Bot { get; }

    /// <summary>What the Playground pushes to its UI over the WebSocket (bot messages, updates), in order.</summary>
    public Channel<JsonObject> Pushed { get; } = Channel.CreateUnbounded<JsonObject>();

    /// <summary>
    /// The Playground's log stream (<c>/_ws/log/stream</c>, its page's log panel): one <c>{logAction: appendLog, log}</c>
    /// frame per call between the bot and the Playground, with the request and response bodies, in every
    /// conversation, also the chats of people other than the current user, which the page never shows.
    /// </summary>
    public Channel<JsonObject> Logs { get; } = Channel.CreateUnbounded<JsonObject>();

    /// <summary>Every process's output, for failure messages.</summary>
    public string Output => string.Join("\n", _processes.Select(p => $"--- {p.Name} ---\n{Read(p.Output)}"));

    /// <summary>Why this machine cannot run the sandbox (not root, no unshare/nsenter/ip/node), or null when it can.</summary>
    public static string? Unavailable()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "needs Linux network namespaces";
        }

        if (Environment.UserName != "root" && !File.ReadAllText("/proc/self/status").Contains("\nUid:\t0\t", StringComparison.Ordinal))
        {
            return "needs root for unshare --net (run the suite as root, as CI does)";
        }

        foreach (var tool in new[] { "unshare", "nsenter", "ip", "node", "npm" })
        {
            if (Which(tool) is null)
            {
                return $"'{tool}' is not installed (test.sh installs node and npm when missing)";
            }
        }

        return null;
    }

    /// <summary>Starts the namespace, the forwarder, the host (Teams anonymous) and the Playground pointed at it.</summary>
    public static async Task<PlaygroundSandbox> StartAsync(string playgroundCli, IReadOnlyDictionary<string, string> hostSettings)
    {
        var dir = Directory.CreateTempSubdirectory("fb-playground-").FullName;
        var sandbox = new PlaygroundSandbox(dir);
        try
        {
            await sandbox.StartInsideAsync(playgroundCli, hostSettings);
            return sandbox;
        }
        catch
        {
            await sandbox.DisposeAsync();
            throw;
        }
    }

    private async Task StartInsideAsync(string playgroundCli, IReadOnlyDictionary<string, string> hostSettings)
    {
        // The namespace is held by a sleeping shell; everything else joins it with nsenter.
        var holder = new ProcessStartInfo(Which("unshare")!, ["--net", "--", "sh", "-c", $"{Which("ip")} link set lo up && echo up && exec sleep 3600"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        _namespace = Process.Start(holder)!;
        var first = await _namespace.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10));
        if (first != "up")
        {
            throw new InvalidOperationException($"unshare --net failed: {await _namespace.StandardError.ReadToEndAsync()}");
        }

        var forwarder = Path.Combine(_dir, "forward.js");
        await File.WriteAllTextAsync(forwarder, ForwarderJs);
        Start("forwarder", "node", [forwarder, Path.Combine(_dir, "playground.sock"), $"{PlaygroundPort}", Path.Combine(_dir, "bot.sock"), $"{BotPort}",
            Path.Combine(_dir, "devtools.sock"), $"{DevToolsPort}"], new Dictionary<string, string>());

        var host = new Dictionary<string, string>(hostSettings)
        {
            ["Urls"] = $"http://127.0.0.1:{BotPort}",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Logging__Console__FormatterName"] = "simple",
            ["Teams__AllowAnonymous"] = "true",
        };
        Start("bot", "dotnet", [Path.Combine(AppContext.BaseDirectory, "FeedbackBot.Host.dll")], host, AppContext.BaseDirectory);

        Start("playground", "node", [playgroundCli, "-e", $"http://127.0.0.1:{BotPort}/api/messages", "-c", "msteams", "-p", $"{PlaygroundPort}", "--disable-telemetry"],
            new Dictionary<string, string>
            {
                // Without it the Playground's telemetry SDK reaches for a cloud metadata address at start-up.
                ["APPLICATION_INSIGHTS_NO_STATSBEAT"] = "true",
                ["TEAMSAPPTESTER_BROWSER"] = "none",
            });

        await WaitOkAsync(Bot, "health/ready", TimeSpan.FromSeconds(90));
        await WaitOkAsync(Playground, "_debug/ping", TimeSpan.FromSeconds(60));
    }

    /// <summary>Opens the Playground's conversation stream (what its UI listens to) and its log stream, and queues every JSON frame.</summary>
    public async Task ListenAsync()
    {
        await OpenAsync("_ws_conversation/v1/conversations/stream", Pushed);
        await OpenAsync("_ws/log/stream", Logs);
    }

    private async Task OpenAsync(string path, Channel<JsonObject> frames)
    {
        var socket = new ClientWebSocket();
        using var invoker = new HttpMessageInvoker(Forwarded("playground.sock"), disposeHandler: false);
        await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{PlaygroundPort}/{path}"), invoker, _stop.Token);
        _streams.Add((socket, Task.Run(() => ReadFramesAsync(socket, frames))));
    }

    /// <summary>The next pushed frame that <paramref name="match"/> accepts (others are skipped), within <paramref name="timeout"/>.</summary>
    public Task<JsonObject> NextAsync(Func<JsonObject, bool> match, TimeSpan timeout, string what) => NextAsync(Pushed, match, timeout, what);

    /// <summary>The next log item (<c>log</c> of an <c>appendLog</c> frame) that <paramref name="match"/> accepts, within <paramref name="timeout"/>.</summary>
    public async Task<JsonObject> NextLogAsync(Func<JsonObject, bool> match, TimeSpan timeout, string what) =>
        (JsonObject)(await NextAsync(Logs, f => f["log"] is JsonObject log && match(log), timeout, what))["log"]!;

    private async Task<JsonObject> NextAsync(Channel<JsonObject> frames, Func<JsonObject, bool> match, TimeSpan timeout, string what)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            while (true)
            {
                var frame = await frames.Reader.ReadAsync(cts.Token);
                if (match(frame))
                {
                    return frame;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No {what} within {timeout}.\n{Output}");
        }
    }

    /// <summary>
    /// Opens the Playground's page in headless Chromium inside the namespace and keeps it open (remote debugging on
    /// <see cref="DevToolsPort"/>), so the page receives the conversation as it happens and can be photographed at
    /// the end (<see cref="PhotographAsync"/>). A page that connects later starts from an empty chat.
    /// </summary>
    public void OpenPage(string chromium, string profile) =>
        Start("chromium", chromium,
        [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", $"--user-data-dir={profile}", "--hide-scrollbars",
            "--window-size=1280,900", $"--remote-debugging-port={DevToolsPort}", "--remote-debugging-address=127.0.0.1",
            $"http://127.0.0.1:{PlaygroundPort}/",
        ], new Dictionary<string, string>());

    /// <summary>
    /// Waits (bounded) until the open page shows <paramref name="text"/>, then returns a PNG of it, through the Chrome
    /// DevTools Protocol (<c>Runtime.evaluate</c>, <c>Page.captureScreenshot</c>).
    /// </summary>
    public async Task<byte[]> PhotographAsync(string text, TimeSpan within)
    {
        using var http = new HttpClient(Forwarded("devtools.sock")) { BaseAddress = new Uri($"http://127.0.0.1:{DevToolsPort}/"), Timeout = TimeSpan.FromSeconds(10) };
        var pages = (await http.GetFromJsonAsync<JsonArray>("json/list"))!;
        var page = pages.First(p => (string?)p!["type"] == "page")!;
        using var socket = new ClientWebSocket();
        using var invoker = new HttpMessageInvoker(Forwarded("devtools.sock"), disposeHandler: false);
        await socket.ConnectAsync(new Uri((string)page["webSocketDebuggerUrl"]!), invoker, _stop.Token);
        var id = 0;
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            var shown = await CallAsync(socket, ++id, "Runtime.evaluate", new JsonObject { ["expression"] = "document.body.innerText", ["returnByValue"] = true });
            if (((string?)shown["result"]?["result"]?["value"] ?? "").Contains(text, StringComparison.Ordinal))
            {
                break;
            }

            await Task.Delay(250);
        }

        var shot = await CallAsync(socket, ++id, "Page.captureScreenshot", new JsonObject { ["format"] = "png" });
        return Convert.FromBase64String((string)shot["result"]!["data"]!);
    }

    private async Task<JsonObject> CallAsync(ClientWebSocket socket, int id, string method, JsonObject parameters)
    {
        var request = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters }.ToJsonString();
        await socket.SendAsync(Encoding.UTF8.GetBytes(request), WebSocketMessageType.Text, endOfMessage: true, _stop.Token);
        var buffer = new byte[1 << 20];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, _stop.Token);
            message.Write(buffer, 0, result.Count);
            if (!result.EndOfMessage)
            {
                continue;
            }

            var reply = JsonNode.Parse(message.ToArray()) as JsonObject;
            message.SetLength(0);
            if ((int?)reply?["id"] == id)
            {
                return reply!;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        foreach (var (socket, reader) in _streams)
        {
            socket.Abort();
            await reader.ContinueWith(_ => { }, TaskScheduler.Default);
            socket.Dispose();
        }

        foreach (var (_, process, _) in Enumerable.Reverse(_processes))
        {
            Kill(process);
        }

        if (_namespace is not null)
        {
            Kill(_namespace);
        }

        Playground.Dispose();
        Bot.Dispose();
        _stop.Dispose();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // A data file still held by a dying child; the temp folder is cleaned by the OS.
        }
    }

    private (string, Process, StringBuilder) Start(string name, string file, IReadOnlyList<string> args, IReadOnlyDictionary<string, string> env, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(Which("nsenter")!, [$"--net=/proc/{_namespace!.Id}/ns/net", "--", file, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? _dir,
        };
        foreach (var (key, value) in env)
        {
            info.Environment[key] = value;
        }

        var output = new StringBuilder();
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var entry = (name, process, output);
        _processes.Add(entry);
        return entry;
    }

    private async Task ReadFramesAsync(ClientWebSocket socket, Channel<JsonObject> frames)
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (socket.State == WebSocketState.Open && !_stop.IsCancellationRequested)
        {
            WebSocketReceiveResult result;
            try
            {
                result = await socket.ReceiveAsync(buffer, _stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
            {
                break;
            }

            if (result.MessageType == WebSocketMessageType.Close)
            {
                break;
            }

            message.Write(buffer, 0, result.Count);
            if (!result.EndOfMessage)
            {
                continue;
            }

            var text = Encoding.UTF8.GetString(message.ToArray());
            message.SetLength(0);
            if (JsonNode.Parse(text) is JsonObject frame)
            {
                await frames.Writer.WriteAsync(frame);
            }
        }

        frames.Writer.TryComplete();
    }

    private async Task WaitOkAsync(HttpClient http, string path, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            if (_processes.FirstOrDefault(p => p.Process.HasExited) is { Process: not null } dead)
            {
                throw new InvalidOperationException($"{dead.Name} exited with {dead.Process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync(path);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{http.BaseAddress}{path} did not answer 200 within {within}:\n{Output}");
    }

    private SocketsHttpHandler Forwarded(string socket) => new()
    {
        ConnectCallback = async (_, ct) =>
        {
            var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                await s.ConnectAsync(new UnixDomainSocketEndPoint(Path.Combine(_dir, socket)), ct);
                return new NetworkStream(s, ownsSocket: true);
            }
            catch
            {
                s.Dispose();
                throw;
            }
        },
    };

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
        }

        process.Dispose();
    }

    /// <summary>The tool's full path: PATH first, then the sbin folders a non-login root shell may lack.</summary>
    private static string? Which(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Concat(["/usr/sbin", "/sbin", "/usr/bin", "/bin"])
            .Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists);

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Read(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    // Unix socket → 127.0.0.1:port, one pair per two arguments. Lives inside the namespace with the servers.
    private const string ForwarderJs = """
        const net = require('net');
        const fs = require('fs');
        const args = process.argv.slice(2);
        for (let i = 0; i + 1 < args.length; i += 2) {
          const [path, port] = [args[i], Number(args[i + 1])];
          try { fs.unlinkSync(path); } catch {}
          net.createServer(client => {
            const server = net.connect(port, '127.0.0.1');
            client.pipe(server); server.pipe(client);
            client.on('error', () => server.destroy()); server.on('error', () => client.destroy());
          }).listen(path);
        }
        """;
}
