namespace FeedbackBot.Slack.Api;

/// <summary>
/// A Web API call that did not succeed: <c>ok:false</c> (with Slack's error code), a non-2xx status after
/// retries, a timeout or a network failure. <see cref="Transient"/> says whether trying again later can help;
/// <see cref="MaybeApplied"/> says Slack may have acted although the call failed.
/// </summary>
public sealed class SlackApiException(
    string method,
    string error,
    bool transient,
    Exception? inner = null,
    bool maybeApplied = false,
    IReadOnlyList<string>? details = null)
    : Exception(Format(method, error, maybeApplied, details), inner)
{
    public string Method { get; } = method;

    /// <summary>
    /// Slack's error code (e.g. <c>channel_not_found</c>), or one of ours: <c>http_503</c>, <c>ratelimited</c>,
    /// <c>network</c>, <c>timeout</c>, <c>invalid_response</c>, <c>not_installed</c>.
    /// </summary>
    public string Error { get; } = error;

    public bool Transient { get; } = transient;

    /// <summary>
    /// True when the call is not safe to repeat (chat.postMessage has no idempotency key) and Slack may have
    /// applied it before failing: a timeout, a 5xx, or <c>internal_error</c>/<c>fatal_error</c>/<c>request_timeout</c>,
    /// which Slack documents as "it's possible some aspect of the operation succeeded"
    /// (https://docs.slack.dev/reference/methods/chat.postMessage#errors). The client never resends such a call;
    /// the caller checks (conversations.history) before sending again.
    /// </summary>
    public bool MaybeApplied { get; } = maybeApplied;

    /// <summary>
    /// Slack's <c>response_metadata.messages</c> (e.g. which block failed for <c>invalid_blocks</c>), empty when none.
    /// Already part of <see cref="Exception.Message"/> so a logged exception shows them.
    /// </summary>
    public IReadOnlyList<string> Details { get; } = details ?? [];

    /// <summary>
    /// The token no longer works for this workspace: the app was uninstalled, the token revoked, or the workspace
    /// deleted (<c>account_inactive</c> is about the token's owner, not about a message's recipient). Retrying
    /// cannot help until someone reinstalls the app.
    /// </summary>
    public bool IsTokenLost => IsTokenError(Error);

    // Errors Slack itself documents as temporary; every other ok:false code will fail the same way next time.
    private static readonly HashSet<string> TransientErrors =
        ["ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout", "timeout", "network", "invalid_response"];

    // https://docs.slack.dev/reference/methods/chat.postMessage#errors: not_authed (no token), invalid_auth
    // (bad token), account_inactive ("Authentication token is for a deleted user or workspace"), token_revoked,
    // token_expired (rotation). not_installed is ours: the token store has nothing for the workspace.
    private static readonly HashSet<string> TokenErrors =
        ["not_authed", "invalid_auth", "account_inactive", "token_revoked", "token_expired", "not_installed"];

    public static bool IsTransientError(string error) => TransientErrors.Contains(error) || error.StartsWith("http_5", StringComparison.Ordinal);

    public static bool IsTokenError(string error) => TokenErrors.Contains(error);

    private static string Format(string method, string error, bool maybeApplied, IReadOnlyList<string>? details)
    {
        var text = $"Slack {method} failed: {error}";
        if (maybeApplied)
        {
            text += " (Slack may have applied it)";
        }

        return details is { Count: > 0 } ? $"{text} [{string.Join("; ", details)}]" : text;
    }
}
