using System.Collections.Concurrent;
using System.Globalization;
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

    /// <summary>The request's Content-Type header as sent.</summary>
    public string? ContentType { get; init; }

    /// <summary>The <c>view</c> argument of views.* calls.</summary>
    public JsonObject? View => Args["view"] as JsonObject;

    /// <summary>
    /// The arguments as Slack read them (form fields, nested JSON such as <c>blocks</c> parsed; empty when a read
    /// method was sent JSON), without \u003C-style escapes, i.e. the strings exactly as Slack will read them:
    /// assert on this, not on <see cref="Body"/>, to check what a user would see.
    /// </summary>
    public string Json => Args.ToJsonString(Readable);

    /// <summary>Same readable form for any node (e.g. an HTTP acknowledgement body).</summary>
    public static string ReadableJson(JsonNode node) => node.ToJsonString(Readable);
}

/// <summary>A message the fake holds in a channel after chat.postMessage applied it.</summary>
public sealed record FakeMessage(string Channel, string Ts, string? Text, JsonArray? Blocks, JsonObject? Metadata)
{
    /// <summary>The metadata's <c>event_payload.key</c>, when there is one.</summary>
    public string? MetadataKey => Metadata?["event_payload"]?["key"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>
    /// What the reader sees: the text of every section and context block in order (the <c>text</c> field only
    /// when there are no blocks, since Slack then shows it), as mrkdwn, i.e. still escaped.
    /// </summary>
    public string AllText
    {
        get
        {
            if (Blocks is not { Count: > 0 } blocks)
            {
                return Text ?? "";
            }

            var texts = new List<string>();
            foreach (var block in blocks.OfType<JsonObject>())
            {
                if (block["text"]?["text"] is JsonValue section && section.TryGetValue<string>(out var s))
                {
                    texts.Add(s);
                }

                foreach (var element in block["elements"] as JsonArray ?? [])
                {
                    if (element?["type"]?.GetValue<string>() is "mrkdwn" or "plain_text" && element["text"] is JsonValue t && t.TryGetValue<string>(out var e))
                    {
                        texts.Add(e);
                    }
                }
            }

            return string.Join("\n", texts);
        }
    }
}

/// <summary>
/// A loopback stand-in for Slack's Web API: Kestrel on 127.0.0.1 with a free port, answering
/// <c>POST /api/{method}</c> and <c>POST /response/{id}</c> (response_url follow-ups). Records every call;
/// responses, delays and failures are configurable. It is as strict as Slack where the bot could get it wrong:
/// <list type="bullet">
/// <item>Answers are HTTP 200 with <c>{"ok":false,"error":…}</c> on failure, with <c>response_metadata.messages</c>
/// where Slack gives detail (e.g. <c>invalid_blocks</c>). https://docs.slack.dev/apis/web-api</item>
/// <item>A token is required: none → <c>not_authed</c>; an app-level <c>xapp-</c> token anywhere but
/// <c>apps.connections.open</c>, or any other token there → <c>not_allowed_token_type</c>; one not starting with <c>xox</c>, or revoked with
/// <see cref="RevokeToken"/> → <c>invalid_auth</c> / the given code (e.g. <c>account_inactive</c>,
/// <c>token_revoked</c>). Sent as <c>Authorization: Bearer</c> or as the <c>token</c> form field.
/// https://docs.slack.dev/authentication/tokens and https://docs.slack.dev/reference/methods/chat.postMessage#errors</item>
/// <item>Content types per method: <c>application/x-www-form-urlencoded</c> is read by every method;
/// <c>application/json</c> only by the write methods in <see cref="JsonWriteMethods"/>, only with the token in the
/// Authorization header, and without <c>charset=utf-8</c> the answer carries the <c>missing_charset</c> warning.
/// A read method given JSON sees no arguments: users.info → <c>user_not_found</c>, conversations.history /
/// conversations.replies / chat.getPermalink → <c>channel_not_found</c>, users.lookupByEmail →
/// <c>users_not_found</c>. https://docs.slack.dev/apis/web-api,
/// https://docs.slack.dev/changelog/2017-10-keeping-up-with-the-jsons</item>
/// <item>Nested arguments (<c>blocks</c>, <c>view</c>, <c>metadata</c>, <c>attachments</c>) arrive in a form as
/// JSON strings and are parsed; <c>blocks</c> that are not a JSON array → <c>invalid_blocks</c>, metadata without
/// <c>event_type</c>/<c>event_payload</c> → <c>invalid_metadata_format</c>.
/// https://docs.slack.dev/reference/methods/chat.postMessage, https://docs.slack.dev/messaging/message-metadata</item>
/// <item>Rate limits: <see cref="FailNext"/> with 429 answers <c>Retry-After</c> and <c>{"ok":false,"error":"ratelimited"}</c>.
/// https://docs.slack.dev/apis/web-api/rate-limits</item>
/// <item>Message limits: chat.postMessage refuses blocks over Block Kit's limits with <c>invalid_blocks</c> and a
/// message naming the block (<see cref="BlockLimitErrors"/>: 50 blocks, text objects 1–3,000 characters, section
/// fields, header 150, context 10 elements), and truncates <c>text</c> after 40,000 characters.
/// https://docs.slack.dev/reference/methods/chat.postMessage#truncating-content,
/// https://docs.slack.dev/reference/block-kit/blocks. Not modelled: the undocumented cumulative cap on a
/// message's block text (<c>msg_blocks_too_long</c>, reported from about 12,000–13,200 characters:
/// https://github.com/slackapi/bolt-js/issues/2509).</item>
/// <item>chat.postMessage keeps the message in its channel (text, blocks, metadata, a <c>ts</c> from the wall
/// clock); conversations.history returns a channel's messages newest first, after <c>oldest</c> and before
/// <c>latest</c> (exclusive unless <c>inclusive</c>), at most <c>limit</c> (default 100, max 999) per page with
/// <c>has_more</c> and <c>response_metadata.next_cursor</c>, metadata only with <c>include_all_metadata=true</c>.
/// https://docs.slack.dev/reference/methods/conversations.history</item>
/// <item>conversations.open answers the same id for the same person, <c>D{user}</c>; unknown
/// (<see cref="RemoveUser"/>) → <c>user_not_found</c>, deactivated → <c>user_disabled</c> (both in the method's
/// documented errors), a bot → <c>cannot_dm_bot</c> (what clients report in practice; not in the method's error
/// table). https://docs.slack.dev/reference/methods/conversations.open</item>
/// <item>Slack's "it's possible some aspect of the operation succeeded" failures: <see cref="ApplyThenFailNext"/>
/// applies a call (the message is posted) and then answers a 5xx, an <c>internal_error</c>, or nothing until
/// after the client's timeout. https://docs.slack.dev/reference/methods/chat.postMessage#errors</item>
/// <item>A <c>response_url</c> takes at most 5 posts within 30 minutes of its interaction (issued by
/// <see cref="ResponseUrl"/>, timed by <see cref="Clock"/>); past either, HTTP 404 with <c>used_url</c> /
/// <c>expired_url</c> and nothing is posted. https://api.slack.com/interactivity/handling#message_responses</item>
/// <item><c>oauth.v2.access</c> trades a code from <see cref="Authorize"/> for a bot token, authenticated by the
/// app's client id and secret (see FakeSlackApi.OAuth.cs for the errors it models).
/// https://docs.slack.dev/reference/methods/oauth.v2.access</item>
/// <item>Inbound text as Slack sends it: <see cref="Escape"/> and <see cref="Mention"/> build slash-command and
/// message text with <c>&amp;amp;</c>, <c>&amp;lt;</c>, <c>&amp;gt;</c> and <c>&lt;@U…&gt;</c>.
/// https://api.slack.com/reference/surfaces/formatting#escaping</item>
/// </list>
/// </summary>
public sealed partial class FakeSlackApi : IAsyncDisposable
{
    /// <summary>Write methods that read a JSON body (each method page's "Content types" lists application/json).</summary>
    public static readonly IReadOnlySet<string> JsonWriteMethods = new HashSet<string>
    {
        "chat.postMessage", "chat.postEphemeral", "chat.update", "chat.delete", "chat.scheduleMessage", "chat.unfurl",
        "views.open", "views.update", "views.publish", "views.push", "conversations.open", "reactions.add",
    };

