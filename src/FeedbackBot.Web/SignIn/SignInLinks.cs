using FeedbackBot.Core;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Web.SignIn;

/// <summary>
/// Issues sign-in links <c>{base}/app/login/{token}</c>: <see cref="OneTimeLinks"/> of purpose <see cref="Purpose"/>
/// (256 random bits, stored only as their SHA-256, so a leaked database holds no usable link), valid
/// <see cref="Lifetime"/>, bound to one person, used up by the first sign-in.
/// </summary>
internal sealed class SignInLinks(
    OneTimeLinks links,
    IOptions<WebOptions> options,
    IHttpContextAccessor http,
    IServer server) : IWebSignInLinks
{
    /// <summary>How long a link stays valid.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    public const string LoginPath = "/app/login/";

    /// <summary>The links' key space in storage (<c>{p}:web:link:{sha256}</c>).</summary>
    public const string Purpose = "web:link";

    public async Task<WebSignInLink> IssueAsync(PersonRef person, CancellationToken ct)
    {
        var link = await links.IssueAsync(Purpose, person, Lifetime, ct);
        return new WebSignInLink(new Uri(BaseUrl() + LoginPath + link.Token), link.ExpiresAt);
    }

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
