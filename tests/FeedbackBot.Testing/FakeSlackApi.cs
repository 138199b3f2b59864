using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FeedbackBot.Testing;

/// <summary>One request the fake received: Web API method (or <c>response_url</c>), body and auth header.</summary>
public sealed record RecordedCall(string Method, string Path, string Body, JsonObject Args, string? Authorization, DateTimeOffset At)
{
    private static readonly System.Text.Json.JsonSerializerOptions Readable =
        new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The <c>view</c> argument of views.* calls.</summary>
    public JsonObject? View => Args["view"] as JsonObject;

    /// <summary>
    /// The arguments as JSON without \u003C-style escapes, i.e. the strings exactly as Slack will read them:
    /// assert on this, not on <see cref="Body"/>, to check what a user would see.
    /// </summary>
    public string Json => Args.ToJsonString(Readable);

    /// <summary>Same readable form for any node (e.g. an HTTP acknowledgement body).</summary>
    public static string ReadableJson(JsonNode node) => node.ToJsonString(Readable);
}

/// <summary>
/// A loopback stand-in for Slack's Web API: Kestrel on 127.0.0.1 with a free port, answering
/// <c>POST /api/{method}</c> with <c>{ok:true,…}</c> and plausible payloads, and <c>POST /response/{id}</c>
/// for response_url follow-ups. Records every call; responses, delays and 429/5xx failures are configurable.
/// </summary>
public sealed class FakeSlackApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedCall> _calls = new();
    private readonly ConcurrentDictionary<string, Func<JsonObject, JsonObject>> _responders = new();
    private readonly ConcurrentDictionary<string, TimeSpan> _delays = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(int Status, string? RetryAfter)>> _failures = new();
    private readonly ConcurrentDictionary<string, JsonObject?> _users = new();
    private int _ts;

    private FakeSlackApi(WebApplication app) => _app = app;

    /// <summary>Root URL, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The value for <c>Slack:ApiBaseUrl</c>.</summary>
    public string ApiBaseUrl => new Uri(BaseUrl, "api/").ToString();

    /// <summary>A response_url the fake records as method <c>response_url</c>.</summary>
    public string ResponseUrl(string id = "r1") => new Uri(BaseUrl, $"response/{id}").ToString();

    /// <summary>Delay applied to every call that has no per-method delay.</summary>
    public TimeSpan DefaultDelay { get; set; }

    public IReadOnlyList<RecordedCall> Calls => _calls.ToArray();

    public IReadOnlyList<RecordedCall> CallsTo(string method) => _calls.Where(c => c.Method == method).ToArray();

    public static async Task<FakeSlackApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeSlackApi(app);
        app.MapPost("/api/{method}", (HttpContext http, string method) => fake.HandleAsync(http, method));
        app.MapPost("/response/{id}", (HttpContext http, string id) => fake.HandleAsync(http, "response_url"));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        fake.BaseUrl = new Uri(address.EndsWith('/') ? address : address + "/");
        return fake;
    }

    /// <summary>Answers <paramref name="method"/> with whatever <paramref name="responder"/> builds from the call's arguments.</summary>
    public void Respond(string method, Func<JsonObject, JsonObject> responder) => _responders[method] = responder;

    public void Delay(string method, TimeSpan delay) => _delays[method] = delay;

    /// <summary>The next <paramref name="times"/> calls of <paramref name="method"/> fail with HTTP <paramref name="status"/>.</summary>
    public void FailNext(string method, int status, int times = 1, string? retryAfter = null)
    {
        var queue = _failures.GetOrAdd(method, _ => new ConcurrentQueue<(int, string?)>());
        for (var i = 0; i < times; i++)
        {
            queue.Enqueue((status, retryAfter));
        }
    }

    /// <summary>What users.info returns for <paramref name="userId"/>; by default everyone is a human in Europe/Berlin.</summary>
    public void SetUser(string userId, bool isBot = false, bool deleted = false, string? tz = "Europe/Berlin", string? name = null) =>
        _users[userId] = new JsonObject
        {
            ["id"] = userId,
            ["name"] = name ?? userId.ToLowerInvariant(),
            ["real_name"] = name ?? $"Person {userId}",
            ["tz"] = tz,
            ["is_bot"] = isBot,
            ["deleted"] = deleted,
            ["profile"] = new JsonObject { ["display_name"] = name ?? $"Person {userId}" },
        };

    /// <summary>users.info answers <c>user_not_found</c> for <paramref name="userId"/>.</summary>
    public void RemoveUser(string userId) => _users[userId] = null;

    /// <summary>Waits until <paramref name="method"/> was called <paramref name="count"/> times; returns those calls.</summary>
    public async Task<IReadOnlyList<RecordedCall>> WaitForAsync(string method, int count = 1, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var calls = CallsTo(method);
            if (calls.Count >= count)
            {
                return calls;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Expected {count} call(s) to {method}, saw {calls.Count}: {string.Join(", ", Calls.Select(c => c.Method))}");
            }

            await Task.Delay(10);
        }
    }

    public void Clear() => _calls.Clear();

    private async Task<IResult> HandleAsync(HttpContext http, string method)
    {
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var args = Parse(body, http.Request.ContentType);
        _calls.Enqueue(new RecordedCall(method, http.Request.Path, body, args, http.Request.Headers.Authorization.ToString(), DateTimeOffset.UtcNow));

        var delay = _delays.TryGetValue(method, out var d) ? d : DefaultDelay;
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay);
        }

        if (_failures.TryGetValue(method, out var failures) && failures.TryDequeue(out var failure))
        {
            if (failure.RetryAfter is not null)
            {
                http.Response.Headers.RetryAfter = failure.RetryAfter;
            }

            return Results.StatusCode(failure.Status);
        }

        if (method == "response_url")
        {
            return Results.Text("ok");
        }

        var reply = _responders.TryGetValue(method, out var responder) ? responder(args) : Default(method, args);
        return Results.Text(reply.ToJsonString(), "application/json; charset=utf-8", statusCode: (int)HttpStatusCode.OK);
    }

    private JsonObject Default(string method, JsonObject args)
    {
        string? Arg(string name) => args[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : args[name]?.ToJsonString();
        switch (method)
        {
            case "conversations.open":
                return Ok(new JsonObject { ["channel"] = new JsonObject { ["id"] = "D" + (Arg("users") ?? "X").Replace(",", "") } });
            case "chat.postMessage":
                return Ok(new JsonObject { ["channel"] = Arg("channel"), ["ts"] = NextTs() });
            case "chat.postEphemeral":
                return Ok(new JsonObject { ["message_ts"] = NextTs() });
            case "views.open" or "views.update" or "views.publish" or "views.push":
                var view = (args["view"] as JsonObject)?.DeepClone() as JsonObject ?? [];
                view["id"] = Arg("view_id") ?? "V" + Interlocked.Increment(ref _ts);
                view["hash"] = "h" + Interlocked.Increment(ref _ts);
                return Ok(new JsonObject { ["view"] = view });
            case "users.info":
                var id = Arg("user") ?? "";
                if (!_users.TryGetValue(id, out var user))
                {
                    SetUser(id);
                    user = _users[id];
                }

                return user is null
                    ? new JsonObject { ["ok"] = false, ["error"] = "user_not_found" }
                    : Ok(new JsonObject { ["user"] = user.DeepClone() });
            default:
                return Ok([]);
        }
    }

    private string NextTs() => $"1700000000.{Interlocked.Increment(ref _ts):D6}";

    private static JsonObject Ok(JsonObject body)
    {
        body["ok"] = true;
        return body;
    }

    private static JsonObject Parse(string body, string? contentType)
    {
        if (contentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true)
        {
            try
            {
                return JsonNode.Parse(body) as JsonObject ?? [];
            }
            catch (System.Text.Json.JsonException)
            {
                return [];
            }
        }

        var form = new JsonObject();
        foreach (var (key, value) in QueryHelpers.ParseQuery(body))
        {
            form[key] = value.ToString();
        }

        return form;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