    /// <summary>Blocks per message (https://docs.slack.dev/reference/block-kit/blocks).</summary>
    public const int MaxBlocks = 50;

    /// <summary>Characters of a text object (https://docs.slack.dev/reference/block-kit/composition-objects/text-object).</summary>
    public const int MaxText = 3000;

    /// <summary>Characters of a message's <c>text</c> kept; Slack truncates the rest (chat.postMessage).</summary>
    public const int MaxMessageText = 40_000;

    /// <summary>Posts Slack accepts per response_url, and for how long after the interaction.</summary>
    public const int ResponseUrlMaxUses = 5;

    public static readonly TimeSpan ResponseUrlLifetime = TimeSpan.FromMinutes(30);

    // Arguments whose value is JSON inside a form field.
    private static readonly HashSet<string> NestedJsonArgs = ["blocks", "view", "metadata", "attachments"];

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedCall> _calls = new();
    private readonly ConcurrentDictionary<string, Func<JsonObject, JsonObject>> _responders = new();
    private readonly ConcurrentDictionary<string, TimeSpan> _delays = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(int Status, string? RetryAfter)>> _failures = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<AfterApply>> _afterApply = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(string Error, string[] Messages)>> _errors = new();
    private readonly ConcurrentDictionary<string, JsonObject?> _users = new();
    private readonly ConcurrentDictionary<string, string> _revoked = new();
    private readonly ConcurrentDictionary<string, List<FakeMessage>> _messages = new();
    private readonly ConcurrentDictionary<string, ResponseUrlBudget> _responseUrls = new();
    private long _lastTsMicros;
    private int _ids;

