using System.Buffers.Text;
using System.Security.Claims;
using System.Security.Cryptography;
using FeedbackBot.Core.People;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Web.SignIn;

/// <summary>
/// The web session: ASP.NET Core cookie authentication (ticket protected by Data Protection, keys in Redis) whose
/// ticket names the person and a session id; the session id must still be in Redis on every request, so signing
/// out (or an admin deleting the key) ends the session everywhere, a copied cookie included.
/// </summary>
internal static class WebAuth
{
    public const string Scheme = "FeedbackWeb";
    public const string CookieName = "fb_web";
    public const string SessionClaim = "fb_sid";

    public static void Configure(CookieAuthenticationOptions o, WebOptions web, TimeProvider time)
    {
        o.Cookie.Name = CookieName;
        o.Cookie.Path = "/app";
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Lax;
        o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest; // Secure whenever the request came over HTTPS
        o.ExpireTimeSpan = web.SessionLifetime;
        o.SlidingExpiration = true;
        o.TimeProvider = time;
        // The pages answer 401/403 themselves with a page that says what to do; no redirects to a login form.
        o.Events.OnRedirectToLogin = c => { c.Response.StatusCode = StatusCodes.Status401Unauthorized; return Task.CompletedTask; };
        o.Events.OnRedirectToAccessDenied = c => { c.Response.StatusCode = StatusCodes.Status403Forbidden; return Task.CompletedTask; };
        o.Events.OnValidatePrincipal = ValidateSessionAsync;
    }

    /// <summary>The signed-in person, or null. Sets <see cref="HttpContext.User"/> (antiforgery tokens are bound to it).</summary>
    public static async Task<PersonRef?> AuthenticateAsync(HttpContext context)
    {
        var result = await context.AuthenticateAsync(Scheme);
        if (result.Principal is not { } principal || PersonOf(principal) is not { } person)
        {
            return null;
        }

        context.User = principal;
        return person;
    }

    public static async Task SignInAsync(HttpContext context, PersonRef person)
    {
        var services = context.RequestServices;
        var web = services.GetRequiredService<IOptions<WebOptions>>().Value;
        var sessionId = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        await services.GetRequiredService<WebSessionStore>().CreateSessionAsync(sessionId, person, web.SessionLifetime);
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, person.Key), new Claim(SessionClaim, sessionId)], Scheme);
        await context.SignInAsync(Scheme, new ClaimsPrincipal(identity), new AuthenticationProperties { IsPersistent = false });
    }

    public static async Task SignOutAsync(HttpContext context)
    {
        if (context.User.FindFirstValue(SessionClaim) is { } sessionId)
        {
            await context.RequestServices.GetRequiredService<WebSessionStore>().RevokeSessionAsync(sessionId);
        }

        await context.SignOutAsync(Scheme);
    }

    private static PersonRef? PersonOf(ClaimsPrincipal principal)
    {
        try
        {
            return principal.FindFirstValue(ClaimTypes.NameIdentifier) is { } key ? PersonRef.Parse(key) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static async Task ValidateSessionAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var sessionId = context.Principal?.FindFirstValue(SessionClaim);
        var person = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var lifetime = services.GetRequiredService<IOptions<WebOptions>>().Value.SessionLifetime;
        if (sessionId is null || person is null
            || await services.GetRequiredService<WebSessionStore>().TouchSessionAsync(sessionId, lifetime) != person)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme);
        }
    }
}
