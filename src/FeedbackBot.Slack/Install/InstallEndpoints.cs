using FeedbackBot.Slack.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Slack.Install;

/// <summary>
/// "Add to Slack" (OAuth v2, https://docs.slack.dev/authentication/installing-with-oauth): <c>GET /slack/install</c>
/// shows the button and the scopes in plain words; <c>GET /slack/oauth/callback</c> checks <c>state</c>
/// (<see cref="OAuthState"/>), exchanges the code (<see cref="OAuthExchange"/>), stores the installation
/// encrypted (<see cref="SlackInstallations"/>) and says where to find the app. Every refusal is a friendly page
/// with a 4xx and one log line without the code or state; no exception reaches the browser.
/// </summary>
public static class InstallEndpoints
{
    public const string InstallPath = "/slack/install";
    public const string CallbackPath = "/slack/oauth/callback";

    /// <summary>The install services; AddSlack calls it when <see cref="SlackOptions.IsOAuthConfigured"/>.</summary>
    public static IServiceCollection AddSlackInstall(this IServiceCollection services)
    {
        services.AddDataProtection();
        services.TryAddSingleton<SlackInstallations>();
        services.TryAddSingleton<ISlackTokenStore>(sp => sp.GetRequiredService<SlackInstallations>());
        services.TryAddSingleton<OAuthState>();
        services.TryAddSingleton<OAuthExchange>();
        return services;
    }

    /// <summary>Maps the two pages, outside the signature gate: a browser calls them, not Slack.</summary>
    public static IEndpointRouteBuilder MapSlackInstall(this IEndpointRouteBuilder app)
    {
        app.MapGet(InstallPath, Install);
        app.MapGet(CallbackPath, CallbackAsync);
        return app;
    }

    internal static IResult Install(HttpContext http, OAuthState state, IOptions<SlackOptions> options)
    {
        var value = state.Issue();
        http.Response.Cookies.Append(OAuthState.CookieName, value, new CookieOptions
        {
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            // Lax: the cookie comes back on Slack's top-level redirect to the callback, and on nothing cross-site else.
            SameSite = SameSiteMode.Lax,
            Path = CallbackPath,
            MaxAge = OAuthState.Lifetime,
            IsEssential = true,
        });
        var url = QueryHelpers.AddQueryString(options.Value.OAuthAuthorizeUrl, new Dictionary<string, string?>
        {
            ["client_id"] = options.Value.ClientId,
            ["scope"] = SlackScopes.Joined,
            ["user_scope"] = "",
            ["redirect_uri"] = RedirectUri(http),
            ["state"] = value,
        });
        return InstallPages.Install(url);
    }

    internal static async Task<IResult> CallbackAsync(HttpContext http, OAuthState state, OAuthExchange exchange,
        SlackInstallations installations, ILoggerFactory logs)
    {
        var logger = logs.CreateLogger(typeof(InstallEndpoints));
        var query = http.Request.Query;
        var cookie = http.Request.Cookies[OAuthState.CookieName];
        // Single-use either way: whatever happens next, this browser's state is spent.
        http.Response.Cookies.Delete(OAuthState.CookieName, new CookieOptions { Path = CallbackPath });

        var check = await state.ConsumeAsync(query["state"].ToString(), cookie, http.RequestAborted);
        if (check != OAuthStateCheck.Valid)
        {
            logger.LogWarning("Slack install refused: state {Check}", check);
            return check == OAuthStateCheck.Expired
                ? InstallPages.Problem(StatusCodes.Status400BadRequest, "This install link has expired",
                    "Installing took longer than 10 minutes, so this link no longer works. Please start again.")
                : InstallPages.Problem(StatusCodes.Status403Forbidden, "This install link can't be used",
                    "It was already used, or it was opened in a different browser than the one that started the install. Please start again from the same browser.");
        }

        if (!string.IsNullOrEmpty(query["error"]))
        {
            // https://docs.slack.dev/authentication/installing-with-oauth: a person who cancels comes back with error=access_denied.
            logger.LogInformation("Slack install not completed: Slack answered {Error}", query["error"].ToString());
            return InstallPages.Problem(StatusCodes.Status403Forbidden, "FeedbackBot was not installed",
                "The installation was cancelled in Slack, so nothing was installed. You can start again whenever you like.");
        }

        var code = query["code"].ToString();
        if (string.IsNullOrEmpty(code))
        {
            logger.LogWarning("Slack install refused: the callback had no code");
            return InstallPages.Problem(StatusCodes.Status400BadRequest, "This install link is incomplete",
                "Slack did not send the confirmation this page needs. Please start again.");
        }

        var result = await exchange.ExchangeAsync(code, RedirectUri(http), http.RequestAborted);
        if (result.Installation is not { } installation)
        {
            logger.LogWarning("Slack install failed: oauth.v2.access answered {Error}", result.Error);
            return result.Error switch
            {
                // Codes are single-use and short-lived; Slack documents invalid_code for both.
                "invalid_code" or "code_already_used" or "code_expired" => InstallPages.Problem(StatusCodes.Status400BadRequest,
                    "This install link has expired", "Slack no longer accepts this confirmation (it works once, for a few minutes). Please start again."),
                { } e when SlackApiException.IsTransientError(e) => InstallPages.Problem(StatusCodes.Status503ServiceUnavailable,
                    "Slack didn't answer", "Slack could not be reached to finish the installation. Please try again in a minute."),
                _ => InstallPages.Problem(StatusCodes.Status400BadRequest, "FeedbackBot could not be installed",
                    "Slack refused to finish the installation because this FeedbackBot's Slack app settings do not match. Please tell whoever runs FeedbackBot for you."),
            };
        }

        try
        {
            await installations.SaveAsync(installation, http.RequestAborted);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError("Slack install of {Workspace} could not be stored: {Reason}", installation.OwnerId, ex.GetType().Name);
            return InstallPages.Problem(StatusCodes.Status503ServiceUnavailable, "FeedbackBot could not finish installing",
                "Slack approved it, but FeedbackBot could not save it just now. Please start again in a minute.");
        }

        logger.LogInformation("Slack app installed in {Workspace} (enterprise install: {Enterprise}) by {Installer}",
            installation.OwnerId, installation.IsEnterpriseInstall, installation.InstallerUserId);
        return InstallPages.Installed(installation);
    }

    // The same in the authorize request and the exchange, as Slack requires; it must be one of the manifest's
    // redirect_urls. Behind a proxy, scheme and host come from the forwarded headers the host trusts.
    private static string RedirectUri(HttpContext http) =>
        $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{CallbackPath}";
}
