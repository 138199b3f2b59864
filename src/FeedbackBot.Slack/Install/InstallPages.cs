using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http;

namespace FeedbackBot.Slack.Install;

/// <summary>
/// The install flow's small server-rendered pages: plain HTML and inline CSS, every dynamic value HTML-encoded
/// once, nothing loaded from elsewhere (the Content-Security-Policy allows only the inline style), never cached,
/// never framed, and no Referer leaves them (the callback URL carries the one-time code).
/// </summary>
internal static class InstallPages
{
    private const string Style =
        "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#1d1c1d;line-height:1.5}"
        + "h1{font-size:1.6rem}a.button{display:inline-block;background:#4a154b;color:#fff;padding:.7rem 1.2rem;border-radius:.4rem;"
        + "text-decoration:none;font-weight:600}a.button:focus,a.button:hover{background:#611f69}ul{padding-left:1.2rem}"
        + "code{background:#f4ede4;padding:0 .2rem;border-radius:.2rem}.muted{color:#616061;font-size:.9rem}";

    public static IResult Install(string authorizeUrl)
    {
        var body = new StringBuilder()
            .Append("<h1>Add FeedbackBot to your Slack workspace</h1>")
            .Append("<p>FeedbackBot helps your team give and ask for useful feedback at work, with a coach that helps you write it. ")
            .Append("Installing it asks Slack for these permissions; here is what each one is for:</p><ul>");
        foreach (var (scope, why) in SlackScopes.Bot)
        {
            body.Append("<li><code>").Append(Html(scope)).Append("</code>: ").Append(Html(why)).Append("</li>");
        }

        body.Append("</ul><p>It never reads channels it was not added to, and it keeps no message text except the feedback people write with it.</p>")
            .Append("<p><a class=\"button\" href=\"").Append(Html(authorizeUrl)).Append("\">Add to Slack</a></p>")
            .Append("<p class=\"muted\">Slack will ask you to confirm. Only a workspace admin may need to approve it, depending on your workspace's settings.</p>");
        return Page("Add FeedbackBot to Slack", body.ToString(), StatusCodes.Status200OK);
    }

    public static IResult Installed(SlackInstallation installation)
    {
        var where = installation.TeamName ?? installation.EnterpriseName ?? "your workspace";
        var team = installation.TeamId ?? installation.EnterpriseId ?? "";
        var app = installation.AppId ?? "";
        // slack:// opens the desktop app at the bot (https://docs.slack.dev/interactivity/deep-linking);
        // app_redirect does the same in a browser when the app is not installed on this computer.
        var deepLink = $"slack://app?team={Uri.EscapeDataString(team)}&id={Uri.EscapeDataString(app)}";
        var webLink = $"https://slack.com/app_redirect?app={Uri.EscapeDataString(app)}&team={Uri.EscapeDataString(team)}";
        var body = new StringBuilder()
            .Append("<h1>FeedbackBot is installed</h1>")
            .Append("<p>It is ready in <strong>").Append(Html(where)).Append("</strong>. Type <code>/feedback help</code> in any channel to start.</p>")
            .Append("<p><a class=\"button\" href=\"").Append(Html(deepLink)).Append("\">Open FeedbackBot in Slack</a></p>")
            .Append("<p class=\"muted\">Nothing happens? <a href=\"").Append(Html(webLink)).Append("\">Open it in your browser</a> instead.</p>");
        return Page("FeedbackBot is installed", body.ToString(), StatusCodes.Status200OK);
    }

    public static IResult Problem(int status, string title, string explanation) =>
        Page(title, $"<h1>{Html(title)}</h1><p>{Html(explanation)}</p><p><a class=\"button\" href=\"{InstallEndpoints.InstallPath}\">Start again</a></p>", status);

    private static string Html(string text) => HtmlEncoder.Default.Encode(text);

    private static IResult Page(string title, string body, int status) => new HtmlPage(
        $"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
        + $"<title>{Html(title)}</title><style>{Style}</style></head><body>{body}</body></html>", status);

    private sealed class HtmlPage(string html, int status) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            var headers = http.Response.Headers;
            headers.CacheControl = "no-store";
            headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XContentTypeOptions = "nosniff";
            http.Response.StatusCode = status;
            http.Response.ContentType = "text/html; charset=utf-8";
            return http.Response.WriteAsync(html, http.RequestAborted);
        }
    }
}