    private FakeSlackApi(WebApplication app) => _app = app;

    /// <summary>Root URL, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The value for <c>Slack:ApiBaseUrl</c>.</summary>
    public string ApiBaseUrl => new Uri(BaseUrl, "api/").ToString();

    /// <summary>
    /// A response_url the fake records as method <c>response_url</c>. The first call for an <paramref name="id"/>
    /// issues it (as Slack does with each interaction payload): its 30 minutes run from then on <see cref="Clock"/>.
    /// </summary>
    public string ResponseUrl(string id = "r1")
    {
        _responseUrls.TryAdd(id, new ResponseUrlBudget(Clock.GetUtcNow()));
        return new Uri(BaseUrl, $"response/{id}").ToString();
    }

    /// <summary>The clock of response_url lifetimes; set it to a test's FakeTimeProvider to let 30 minutes pass.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>Delay applied to every call that has no per-method delay.</summary>
    public TimeSpan DefaultDelay { get; set; }

    public IReadOnlyList<RecordedCall> Calls => _calls.ToArray();

    public IReadOnlyList<RecordedCall> CallsTo(string method) => _calls.Where(c => c.Method == method).ToArray();

    public static async Task<FakeSlackApi> StartAsync()
    {
        var app = LoopbackApp.Create();
        var fake = new FakeSlackApi(app);
        app.MapPost("/api/{method}", (HttpContext http, string method) => fake.HandleAsync(http, method));
        app.MapPost("/response/{id}", (HttpContext http, string id) => fake.HandleAsync(http, "response_url", id));
        fake.BaseUrl = await LoopbackApp.StartAsync(app);
        return fake;
    }

    /// <summary>Answers <paramref name="method"/> with whatever <paramref name="responder"/> builds from the call's arguments.</summary>
    public void Respond(string method, Func<JsonObject, JsonObject> responder) => _responders[method] = responder;

    public void Delay(string method, TimeSpan delay) => _delays[method] = delay;

    /// <summary>
    /// The next <paramref name="times"/> calls of <paramref name="method"/> fail with HTTP <paramref name="status"/>
    /// before doing anything (429 carries <paramref name="retryAfter"/> and Slack's <c>ratelimited</c> body).
    /// </summary>
    public void FailNext(string method, int status, int times = 1, string? retryAfter = null)
    {
        var queue = _failures.GetOrAdd(method, _ => new ConcurrentQueue<(int, string?)>());
        for (var i = 0; i < times; i++)
        {
            queue.Enqueue((status, retryAfter));
        }
    }

    /// <summary>
    /// The next <paramref name="times"/> calls of <paramref name="method"/> answer <c>{"ok":false,"error":error}</c>
    /// with <paramref name="messages"/> as <c>response_metadata.messages</c>, doing nothing.
    /// </summary>
    public void ErrorNext(string method, string error, int times = 1, params string[] messages)
    {
        var queue = _errors.GetOrAdd(method, _ => new ConcurrentQueue<(string, string[])>());
        for (var i = 0; i < times; i++)
        {
            queue.Enqueue((error, messages));
        }
    }

