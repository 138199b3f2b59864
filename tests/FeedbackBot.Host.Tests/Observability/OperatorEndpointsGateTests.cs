using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Text;
using FeedbackBot.Host.Observability;
using FeedbackBot.Scheduling;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Host.Tests.Observability;

/// <summary>
/// The gate in front of <c>/hangfire</c> and <c>/metrics</c>, one request at a time. The proxy end-to-end proof
/// is <see cref="BehindProxyTests"/>.
/// </summary>
public sealed class OperatorEndpointsGateTests
{
    private static readonly IPAddress Internet = IPAddress.Parse("203.0.113.7");

    private static async Task<(int Status, bool Passed, string Challenge)> SendAsync(
        string environment, string path, IPAddress remote, string? authorization = null,
        MetricsOptions? metrics = null, SchedulingOptions.DashboardOptions? dashboard = null)
    {
        var passed = false;
        var gate = new OperatorEndpointsGate(
            _ => { passed = true; return Task.CompletedTask; },
            new HostingEnvironment { EnvironmentName = environment },
            Options.Create(metrics ?? new MetricsOptions()),
            Options.Create(new SchedulingOptions { Dashboard = dashboard ?? new SchedulingOptions.DashboardOptions() }));
        var http = new DefaultHttpContext();
        http.Request.Path = path;
        http.Connection.RemoteIpAddress = remote;
        http.Connection.LocalIpAddress = IPAddress.Parse("10.1.2.3");
        if (authorization is not null)
        {
            http.Request.Headers.Authorization = authorization;
        }

        await gate.InvokeAsync(http);
        return (http.Response.StatusCode, passed, http.Response.Headers.WWWAuthenticate.ToString());
    }

    private static string Basic(string user, string password) =>
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));

    [Theory]
    [InlineData("/hangfire")]
    [InlineData("/hangfire/jobs/enqueued")]
    [InlineData("/metrics")]
    public async Task Production_NoCredentialsConfigured_404EvenFromLoopback(string path)
    {
        var local = await SendAsync(Environments.Production, path, IPAddress.Loopback);
        var remote = await SendAsync(Environments.Production, path, Internet, Basic("ops", "anything"));

        Assert.Equal((404, false), (local.Status, local.Passed));
        Assert.Equal((404, false), (remote.Status, remote.Passed));
    }

    [Fact]
    public async Task Production_MetricsCredentials_OnlyTheRightPairPasses()
    {
        var metrics = new MetricsOptions { Username = "scraper", Password = "s3cret" };

        var none = await SendAsync(Environments.Production, "/metrics", Internet, metrics: metrics);
        var wrong = await SendAsync(Environments.Production, "/metrics", Internet, Basic("scraper", "nope"), metrics);
        var local = await SendAsync(Environments.Production, "/metrics", IPAddress.Loopback, metrics: metrics);
        var right = await SendAsync(Environments.Production, "/metrics", Internet, Basic("scraper", "s3cret"), metrics);

        Assert.Equal((401, false), (none.Status, none.Passed));
        Assert.StartsWith("Basic realm=", none.Challenge);
        Assert.Equal((401, false), (wrong.Status, wrong.Passed));
        Assert.Equal((401, false), (local.Status, local.Passed)); // loopback is no excuse: a proxy on this machine is loopback
        Assert.True(right.Passed);
    }

    [Fact]
    public async Task Production_DashboardCredentials_AreTheDashboards_NotTheMetrics()
    {
        var dashboard = new SchedulingOptions.DashboardOptions { Username = "ops", Password = "p4ss" };
        var metrics = new MetricsOptions { Username = "scraper", Password = "s3cret" };

        var right = await SendAsync(Environments.Production, "/hangfire", Internet, Basic("ops", "p4ss"), metrics, dashboard);
        var metricsPair = await SendAsync(Environments.Production, "/hangfire", Internet, Basic("scraper", "s3cret"), metrics, dashboard);
        var onMetrics = await SendAsync(Environments.Production, "/metrics", Internet, Basic("ops", "p4ss"), metrics, dashboard);

        Assert.True(right.Passed);
        Assert.Equal(401, metricsPair.Status);
        Assert.Equal(401, onMetrics.Status);
    }

    [Fact]
    public async Task Development_NoCredentials_LocalPasses_OthersGet404()
    {
        var local = await SendAsync(Environments.Development, "/metrics", IPAddress.Loopback);
        var dashboard = await SendAsync(Environments.Development, "/hangfire", IPAddress.IPv6Loopback);
        var remote = await SendAsync(Environments.Development, "/hangfire", Internet);

        Assert.True(local.Passed);
        Assert.True(dashboard.Passed);
        Assert.Equal((404, false), (remote.Status, remote.Passed));
    }

    [Theory]
    [InlineData("/slack/commands")]
    [InlineData("/health/ready")]
    [InlineData("/metricsx")]
    [InlineData("/hangfirey")]
    public async Task OtherPaths_PassUntouched(string path)
    {
        var result = await SendAsync(Environments.Production, path, Internet);

        Assert.True(result.Passed);
    }

    [Fact]
    public void ProxyOptions_ListOrCommaSeparated_OnlyWhatIsConfiguredIsTrusted()
    {
        var none = Read(new Dictionary<string, string?>());
        var options = Read(new Dictionary<string, string?>
        {
            ["ForwardedHeaders:KnownProxies"] = "127.0.0.1, ::1",
            ["ForwardedHeaders:KnownNetworks:0"] = "10.0.0.0/8",
        });

        Assert.Null(none.ToMiddlewareOptions());
        var middleware = options.ToMiddlewareOptions()!;
        Assert.Equal(new[] { IPAddress.Loopback, IPAddress.IPv6Loopback }, middleware.KnownProxies);
        Assert.Equal(new[] { System.Net.IPNetwork.Parse("10.0.0.0/8") }, middleware.KnownIPNetworks);
        Assert.Empty(Validate(options));
    }

    [Fact]
    public void ProxyOptions_BadValues_NameTheSetting()
    {
        var options = Read(new Dictionary<string, string?>
        {
            ["ForwardedHeaders:KnownProxies:0"] = "proxy.internal",
            ["ForwardedHeaders:KnownNetworks"] = "10.0.0.0/99",
        });

        var errors = Validate(options).Select(e => e.ErrorMessage).ToArray();

        Assert.Contains(errors, e => e!.Contains("ForwardedHeaders:KnownProxies") && e.Contains("proxy.internal"));
        Assert.Contains(errors, e => e!.Contains("ForwardedHeaders:KnownNetworks") && e.Contains("10.0.0.0/99"));
    }

    [Fact]
    public void MetricsOptions_UserWithoutPassword_Refused()
    {
        var errors = Validate(new MetricsOptions { Username = "scraper" });

        Assert.Contains(errors, e => e.ErrorMessage!.Contains("Metrics:Username and Metrics:Password"));
    }

    private static ProxyOptions Read(Dictionary<string, string?> settings)
    {
        var options = new ProxyOptions();
        ProxyOptions.Bind(options, new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return options;
    }

    private static List<ValidationResult> Validate(object options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }
}
