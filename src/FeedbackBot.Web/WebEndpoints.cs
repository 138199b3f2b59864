using System.Reflection;
using System.Security.Cryptography;
using FeedbackBot.Core;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Web.Growth;
using FeedbackBot.Web.Insights;
using FeedbackBot.Web.Pages;
using FeedbackBot.Web.SignIn;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace FeedbackBot.Web;

/// <summary>The /app route table: every page and form of the web UI and who may use it.</summary>
internal static class WebEndpoints
{
    private const string SignInHint = "To sign in, type /feedback web in Slack (or web in Teams): I'll send you a link that works once, for 10 minutes.";

    /// <summary>The stylesheet, read once; its URL carries a hash of it, so browsers may keep it for good.</summary>
    private static readonly (byte[] Bytes, string Version) Css = LoadCss();

    public static IEndpointRouteBuilder Map(IEndpointRouteBuilder endpoints)
    {
        Shell.Stylesheet = $"/app/assets/app.css?v={Css.Version}";
        var app = endpoints.MapGroup("/app").AddEndpointFilter(async (context, next) =>
        {
            var response = context.HttpContext.Response;
            // Last word on the headers, after antiforgery and authentication have set theirs.
            response.OnStarting(() =>
            {
                SecurityHeaders.Apply(response, cacheable: context.HttpContext.Request.Path.StartsWithSegments("/app/assets"));
                return Task.CompletedTask;
            });
            return await next(context);
        });

        app.MapGet("/assets/app.css", (HttpContext c, CancellationToken ct) =>
        {
            c.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            return Results.Bytes(Css.Bytes, "text/css; charset=utf-8", entityTag: new EntityTagHeaderValue($"\"{Css.Version}\""));
        });
        app.MapGet("", GrowthAsync);
        app.MapGet("/insights", InsightsAsync);
        app.MapGet("/login/{token}", LoginPageAsync);
        app.MapPost("/login/{token}", LoginAsync);
        app.MapPost("/logout", LogoutAsync);
        // Anything else under /app (an edited URL, an old bookmark) gets a page, not an empty 404.
        app.MapFallback("/{**rest}", (PageRenderer pages, CancellationToken ct) => NotFoundAsync(pages));
        return endpoints;
    }

    private static async Task<IResult> GrowthAsync(HttpContext context, PageRenderer pages, GrowthPageBuilder builder, EndpointDataSource routes, CancellationToken ct)
    {
        if (await WebAuth.AuthenticateAsync(context) is not { } me)
        {
            return await pages.MessageAsync(StatusCodes.Status401Unauthorized, "Please sign in", "You are not signed in, or your session ended.", SignInHint);
        }

        var insights = context.RequestServices.GetService<IInsightsQuery>();
        var isAdmin = insights is null ? Task.FromResult(false) : insights.IsAdminAsync(me, ct);
        var model = await builder.BuildAsync(me, GrowthFilter.From(context.Request.Query), DataActions(routes), ct);
        return await pages.PageAsync<GrowthPage>(StatusCodes.Status200OK, new Dictionary<string, object?>
        {
            [nameof(GrowthPage.Model)] = model,
            [nameof(GrowthPage.SignOut)] = Token(context),
            [nameof(GrowthPage.ShowInsights)] = await isAdmin,
        });
    }

    private static async Task<IResult> InsightsAsync(HttpContext context, PageRenderer pages, ILoggerFactory loggers, CancellationToken ct)
    {
        if (context.RequestServices.GetService<IInsightsQuery>() is not { } insights)
        {
            loggers.CreateLogger("FeedbackBot.Web").LogInformation("/app/insights asked for, but no IInsightsQuery is registered: 404");
            return await NotFoundAsync(pages);
        }

        if (await WebAuth.AuthenticateAsync(context) is not { } me)
        {
            return await pages.MessageAsync(StatusCodes.Status401Unauthorized, "Please sign in", "You are not signed in, or your session ended.", SignInHint);
        }

        if (!await insights.IsAdminAsync(me, ct))
        {
            return await pages.MessageAsync(StatusCodes.Status403Forbidden, "Team insights are for admins",
                "Only workspace admins and owners (and the people your admins named) can see team insights.", signOut: Token(context));
        }

        var teams = await insights.ListTeamsAsync(me.Workspace, ct);
        var team = context.Request.Query["team"] is { Count: 1 } v && v[0] is { Length: > 0 } id ? id : null;
        if (team is not null && teams.All(t => t.Id != team))
        {
            return await pages.MessageAsync(StatusCodes.Status404NotFound, "No such team", "That team is not one you can pick here.", signOut: Token(context));
        }

        var report = await insights.GetAsync(me.Workspace, team, ct);
        return await pages.PageAsync<InsightsPage>(StatusCodes.Status200OK, new Dictionary<string, object?>
        {
            [nameof(InsightsPage.Model)] = InsightsPageModel.From(teams, team, report),
            [nameof(InsightsPage.SignOut)] = Token(context),
        });
    }