    /// <summary>
    /// The next <paramref name="times"/> calls of <paramref name="method"/> are applied (a post is stored) and then
    /// answered badly: HTTP <paramref name="status"/> when given, else <c>ok:false</c> with <paramref name="error"/>
    /// when given, else the normal answer after <paramref name="delay"/> (set it past the client's timeout).
    /// Slack documents that on <c>internal_error</c>/<c>fatal_error</c> "some aspect of the operation" may have succeeded.
    /// </summary>
    public void ApplyThenFailNext(string method, int? status = 500, string? error = null, TimeSpan? delay = null, int times = 1)
    {
        var queue = _afterApply.GetOrAdd(method, _ => new ConcurrentQueue<AfterApply>());
        for (var i = 0; i < times; i++)
        {
            queue.Enqueue(new AfterApply(status, error, delay ?? TimeSpan.Zero));
        }
    }

    /// <summary>Calls with <paramref name="token"/> answer <paramref name="error"/> from now on (the app lost its token).</summary>
    public void RevokeToken(string token, string error = "token_revoked") => _revoked[token] = error;

    /// <summary>
    /// What users.info returns for <paramref name="userId"/>; by default everyone is a human in Europe/Berlin with
    /// Slack's default locale, en-US.
    /// </summary>
    public void SetUser(string userId, bool isBot = false, bool deleted = false, string? tz = "Europe/Berlin", string? name = null, string locale = "en-US") =>
        _users[userId] = new JsonObject
        {
            ["id"] = userId,
            ["name"] = name ?? userId.ToLowerInvariant(),
            ["real_name"] = name ?? $"Person {userId}",
            ["tz"] = tz,
            ["is_bot"] = isBot,
            ["deleted"] = deleted,
            ["locale"] = locale,
            ["is_admin"] = false,
            ["is_owner"] = false,
            ["profile"] = new JsonObject { ["display_name"] = name ?? $"Person {userId}" },
        };

    /// <summary>
    /// Makes <paramref name="userId"/> a workspace admin (<c>is_admin</c>) or owner (<c>is_owner</c>) in users.info;
    /// everyone else answers false for both (https://docs.slack.dev/reference/objects/user-object).
    /// </summary>
    public void SetAdmin(string userId, bool owner = false)
    {
        var user = User(userId)!;
        user[owner ? "is_owner" : "is_admin"] = true;
    }

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

    /// <summary>Forgets the recorded calls (messages stay in their channels).</summary>
    public void Clear() => _calls.Clear();

    /// <summary>The messages chat.postMessage applied in <paramref name="channel"/>, oldest first.</summary>
    public IReadOnlyList<FakeMessage> MessagesIn(string channel)
    {
        var list = _messages.GetOrAdd(channel, _ => []);
        lock (list)
        {
            return list.ToArray();
        }
    }

    /// <summary>
    /// The texts <paramref name="userId"/> received in their DM with the bot (channel <c>D{user}</c>, as
    /// conversations.open answers), oldest first: what the person actually sees, however many calls it took.
    /// </summary>
    public IReadOnlyList<string> DmTexts(string userId) => MessagesIn(DmChannel(userId)).Select(m => m.Text ?? "").ToArray();

    /// <summary>The messages <paramref name="userId"/> holds in their DM with the bot, oldest first.</summary>
    public IReadOnlyList<FakeMessage> DmMessages(string userId) => MessagesIn(DmChannel(userId));

