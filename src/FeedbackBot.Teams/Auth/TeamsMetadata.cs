using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace FeedbackBot.Teams.Auth;

/// <summary>
/// The OpenID metadata behind inbound tokens, cached and refreshed by IdentityModel's ConfigurationManager (keys
/// every 12 h, and again when a token names a key the cache does not hold, at most every 5 min): one for Bot
/// Framework channel tokens, one for Entra-issued tokens, and the Bot Framework keys' <c>endorsements</c>, which
/// IdentityModel does not surface, read from the same JWKS. Plain http is accepted only from loopback (tests).
/// </summary>
public sealed class TeamsMetadata
{
    /// <summary>The named HttpClient metadata and keys are fetched with.</summary>
    public const string HttpClientName = "teams-metadata";

    public TeamsMetadata(IOptions<TeamsOptions> options, IHttpClientFactory http)
    {
        var o = options.Value;
        Channel = Manager(o.OpenIdMetadataUrl, new OpenIdConnectConfigurationRetriever(), http);
        Entra = Manager(o.EntraOpenIdMetadataUrl, new OpenIdConnectConfigurationRetriever(), http);
        Endorsements = Manager(o.OpenIdMetadataUrl, new EndorsementsRetriever(), http);
    }

    public ConfigurationManager<OpenIdConnectConfiguration> Channel { get; }

    public ConfigurationManager<OpenIdConnectConfiguration> Entra { get; }

    public ConfigurationManager<KeyEndorsements> Endorsements { get; }

    private static ConfigurationManager<T> Manager<T>(string url, IConfigurationRetriever<T> retriever, IHttpClientFactory http) where T : class =>
        new(url, retriever, new HttpDocumentRetriever(http.CreateClient(HttpClientName)) { RequireHttps = !IsLoopbackHttp(url) });

    private static bool IsLoopbackHttp(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var u) && u.Scheme == Uri.UriSchemeHttp && LoopbackUrls.IsLoopback(u);
}

/// <summary>
/// The channels each Bot Framework signing key is endorsed for, by <c>kid</c>. A channel token is valid for an
/// activity only when the key that signed it lists the activity's <c>channelId</c>
/// (https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-authentication, step 4).
/// </summary>
public sealed class KeyEndorsements(IReadOnlyDictionary<string, IReadOnlySet<string>> byKeyId)
{
    public bool Endorses(string keyId, string channelId) =>
        byKeyId.TryGetValue(keyId, out var channels) && channels.Contains(channelId);

    public bool Knows(string keyId) => byKeyId.ContainsKey(keyId);
}

/// <summary>Reads the metadata document, then its <c>jwks_uri</c>, and collects each key's <c>endorsements</c>.</summary>
internal sealed class EndorsementsRetriever : IConfigurationRetriever<KeyEndorsements>
{
    public async Task<KeyEndorsements> GetConfigurationAsync(string address, IDocumentRetriever retriever, CancellationToken cancel)
    {
        using var metadata = JsonDocument.Parse(await retriever.GetDocumentAsync(address, cancel));
        var jwksUri = metadata.RootElement.TryGetProperty("jwks_uri", out var j) && j.ValueKind == JsonValueKind.String ? j.GetString() : null;
        if (!LoopbackUrls.IsHttpsOrLoopback(jwksUri))
        {
            throw new InvalidOperationException($"The OpenID metadata at {address} names no usable jwks_uri.");
        }

        using var keys = JsonDocument.Parse(await retriever.GetDocumentAsync(jwksUri!, cancel));
        var byKid = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        if (keys.RootElement.TryGetProperty("keys", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var key in list.EnumerateArray())
            {
                if (key.TryGetProperty("kid", out var kid) && kid.ValueKind == JsonValueKind.String)
                {
                    var endorsed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                    if (key.TryGetProperty("endorsements", out var e) && e.ValueKind == JsonValueKind.Array)
                    {
                        foreach (var channel in e.EnumerateArray())
                        {
                            if (channel.ValueKind == JsonValueKind.String)
                            {
                                endorsed.Add(channel.GetString()!);
                            }
                        }
                    }

                    byKid[kid.GetString()!] = endorsed;
                }
            }
        }

        return new KeyEndorsements(byKid);
    }
}
