using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace FeedbackBot.Slack.Http;

/// <summary>Why a request failed the signature gate (logged, never shown to the caller).</summary>
public enum SignatureFailure
{
    None,
    MissingHeaders,
    BadTimestamp,
    OutsideWindow,
    Mismatch,
}

/// <summary>
/// Slack's v0 request signature: <c>v0=hex(HMAC-SHA256(secret, "v0:{ts}:{raw body}"))</c>.
/// Unlike SlackNet we check the timestamp's age (replay window) and compare in fixed time.
/// </summary>
public static class SlackSignature
{
    public const string TimestampHeader = "X-Slack-Request-Timestamp";
    public const string SignatureHeader = "X-Slack-Signature";

    /// <summary>Slack's documented replay window: 5 minutes either way.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    /// <summary>The header value Slack would send for <paramref name="body"/> at <paramref name="timestamp"/>.</summary>
    public static string Compute(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"v0:{timestamp}:");
        var data = new byte[prefix.Length + body.Length];
        prefix.CopyTo(data, 0);
        body.CopyTo(data.AsSpan(prefix.Length));
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), data);
        return "v0=" + Convert.ToHexStringLower(mac);
    }

    /// <summary>
    /// The checks that need no body: both headers present, a numeric timestamp inside the window and a signature
    /// shaped like <c>v0=</c> plus 64 hex digits. Run before reading the body, so garbage costs nothing.
    /// </summary>
    public static SignatureFailure CheckHeaders(string? timestamp, string? signature, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature))
        {
            return SignatureFailure.MissingHeaders;
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return SignatureFailure.BadTimestamp;
        }

        // Both directions: a far-future timestamp is as suspicious as a stale one.
        if (Math.Abs(now.ToUnixTimeSeconds() - seconds) > (long)Window.TotalSeconds)
        {
            return SignatureFailure.OutsideWindow;
        }

        return signature.Length == SignatureLength && signature.StartsWith("v0=", StringComparison.Ordinal)
            && signature.AsSpan(3).ContainsAnyExcept(HexDigits) is false
            ? SignatureFailure.None
            : SignatureFailure.Mismatch;
    }

    /// <summary>Checks headers, window and HMAC. Every failure is the same 401 to the caller.</summary>
    public static SignatureFailure Verify(
        string secret, string? timestamp, string? signature, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        var early = CheckHeaders(timestamp, signature, now);
        if (early != SignatureFailure.None)
        {
            return early;
        }

        var expected = Encoding.ASCII.GetBytes(Compute(secret, timestamp!, body));
        var actual = Encoding.ASCII.GetBytes(signature!);
        // FixedTimeEquals returns false at once for different lengths; that leaks only the length, which is public.
        return CryptographicOperations.FixedTimeEquals(expected, actual) ? SignatureFailure.None : SignatureFailure.Mismatch;
    }

    // "v0=" + hex(SHA-256) = 3 + 64 characters.
    private const int SignatureLength = 67;

    private static readonly System.Buffers.SearchValues<char> HexDigits =
        System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");
}