    /// <summary>
    /// GET of a sign-in link only shows a "Continue" button: link previews and mail scanners fetch links, and must
    /// neither use them up nor sign in with them. The POST (with an antiforgery token) does both.
    /// </summary>
    private static async Task<IResult> LoginPageAsync(string token, HttpContext context, PageRenderer pages, OneTimeLinks links, CancellationToken ct)
    {
        if ((await links.PeekAsync(SignInLinks.Purpose, token, ct)).Status != OneTimeLinkStatus.Valid)
        {
            return await LinkRefusedAsync(pages);
        }

        context.User = new System.Security.Claims.ClaimsPrincipal(); // the form is posted before any session exists
        return await pages.PageAsync<MessagePage>(StatusCodes.Status200OK, new Dictionary<string, object?>
        {
            [nameof(MessagePage.Title)] = "Sign in to FeedbackBot",
            [nameof(MessagePage.Message)] = "This link signs you in to your growth page. It works once.",
            [nameof(MessagePage.Continue)] = Token(context),
            [nameof(MessagePage.ContinueAction)] = SignInLinks.LoginPath + token,
        });
    }

    private static async Task<IResult> LoginAsync(string token, HttpContext context, PageRenderer pages, OneTimeLinks links, ILoggerFactory loggers, CancellationToken ct)
    {
        context.User = new System.Security.Claims.ClaimsPrincipal();
        if (!await ValidFormAsync(context))
        {
            return await FormRefusedAsync(pages);
        }

        // GETDEL: the link is used up by this attempt whatever happens next, so it can never sign in twice.
        if (await links.RedeemAsync(SignInLinks.Purpose, token, CancellationToken.None) is not (OneTimeLinkStatus.Valid, { } person))
        {
            return await LinkRefusedAsync(pages);
        }

        await WebAuth.SignInAsync(context, person);
        loggers.CreateLogger("FeedbackBot.Web").LogInformation("Web sign-in for {Person}", person.Key);
        context.Response.Headers.Location = "/app";
        return Results.StatusCode(StatusCodes.Status303SeeOther); // after a POST: the browser GETs /app
    }

    private static async Task<IResult> LogoutAsync(HttpContext context, PageRenderer pages, CancellationToken ct)
    {
        var me = await WebAuth.AuthenticateAsync(context);
        if (!await ValidFormAsync(context))
        {
            return await FormRefusedAsync(pages);
        }

        if (me is not null)
        {
            await WebAuth.SignOutAsync(context);
        }

        return await pages.MessageAsync(StatusCodes.Status200OK, "Signed out", "You are signed out. The session is closed on the server too.", SignInHint);
    }

    private static async Task<bool> ValidFormAsync(HttpContext context)
    {
        if (!context.Request.HasFormContentType)
        {
            return false;
        }

        try
        {
            await context.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(context);
            return true;
        }
        catch (AntiforgeryValidationException)
        {
            return false;
        }
    }

    private static Task<IResult> NotFoundAsync(PageRenderer pages) =>
        pages.MessageAsync(StatusCodes.Status404NotFound, "Page not found", "There is no such page. Your growth page is at /app.");

    private static Task<IResult> LinkRefusedAsync(PageRenderer pages) =>
        pages.MessageAsync(StatusCodes.Status410Gone, "This link no longer works",
            "Sign-in links work once and only for 10 minutes. This one was used already or has expired.", SignInHint);

    private static Task<IResult> FormRefusedAsync(PageRenderer pages) =>
        pages.MessageAsync(StatusCodes.Status400BadRequest, "That form has expired",
            "The page you sent this from was too old (or not from FeedbackBot). Go back, reload the page and try again.");

    private static FormToken Token(HttpContext context)
    {
        var tokens = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
        return new FormToken(tokens.FormFieldName, tokens.RequestToken!);
    }

    /// <summary>Export and delete links, when the growth issue's endpoints are mapped in this host.</summary>
    private static IReadOnlyList<Option> DataActions(EndpointDataSource routes)
    {
        var mapped = routes.Endpoints.OfType<RouteEndpoint>().Select(e => "/" + e.RoutePattern.RawText?.TrimStart('/')).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return new[] { new Option("/app/export", "Export my data"), new Option("/app/delete", "Delete my data") }
            .Where(o => mapped.Contains(o.Value)).ToArray();
    }

    private static (byte[], string) LoadCss()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("FeedbackBot.Web.app.css")
            ?? throw new InvalidOperationException("app.css is not embedded");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        var bytes = copy.ToArray();
        return (bytes, Convert.ToHexStringLower(SHA256.HashData(bytes))[..12]);
    }
}
