using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;

namespace FeedbackBot.Testing;

/// <summary>
/// OAuth v2 install, as Slack does it (https://docs.slack.dev/authentication/installing-with-oauth,
/// https://docs.slack.dev/reference/methods/oauth.v2.access):
/// <list type="bullet">
/// <item><see cref="Authorize"/> plays the person approving the app on Slack's authorize page: it reads the
/// authorize URL the bot built (client_id must be the app's, scope must be present) and returns the redirect to
/// <c>redirect_uri</c> with <c>code</c> and the unchanged <c>state</c>; <see cref="Deny"/> returns Slack's
/// <c>error=access_denied</c> redirect instead.</item>
/// <item><c>oauth.v2.access</c> takes the app's credentials as HTTP Basic (preferred by Slack) or as
/// <c>client_id</c>/<c>client_secret</c> form fields, never a bearer token. Errors from the method's documented
/// list: unknown or missing client id → <c>invalid_client_id</c>; wrong secret → <c>bad_client_secret</c>; a code
/// that is unknown, was used already, was issued to another app or is older than <see cref="OAuthCodeLifetime"/>
/// → <c>invalid_code</c> (Slack documents no separate code for reuse or expiry); a <c>redirect_uri</c> other than
/// the authorize request's → <c>bad_redirect_uri</c>.</item>
/// <item>Its answer: <c>access_token</c> (xoxb), <c>token_type: "bot"</c>, <c>scope</c>, <c>bot_user_id</c>,
/// <c>app_id</c>, <c>team</c> (null for an org-wide install), <c>enterprise</c> (null outside Enterprise Grid),
/// <c>authed_user</c>, <c>is_enterprise_install</c>.</item>
/// </list>
/// </summary>
public sealed partial class FakeSlackApi
{
    public const string OAuthAccessMethod = "oauth.v2.access";

    /// <summary>How long an authorization code can be exchanged ("expires after ten minutes", [K]), on <see cref="Clock"/>.</summary>
    public static readonly TimeSpan OAuthCodeLifetime = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, OAuthCode> _codes = new();
    private readonly ConcurrentDictionary<string, string> _installedTokens = new();
    private (string ClientId, string ClientSecret, string AppId)? _oauthApp;

    /// <summary>The app's credentials, which <c>oauth.v2.access</c> checks.</summary>
    public void ConfigureApp(string clientId, string clientSecret, string appId = "AFEEDBACK") => _oauthApp = (clientId, clientSecret, appId);

    /// <summary>
    /// The person approves the app for <paramref name="teamId"/> (or, with <paramref name="enterpriseInstall"/>, for
    /// the whole org <paramref name="enterpriseId"/>) on the page <paramref name="authorizeUrl"/> opens; returns where
    /// Slack redirects the browser: <c>redirect_uri?code=…&amp;state=…</c>.
    /// </summary>
    public string Authorize(string authorizeUrl, string teamId, string? enterpriseId = null, bool enterpriseInstall = false, string installer = "UINSTALLER")
    {
        var query = AuthorizeQuery(authorizeUrl, out var redirect);
        if (string.IsNullOrEmpty(query.GetValueOrDefault("scope")))
        {
            throw new InvalidOperationException("Slack's authorize page refuses a request without scope (invalid_scope).");
        }

        var code = $"{RandomHex(6)}.{RandomHex(12)}";
        _codes[code] = new OAuthCode(query["client_id"].ToString(), query.GetValueOrDefault("redirect_uri").ToString(), teamId, enterpriseId,
            enterpriseInstall, installer, query["scope"].ToString(), Clock.GetUtcNow());
        return QueryHelpers.AddQueryString(redirect, new Dictionary<string, string?> { ["code"] = code, ["state"] = query.GetValueOrDefault("state").ToString() });
    }

    /// <summary>The person presses Cancel on Slack's authorize page: the redirect Slack sends the browser to.</summary>
    public string Deny(string authorizeUrl)
    {
        var query = AuthorizeQuery(authorizeUrl, out var redirect);
        return QueryHelpers.AddQueryString(redirect, new Dictionary<string, string?> { ["error"] = "access_denied", ["state"] = query.GetValueOrDefault("state").ToString() });
    }

