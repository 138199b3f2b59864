using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace FeedbackBot.Web;

/// <summary>
/// The web UI for what chat is bad at (issue 14): <c>/app</c> (my growth page), <c>/app/insights</c> (k-anonymous
/// team insights), <c>/app/login/{token}</c> and <c>/app/logout</c>.
/// </summary>
public static class WebServiceCollectionExtensions
{
    /// <summary>Registers the web UI's services.</summary>
    public static WebApplicationBuilder AddFeedbackWeb(this WebApplicationBuilder builder) => builder;

    /// <summary>Maps the web UI's endpoints.</summary>
    public static IEndpointRouteBuilder MapFeedbackWeb(this IEndpointRouteBuilder endpoints) => endpoints;
}
