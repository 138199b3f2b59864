using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FeedbackBot.Slack.Api;
using FeedbackBot.Slack.Inbound;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Slack.Install;

/// <summary>How a code exchange ended: an installation, or Slack's error code (ours: <c>network</c>, <c>http_…</c>, <c>invalid_response</c>).</summary>
public sealed record OAuthExchangeResult(SlackInstallation? Installation, string? Error);

/// <summary>
/// Trades the callback's <c>code</c> for a bot token with <c>oauth.v2.access</c> at <c>Slack:ApiBaseUrl</c>: the
/// client id and secret as HTTP Basic credentials (Slack asks for that over form fields), <c>code</c> and the same
/// <c>redirect_uri</c> as the authorize request in the form. Not retried: a code works once, so a second try
/// after an answer that got lost could only fail with <c>invalid_code</c>; the person starts the install again.
/// https://docs.slack.dev/reference/methods/oauth.v2.access
/// </summary>
public sealed class OAuthExchange(IHttpClientFactory http, IOptions<SlackOptions> options, TimeProvider time)
{
    public const string Method = "oauth.v2.access";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public async Task<OAuthExchangeResult> ExchangeAsync(string code, string redirectUri, CancellationToken ct)
    {
        var o = options.Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, Method)
        {
            Content = new FormUrlEncodedContent([new("code", code), new("redirect_uri", redirectUri)]),
        };
        // RFC 6749 §2.3.1: each part form-encoded, then "id:secret" in Base64.
        var credentials = $"{Uri.EscapeDataString(o.ClientId!)}:{Uri.EscapeDataString(o.ClientSecret!)}";
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Timeout);
        JsonObject? reply;
        try
        {
            using var response = await http.CreateClient(SlackApiClient.HttpClientName).SendAsync(request, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                return new OAuthExchangeResult(null, $"http_{(int)response.StatusCode}");
            }

            reply = await response.Content.ReadFromJsonAsync<JsonObject>(timeout.Token);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return new OAuthExchangeResult(null, "network");
        }
        catch (JsonException)
        {
            return new OAuthExchangeResult(null, "invalid_response");
        }

        if (reply?["ok"]?.GetValueKind() != JsonValueKind.True)
        {
            return new OAuthExchangeResult(null, Interaction.Str(reply?["error"]) ?? "invalid_response");
        }

        var isEnterprise = reply["is_enterprise_install"]?.GetValueKind() == JsonValueKind.True;
        var token = Interaction.Str(reply["access_token"]);
        var team = Interaction.Str(reply["team"]?["id"]);
        var enterprise = Interaction.Str(reply["enterprise"]?["id"]);
        if (token is null || (isEnterprise ? enterprise : team) is null)
        {
            return new OAuthExchangeResult(null, "invalid_response");
        }

        return new OAuthExchangeResult(new SlackInstallation(
            team,
            Interaction.Str(reply["team"]?["name"]),
            enterprise,
            Interaction.Str(reply["enterprise"]?["name"]),
            isEnterprise,
            token,
            Interaction.Str(reply["bot_user_id"]),
            Interaction.Str(reply["app_id"]),
            Interaction.Str(reply["authed_user"]?["id"]),
            (Interaction.Str(reply["scope"]) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries),
            time.GetUtcNow()), null);
    }
}