    /// <summary>The bot token the last successful install of <paramref name="ownerId"/> (team, or enterprise for an org install) got.</summary>
    public string? InstalledToken(string ownerId) => _installedTokens.GetValueOrDefault(ownerId);

    private Dictionary<string, Microsoft.Extensions.Primitives.StringValues> AuthorizeQuery(string authorizeUrl, out string redirect)
    {
        var app = _oauthApp ?? throw new InvalidOperationException("Call ConfigureApp first.");
        var query = QueryHelpers.ParseQuery(new Uri(authorizeUrl).Query);
        if (query.GetValueOrDefault("client_id") != app.ClientId)
        {
            throw new InvalidOperationException("Slack's authorize page shows 'invalid_client_id' for an unknown client_id.");
        }

        redirect = query.GetValueOrDefault("redirect_uri").ToString();
        if (string.IsNullOrEmpty(redirect))
        {
            throw new InvalidOperationException("This fake needs redirect_uri (Slack would fall back to the app's first redirect URL).");
        }

        return query;
    }

    private JsonObject OAuthAccess(string authorization, JsonObject args)
    {
        string? Arg(string name) => args[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        var app = _oauthApp ?? throw new InvalidOperationException("Call ConfigureApp first.");
        var (clientId, secret) = BasicCredentials(authorization) ?? (Arg("client_id"), Arg("client_secret"));
        if (clientId != app.ClientId)
        {
            return Error("invalid_client_id");
        }

        if (secret != app.ClientSecret)
        {
            return Error("bad_client_secret");
        }

        var code = Arg("code");
        if (code is null || !_codes.TryGetValue(code, out var issued) || issued.ClientId != clientId
            || Clock.GetUtcNow() - issued.IssuedAt > OAuthCodeLifetime || Interlocked.Exchange(ref issued.Used, 1) == 1)
        {
            return Error("invalid_code");
        }

        if ((Arg("redirect_uri") ?? "") != issued.RedirectUri)
        {
            return Error("bad_redirect_uri");
        }

        var owner = issued.EnterpriseInstall ? issued.EnterpriseId! : issued.Team;
        var token = $"xoxb-{owner}-{RandomHex(12)}";
        _installedTokens[owner] = token;
        return Ok(new JsonObject
        {
            ["access_token"] = token,
            ["token_type"] = "bot",
            ["scope"] = issued.Scope,
            ["bot_user_id"] = "UBOT" + owner,
            ["app_id"] = app.AppId,
            ["team"] = issued.EnterpriseInstall ? null : new JsonObject { ["id"] = issued.Team, ["name"] = $"Team {issued.Team}" },
            ["enterprise"] = issued.EnterpriseId is null ? null : new JsonObject { ["id"] = issued.EnterpriseId, ["name"] = $"Org {issued.EnterpriseId}" },
            ["authed_user"] = new JsonObject { ["id"] = issued.Installer },
            ["is_enterprise_install"] = issued.EnterpriseInstall,
        });
    }

    // RFC 6749 §2.3.1 / RFC 7617: "Basic base64(urlencode(id):urlencode(secret))".
    private static (string?, string?)? BasicCredentials(string authorization)
    {
        if (!authorization.StartsWith("Basic ", StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(authorization["Basic ".Length..].Trim()));
            var colon = pair.IndexOf(':');
            if (colon < 0)
            {
                return (null, null);
            }

            return (WebUtility.UrlDecode(pair[..colon]), WebUtility.UrlDecode(pair[(colon + 1)..]));
        }
        catch (FormatException)
        {
            return (null, null);
        }
    }

    private static string RandomHex(int length) => Convert.ToHexString(RandomNumberGenerator.GetBytes(length)).ToLowerInvariant()[..length];

    private sealed class OAuthCode(string clientId, string redirectUri, string team, string? enterpriseId, bool enterpriseInstall, string installer, string scope, DateTimeOffset issuedAt)
    {
        public int Used;

        public string ClientId { get; } = clientId;
        public string RedirectUri { get; } = redirectUri;
        public string Team { get; } = team;
        public string? EnterpriseId { get; } = enterpriseId;
        public bool EnterpriseInstall { get; } = enterpriseInstall;
        public string Installer { get; } = installer;
        public string Scope { get; } = scope;
        public DateTimeOffset IssuedAt { get; } = issuedAt;
    }
}
