using FeedbackBot.Scheduling;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Host.Observability;

/// <summary>
/// The one gate in front of the operators' endpoints, <c>/hangfire</c> and <c>/metrics</c>. Outside Development
/// each answers only with its configured Basic credentials (<c>Hangfire:Dashboard:*</c>, <c>Metrics:*</c>; 401
/// otherwise), whatever the peer address, and is off (404) when they are not set. In Development a local caller
/// needs none, and anyone else gets 404. "Local" is the client after trusted forwarded headers
/// (<see cref="ProxyOptions"/>), so a reverse proxy on the same machine does not make the internet local.
/// </summary>
internal sealed class OperatorEndpointsGate(
    RequestDelegate next,
    IHostEnvironment environment,
    IOptions<MetricsOptions> metrics,
    IOptions<SchedulingOptions> jobs)
{
    public const string DashboardPath = "/hangfire";
    public const string MetricsPath = "/metrics";

    public Task InvokeAsync(HttpContext http)
    {
        var path = http.Request.Path;
        string? user, password, realm;
        if (path.StartsWithSegments(DashboardPath))
        {
            (user, password, realm) = (jobs.Value.Dashboard.Username, jobs.Value.Dashboard.Password, "FeedbackBot jobs");
        }
        else if (path.StartsWithSegments(MetricsPath))
        {
            (user, password, realm) = (metrics.Value.Username, metrics.Value.Password, "FeedbackBot metrics");
        }
        else
        {
            return next(http);
        }

        if (!string.IsNullOrEmpty(user) && !string.IsNullOrEmpty(password))
        {
            if (BasicCredentials.Match(http.Request, user, password))
            {
                return next(http);
            }

            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            http.Response.Headers.WWWAuthenticate = $"Basic realm=\"{realm}\", charset=\"UTF-8\"";
            return Task.CompletedTask;
        }

        if (environment.IsDevelopment() && BasicCredentials.IsLocal(http.Connection))
        {
            return next(http);
        }

        // Off: no credentials configured, or not a local caller in Development. 404 says nothing is here.
        http.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }
}
