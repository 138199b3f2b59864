using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace FeedbackBot.Testing.Teams;

/// <summary>
/// A loopback stand-in for the two token issuers a Teams bot trusts, with locally generated RSA keys:
/// <list type="bullet">
/// <item>Bot Framework: OpenID metadata at <see cref="ChannelMetadataUrl"/> (issuer <c>https://api.botframework.com</c>)
/// and its JWKS, each key with the <c>endorsements</c> array of the channels it may sign for.
/// https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-authentication#connector-to-bot</item>
/// <item>Entra (the common v2 endpoint): metadata at <see cref="EntraMetadataUrl"/> with the templated issuer
/// <c>https://login.microsoftonline.com/{tenantid}/v2.0</c>, and a JWKS whose keys carry that <c>issuer</c>, as
/// https://login.microsoftonline.com/common/discovery/v2.0/keys does.</item>
/// </list>
/// Tokens are built by hand (header.payload.signature, base64url), so tests can also build the malformed ones:
/// <c>alg: none</c>, a broken signature, an unknown <c>kid</c>.
/// </summary>
public sealed class FakeTeamsIdentity : IAsyncDisposable
{
    public const string BotFrameworkIssuer = "https://api.botframework.com";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _fetches = new();

    private FakeTeamsIdentity(WebApplication app) => _app = app;

    /// <summary>Signs channel tokens; endorsed for <c>msteams</c>.</summary>
    public SigningKey ChannelKey { get; } = new("bf-msteams", ["msteams", "emulator"]);

    /// <summary>Published in the Bot Framework JWKS but endorsed only for <c>webchat</c>.</summary>
    public SigningKey WebchatKey { get; } = new("bf-webchat", ["webchat"]);

    /// <summary>Signs Entra tokens; published in the Entra JWKS.</summary>
    public SigningKey EntraKey { get; } = new("entra-1", []);

    /// <summary>Published nowhere (an unknown <c>kid</c>).</summary>
    public SigningKey RogueKey { get; } = new("rogue", ["msteams"]);

    public Uri BaseUrl { get; private set; } = null!;

    public string ChannelMetadataUrl => new Uri(BaseUrl, "botframework/v1/.well-known/openidconfiguration").ToString();

    public string EntraMetadataUrl => new Uri(BaseUrl, "entra/common/v2.0/.well-known/openid-configuration").ToString();

    /// <summary>How often each path was fetched (metadata must be cached).</summary>
    public int Fetches(string pathPart) => _fetches.Where(f => f.Key.Contains(pathPart, StringComparison.Ordinal)).Sum(f => f.Value);

    public static async Task<FakeTeamsIdentity> StartAsync()
    {
        var app = LoopbackApp.Create();
        var fake = new FakeTeamsIdentity(app);
        app.Use(async (http, next) =>
        {
            fake._fetches.AddOrUpdate(http.Request.Path.Value ?? "", 1, (_, n) => n + 1);
            await next(http);
        });
        app.MapGet("/botframework/v1/.well-known/openidconfiguration", () => Results.Text(new JsonObject
        {
            ["issuer"] = BotFrameworkIssuer,
            ["authorization_endpoint"] = "https://invalid.botframework.com",
            ["jwks_uri"] = new Uri(fake.BaseUrl, "botframework/v1/.well-known/keys").ToString(),
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
            ["token_endpoint_auth_methods_supported"] = new JsonArray("private_key_jwt"),
        }.ToJsonString(), "application/json"));
        app.MapGet("/botframework/v1/.well-known/keys", () => Results.Text(new JsonObject
        {
            ["keys"] = new JsonArray(fake.ChannelKey.Jwk(), fake.WebchatKey.Jwk()),
        }.ToJsonString(), "application/json"));
        app.MapGet("/entra/common/v2.0/.well-known/openid-configuration", () => Results.Text(new JsonObject
        {
            ["issuer"] = "https://login.microsoftonline.com/{tenantid}/v2.0",
            ["authorization_endpoint"] = "https://login.microsoftonline.com/common/oauth2/v2.0/authorize",
            ["token_endpoint"] = "https://login.microsoftonline.com/common/oauth2/v2.0/token",
            ["jwks_uri"] = new Uri(fake.BaseUrl, "entra/common/discovery/v2.0/keys").ToString(),
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
        }.ToJsonString(), "application/json"));
        app.MapGet("/entra/common/discovery/v2.0/keys", () =>
        {
            var key = fake.EntraKey.Jwk();
            key["issuer"] = "https://login.microsoftonline.com/{tenantid}/v2.0";
            return Results.Text(new JsonObject { ["keys"] = new JsonArray(key) }.ToJsonString(), "application/json");
        });
        fake.BaseUrl = await LoopbackApp.StartAsync(app);
        return fake;
    }

