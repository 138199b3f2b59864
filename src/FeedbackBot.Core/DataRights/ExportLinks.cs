using System.Security.Cryptography;
using System.Text;
using FeedbackBot.Core.People;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Core.DataRights;

/// <summary>A stored export link: whose export it opens and until when.</summary>
public sealed record ExportLinkGrant(PersonRef Person, DateTimeOffset ExpiresAt);

/// <summary>
/// One-time export links, stored by the SHA-256 of their token (storage never holds a token that works), each
/// taken at most once. Implementations expire entries on their own a little after <see cref="ExportLinkGrant.ExpiresAt"/>.
/// </summary>
public interface IExportLinkStore
{
    Task SaveAsync(string tokenHash, ExportLinkGrant grant, CancellationToken ct);

    /// <summary>Returns and removes the grant in one atomic step (two clicks at once: one wins); null when there is none.</summary>
    Task<ExportLinkGrant?> TakeAsync(string tokenHash, CancellationToken ct);
}

/// <summary>Why a link did not open an export.</summary>
public enum ExportLinkStatus
{
    Valid,
    /// <summary>Never issued, or already used.</summary>
    Unknown,
    Expired,
}

/// <summary>
/// Issues and redeems export links: 256 random bits as base64url in the URL, only its hash stored, bound to one
/// person, single-use, valid for <see cref="DataRightsOptions.ExportLinkLifetime"/>. The URL carries no feedback
/// text and no person id.
/// </summary>
public sealed class ExportLinks(IExportLinkStore store, IOptions<DataRightsOptions> options, TimeProvider time)
{
    public const string PathPrefix = "/export/";

    /// <summary>A new link for <paramref name="person"/>; null when <see cref="DataRightsOptions.PublicUrl"/> is not set.</summary>
    public async Task<(string Url, DateTimeOffset ExpiresAt)?> CreateAsync(PersonRef person, CancellationToken ct)
    {
        var baseUrl = options.Value.PublicUrl.TrimEnd('/');
        if (baseUrl.Length == 0)
        {
            return null;
        }

        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        var expiresAt = time.GetUtcNow() + options.Value.ExportLinkLifetime;
        await store.SaveAsync(Hash(token), new ExportLinkGrant(person, expiresAt), ct);
        return ($"{baseUrl}{PathPrefix}{token}", expiresAt);
    }

    /// <summary>Uses the link up: valid once, and only before it expires.</summary>
    public async Task<(ExportLinkStatus Status, PersonRef? Person)> RedeemAsync(string token, CancellationToken ct)
    {
        // Tokens are 43 base64url characters; anything else cannot be one and costs no storage round trip.
        if (token.Length != 43 || !token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return (ExportLinkStatus.Unknown, null);
        }

        var grant = await store.TakeAsync(Hash(token), ct);
        if (grant is null)
        {
            return (ExportLinkStatus.Unknown, null);
        }

        return grant.ExpiresAt <= time.GetUtcNow() ? (ExportLinkStatus.Expired, null) : (ExportLinkStatus.Valid, grant.Person);
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
