using FeedbackBot.Core.Ports;

namespace FeedbackBot.Slack.Inbound;

/// <summary>
/// Acts once per slash command, click or view submission. Slack does not retry these, but a double click, a
/// flaky client or anyone replaying a signed request within its 5-minute window sends the same identifiers again
/// (<c>trigger_id</c> of a command, the one-shot id inside a draft button, the <c>view.id</c> of a modal), so the
/// second arrival does nothing. A claim is given back when nothing was saved, so the person can simply retry.
/// </summary>
public sealed class ActOnce(IOnceStore once)
{
    // Longer than Slack's signature window and any double click; short enough not to pile up keys.
    private static readonly TimeSpan Ttl = TimeSpan.FromDays(1);

    /// <summary>True the first time (or when Slack gave no identifier to dedupe by).</summary>
    public Task<bool> TryClaimAsync(string kind, string? id, CancellationToken ct) =>
        string.IsNullOrEmpty(id) ? Task.FromResult(true) : once.TryClaimAsync(Key(kind, id), Ttl, ct);

    /// <summary>Gives the claim back after an attempt that saved nothing.</summary>
    public async Task ReleaseAsync(string kind, string? id)
    {
        if (!string.IsNullOrEmpty(id))
        {
            await once.ReleaseAsync(Key(kind, id), CancellationToken.None);
        }
    }

    private static string Key(string kind, string id) => $"slack:{kind}:{id}";
}