    /// <summary>
    /// Waits (a short bounded poll) until <paramref name="userId"/>'s DM holds a message matching
    /// <paramref name="match"/>; on timeout the exception names <paramref name="what"/> and shows the DM.
    /// </summary>
    public async Task<FakeMessage> WaitForDmAsync(string userId, Func<FakeMessage, bool> match, string what, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            if (DmMessages(userId).FirstOrDefault(match) is { } found)
            {
                return found;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{userId} did not get {what}; their DM holds:\n{string.Join("\n---\n", DmMessages(userId).Select(m => m.AllText))}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>The DM channel id conversations.open gives for <paramref name="userId"/>.</summary>
    public static string DmChannel(string userId) => "D" + userId;

    /// <summary>Escapes text the way Slack does before sending it to an app: <c>&amp;</c>, <c>&lt;</c>, <c>&gt;</c> only.</summary>
    public static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    /// <summary>A user mention as Slack sends it in command and message text, e.g. <c>&lt;@U2|ravi&gt;</c>.</summary>
    public static string Mention(string userId, string? name = null) => name is null ? $"<@{userId}>" : $"<@{userId}|{name}>";

    private async Task<IResult> HandleAsync(HttpContext http, string method, string? responseId = null)
    {
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var contentType = http.Request.ContentType;
        var authorization = http.Request.Headers.Authorization.ToString();
        var (args, json) = method == "response_url" ? (ParseJson(body), true) : Parse(method, body, contentType);
        _calls.Enqueue(new RecordedCall(method, http.Request.Path, body, args, authorization, DateTimeOffset.UtcNow) { ContentType = contentType });

        var delay = _delays.TryGetValue(method, out var d) ? d : DefaultDelay;
        if (delay > TimeSpan.Zero && !await SleepAsync(delay, http.RequestAborted))
        {
            return Results.Empty;
        }

        if (_failures.TryGetValue(method, out var failures) && failures.TryDequeue(out var failure))
        {
            if (failure.RetryAfter is not null)
            {
                http.Response.Headers.RetryAfter = failure.RetryAfter;
            }

            return failure.Status == (int)HttpStatusCode.TooManyRequests
                ? Answer(Error("ratelimited"), failure.Status)
                : Results.StatusCode(failure.Status);
        }

        if (method == "response_url")
        {
            return UseResponseUrl(responseId ?? "");
        }

        if (method == OAuthAccessMethod)
        {
            // Client credentials, not a bot token: see FakeSlackApi.OAuth.cs.
            return Answer(OAuthAccess(authorization, args));
        }

        if (Authenticate(method, authorization, args, json) is { } authError)
        {
            return Answer(Error(authError));
        }

        if (_errors.TryGetValue(method, out var errors) && errors.TryDequeue(out var planned))
        {
            return Answer(Error(planned.Error, planned.Messages));
        }

        var reply = _responders.TryGetValue(method, out var responder) ? responder(args) : Default(method, args);
        if (json && !(contentType ?? "").Contains("charset=utf-8", StringComparison.OrdinalIgnoreCase))
        {
            // https://docs.slack.dev/apis/web-api#posting_json: JSON without a charset works, with a warning.
            reply["warning"] = "missing_charset";
            reply["response_metadata"] = new JsonObject { ["warnings"] = new JsonArray("missing_charset") };
        }

        if (_afterApply.TryGetValue(method, out var after) && after.TryDequeue(out var then))
        {
            if (then.Status is { } status)
            {
                return Results.StatusCode(status);
            }

            if (then.Error is { } error)
            {
                return Answer(Error(error));
            }

            if (!await SleepAsync(then.Delay, http.RequestAborted))
            {
                return Results.Empty;
            }
        }

        return Answer(reply);
    }

    private string? Authenticate(string method, string authorization, JsonObject args, bool json)
    {
        string? token = null;
        if (authorization.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            token = authorization["Bearer ".Length..].Trim();
        }
        else if (!json && args["token"] is JsonValue v && v.TryGetValue<string>(out var field))
        {
            // Form bodies may carry the token as an argument; JSON bodies may not (the changelog above).
            token = field;
        }

        if (string.IsNullOrEmpty(token))
        {
            return "not_authed";
        }

        if (_revoked.TryGetValue(token, out var revoked))
        {
            return revoked;
        }

        // App-level tokens (xapp-) work only for apps.connections.open, which takes nothing else:
        // https://docs.slack.dev/reference/methods/apps.connections.open (errors: not_allowed_token_type).
        var appToken = token.StartsWith("xapp-", StringComparison.Ordinal);
        var otherToken = token.StartsWith("xox", StringComparison.Ordinal);
        var opensSocket = method == "apps.connections.open";
        if ((appToken && !opensSocket) || (otherToken && opensSocket))
        {
            return "not_allowed_token_type";
        }

        return appToken || otherToken ? null : "invalid_auth";
    }

    private JsonObject Default(string method, JsonObject args)
    {
        string? Arg(string name) => args[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : args[name]?.ToJsonString();
        if (Directory(method, args) is { } listed)
        {
            return listed; // user groups, channels, users.list: FakeSlackApi.Directory.cs
        }

        switch (method)
        {
            case "conversations.open":
                var users = Arg("users");
                if (string.IsNullOrEmpty(users))
                {
                    return Error("users_list_not_supplied");
                }

                if (!users.Contains(','))
                {
                    var person = User(users);
                    if (person is null)
                    {
                        return Error("user_not_found");
                    }

                    if (person["deleted"]?.GetValue<bool>() == true)
                    {
                        return Error("user_disabled");
                    }

                    if (person["is_bot"]?.GetValue<bool>() == true)
                    {
                        return Error("cannot_dm_bot");
                    }
                }

                return Ok(new JsonObject { ["channel"] = new JsonObject { ["id"] = DmChannel(users.Replace(",", "")) } });
            case "chat.postMessage":
                return Post(args, Arg("channel"), Arg("text"));
            case "chat.postEphemeral":
                return Arg("channel") is null ? Error("channel_not_found") : Ok(new JsonObject { ["message_ts"] = NextTs() });
            case "conversations.history":
                return History(args, Arg("channel"));
            case "conversations.replies":
                return Arg("channel") is null
                    ? Error("channel_not_found")
                    : Arg("ts") is null ? Error("thread_not_found") : Ok(new JsonObject { ["messages"] = new JsonArray(), ["has_more"] = false });
            case "chat.getPermalink":
                var channel = Arg("channel");
                var ts = Arg("message_ts");
                return channel is null
                    ? Error("channel_not_found")
                    : ts is null
                        ? Error("message_not_found")
                        : Ok(new JsonObject { ["channel"] = channel, ["permalink"] = $"https://fake.slack.com/archives/{channel}/p{ts.Replace(".", "")}" });
            case "users.lookupByEmail":
                return Error("users_not_found");
            case "team.info":
                return Ok(new JsonObject { ["team"] = new JsonObject { ["id"] = "T1", ["name"] = "Fake team" } });
            case "views.open" or "views.update" or "views.publish" or "views.push":
                if (args["view"] is not JsonObject original)
                {
                    return Error("invalid_arguments", "[ERROR] missing required field: view");
                }

                var view = (JsonObject)original.DeepClone();
                view["id"] = Arg("view_id") ?? "V" + Interlocked.Increment(ref _ids);
                view["hash"] = "h" + Interlocked.Increment(ref _ids);
                return Ok(new JsonObject { ["view"] = view });
            case "users.info":
                var user = User(Arg("user") ?? "");
                if (user is null)
                {
                    return Error("user_not_found");
                }

                // "include_locale: Set this to true to receive the locale for this user" (https://docs.slack.dev/reference/methods/users.info).
                var answer = (JsonObject)user.DeepClone();
                if (Arg("include_locale") != "true")
                {
                    answer.Remove("locale");
                }

                return Ok(new JsonObject { ["user"] = answer });
            default:
                return Ok([]);
        }
    }

    // Unknown ids get a default human, as in a workspace where everyone exists; RemoveUser makes one unknown.
    private JsonObject? User(string id)
    {
        if (string.IsNullOrEmpty(id))
        {
            return null;
        }

        if (!_users.TryGetValue(id, out var user))
        {
            SetUser(id);
            user = _users[id];
        }

        return user;
    }

    private JsonObject Post(JsonObject args, string? channel, string? text)
    {
        if (string.IsNullOrEmpty(channel))
        {
            return Error("channel_not_found");
        }

        var blocks = args["blocks"];
        if (blocks is not null and not JsonArray)
        {
            return Error("invalid_blocks", "[ERROR] blocks must be a JSON array");
        }

        if (string.IsNullOrEmpty(text) && (blocks is not JsonArray list || list.Count == 0))
        {
            return Error("no_text");
        }

        if (blocks is JsonArray array && BlockLimitErrors(array).ToArray() is { Length: > 0 } tooBig)
        {
            return Error("invalid_blocks", tooBig);
        }

        if (text is { Length: > MaxMessageText })
        {
            // "we'll truncate messages containing more than 40,000 characters" (chat.postMessage, Truncating content).
            text = text[..MaxMessageText];
        }

        var metadata = args["metadata"];
        if (metadata is not null && (metadata is not JsonObject m || m["event_type"] is null || m["event_payload"] is not JsonObject))
        {
            return Error("invalid_metadata_format");
        }

        var message = new FakeMessage(channel, NextTs(), text, blocks?.DeepClone() as JsonArray, metadata?.DeepClone() as JsonObject);
        var messages = _messages.GetOrAdd(channel, _ => []);
        lock (messages)
        {
            messages.Add(message);
        }

        var echo = new JsonObject { ["type"] = "message", ["ts"] = message.Ts, ["text"] = text };
        return Ok(new JsonObject { ["channel"] = channel, ["ts"] = message.Ts, ["message"] = echo });
    }

    /// <summary>
    /// Block Kit limits Slack checks on every message, as its <c>invalid_blocks</c> messages word them:
    /// at most 50 blocks (https://docs.slack.dev/reference/block-kit/blocks), a section's text 1–3,000 characters
    /// and at most 10 fields of up to 2,000 (https://docs.slack.dev/reference/block-kit/blocks/section-block), a
    /// header's text up to 150 (https://docs.slack.dev/reference/block-kit/blocks/header-block), a context block at
    /// most 10 elements (https://docs.slack.dev/reference/block-kit/blocks/context-block), and every text object
    /// 1–3,000 characters (https://docs.slack.dev/reference/block-kit/composition-objects/text-object).
    /// </summary>
    public static IEnumerable<string> BlockLimitErrors(JsonArray blocks)
    {
        if (blocks.Count > MaxBlocks)
        {
            yield return $"[ERROR] no more than {MaxBlocks} items allowed [json-pointer:/blocks]";
        }

        for (var i = 0; i < blocks.Count; i++)
        {
            if (blocks[i] is not JsonObject block)
            {
                continue;
            }

            var at = $"/blocks/{i}";
            var type = block["type"] is JsonValue t && t.TryGetValue<string>(out var name) ? name : "";
            if (type == "header" && TextLength(block["text"]) > 150)
            {
                yield return $"[ERROR] must be less than 151 characters [json-pointer:{at}/text/text]";
            }

            if (TextLength(block["text"]) is { } length && (length is 0 or > MaxText))
            {
                yield return length == 0
                    ? $"[ERROR] must be more than 0 characters [json-pointer:{at}/text/text]"
                    : $"[ERROR] must be less than {MaxText + 1} characters [json-pointer:{at}/text/text]";
            }

            if (block["fields"] is JsonArray fields)
            {
                if (fields.Count > 10)
                {
                    yield return $"[ERROR] no more than 10 items allowed [json-pointer:{at}/fields]";
                }

                for (var f = 0; f < fields.Count; f++)
                {
                    if (TextLength(fields[f]) > 2000)
                    {
                        yield return $"[ERROR] must be less than 2001 characters [json-pointer:{at}/fields/{f}/text]";
                    }
                }
            }

            if (type == "context" && block["elements"] is JsonArray elements)
            {
                if (elements.Count > 10)
                {
                    yield return $"[ERROR] no more than 10 items allowed [json-pointer:{at}/elements]";
                }

                for (var e = 0; e < elements.Count; e++)
                {
                    if (TextLength(elements[e]) is > MaxText or 0)
                    {
                        yield return $"[ERROR] must be between 1 and {MaxText} characters [json-pointer:{at}/elements/{e}/text]";
                    }
                }
            }
        }
    }

    // The length of a text object's text (null when the node is no text object).
    private static int? TextLength(JsonNode? node) =>
        node is JsonObject o && o["text"] is JsonValue v && v.TryGetValue<string>(out var s) ? s.Length : null;

    private JsonObject History(JsonObject args, string? channel)
    {
        string? Arg(string name) => args[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        if (string.IsNullOrEmpty(channel))
        {
            return Error("channel_not_found");
        }

        var inclusive = Arg("inclusive") is "true" or "1";
        var oldest = Number(Arg("oldest")) ?? 0m;
        var latest = Number(Arg("latest")) ?? decimal.MaxValue;
        var limit = Math.Clamp(int.TryParse(Arg("limit"), out var l) && l > 0 ? l : 100, 1, 999);
        var withMetadata = Arg("include_all_metadata") is "true" or "1";
        var skip = int.TryParse(Arg("cursor"), out var c) ? c : 0;

        var matching = MessagesIn(channel)
            .Where(m => inclusive ? Ts(m) >= oldest && Ts(m) <= latest : Ts(m) > oldest && Ts(m) < latest)
            .OrderByDescending(Ts)
            .ToArray();
        var page = matching.Skip(skip).Take(limit).ToArray();
        var hasMore = skip + page.Length < matching.Length;

        var messages = new JsonArray();
        foreach (var m in page)
        {
            var item = new JsonObject { ["type"] = "message", ["ts"] = m.Ts, ["text"] = m.Text, ["bot_id"] = "BFAKE" };
            if (m.Blocks is not null)
            {
                item["blocks"] = m.Blocks.DeepClone();
            }

            if (withMetadata && m.Metadata is not null)
            {
                item["metadata"] = m.Metadata.DeepClone();
            }

            messages.Add(item);
        }

        // Slack's cursors are opaque; an offset is enough for a fake that never changes order.
        return Ok(new JsonObject
        {
            ["messages"] = messages,
            ["has_more"] = hasMore,
            ["response_metadata"] = new JsonObject { ["next_cursor"] = hasMore ? (skip + page.Length).ToString(CultureInfo.InvariantCulture) : "" },
        });
    }

    // https://api.slack.com/interactivity/handling#message_responses: "up to 5 times within 30 minutes" of the
    // interaction. Past either, Slack answers HTTP 404 with a one-word body (expired_url / used_url; the codes are
    // not in the docs, they are what Slack's webhooks answer) and posts nothing.
    private IResult UseResponseUrl(string id)
    {
        var budget = _responseUrls.GetOrAdd(id, _ => new ResponseUrlBudget(Clock.GetUtcNow()));
        if (Clock.GetUtcNow() - budget.IssuedAt > ResponseUrlLifetime)
        {
            return Results.Text("expired_url", statusCode: (int)HttpStatusCode.NotFound);
        }

        return Interlocked.Increment(ref budget.Uses) > ResponseUrlMaxUses
            ? Results.Text("used_url", statusCode: (int)HttpStatusCode.NotFound)
            : Results.Text("ok");
    }

    private static decimal Ts(FakeMessage m) => decimal.Parse(m.Ts, CultureInfo.InvariantCulture);

    private static decimal? Number(string? value) =>
        decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var n) ? n : null;

    // Message ts: Unix seconds with microseconds from the wall clock, strictly increasing, as Slack's are.
    private string NextTs()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000;
        long next;
        long last;
        do
        {
            last = Interlocked.Read(ref _lastTsMicros);
            next = Math.Max(now, last + 1);
        }
        while (Interlocked.CompareExchange(ref _lastTsMicros, next, last) != last);

        return $"{next / 1_000_000}.{next % 1_000_000:D6}";
    }

    private static async Task<bool> SleepAsync(TimeSpan delay, CancellationToken aborted)
    {
        try
        {
            await Task.Delay(delay, aborted);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static IResult Answer(JsonObject reply, int status = (int)HttpStatusCode.OK) =>
        Results.Text(reply.ToJsonString(), "application/json; charset=utf-8", statusCode: status);

    private static JsonObject Ok(JsonObject body)
    {
        body["ok"] = true;
        return body;
    }

    /// <summary>Slack's error shape: <c>{"ok":false,"error":…,"response_metadata":{"messages":[…]}}</c>.</summary>
    public static JsonObject Error(string error, params string[] messages)
    {
        var reply = new JsonObject { ["ok"] = false, ["error"] = error };
        if (messages.Length > 0)
        {
            reply["response_metadata"] = new JsonObject { ["messages"] = new JsonArray([.. messages.Select(m => (JsonNode)m)]) };
        }

        return reply;
    }

    // What Slack reads from the body: every method reads form fields; only JSON-capable write methods read JSON.
    private static (JsonObject Args, bool Json) Parse(string method, string body, string? contentType)
    {
        var type = contentType ?? "";
        if (type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return (JsonWriteMethods.Contains(method) ? ParseJson(body) : [], true);
        }

        if (!type.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return ([], false);
        }

        var form = new JsonObject();
        foreach (var (key, value) in QueryHelpers.ParseQuery(body))
        {
            var text = value.ToString();
            form[key] = NestedJsonArgs.Contains(key) && TryParseJson(text) is { } nested ? nested : JsonValue.Create(text);
        }

        return (form, false);
    }

    private static JsonObject ParseJson(string body) => TryParseJson(body) as JsonObject ?? [];

    private static JsonNode? TryParseJson(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed record AfterApply(int? Status, string? Error, TimeSpan Delay);

    private sealed class ResponseUrlBudget(DateTimeOffset issuedAt)
    {
        public int Uses;

        public DateTimeOffset IssuedAt { get; } = issuedAt;
    }
}
