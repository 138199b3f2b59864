using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Slack.Api;

/// <summary>
/// Typed client for Slack's Web API (<c>POST {ApiBaseUrl}{method}</c>, JSON body, bearer bot token).
/// Slack answers HTTP 200 even on failure, so <c>ok</c> decides; <c>ok:false</c> becomes
/// <see cref="SlackApiException"/>. 429 honours Retry-After; 5xx and network failures back off; other
/// statuses are not retried. A singleton: it asks the factory for a client per call, so pooled handlers
/// rotate as IHttpClientFactory intends.
/// </summary>
public sealed class SlackApiClient(
    IHttpClientFactory httpFactory,
    ISlackTokenStore tokens,
    IOptions<SlackTimings> timings,
    ILogger<SlackApiClient> logger)
{
    /// <summary>The named HttpClient (base address <c>Slack:ApiBaseUrl</c>) this client sends through.</summary>
    public const string HttpClientName = "slack-api";

    /// <summary>Calls <paramref name="method"/> for workspace <paramref name="teamId"/>; returns the whole reply on ok:true.</summary>
    public async Task<JsonObject> CallAsync(string teamId, string method, JsonObject args, CancellationToken ct)
    {
        var token = await tokens.GetBotTokenAsync(teamId, ct)
            ?? throw new SlackApiException(method, "not_installed", transient: false);
        var body = args.ToJsonString();
        var t = timings.Value;
        var http = httpFactory.CreateClient(HttpClientName);

        for (var attempt = 0; ; attempt++)
        {
            // A fresh message per attempt: HttpRequestMessage cannot be sent twice.
            using var request = new HttpRequestMessage(HttpMethod.Post, method)
            {
                Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, ct);
            }
            catch (HttpRequestException ex) when (attempt < t.MaxRetries)
            {
                logger.LogInformation(ex, "Slack {Method}: network failure, retrying", method);
                await Task.Delay(Backoff(attempt, t), ct);
                continue;
            }
            catch (HttpRequestException ex)
            {
                throw new SlackApiException(method, "network", transient: true, ex);
            }
            catch (TaskCanceledException ex) when (!ct.IsCancellationRequested)
            {
                // HttpClient.Timeout, not the caller: worth another try later.
                throw new SlackApiException(method, "timeout", transient: true, ex);
            }

            using (response)
            {
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    var wait = RetryAfter(response) ?? Backoff(attempt, t);
                    if (attempt >= t.MaxRetries || wait > t.MaxRetryAfter)
                    {
                        throw new SlackApiException(method, "ratelimited", transient: true);
                    }

                    logger.LogInformation("Slack {Method}: rate limited, waiting {Wait}", method, wait);
                    await Task.Delay(wait, ct);
                    continue;
                }

                if ((int)response.StatusCode >= 500)
                {
                    if (attempt >= t.MaxRetries)
                    {
                        throw new SlackApiException(method, $"http_{(int)response.StatusCode}", transient: true);
                    }

                    await Task.Delay(Backoff(attempt, t), ct);
                    continue;
                }

                if (!response.IsSuccessStatusCode)
                {
                    throw new SlackApiException(method, $"http_{(int)response.StatusCode}", transient: false);
                }

                JsonObject? reply;
                try
                {
                    reply = await response.Content.ReadFromJsonAsync<JsonObject>(ct);
                }
                catch (System.Text.Json.JsonException ex)
                {
                    throw new SlackApiException(method, "invalid_response", transient: true, ex);
                }

                if (reply is null || reply["ok"]?.GetValue<bool>() != true)
                {
                    var error = reply?["error"]?.GetValue<string>() ?? "unknown_error";
                    throw new SlackApiException(method, error, SlackApiException.IsTransientError(error));
                }

                return reply;
            }
        }
    }

    /// <summary>Opens (or finds) the DM with <paramref name="userId"/> and returns its channel id.</summary>
    public async Task<string> OpenDmAsync(string teamId, string userId, CancellationToken ct)
    {
        var reply = await CallAsync(teamId, "conversations.open", new JsonObject { ["users"] = userId }, ct);
        return reply["channel"]?["id"]?.GetValue<string>()
            ?? throw new SlackApiException("conversations.open", "invalid_response", transient: true);
    }

    /// <summary>Posts a message; <paramref name="fallbackText"/> must already be escaped (it shows in notifications).</summary>
    public async Task<string> PostMessageAsync(string teamId, string channel, string fallbackText, JsonArray? blocks, CancellationToken ct)
    {
        var args = new JsonObject { ["channel"] = channel, ["text"] = fallbackText, ["unfurl_links"] = false };
        if (blocks is not null)
        {
            args["blocks"] = blocks;
        }

        var reply = await CallAsync(teamId, "chat.postMessage", args, ct);
        return reply["ts"]?.GetValue<string>() ?? "";
    }

    /// <summary>Sends a DM: conversations.open then chat.postMessage.</summary>
    public async Task<(string Channel, string Ts)> SendDmAsync(string teamId, string userId, string fallbackText, JsonArray? blocks, CancellationToken ct)
    {
        var channel = await OpenDmAsync(teamId, userId, ct);
        var ts = await PostMessageAsync(teamId, channel, fallbackText, blocks, ct);
        return (channel, ts);
    }

    public Task<JsonObject> OpenViewAsync(string teamId, string triggerId, JsonObject view, CancellationToken ct) =>
        CallAsync(teamId, "views.open", new JsonObject { ["trigger_id"] = triggerId, ["view"] = view }, ct);

    /// <summary>Replaces a view. Passing Slack's <c>hash</c> makes a stale update fail (hash_conflict) instead of clobbering.</summary>
    public Task<JsonObject> UpdateViewAsync(string teamId, string viewId, string? hash, JsonObject view, CancellationToken ct)
    {
        var args = new JsonObject { ["view_id"] = viewId, ["view"] = view };
        if (!string.IsNullOrEmpty(hash))
        {
            args["hash"] = hash;
        }

        return CallAsync(teamId, "views.update", args, ct);
    }

    public Task<JsonObject> PublishHomeAsync(string teamId, string userId, JsonObject view, CancellationToken ct) =>
        CallAsync(teamId, "views.publish", new JsonObject { ["user_id"] = userId, ["view"] = view }, ct);

    /// <summary>users.info's <c>user</c> object.</summary>
    public async Task<JsonObject> GetUserAsync(string teamId, string userId, CancellationToken ct)
    {
        var reply = await CallAsync(teamId, "users.info", new JsonObject { ["user"] = userId }, ct);
        return reply["user"] as JsonObject ?? throw new SlackApiException("users.info", "invalid_response", transient: true);
    }

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

    // Exponential with a little jitter so many hosts retrying together do not hit Slack in lockstep.
    private static TimeSpan Backoff(int attempt, SlackTimings t) =>
        t.RetryBaseDelay * Math.Pow(2, attempt) * (0.8 + Random.Shared.NextDouble() * 0.4);
}
