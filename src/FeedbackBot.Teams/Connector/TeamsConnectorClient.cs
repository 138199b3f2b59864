using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using FeedbackBot.Core.Telemetry;
using FeedbackBot.Teams.Activities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Teams.Connector;

/// <summary>
/// A connector call that failed. <see cref="Transient"/> failures may work later; <see cref="MaybeApplied"/>
/// says the connector may have acted before failing (a send that timed out or met a 502/504).
/// </summary>
public sealed class ConnectorException(string message, int? status, bool transient, Exception? inner = null, bool maybeApplied = false, string? code = null)
    : Exception(message, inner)
{
    public int? Status { get; } = status;
    public bool Transient { get; } = transient;
    public bool MaybeApplied { get; } = maybeApplied;
    /// <summary>The connector's <c>error.code</c> (e.g. <c>ConversationBlockedByUser</c>), when it sent one.</summary>
    public string? Code { get; } = code;
}

/// <summary>
/// The Bot Framework connector REST API as Teams serves it, JSON with the bot's bearer token
/// (https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-api-reference):
/// create a 1:1, send, update an activity in place, read a member.
/// <para>
/// Where the token may go: in authenticated mode only to https service URLs (plain http only on loopback, for
/// tests), and callers pass only service URLs learnt from authenticated activities (<see
/// cref="Addressing.TeamsAddressBook.GetUsableAsync"/>); in anonymous mode no token, and only loopback.
/// </para>
/// <para>
/// Retries (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit): 429, 412, 502, 503 and
/// 504 with exponential backoff and jitter, honouring <c>Retry-After</c>. A send creates a message the connector
/// cannot deduplicate and Teams offers no way to read the chat back, so a send is repeated at once only after an
/// answer that says nothing was posted (429, 412, 503, a connection never made); after a 502/504, a timeout or a
/// dropped connection it fails as "maybe applied" and the caller decides. 403 and 404 are permanent.
/// Hand-written rather than a Microsoft.Extensions.Http.Resilience pipeline for the same reason as the Slack
/// client: the decision depends on whether the call creates something, and exhausted retries must become Core's
/// transient / permanent / maybe-sent distinction.
/// </para>
/// </summary>
public sealed class TeamsConnectorClient(
    IHttpClientFactory httpFactory,
    IBotTokenSource tokens,
    IOptions<TeamsOptions> options,
    IOptions<TeamsTimings> timings,
    ILogger<TeamsConnectorClient> logger)
{
    public const string HttpClientName = "teams-connector";

    private static readonly HashSet<HttpStatusCode> Retryable =
    [
        HttpStatusCode.TooManyRequests, HttpStatusCode.PreconditionFailed, HttpStatusCode.BadGateway,
        HttpStatusCode.ServiceUnavailable, HttpStatusCode.GatewayTimeout,
    ];

    // Answers after which the connector certainly posted nothing, so even a send may be repeated.
    private static readonly HashSet<HttpStatusCode> NothingDone =
        [HttpStatusCode.TooManyRequests, HttpStatusCode.PreconditionFailed, HttpStatusCode.ServiceUnavailable];

    /// <summary>
    /// Creates (or, for an existing pair, returns) the 1:1 conversation between the bot and <paramref name="userId"/>
    /// (<c>29:…</c>) in <paramref name="tenantId"/>: <c>POST /v3/conversations</c>. Teams answers the same id for the
    /// same pair, so this is safe to repeat.
    /// https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/send-proactive-messages#create-the-conversation
    /// </summary>
    public async Task<string> CreatePersonalConversationAsync(string serviceUrl, string userId, string tenantId, CancellationToken ct)
    {
        var body = new ConversationParameters
        {
            IsGroup = false,
            Bot = new ChannelAccount { Id = "28:" + options.Value.AppId },
            Members = [new ChannelAccount { Id = userId }],
            TenantId = tenantId,
            ChannelData = new() { ["tenant"] = new System.Text.Json.Nodes.JsonObject { ["id"] = tenantId } },
        };
        var reply = await CallAsync(HttpMethod.Post, serviceUrl, "v3/conversations", body, TeamsJson.Default.ConversationParameters,
            TeamsJson.Default.ResourceResponse, repeatable: true, ct);
        return reply?.Id is { Length: > 0 } id ? id : throw new ConnectorException("The connector created a conversation without an id.", 200, transient: true);
    }

    /// <summary>
    /// Posts <paramref name="activity"/> into a conversation; returns the new activity id. The activity names its
    /// conversation, as Bot Framework's SDKs apply the conversation reference to every send.
    /// </summary>
    public async Task<string> SendAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken ct)
    {
        var reply = await CallAsync(HttpMethod.Post, serviceUrl, $"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities",
            activity with { Conversation = activity.Conversation ?? new ConversationAccount { Id = conversationId } }, TeamsJson.Default.Activity, TeamsJson.Default.ResourceResponse, repeatable: false, ct);
        return reply?.Id ?? "";
    }

    /// <summary>Replaces activity <paramref name="activityId"/> (a card updated in place). Repeating it changes nothing.</summary>
    public Task UpdateAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken ct) =>
        CallAsync(HttpMethod.Put, serviceUrl, $"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities/{Uri.EscapeDataString(activityId)}",
            activity with { Id = activityId }, TeamsJson.Default.Activity, TeamsJson.Default.ResourceResponse, repeatable: true, ct);

    /// <summary>
    /// One member of a conversation (<c>29:…</c> id or Entra object id), or null when the conversation has no such
    /// member: <c>GET /v3/conversations/{id}/members/{userId}</c>.
    /// https://learn.microsoft.com/microsoftteams/platform/bots/how-to/get-teams-context#get-single-member-details
    /// </summary>
    public async Task<TeamsMember?> GetMemberAsync(string serviceUrl, string conversationId, string userId, CancellationToken ct)
    {
        try
        {
            return await CallAsync<object, TeamsMember>(HttpMethod.Get, serviceUrl,
                $"v3/conversations/{Uri.EscapeDataString(conversationId)}/members/{Uri.EscapeDataString(userId)}",
                null, null, TeamsJson.Default.TeamsMember, repeatable: true, ct);
        }
        catch (ConnectorException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <summary>
    /// A read (<c>GET</c>) of <paramref name="path"/> under the service URL, e.g. a page of a roster or a team's
    /// channels; retried like every repeatable call (429 honouring <c>Retry-After</c>, 5xx with backoff). Null on an empty body.
    /// </summary>
    public Task<TResponse?> GetAsync<TResponse>(string serviceUrl, string path, JsonTypeInfo<TResponse> responseType, CancellationToken ct)
        where TResponse : class =>
        CallAsync<object, TResponse>(HttpMethod.Get, serviceUrl, path, null, null, responseType, repeatable: true, ct);

    /// <summary>Whether the current mode lets a request (and a token) go to <paramref name="serviceUrl"/>.</summary>
    public bool MayCall(string serviceUrl) =>
        Uri.TryCreate(serviceUrl, UriKind.Absolute, out var url) && options.Value.Mode switch
        {
            TeamsMode.Anonymous => (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps) && LoopbackUrls.IsLoopback(url),
            TeamsMode.Authenticated => LoopbackUrls.IsHttpsOrLoopback(serviceUrl),
            _ => false,
        };

    private async Task<TResponse?> CallAsync<TBody, TResponse>(
        HttpMethod method, string serviceUrl, string path, TBody? body, JsonTypeInfo<TBody>? bodyType,
        JsonTypeInfo<TResponse> responseType, bool repeatable, CancellationToken ct)
        where TResponse : class
    {
        try
        {
            return await CallWithRetriesAsync(method, serviceUrl, path, body, bodyType, responseType, repeatable, ct);
        }
        catch (ConnectorException ex)
        {
            FeedbackMetrics.ApiError("teams", FeedbackMetrics.RouteOf(method.Method, path), ex.Code ?? ex.Status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "network");
            throw;
        }
    }

    private async Task<TResponse?> CallWithRetriesAsync<TBody, TResponse>(
        HttpMethod method, string serviceUrl, string path, TBody? body, JsonTypeInfo<TBody>? bodyType,
        JsonTypeInfo<TResponse> responseType, bool repeatable, CancellationToken ct)
        where TResponse : class
    {
        if (!MayCall(serviceUrl))
        {
            // Never a request, let alone a token, to a URL this mode does not trust.
            throw new ConnectorException($"Refused to call the service URL {serviceUrl} in {options.Value.Mode} mode.", null, transient: false);
        }

        var t = timings.Value;
        var url = new Uri(new Uri(serviceUrl.EndsWith('/') ? serviceUrl : serviceUrl + "/"), path);
        var token = await tokens.GetTokenAsync(ct);
        var http = httpFactory.CreateClient(HttpClientName);
        var payload = body is null || bodyType is null ? null : JsonSerializer.Serialize(body, bodyType);

        for (var attempt = 0; ; attempt++)
        {
            var canRetry = attempt < t.MaxRetries;
            using var request = new HttpRequestMessage(method, url);
            if (payload is not null)
            {
                request.Content = new StringContent(payload, Encoding.UTF8, "application/json");
            }

            if (token is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            using var timeout = new CancellationTokenSource(t.CallTimeout, t.Clock);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, linked.Token);
            }
            catch (HttpRequestException ex) when (ex.HttpRequestError == HttpRequestError.ConnectionError || repeatable)
            {
                if (!canRetry)
                {
                    throw new ConnectorException($"Could not reach the connector: {ex.Message}", null, transient: true, ex);
                }

                await DelayAsync(Backoff(attempt, t), t, ct);
                continue;
            }
            catch (HttpRequestException ex)
            {
                throw new ConnectorException($"The connection dropped during {method} {path}.", null, transient: true, ex, maybeApplied: true);
            }
            catch (OperationCanceledException ex) when (!ct.IsCancellationRequested)
            {
                if (repeatable && canRetry)
                {
                    await DelayAsync(Backoff(attempt, t), t, ct);
                    continue;
                }

                throw new ConnectorException($"The connector did not answer {method} {path} in time.", null, transient: true, ex, maybeApplied: !repeatable);
            }

            using (response)
            {
                if (response.IsSuccessStatusCode)
                {
                    var text = await response.Content.ReadAsStringAsync(ct);
                    try
                    {
                        return text.Length == 0 ? null : JsonSerializer.Deserialize(text, responseType);
                    }
                    catch (JsonException ex)
                    {
                        throw new ConnectorException($"The connector answered {method} {path} with unreadable JSON.", (int)response.StatusCode, transient: true, ex);
                    }
                }

                var status = response.StatusCode;
                if (status == HttpStatusCode.TooManyRequests)
                {
                    FeedbackMetrics.ApiRateLimitedAnswer("teams", FeedbackMetrics.RouteOf(method.Method, path));
                }

                var (code, message) = await ErrorAsync(response, ct);
                if (Retryable.Contains(status) && canRetry && (repeatable || NothingDone.Contains(status)))
                {
                    var wait = RetryAfter(response) ?? Backoff(attempt, t);
                    if (wait <= t.MaxRetryAfter)
                    {
                        logger.LogInformation("Teams connector {Method} {Path}: {Status}, retrying in {Wait}", method, path, (int)status, wait);
                        await DelayAsync(wait, t, ct);
                        continue;
                    }
                }

                var transient = Retryable.Contains(status) || status == HttpStatusCode.Unauthorized || (int)status >= 500;
                var maybeApplied = !repeatable && (int)status >= 500 && !NothingDone.Contains(status);
                throw new ConnectorException($"The connector answered {(int)status} {code}: {message}", (int)status, transient, maybeApplied: maybeApplied, code: code);
            }
        }
    }

    /// <summary>The Bot Framework error shape <c>{"error":{"code","message"}}</c>; tolerant of anything else.</summary>
    private static async Task<(string? Code, string? Message)> ErrorAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            using var doc = JsonDocument.Parse(text);
            if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                return (Get(error, "code"), Get(error, "message"));
            }
        }
        catch (JsonException)
        {
        }

        return (null, response.ReasonPhrase);

        static string? Get(JsonElement e, string name) =>
            e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - DateTimeOffset.UtcNow is var d && d > TimeSpan.Zero ? d : TimeSpan.Zero,
            _ => null,
        };

    private static TimeSpan Backoff(int attempt, TeamsTimings t) =>
        t.RetryBaseDelay * Math.Pow(2, attempt) * (0.8 + Random.Shared.NextDouble() * 0.4);

    private static Task DelayAsync(TimeSpan wait, TeamsTimings t, CancellationToken ct) => Task.Delay(wait, t.Clock, ct);
}
