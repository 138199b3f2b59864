using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace FeedbackBot.Testing;

/// <summary>
/// Builds requests the way Slack sends them: form bodies, <c>payload=</c> interactivity, JSON events, all
/// signed with v0 HMAC-SHA256 at a given time. Written independently of the adapter's verifier on purpose.
/// </summary>
public static class SlackRequestSigner
{
    public static string Signature(string secret, long timestamp, string body)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"v0:{timestamp}:{body}"));
        return "v0=" + Convert.ToHexString(mac).ToLowerInvariant();
    }

    /// <summary>A signed POST; <paramref name="contentType"/> defaults to Slack's form encoding.</summary>
    public static HttpRequestMessage Signed(string path, string body, string secret, DateTimeOffset now,
        string contentType = "application/x-www-form-urlencoded")
    {
        var ts = now.ToUnixTimeSeconds();
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.Add("X-Slack-Request-Timestamp", ts.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("X-Slack-Signature", Signature(secret, ts, body));
        return request;
    }

    public static string Form(params (string Key, string Value)[] fields) =>
        string.Join("&", fields.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}"));

    /// <summary>A slash command body as Slack posts it.</summary>
    public static string CommandBody(string text, string userId = "U1", string teamId = "T1", string command = "/feedback",
        string? responseUrl = null, string? triggerId = null, string channelId = "C1") =>
        Form(("token", "deprecated"), ("team_id", teamId), ("team_domain", "acme"), ("channel_id", channelId),
            ("channel_name", "general"), ("user_id", userId), ("user_name", "someone"), ("command", command), ("text", text),
            ("response_url", responseUrl ?? "https://hooks.slack.com/commands/T1/1/x"), ("trigger_id", triggerId ?? NewTriggerId()), ("api_app_id", "A1"));

    /// <summary>Slack issues a fresh trigger_id for every invocation; tests get one too unless they pin it.</summary>
    public static string NewTriggerId() => $"{Random.Shared.NextInt64(100_000, 999_999)}.{Random.Shared.NextInt64(100_000, 999_999)}.{Guid.NewGuid():N}";

    /// <summary>An interactivity body: one form field, <c>payload</c>, holding the JSON.</summary>
    public static string InteractionBody(JsonObject payload) => Form(("payload", payload.ToJsonString()));
}
