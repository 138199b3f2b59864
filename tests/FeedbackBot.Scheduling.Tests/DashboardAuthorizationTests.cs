using System.Net;
using System.Text;
using Hangfire;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace FeedbackBot.Scheduling.Tests;

public sealed class DashboardAuthorizationTests
{
    private static bool Authorize(SchedulingOptions.DashboardOptions options, IPAddress remote, string? authorization = null)
    {
        var http = new DefaultHttpContext { RequestServices = new ServiceCollection().BuildServiceProvider() };
        http.Connection.RemoteIpAddress = remote;
        http.Connection.LocalIpAddress = IPAddress.Parse("10.1.2.3");
        if (authorization is not null)
        {
            http.Request.Headers.Authorization = authorization;
        }

        var context = new AspNetCoreDashboardContext(new Mock<JobStorage>().Object, new DashboardOptions(), http);
        return new DashboardAuthorization(options).Authorize(context);
    }

    private static string Basic(string user, string password) =>
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));

    [Fact]
    public void NoCredentials_LocalOnly()
    {
        var none = new SchedulingOptions.DashboardOptions();

        Assert.True(Authorize(none, IPAddress.Loopback));
        Assert.True(Authorize(none, IPAddress.IPv6Loopback));
        Assert.False(Authorize(none, IPAddress.Parse("203.0.113.7")));
    }

    [Fact]
    public void Credentials_RemoteNeedsTheRightPair()
    {
        var options = new SchedulingOptions.DashboardOptions { Username = "ops", Password = "p4ss" };
        var remote = IPAddress.Parse("203.0.113.7");

        Assert.True(Authorize(options, remote, Basic("ops", "p4ss")));
        Assert.False(Authorize(options, remote, Basic("ops", "wrong")));
        Assert.False(Authorize(options, remote, Basic("other", "p4ss")));
        Assert.False(Authorize(options, remote, "Basic !!notbase64"));
        Assert.False(Authorize(options, remote));
        Assert.False(Authorize(options, IPAddress.Loopback)); // with credentials set, local needs them too
    }
}
