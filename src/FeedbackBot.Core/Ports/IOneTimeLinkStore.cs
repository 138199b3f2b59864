using FeedbackBot.Core.People;

namespace FeedbackBot.Core.Ports;

/// <summary>What a stored one-time link opens: the person it was issued to, and until when it works.</summary>
public sealed record OneTimeLinkGrant(PersonRef Person, DateTimeOffset ExpiresAt);

/// <summary>
/// One-time links (web sign-in, data export), stored by the SHA-256 of their token: storage never holds a token
/// that works. Each use names its <c>purpose</c> (a key space such as <c>export</c>), so a token issued for one use
/// can never open another. <see cref="OneTimeLinks"/> issues, hashes and checks expiry; this port only keeps grants.
/// </summary>
public interface IOneTimeLinkStore
{
    /// <summary>Stores a grant under its token's hash; storage may forget it once <paramref name="keepFor"/> has passed.</summary>
    Task SaveAsync(string purpose, string tokenHash, OneTimeLinkGrant grant, TimeSpan keepFor, CancellationToken ct);

    /// <summary>Reads a grant without using it up (a page that only offers to continue); null when there is none.</summary>
    Task<OneTimeLinkGrant?> PeekAsync(string purpose, string tokenHash, CancellationToken ct);

    /// <summary>Returns and removes the grant in one atomic step (two uses at once: one wins); null when there is none.</summary>
    Task<OneTimeLinkGrant?> TakeAsync(string purpose, string tokenHash, CancellationToken ct);
}
