using System.Net;
using System.Security.Cryptography;
using System.Text;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Http;

namespace FeedbackBot.Scheduling;

/// <summary>
/// Local requests only by default. With <c>Hangfire:Dashboard:Username</c>/<c>Password</c> set, any client with
/// those Basic credentials (use it behind TLS). The host puts its own gate in front (outside Development: the
/// credentials or 404, whatever the peer address; see docs/operations.md); this filter stays as a second check.
/// </summary>
internal sealed class DashboardAuthorization(SchedulingOptions.DashboardOptions options) : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context)
    {
        var http = context.GetHttpContext();
        if (!options.RequiresCredentials)
        {
            return BasicCredentials.IsLocal(http.Connection);
        }

        if (!BasicCredentials.Match(http.Request, options.Username!, options.Password!))
        {
            http.Response.Headers.WWWAuthenticate = "Basic realm=\"FeedbackBot jobs\"";
            return false;
        }

        return true;
    }
}

/// <summary>HTTP Basic credentials checked in fixed time, and what counts as a local caller.</summary>
public static class BasicCredentials
{
    /// <summary>True when the request carries exactly <paramref name="user"/>:<paramref name="password"/> (compared in fixed time).</summary>
    public static bool Match(HttpRequest request, string user, string password) =>
        TryRead(request, out var givenUser, out var givenPassword)
        & FixedEquals(givenUser, user) & FixedEquals(givenPassword, password);

    /// <summary>
    /// The caller is this machine. Behind a reverse proxy that is only meaningful once forwarded headers from a
    /// trusted proxy have replaced the peer address.
    /// </summary>
    public static bool IsLocal(ConnectionInfo c) =>
        c.RemoteIpAddress is null
        || IPAddress.IsLoopback(c.RemoteIpAddress)
        || c.RemoteIpAddress.Equals(c.LocalIpAddress);

    private static bool TryRead(HttpRequest request, out string user, out string password)
    {
        user = password = "";
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
            var colon = decoded.IndexOf(':');
            if (colon < 0)
            {
                return false;
            }

            (user, password) = (decoded[..colon], decoded[(colon + 1)..]);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static bool FixedEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}
