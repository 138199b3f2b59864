using FeedbackBot.Core.Ports;
using FeedbackBot.Web.Growth;
using FeedbackBot.Web.Pages;
using FeedbackBot.Web.SignIn;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Web;

/// <summary>
/// The web UI for what chat is bad at (issue 14): <c>/app</c> (my growth page), <c>/app/insights</c> (k-anonymous
/// team insights), <c>/app/login/{token}</c> and <c>/app/logout</c>. See docs/web.md.
/// </summary>
public static class WebServiceCollectionExtensions
{
    /// <summary>Registers the web UI's services.</summary>
    public static WebApplicationBuilder AddFeedbackWeb(this WebApplicationBuilder builder)
    {
        builder.Services.AddFeedbackWeb();
        return builder;
    }

    /// <summary>
    /// The same on a service collection. Needs an <see cref="StackExchange.Redis.IConnectionMultiplexer"/> (links and
    /// sessions) and Data Protection with a shared key ring (cookies and antiforgery), both from storage.
    /// </summary>
    public static IServiceCollection AddFeedbackWeb(this IServiceCollection services)
    {
        services.AddOptions<WebOptions>().BindConfiguration(WebOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpContextAccessor();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<WebSessionStore>();
        services.AddSingleton<IWebSignInLinks, SignInLinks>();
        services.AddSingleton<PageRenderer>();
        services.AddTransient<GrowthPageBuilder>();
        // Storage that keeps growth figures (Redis) registers its own; otherwise they are counted on each view.
        services.TryAddSingleton<IGrowthFigures, CountedGrowthFigures>();
        // growth-a's reader when registered; until then the page shows no themes or commitments.
        services.TryAddSingleton<IGrowthReader, EmptyGrowthReader>();

        // Not the default scheme: the pages authenticate with it explicitly, so other endpoints (Teams' JWT) are untouched.
        services.AddAuthentication().AddCookie(WebAuth.Scheme);
        services.AddOptions<CookieAuthenticationOptions>(WebAuth.Scheme)
            .Configure<IOptions<WebOptions>, TimeProvider>((o, web, time) => WebAuth.Configure(o, web.Value, time));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "fb_af";
            o.Cookie.Path = "/app";
            o.FormFieldName = "__af";
            // Our own X-Frame-Options (DENY) and CSP frame-ancestors are set on every /app response.
            o.SuppressXFrameOptionsHeader = true;
        });
        return services;
    }

    /// <summary>Maps the web UI's endpoints.</summary>
    public static IEndpointRouteBuilder MapFeedbackWeb(this IEndpointRouteBuilder endpoints) => WebEndpoints.Map(endpoints);

    private sealed class EmptyGrowthReader : IGrowthReader
    {
        public Task<GrowthRecord> GetAsync(Core.People.PersonRef person, CancellationToken ct) => Task.FromResult(GrowthRecord.Empty);
    }
}
