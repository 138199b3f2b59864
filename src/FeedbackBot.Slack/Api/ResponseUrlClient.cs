using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Slack.Api;

/// <summary>
/// Posts follow-ups to a <c>response_url</c> (slash commands and message buttons). No token: the URL is the
/// credential. Slack allows 5 uses within 30 minutes, so callers send one outcome, not progress chatter.
/// </summary>
/// <remarks>
/// A response_url comes from the request payload, so the bot would POST wherever a crafted payload says. It only
/// posts under <see cref="SlackOptions.ResponseUrlBase"/> (Slack's <c>https://hooks.slack.com/</c>); anything else
/// is dropped with a warning (https://api.slack.com/interactivity/handling#message_responses).
/// </remarks>
public sealed class ResponseUrlClient(HttpClient http, IOptions<SlackOptions> options, ILogger<ResponseUrlClient> logger)
{
    /// <summary>Best effort: a failed follow-up is logged; the stored feedback is unaffected.</summary>
    public async Task PostAsync(string? responseUrl, JsonObject message, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(responseUrl))
        {
            return;
        }

        if (!IsAllowed(responseUrl, options.Value.ResponseUrlBase, out var uri))
        {
            logger.LogWarning("Dropped a follow-up to a response_url outside {Base} (host {Host})",
                options.Value.ResponseUrlBase, uri?.Host ?? "unparsable");
            return;
        }

        try
        {
            using var response = await http.PostAsJsonAsync(uri, message, ct);
            if (!response.IsSuccessStatusCode)
            {
                logger.LogWarning("response_url answered {Status}", (int)response.StatusCode);
            }
        }
        catch (HttpRequestException ex)
        {
            logger.LogWarning(ex, "response_url post failed");
        }
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
