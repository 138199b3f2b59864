using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Core.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Slack.Api;

/// <summary>
/// Typed client for Slack's Web API: <c>POST {ApiBaseUrl}{method}</c>, form-encoded arguments (see
/// <see cref="SlackForm"/> for why not JSON), bearer bot token in the Authorization header. Slack answers
/// HTTP 200 even on failure, so <c>ok</c> decides; <c>ok:false</c> becomes <see cref="SlackApiException"/> with
/// Slack's code and <c>response_metadata.messages</c>.
/// <para>
/// Retries depend on whether Slack may already have acted. 429 (Retry-After honoured) and a connection that
/// could not be made are retried for every method: Slack did nothing. A timeout, a 5xx or
/// <c>internal_error</c>/<c>fatal_error</c>/<c>request_timeout</c> are retried only for methods that are safe to
/// repeat (reads, conversations.open, views.publish/update); for chat.postMessage and the other
/// <see cref="IsUnrepeatable">unrepeatable</see> methods they end the call with
/// <see cref="SlackApiException.MaybeApplied"/>, and the caller verifies before sending again.
/// </para>
/// <para>
/// Hand-written rather than a Microsoft.Extensions.Http.Resilience pipeline: the retry decision needs the Slack
/// method and, for <c>ok:false</c>, the parsed body, and it must hold for every HttpClient the factory hands out
/// (the benchmark and unit tests build their own). A singleton: it asks the factory for a client per call, so
/// pooled handlers rotate as IHttpClientFactory intends.
/// </para>
/// </summary>
public sealed class SlackApiClient(
    IHttpClientFactory httpFactory,
    ISlackTokenStore tokens,
    IOptions<SlackTimings> timings,
    ILogger<SlackApiClient> logger,
    IAddressBook? addresses = null)
{
    /// <summary>The named HttpClient (base address <c>Slack:ApiBaseUrl</c>) this client sends through.</summary>
    public const string HttpClientName = "slack-api";

    /// <summary>The address-book kind under which a person's DM channel id is kept.</summary>
    public const string DmChannelKind = "slack.dm_channel";

    // Bounded so a huge workspace cannot grow the process without limit; when full it starts over, which costs
    // one address-book read per person, not a Slack call.
    private const int DmCacheCapacity = 50_000;

    // Methods with an effect Slack cannot deduplicate: posting twice shows two messages, and a trigger_id is
    // single-use. https://docs.slack.dev/reference/methods/chat.postMessage has no idempotency argument.
    private static readonly HashSet<string> Unrepeatable =
        ["chat.postMessage", "chat.postEphemeral", "chat.scheduleMessage", "chat.meMessage", "views.open", "views.push"];

    // Slack's own "some aspect may have succeeded" errors (https://docs.slack.dev/reference/methods/chat.postMessage#errors).
    private static readonly HashSet<string> UncertainErrors = ["internal_error", "fatal_error", "request_timeout", "service_unavailable"];

    private readonly ConcurrentDictionary<string, string> _dmChannels = new();
    private readonly ConcurrentDictionary<string, byte> _tokenLostLogged = new();

    /// <summary>True for methods that must not be sent twice when Slack may have applied the first attempt.</summary>
    public static bool IsUnrepeatable(string method) => Unrepeatable.Contains(method);

    /// <summary>Calls <paramref name="method"/> for workspace <paramref name="teamId"/>; returns the whole reply on ok:true.</summary>
    public Task<JsonObject> CallAsync(string teamId, string method, JsonObject args, CancellationToken ct) =>
        CallAsync(teamId, method, args, maxRetries: null, ct);

    /// <summary>
    /// As <see cref="CallAsync(string, string, JsonObject, CancellationToken)"/> with at most
    /// <paramref name="maxRetries"/> retries (null: <see cref="SlackTimings.MaxRetries"/>). UI refreshes pass 0: a
    /// stale update is dropped, never waited for.
    /// </summary>
    public async Task<JsonObject> CallAsync(string teamId, string method, JsonObject args, int? maxRetries, CancellationToken ct)
    {
        try
        {
            return await CallWithRetriesAsync(teamId, method, args, maxRetries, ct);
        }
        catch (SlackApiException ex)
        {
            FeedbackMetrics.ApiError("slack", method, ex.Error);
            throw;
        }
    }

    private async Task<JsonObject> CallWithRetriesAsync(string teamId, string method, JsonObject args, int? maxRetries, CancellationToken ct)
    {
        var token = await tokens.GetBotTokenAsync(teamId, ct);
        if (token is null)
        {
            throw TokenLost(teamId, new SlackApiException(method, "not_installed", transient: false));
        }

        var t = timings.Value;
        var repeatable = !IsUnrepeatable(method);
        var http = httpFactory.CreateClient(HttpClientName);

        for (var attempt = 0; ; attempt++)
        {
            var canRetry = attempt < (maxRetries ?? t.MaxRetries);

            // A fresh message per attempt: HttpRequestMessage cannot be sent twice.
            using var request = new HttpRequestMessage(HttpMethod.Post, method) { Content = SlackForm.Content(args) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var timeout = new CancellationTokenSource(t.CallTimeout, t.Clock);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);

            HttpResponseMessage response;
            JsonObject? reply = null;
            try
            {
                response = await http.SendAsync(request, linked.Token);
                try
                {
                    if (response.IsSuccessStatusCode)
                    {
                        // Inside the attempt's deadline: a body that never finishes is a timeout like any other.
                        reply = await ReadAsync(method, response, repeatable, linked.Token);
                    }
                }
                catch
                {
                    response.Dispose();
                    throw;
                }
            }
            catch (HttpRequestException ex) when (NeverSent(ex) || repeatable)
            {
                if (!canRetry)
                {
                    throw new SlackApiException(method, "network", transient: true, ex);
                }

                logger.LogInformation(ex, "Slack {Method}: network failure, retrying", method);
                await DelayAsync(Backoff(attempt, t), t, ct);
                continue;
            }
            catch (HttpRequestException ex)
            {
                // The request may have reached Slack (e.g. the connection dropped while waiting for the answer).
                throw new SlackApiException(method, "network", transient: true, ex, maybeApplied: true);
            }
            catch (OperationCanceledException ex) when (!ct.IsCancellationRequested)
            {
                // Our deadline (or HttpClient.Timeout), not the caller's cancellation.
                if (repeatable && canRetry)
                {
                    logger.LogInformation("Slack {Method}: no answer within {Timeout}, retrying", method, t.CallTimeout);
                    await DelayAsync(Backoff(attempt, t), t, ct);
                    continue;
                }

                throw new SlackApiException(method, "timeout", transient: true, ex, maybeApplied: !repeatable);
            }

            using (response)
            {
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    FeedbackMetrics.ApiRateLimitedAnswer("slack", method);
                    // https://docs.slack.dev/apis/web-api/rate-limits: 429 with Retry-After; nothing was done.
                    var wait = RetryAfter(response) ?? Backoff(attempt, t);
                    if (!canRetry || wait > t.MaxRetryAfter)
                    {
                        throw new SlackApiException(method, "ratelimited", transient: true);
                    }

                    logger.LogInformation("Slack {Method}: rate limited, waiting {Wait}", method, wait);
                    await DelayAsync(wait, t, ct);
                    continue;
                }

                if ((int)response.StatusCode >= 500)
                {
                    var error = $"http_{(int)response.StatusCode}";
                    if (repeatable && canRetry)
                    {
                        await DelayAsync(Backoff(attempt, t), t, ct);
                        continue;
                    }

                    throw new SlackApiException(method, error, transient: true, maybeApplied: !repeatable);
                }

                if (!response.IsSuccessStatusCode)
                {
                    throw new SlackApiException(method, $"http_{(int)response.StatusCode}", transient: false);
                }

                if (reply!["ok"]?.GetValueKind() == System.Text.Json.JsonValueKind.True)
                {
                    _tokenLostLogged.TryRemove(teamId, out _);
                    return reply;
                }

                var code = reply["error"] is JsonValue e && e.TryGetValue<string>(out var s) ? s : "unknown_error";
                var details = Messages(reply);
                if (code == "ratelimited" && canRetry)
                {
                    await DelayAsync(Backoff(attempt, t), t, ct);
                    continue;
                }

                if (UncertainErrors.Contains(code))
                {
                    if (repeatable && canRetry)
                    {
                        await DelayAsync(Backoff(attempt, t), t, ct);
                        continue;
                    }

                    throw new SlackApiException(method, code, transient: true, maybeApplied: !repeatable, details: details);
                }

                var failure = new SlackApiException(method, code, SlackApiException.IsTransientError(code), details: details);
                throw failure.IsTokenLost ? TokenLost(teamId, failure) : failure;
            }
        }
    }

    /// <summary>
    /// The DM channel with <paramref name="userId"/>: from the in-process cache, else the address book, else
    /// conversations.open (Tier 3), whose answer is remembered in both. A DM channel id never changes, so once
    /// known a DM costs one call.
    /// </summary>
    public async Task<string> OpenDmAsync(string teamId, string userId, CancellationToken ct)
    {
        var person = new PersonRef(Platform.Slack, teamId, userId);
        if (_dmChannels.TryGetValue(person.Key, out var cached))
        {
            return cached;
        }

        var stored = await TryAddressBookAsync(() => addresses!.GetAsync(person, DmChannelKind, ct));
        if (stored is not null)
        {
            Remember(person, stored);
            return stored;
        }

        // conversations.open returns the existing DM when there is one: safe to repeat.
        var reply = await CallAsync(teamId, "conversations.open", new JsonObject { ["users"] = userId }, ct);
        var channel = reply["channel"]?["id"]?.GetValue<string>()
            ?? throw new SlackApiException("conversations.open", "invalid_response", transient: true);
        Remember(person, channel);
        await TryAddressBookAsync(async () =>
        {
            await addresses!.SetAsync(person, DmChannelKind, channel, ct);
            return "";
        });
        return channel;
    }

    /// <summary>Posts a message; <paramref name="fallbackText"/> must already be escaped (it shows in notifications).</summary>
    public Task<string> PostMessageAsync(string teamId, string channel, string fallbackText, JsonArray? blocks, CancellationToken ct) =>
        PostMessageAsync(teamId, channel, fallbackText, blocks, metadata: null, ct);

    /// <summary>
    /// Posts a message carrying <paramref name="metadata"/> (<c>{event_type, event_payload}</c>), invisible to
    /// people and readable with conversations.history <c>include_all_metadata</c>
    /// (https://docs.slack.dev/messaging/message-metadata). Returns the message's <c>ts</c>.
    /// </summary>
    public async Task<string> PostMessageAsync(string teamId, string channel, string fallbackText, JsonArray? blocks, JsonObject? metadata, CancellationToken ct)
    {
        var args = new JsonObject { ["channel"] = channel, ["text"] = fallbackText, ["unfurl_links"] = false };
        if (blocks is not null)
        {
            args["blocks"] = blocks;
        }

        if (metadata is not null)
        {
            args["metadata"] = metadata;
        }

        var reply = await CallAsync(teamId, "chat.postMessage", args, ct);
        return reply["ts"]?.GetValue<string>() ?? "";
    }

    /// <summary>Sends a DM: the DM channel (usually known already, see <see cref="OpenDmAsync"/>), then chat.postMessage.</summary>
    public Task<(string Channel, string Ts)> SendDmAsync(string teamId, string userId, string fallbackText, JsonArray? blocks, CancellationToken ct) =>
        SendDmAsync(teamId, userId, fallbackText, blocks, metadata: null, ct);

    /// <summary>Like <see cref="SendDmAsync(string, string, string, JsonArray?, CancellationToken)"/>, with message metadata.</summary>
    public async Task<(string Channel, string Ts)> SendDmAsync(string teamId, string userId, string fallbackText, JsonArray? blocks, JsonObject? metadata, CancellationToken ct)
    {
        var channel = await OpenDmAsync(teamId, userId, ct);
        try
        {
            return (channel, await PostMessageAsync(teamId, channel, fallbackText, blocks, metadata, ct));
        }
        catch (SlackApiException ex) when (ex.Error == "channel_not_found")
        {
            // A remembered channel Slack no longer knows (e.g. the workspace was migrated): nothing was posted, so
            // forget it, open the DM afresh and post once more.
            await ForgetDmAsync(teamId, userId, ct);
            channel = await OpenDmAsync(teamId, userId, ct);
            return (channel, await PostMessageAsync(teamId, channel, fallbackText, blocks, metadata, ct));
        }
    }

    public Task<JsonObject> OpenViewAsync(string teamId, string triggerId, JsonObject view, CancellationToken ct) =>
        CallAsync(teamId, "views.open", new JsonObject { ["trigger_id"] = triggerId, ["view"] = view }, ct);

    /// <summary>
    /// Replaces a view. Passing Slack's <c>hash</c> makes a stale update fail (hash_conflict) instead of clobbering.
    /// <paramref name="live"/>: a refresh while the person types — no retries, a 429 drops it (views.update is Tier 4).
    /// </summary>
    public Task<JsonObject> UpdateViewAsync(string teamId, string viewId, string? hash, JsonObject view, CancellationToken ct, bool live = false)
    {
        var args = new JsonObject { ["view_id"] = viewId, ["view"] = view };
        if (!string.IsNullOrEmpty(hash))
        {
            args["hash"] = hash;
        }

        return CallAsync(teamId, "views.update", args, live ? 0 : null, ct);
    }

    public Task<JsonObject> PublishHomeAsync(string teamId, string userId, JsonObject view, CancellationToken ct) =>
        CallAsync(teamId, "views.publish", new JsonObject { ["user_id"] = userId, ["view"] = view }, ct);

    /// <summary>
    /// users.info's <c>user</c> object, with the person's <c>locale</c>: Slack leaves it out unless asked with
    /// <c>include_locale=true</c> (https://docs.slack.dev/reference/methods/users.info).
    /// </summary>
    public async Task<JsonObject> GetUserAsync(string teamId, string userId, CancellationToken ct)
    {
        var reply = await CallAsync(teamId, "users.info", new JsonObject { ["user"] = userId, ["include_locale"] = "true" }, ct);
        return reply["user"] as JsonObject ?? throw new SlackApiException("users.info", "invalid_response", transient: true);
    }

    private async Task ForgetDmAsync(string teamId, string userId, CancellationToken ct)
    {
        var person = new PersonRef(Platform.Slack, teamId, userId);
        _dmChannels.TryRemove(person.Key, out _);
        await TryAddressBookAsync(async () =>
        {
            await addresses!.RemoveAsync(person, DmChannelKind, ct);
            return "";
        });
    }

    private void Remember(PersonRef person, string channel)
    {
        if (_dmChannels.Count >= DmCacheCapacity)
        {
            _dmChannels.Clear();
        }

        _dmChannels[person.Key] = channel;
    }

    // The address book only saves calls: when storage is missing (unit tests, the benchmark) or failing, the DM
    // still goes out through conversations.open.
    private async Task<string?> TryAddressBookAsync(Func<Task<string?>> action)
    {
        if (addresses is null)
        {
            return null;
        }

        try
        {
            return await action();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Address book unavailable; asking Slack instead");
            return null;
        }
    }

    private SlackApiException TokenLost(string teamId, SlackApiException ex)
    {
        // Every later call for this workspace fails the same way until the app is reinstalled: one error line,
        // not one per message.
        if (_tokenLostLogged.TryAdd(teamId, 0))
        {
            logger.LogError("Slack workspace {TeamId}: the app's token no longer works ({Error}); reinstall the app. Nothing is sent there until then.",
                teamId, ex.Error);
        }

        return ex;
    }

    private static async Task<JsonObject> ReadAsync(string method, HttpResponseMessage response, bool repeatable, CancellationToken ct)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<JsonObject>(ct)
                ?? throw new SlackApiException(method, "invalid_response", transient: true, maybeApplied: !repeatable);
        }
        catch (System.Text.Json.JsonException ex)
        {
            // A 200 whose body we cannot read: Slack may well have acted.
            throw new SlackApiException(method, "invalid_response", transient: true, ex, maybeApplied: !repeatable);
        }
    }

    private static IReadOnlyList<string> Messages(JsonObject reply) =>
        reply["response_metadata"]?["messages"] is JsonArray messages
            ? messages.Select(m => m is JsonValue v && v.TryGetValue<string>(out var s) ? s : m?.ToJsonString() ?? "").ToArray()
            : [];

    // Only failures before any byte left: no connection, no name, no TLS. HttpRequestError (.NET 8+) says which.
    private static bool NeverSent(HttpRequestException ex) =>
        ex.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError;

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter?.Delta is { } delta)
        {
            return delta;
        }

        return response.Headers.TryGetValues("Retry-After", out var values)
            && int.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var s)
            ? TimeSpan.FromSeconds(s)
            : null;
    }

    private static Task DelayAsync(TimeSpan wait, SlackTimings t, CancellationToken ct) =>
        wait <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(wait, t.Clock, ct);

    // Exponential with a little jitter so many hosts retrying together do not hit Slack in lockstep.
    private static TimeSpan Backoff(int attempt, SlackTimings t) =>
        t.RetryBaseDelay * Math.Pow(2, attempt) * (0.8 + Random.Shared.NextDouble() * 0.4);
}
