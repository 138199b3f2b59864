namespace FeedbackBot.Slack.Api;

/// <summary>
/// A Web API call that did not succeed: <c>ok:false</c> (with Slack's error code), a non-2xx status after
/// retries, or a network failure. <see cref="Transient"/> says whether trying again later can help.
/// </summary>
public sealed class SlackApiException(string method, string error, bool transient, Exception? inner = null)
    : Exception($"Slack {method} failed: {error}", inner)
{
    public string Method { get; } = method;

    /// <summary>Slack's error code (e.g. <c>channel_not_found</c>), or <c>http_503</c>, <c>ratelimited</c>, <c>network</c>, <c>timeout</c>.</summary>
    public string Error { get; } = error;

    public bool Transient { get; } = transient;

    // Errors Slack itself documents as temporary; every other ok:false code will fail the same way next time.
    private static readonly HashSet<string> TransientErrors =
        ["ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout"];

    public static bool IsTransientError(string error) => TransientErrors.Contains(error) || error.StartsWith("http_5", StringComparison.Ordinal);
}
