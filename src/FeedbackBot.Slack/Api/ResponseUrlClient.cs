using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace FeedbackBot.Slack.Api;

/// <summary>
/// Posts follow-ups to a <c>response_url</c> (slash commands and message buttons). No token: the URL is the
/// credential. Slack allows 5 uses within 30 minutes, so callers send one outcome, not progress chatter.
/// </summary>
public sealed class ResponseUrlClient(HttpClient http, ILogger<ResponseUrlClient> logger)
{
    /// <summary>Best effort: a failed follow-up is logged; the stored feedback is unaffected.</summary>
    public async Task PostAsync(string? responseUrl, JsonObject message, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(responseUrl) || !Uri.TryCreate(responseUrl, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
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
}
