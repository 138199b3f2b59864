using System.Net;
using System.Text.RegularExpressions;

namespace FeedbackBot.Web.Tests;

/// <summary>A browser-like HTTP client (cookies kept, no redirects followed) and the bits of a page tests read.</summary>
internal static partial class Http
{
    public static HttpClient Client(Uri baseAddress, CookieContainer? cookies = null) =>
        new(new HttpClientHandler { CookieContainer = cookies ?? new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = baseAddress };

    /// <summary>The antiforgery field of the page's first form.</summary>
    public static string FormToken(string html) =>
        FormField().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new Xunit.Sdk.XunitException("no antiforgery field");

    public static FormUrlEncodedContent Form(string? token) =>
        new(token is null ? [] : [new KeyValuePair<string, string>("__af", token)]);

    /// <summary>GETs the sign-in link's page and posts its "Continue" form; returns the POST's response.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, Uri link)
    {
        var page = await client.GetStringAsync(link);
        return await client.PostAsync(link, Form(FormToken(page)));
    }

    [GeneratedRegex("name=\"__af\" value=\"([^\"]+)\"")]
    private static partial Regex FormField();
}
