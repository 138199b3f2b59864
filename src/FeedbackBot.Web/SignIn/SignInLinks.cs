using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Web.SignIn;

/// <summary>
/// Issues sign-in links <c>{base}/app/login/{token}</c>: 256 random bits, valid <see cref="Lifetime"/>, bound to one
/// person, stored only as their SHA-256 (a leaked database holds no usable link), used up by the first sign-in.
/// </summary>
internal sealed class SignInLinks(
    WebSessionStore store,
    IOptions<WebOptions> options,
    IHttpContextAccessor http,
    IServer server,
    TimeProvider time) : IWebSignInLinks
{
    /// <summary>How long a link stays valid.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    public const string LoginPath = "/app/login/";

    public async Task<WebSignInLink> IssueAsync(PersonRef person, CancellationToken ct)
    {
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var expiresAt = time.GetUtcNow() + Lifetime;
        await store.SaveLinkAsync(Hash(token)!, person, expiresAt, Lifetime);
        return new WebSignInLink(new Uri(BaseUrl() + LoginPath + token), expiresAt);
    }

    /// <summary>The stored form of a token. Tokens are 43 base64url characters; anything else is no token.</summary>
    public static string? Hash(string token) =>
        token.Length == 43 && Base64Url.IsValid(token)
            ? Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token)))
            : null;

    private string BaseUrl()
    {
        if (options.Value.PublicBaseUrl is { Length: > 0 } configured)
        {
            return configured.TrimEnd('/');
        }

        // The URL the chat platform reached us at (behind a proxy: what the forwarded headers said).
        if (http.HttpContext?.Request is { Host.HasValue: true } request)
        {
            return $"{request.Scheme}://{request.Host}{request.PathBase}";
        }

        return server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()?.TrimEnd('/') ?? "http://localhost";
    }
}
