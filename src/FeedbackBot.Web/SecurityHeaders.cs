using Microsoft.AspNetCore.Http;

namespace FeedbackBot.Web;

/// <summary>
/// Headers on every /app response: a Content-Security-Policy that allows our one stylesheet and nothing else (no
/// script at all, no inline style, forms only to ourselves, never framed), no MIME sniffing, no Referer (sign-in
/// links carry a token in their path), and no caching of personal pages.
/// </summary>
internal static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static void Apply(HttpResponse response, bool cacheable = false)
    {
        var headers = response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XFrameOptions = "DENY";
        if (!cacheable)
        {
            headers.CacheControl = "no-store";
        }
    }
}
