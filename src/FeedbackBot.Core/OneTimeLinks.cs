using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;

namespace FeedbackBot.Core;

/// <summary>A freshly issued one-time link's token (a secret: send it privately, never log it) and its expiry.</summary>
public sealed record OneTimeLink(string Token, DateTimeOffset ExpiresAt);

/// <summary>Why a one-time link did or did not open.</summary>
public enum OneTimeLinkStatus
{
    Valid,
    /// <summary>Never issued, not a token at all, or already used.</summary>
    Unknown,
    Expired,
}

/// <summary>
/// Issues and redeems one-time links for every use (web sign-in, data export): 256 random bits as base64url in
/// the URL, only their SHA-256 stored (<see cref="IOneTimeLinkStore"/>), bound to one person, valid for the
/// lifetime the use asks for (checked against the injected clock), and used up by the first redeem.
/// </summary>
public sealed class OneTimeLinks(IOneTimeLinkStore store, TimeProvider time)
{
    /// <summary>
    /// How much longer than its link storage keeps a grant: expiry is checked against the bot's clock, so hosts whose
    /// clocks differ a little still see an expired link as expired (410) rather than unknown; the TTL only clears
    /// what nobody used.
    /// </summary>
    public static readonly TimeSpan StorageGrace = TimeSpan.FromMinutes(1);

    /// <summary>A new link for <paramref name="person"/>, valid for <paramref name="lifetime"/>.</summary>
    public async Task<OneTimeLink> IssueAsync(string purpose, PersonRef person, TimeSpan lifetime, CancellationToken ct)
    {
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var expiresAt = time.GetUtcNow() + lifetime;
        await store.SaveAsync(purpose, Hash(token)!, new OneTimeLinkGrant(person, expiresAt), lifetime + StorageGrace, ct);
        return new OneTimeLink(token, expiresAt);
    }

    /// <summary>Uses the link up: valid once, and only before it expires. An expired link is used up too.</summary>
    public async Task<(OneTimeLinkStatus Status, PersonRef? Person)> RedeemAsync(string purpose, string token, CancellationToken ct) =>
        Status(Hash(token) is { } hash ? await store.TakeAsync(purpose, hash, ct) : null);

    /// <summary>What <see cref="RedeemAsync"/> would say now, without using the link up (a page that only asks to continue).</summary>
    public async Task<(OneTimeLinkStatus Status, PersonRef? Person)> PeekAsync(string purpose, string token, CancellationToken ct) =>
        Status(Hash(token) is { } hash ? await store.PeekAsync(purpose, hash, ct) : null);

    /// <summary>
    /// The stored form of a token. Tokens are 43 base64url characters; anything else cannot be one, gets null and
    /// costs no storage round trip.
    /// </summary>
    public static string? Hash(string token) =>
        token.Length == 43 && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token)))
            : null;

    private (OneTimeLinkStatus Status, PersonRef? Person) Status(OneTimeLinkGrant? grant) =>
        grant is null ? (OneTimeLinkStatus.Unknown, null)
        : grant.ExpiresAt <= time.GetUtcNow() ? (OneTimeLinkStatus.Expired, null)
        : (OneTimeLinkStatus.Valid, grant.Person);
}
