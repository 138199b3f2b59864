using System.Buffers.Text;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Core.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Slack.Api;

/// <summary>
/// Posts follow-ups to a <c>response_url</c> (slash commands and message buttons). No token: the URL is the
/// credential. Slack accepts at most <see cref="MaxUses"/> posts to one URL within <see cref="Lifetime"/> of the
/// interaction (https://api.slack.com/interactivity/handling#message_responses); this client keeps that budget
/// across hosts and, when it is spent, expired or Slack refuses the URL, says the same thing by DM instead.
/// </summary>
/// <remarks>
/// A response_url comes from the request payload, so the bot would POST wherever a crafted payload says. It only
/// posts under <see cref="SlackOptions.ResponseUrlBase"/> (Slack's <c>https://hooks.slack.com/</c>); anything else
/// is dropped with a warning (https://api.slack.com/interactivity/handling#message_responses).
/// </remarks>
public sealed class ResponseUrlClient(
    HttpClient http,
    IOptions<SlackOptions> options,
    IOnceStore once,
    SlackApiClient slack,
    ILogger<ResponseUrlClient> logger)
{
    /// <summary>Posts Slack accepts per response_url.</summary>
    public const int MaxUses = 5;

    /// <summary>How long after the interaction Slack accepts posts to its response_url.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    // The clock starts at the first use, which follows its interaction within the ack budget (seconds); the margin
    // keeps the last uses safely inside Slack's 30 minutes even if the first one came late.
    private static readonly TimeSpan Window = Lifetime - TimeSpan.FromMinutes(2);

    // Longer than any window, so a used-up or expired URL stays known as such.
    private static readonly TimeSpan Memory = TimeSpan.FromDays(1);

    /// <summary>Best effort: a failed follow-up is logged; the stored feedback is unaffected.</summary>
    public Task PostAsync(string? responseUrl, JsonObject message, CancellationToken ct) =>
        PostAsync(responseUrl, owner: null, message, ct);

    /// <summary>
    /// Like <see cref="PostAsync(string?, JsonObject, CancellationToken)"/>; when there is no URL (App Home buttons,
    /// shortcuts, view submissions), its budget is spent or expired, or Slack refuses it, the message goes to
    /// <paramref name="owner"/> (the person who interacted) by DM.
    /// </summary>
    public async Task PostAsync(string? responseUrl, PersonRef? owner, JsonObject message, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(responseUrl))
        {
            await SendByDmAsync(owner, message, "missing", ct);
            return;
        }

        if (!IsAllowed(responseUrl, options.Value.ResponseUrlBase, out var uri))
        {
            logger.LogWarning("Dropped a follow-up to a response_url outside {Base} (host {Host})",
                options.Value.ResponseUrlBase, uri?.Host ?? "unparsable");
            return;
        }

        string? refusal;
        try
        {
            refusal = await TryUseAsync(responseUrl, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // The count only keeps us inside Slack's budget; when storage cannot say, posting anyway costs at most
            // Slack's 404 (then the DM below). A person told "I'll answer here" must hear back while storage stalls.
            logger.LogWarning(RepeatedFailure.Of(ex), "Could not count this response_url's uses; posting the follow-up anyway");
            refusal = null;
        }

        if (refusal is null)
        {
            try
            {
                using var response = await http.PostAsJsonAsync(uri, message, ct);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                // Slack answers a used-up or expired URL with a 404 and a one-word body.
                refusal = $"{(int)response.StatusCode} {await ReadShortAsync(response, ct)}";
                logger.LogWarning("response_url answered {Refusal}", refusal);
                if (response.StatusCode != System.Net.HttpStatusCode.NotFound)
                {
                    return;
                }
            }
            catch (HttpRequestException ex)
            {
                // Slack unreachable or the connection dropped: the DM goes through the Web API's own retries.
                logger.LogWarning(ex, "response_url post failed");
                refusal = "unreachable";
            }
        }

        await SendByDmAsync(owner, message, refusal, ct);
    }

    /// <summary>
    /// Takes one of the URL's uses, counted in <see cref="IOnceStore"/> so every host sees the same count; keys are a
    /// hash of the URL (the URL is a credential). Returns why it may not be used, or null when it may.
    /// </summary>
    private async Task<string?> TryUseAsync(string responseUrl, CancellationToken ct)
    {
        var key = "slack:response_url:" + Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(responseUrl)))[..22];
        // The first use is the usual one (a give's late answer): its three claims go out together, one round trip
        // instead of three. The answer is the one asking in turn would give: the first use is claimed with the URL's
        // first sighting, so a URL seen before has its first use taken already, and an expired one is refused
        // before its uses count.
        var alive = once.TryClaimAsync(key + ":alive", Window, ct);
        var seen = once.TryClaimAsync(key + ":seen", Memory, ct);
        var first = once.TryClaimAsync(key + ":use:1", Memory, ct);
        await Task.WhenAll(alive, seen, first);
        if (!seen.Result && alive.Result)
        {
            // Seen before but no longer alive: the window has passed. Give the claim back, so it stays expired.
            await once.ReleaseAsync(key + ":alive", ct);
            return "expired";
        }

        if (first.Result)
        {
            return null;
        }

        for (var use = 2; use <= MaxUses; use++)
        {
            if (await once.TryClaimAsync($"{key}:use:{use}", Memory, ct))
            {
                return null;
            }
        }

        return "used up";
    }

    private async Task SendByDmAsync(PersonRef? owner, JsonObject message, string why, CancellationToken ct)
    {
        // Deleting or replacing a message in place has no DM equivalent; a message that only did that is done.
        var text = message["text"] is JsonValue value && value.TryGetValue<string>(out var t) ? t : null;
        if (owner is null || (string.IsNullOrEmpty(text) && message["blocks"] is not JsonArray))
        {
            logger.LogInformation("A follow-up was not sent: its response_url is {Why} and there is no DM for it", why);
            return;
        }

        try
        {
            var blocks = message["blocks"] is JsonArray b ? (JsonArray)b.DeepClone() : null;
            await slack.SendDmAsync(owner.WorkspaceId, owner.UserId, text ?? "", blocks, ct);
        }
        catch (SlackApiException ex)
        {
            logger.LogWarning(ex, "A follow-up whose response_url is {Why} could not go by DM either", why);
        }
    }

    private static async Task<string> ReadShortAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var body = await response.Content.ReadAsStringAsync(ct);
        return body.Length > 40 ? body[..40] : body;
    }

    /// <summary>True when <paramref name="url"/> is under <paramref name="baseUrl"/>: same scheme, host and port, path below it, no user info.</summary>
    public static bool IsAllowed(string url, string baseUrl, out Uri? uri)
    {
        uri = Uri.TryCreate(url, UriKind.Absolute, out var parsed) ? parsed : null;
        return uri is not null && IsBase(baseUrl) && new Uri(baseUrl) is var root
            && uri.Scheme == root.Scheme
            && string.Equals(uri.IdnHost, root.IdnHost, StringComparison.OrdinalIgnoreCase)
            && uri.Port == root.Port
            && uri.UserInfo.Length == 0
            && uri.AbsolutePath.StartsWith(root.AbsolutePath, StringComparison.Ordinal);
    }

    /// <summary>An absolute http(s) URL ending with a slash, so "https://hooks.slack.com.evil/" can't pass as a prefix.</summary>
    public static bool IsBase(string? baseUrl) =>
        Uri.TryCreate(baseUrl, UriKind.Absolute, out var b) && (b.Scheme == Uri.UriSchemeHttps || b.Scheme == Uri.UriSchemeHttp)
        && b.AbsolutePath.EndsWith('/') && b.Query.Length == 0;
}
