using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FeedbackBot.Core.Ports;
using Microsoft.AspNetCore.DataProtection;

namespace FeedbackBot.Slack.Install;

/// <summary>Why a callback's <c>state</c> was refused, or <see cref="Valid"/>.</summary>
public enum OAuthStateCheck
{
    Valid,
    /// <summary>No state in the URL or no state cookie (another browser, cookies blocked, a bookmarked callback).</summary>
    Missing,
    /// <summary>The URL's state is not the cookie's, or it was not issued by us (Data Protection refuses it).</summary>
    Forged,
    /// <summary>Issued longer ago than <see cref="OAuthState.Lifetime"/>.</summary>
    Expired,
    /// <summary>Already used once: a callback URL played again.</summary>
    Replayed,
}

/// <summary>
/// The OAuth <c>state</c>: CSRF protection for the install callback (https://docs.slack.dev/authentication/installing-with-oauth,
/// RFC 6749 §10.12). A random nonce and its issue time, protected with ASP.NET Core Data Protection (so nobody
/// can mint one), handed to Slack in the authorize URL and set as a short-lived, HttpOnly, SameSite=Lax cookie
/// in the same browser. The callback accepts it only when URL and cookie agree, it is younger than
/// <see cref="Lifetime"/> (by the injected clock) and its nonce is claimed for the first time, atomically in
/// storage (<see cref="IOnceStore"/>, <c>SET NX</c>), so a replayed callback fails on every host.
/// </summary>
public sealed class OAuthState(IDataProtectionProvider protection, IOnceStore once, TimeProvider time)
{
    /// <summary>The cookie that binds the state to the browser that started the install.</summary>
    public const string CookieName = "fb_slack_oauth_state";

    /// <summary>How long an install may take from the button to the callback.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    // A little slack for clocks of two hosts (one issues, another checks).
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

    private readonly IDataProtector _protector = protection.CreateProtector("FeedbackBot.Slack.OAuthState.v1");

    /// <summary>A new state value for one install attempt.</summary>
    public string Issue()
    {
        var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var issued = time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        return _protector.Protect($"{nonce}.{issued}");
    }

    /// <summary>Checks the callback's state against the cookie and consumes it when valid.</summary>
    public async Task<OAuthStateCheck> ConsumeAsync(string? fromUrl, string? fromCookie, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(fromUrl) || string.IsNullOrEmpty(fromCookie))
        {
            return OAuthStateCheck.Missing;
        }

        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(fromUrl), Encoding.UTF8.GetBytes(fromCookie)))
        {
            return OAuthStateCheck.Forged;
        }

        string plain;
        try
        {
            plain = _protector.Unprotect(fromUrl);
        }
        catch (CryptographicException)
        {
            return OAuthStateCheck.Forged;
        }

        var parts = plain.Split('.');
        if (parts.Length != 2 || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var issuedMs))
        {
            return OAuthStateCheck.Forged;
        }

        var age = time.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(issuedMs);
        if (age > Lifetime || age < -ClockSkew)
        {
            return OAuthStateCheck.Expired;
        }

        // Held past the lifetime, so the claim outlives every state that could still be accepted.
        return await once.TryClaimAsync($"slack:oauth-state:{parts[0]}", Lifetime + ClockSkew, ct)
            ? OAuthStateCheck.Valid
            : OAuthStateCheck.Replayed;
    }
}
