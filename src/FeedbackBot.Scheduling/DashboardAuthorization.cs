using System.Net;
using System.Security.Cryptography;
using System.Text;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Http;

namespace FeedbackBot.Scheduling;

/// <summary>
/// Local requests only by default. With <c>Hangfire:Dashboard:Username</c>/<c>Password</c> set, any client with
/// those Basic credentials (use it behind TLS).
/// </summary>
internal sealed class DashboardAuthorization(SchedulingOptions.DashboardOptions options) : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context)
    {
        var http = context.GetHttpContext();
        if (!options.RequiresCredentials)
        {
            return IsLocal(http.Connection);
        }

        if (!TryReadBasic(http.Request, out var user, out var password)
            || !(FixedEquals(user, options.Username!) & FixedEquals(password, options.Password!)))
        {
            http.Response.Headers.WWWAuthenticate = "Basic realm=\"FeedbackBot jobs\"";
            return false;
        }

        return true;
    }

    private static bool IsLocal(ConnectionInfo c) =>
        c.RemoteIpAddress is null
        || IPAddress.IsLoopback(c.RemoteIpAddress)
        || c.RemoteIpAddress.Equals(c.LocalIpAddress);

    private static bool TryReadBasic(HttpRequest request, out string user, out string password)
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