    /// <summary>The claims of a valid Bot Framework channel token for <paramref name="appId"/> and <paramref name="serviceUrl"/>.</summary>
    public static JsonObject ChannelClaims(string appId, string serviceUrl, DateTimeOffset? now = null)
    {
        var at = now ?? DateTimeOffset.UtcNow;
        return new JsonObject
        {
            ["iss"] = BotFrameworkIssuer,
            ["aud"] = appId,
            ["serviceurl"] = serviceUrl,
            ["nbf"] = at.AddMinutes(-1).ToUnixTimeSeconds(),
            ["iat"] = at.AddMinutes(-1).ToUnixTimeSeconds(),
            ["exp"] = at.AddMinutes(59).ToUnixTimeSeconds(),
        };
    }

    /// <summary>The claims of a valid Entra v2 token of <paramref name="tenantId"/> for <paramref name="appId"/>.</summary>
    public static JsonObject EntraClaims(string appId, string tenantId, DateTimeOffset? now = null)
    {
        var at = now ?? DateTimeOffset.UtcNow;
        return new JsonObject
        {
            ["iss"] = $"https://login.microsoftonline.com/{tenantId}/v2.0",
            ["aud"] = appId,
            ["tid"] = tenantId,
            ["azp"] = "00000000-0000-0000-0000-00000000cafe",
            ["ver"] = "2.0",
            ["nbf"] = at.AddMinutes(-1).ToUnixTimeSeconds(),
            ["iat"] = at.AddMinutes(-1).ToUnixTimeSeconds(),
            ["exp"] = at.AddMinutes(59).ToUnixTimeSeconds(),
        };
    }

    /// <summary>A token signed RS256 by <paramref name="key"/> (header <c>kid</c> = its id unless <paramref name="kid"/> says otherwise).</summary>
    public static string Sign(JsonObject claims, SigningKey key, string alg = "RS256", string? kid = null)
    {
        var header = new JsonObject { ["alg"] = alg, ["typ"] = "JWT", ["kid"] = kid ?? key.KeyId };
        var signingInput = B64(header.ToJsonString()) + "." + B64(claims.ToJsonString());
        var hash = alg switch { "RS384" => HashAlgorithmName.SHA384, "RS512" => HashAlgorithmName.SHA512, _ => HashAlgorithmName.SHA256 };
        var signature = key.Rsa.SignData(Encoding.ASCII.GetBytes(signingInput), hash, RSASignaturePadding.Pkcs1);
        return signingInput + "." + B64(signature);
    }

    /// <summary>An unsigned token (<c>alg: none</c>, empty signature).</summary>
    public static string Unsigned(JsonObject claims) =>
        B64(new JsonObject { ["alg"] = "none", ["typ"] = "JWT" }.ToJsonString()) + "." + B64(claims.ToJsonString()) + ".";

    /// <summary>The same token with its signature's last bytes flipped.</summary>
    public static string Tampered(string token)
    {
        var dot = token.LastIndexOf('.');
        var signature = FromB64(token[(dot + 1)..]);
        signature[^1] ^= 0xFF;
        signature[^2] ^= 0xFF;
        return token[..(dot + 1)] + B64(signature);
    }

    public static string B64(string text) => B64(Encoding.UTF8.GetBytes(text));

    public static string B64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromB64(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s + new string('=', (4 - s.Length % 4) % 4));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>A locally generated RSA key, its <c>kid</c> and the channels it is endorsed for.</summary>
public sealed class SigningKey(string keyId, string[] endorsements)
{
    public string KeyId { get; } = keyId;

    public RSA Rsa { get; } = RSA.Create(2048);

    /// <summary>The public key as a JWK, with <c>endorsements</c> when it has any.</summary>
    public JsonObject Jwk()
    {
        var p = Rsa.ExportParameters(false);
        var jwk = new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = KeyId,
            ["n"] = FakeTeamsIdentity.B64(p.Modulus!),
            ["e"] = FakeTeamsIdentity.B64(p.Exponent!),
        };
        if (endorsements.Length > 0)
        {
            jwk["endorsements"] = new JsonArray(endorsements.Select(e => (JsonNode?)e).ToArray());
        }

        return jwk;
    }
}
