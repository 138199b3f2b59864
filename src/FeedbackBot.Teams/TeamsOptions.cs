using System.ComponentModel.DataAnnotations;

namespace FeedbackBot.Teams;

/// <summary>How the Teams adapter runs, decided once from <see cref="TeamsOptions"/>.</summary>
public enum TeamsMode
{
    /// <summary>Not configured: nothing is registered or mapped.</summary>
    Off,
    /// <summary>Production: every activity carries a validated JWT and the bot sends its own token.</summary>
    Authenticated,
    /// <summary>Local trial with the Agents Playground: no inbound auth, no outbound token, loopback only.</summary>
    Anonymous,
}

/// <summary>
/// Teams (Bot Framework) settings, bound from the <c>Teams</c> configuration section. Teams is on when
/// <see cref="AppId"/>, <see cref="AppPassword"/> and <see cref="TenantId"/> are all set (authenticated), or when
/// <see cref="AllowAnonymous"/> is true (a local trial). All empty means off.
/// </summary>
public sealed class TeamsOptions : IValidatableObject
{
    public const string SectionName = "Teams";

    /// <summary>The bot's Microsoft App ID (the Azure Bot registration's app, a GUID): the audience of every inbound token.</summary>
    public string? AppId { get; set; }

    /// <summary>The app registration's client secret, used to get the bot's outbound token.</summary>
    public string? AppPassword { get; set; }

    /// <summary>
    /// The Entra tenant of the single-tenant bot registration (Azure retired new multi-tenant registrations): the
    /// authority of the outbound token, and the only tenant whose Entra-issued tokens are accepted.
    /// </summary>
    public string? TenantId { get; set; }

    /// <summary>OpenID metadata of Bot Framework channel tokens (issuer <c>https://api.botframework.com</c>).</summary>
    public string OpenIdMetadataUrl { get; set; } = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    /// <summary>OpenID metadata of Entra-issued tokens (Emulator, Playground in auth mode, agentic Azure Bot Service).</summary>
    public string EntraOpenIdMetadataUrl { get; set; } = "https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration";

    /// <summary>
    /// Where the bot gets its outbound token (MSAL client credentials); <c>{TenantId}</c> is replaced by
    /// <see cref="TenantId"/>. A single-tenant bot must use its own tenant, not <c>botframework.com</c> (AADSTS700016).
    /// </summary>
    public string? Authority { get; set; } = DefaultAuthority;

    /// <summary>The default of <see cref="Authority"/>, also used when it is set empty.</summary>
    public const string DefaultAuthority = "https://login.microsoftonline.com/{TenantId}";

    /// <summary>
    /// Local trial only (Microsoft 365 Agents Playground): skip inbound auth, send no token, and call only
    /// loopback service URLs. Never for production.
    /// </summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>The mode these settings select.</summary>
    public TeamsMode Mode =>
        AllowAnonymous ? TeamsMode.Anonymous
        : HasAll ? TeamsMode.Authenticated
        : TeamsMode.Off;

    /// <summary><see cref="Authority"/> with <c>{TenantId}</c> filled in.</summary>
    public string EffectiveAuthority =>
        (string.IsNullOrWhiteSpace(Authority) ? DefaultAuthority : Authority).Replace("{TenantId}", TenantId ?? "", StringComparison.Ordinal);

    /// <summary>The settings still missing for authenticated mode, for the start-up line and errors.</summary>
    public IReadOnlyList<string> Missing =>
        new[] { ("Teams:AppId", AppId), ("Teams:AppPassword", AppPassword), ("Teams:TenantId", TenantId) }
            .Where(x => string.IsNullOrWhiteSpace(x.Item2)).Select(x => x.Item1).ToArray();

    private bool HasAll => Missing.Count == 0;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var missing = Missing;
        if (!AllowAnonymous && missing.Count is > 0 and < 3)
        {
            // Half a configuration is a typo, not a wish to turn Teams off: say so at start-up.
            yield return new ValidationResult($"Teams is partly configured; also set {string.Join(", ", missing)} (or clear them all to turn Teams off).");
        }

        if (AllowAnonymous && !string.IsNullOrWhiteSpace(AppPassword))
        {
            // A client secret means a real bot registration: anonymous mode there would accept anyone's activities.
            yield return new ValidationResult("Teams:AllowAnonymous is for a local trial only; it cannot be combined with Teams:AppPassword.");
        }

        foreach (var (name, value) in new[] { ("Teams:AppId", AppId), ("Teams:TenantId", TenantId) })
        {
            if (!string.IsNullOrWhiteSpace(value) && !Guid.TryParse(value, out _))
            {
                yield return new ValidationResult($"{name} must be a GUID.");
            }
        }

        if (Mode == TeamsMode.Off)
        {
            // Teams stays off: the URLs below are never used, so a blank or odd one must not stop the host.
            yield break;
        }

        foreach (var (name, value) in new[] { ("Teams:OpenIdMetadataUrl", OpenIdMetadataUrl), ("Teams:EntraOpenIdMetadataUrl", EntraOpenIdMetadataUrl) })
        {
            if (!LoopbackUrls.IsHttpsOrLoopback(value))
            {
                yield return new ValidationResult($"{name} must be an https URL (plain http only on a loopback address).");
            }
        }

        if (!(Uri.TryCreate(EffectiveAuthority, UriKind.Absolute, out var a) && a.Scheme == Uri.UriSchemeHttps))
        {
            yield return new ValidationResult("Teams:Authority must be an absolute https URL.");
        }
    }
}

/// <summary>
/// Timings and limits the adapter keeps. Defaults in code, not configuration; tests shorten them.
/// </summary>
public sealed class TeamsTimings
{
    /// <summary>First backoff step when the connector answers 412/502/503/504 without Retry-After.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Retries after the first attempt.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>Longest Retry-After the client waits for; beyond it the call fails as transient (the outbox retries later).</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one connector call may take.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// The clock the client's waits run on. Separate from the app's <see cref="TimeProvider"/>, which tests
    /// freeze: a frozen clock here would hang every retry.
    /// </summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>Largest inbound activity body read; Teams activities are a few kB, cards up to 40 kB.</summary>
    public int MaxActivityBytes { get; set; } = 256 * 1024;
}

/// <summary>Which URLs may be reached without TLS: loopback only, for tests and the Playground.</summary>
public static class LoopbackUrls
{
    /// <summary>True for <c>http(s)://127.x.x.x</c>, <c>[::1]</c> and <c>localhost</c>.</summary>
    public static bool IsLoopback(Uri url) =>
        url.IsLoopback || (System.Net.IPAddress.TryParse(url.Host.Trim('[', ']'), out var ip) && System.Net.IPAddress.IsLoopback(ip));

    /// <summary>An absolute https URL, or http on a loopback address.</summary>
    public static bool IsHttpsOrLoopback(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var u)
        && (u.Scheme == Uri.UriSchemeHttps || (u.Scheme == Uri.UriSchemeHttp && IsLoopback(u)));
}
