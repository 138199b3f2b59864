using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using FeedbackBot.Redis;

namespace FeedbackBot.Host.Tests;

/// <summary>
/// The host's builder is the slim one (idle memory, docs/embedded-storage.md) with back what the bot uses: these
/// pin both halves, so a later "simplification" to the full builder, or a dropped feature, shows here.
/// </summary>
public sealed class WebHostBuilderTests
{
    [Fact]
    public void Builder_HasNoQuicTransportAndNoIisIntegration()
    {
        var builder = WebHost.CreateBuilder([]);

        Assert.DoesNotContain(builder.Services, d => d.ServiceType == typeof(IMultiplexedConnectionListenerFactory));
        Assert.DoesNotContain(builder.Services, d => AssemblyOf(d) is "Microsoft.AspNetCore.Server.IIS" or "Microsoft.AspNetCore.Server.Kestrel.Transport.Quic");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void DataProtection_KeyRingIsNotPreloadedAtStart(bool slackInstallOn)
    {
        // Add to Slack registers Data Protection a second time (AddSlackInstall), which re-adds the preload.
        var builder = WebHost.CreateBuilder(slackInstallOn
            ? ["Slack:SigningSecret=s", "Slack:ClientId=1.2", "Slack:ClientSecret=c"]
            : []);
        WebHost.AddServices(builder);

        Assert.NotNull(typeof(Microsoft.AspNetCore.DataProtection.DataProtectionOptions).Assembly
            .GetType(InstallationsServiceCollectionExtensions.DataProtectionPreloadService)); // an ASP.NET Core rename shows here
        Assert.DoesNotContain(builder.Services, d => d.ServiceType == typeof(Microsoft.Extensions.Hosting.IHostedService)
            && d.ImplementationType?.FullName == InstallationsServiceCollectionExtensions.DataProtectionPreloadService);
        Assert.Contains(builder.Services, d => d.ServiceType == typeof(Microsoft.AspNetCore.DataProtection.IDataProtectionProvider));
    }

    [Fact]
    public async Task Builder_ReadsAppSettingsEnvironmentAndCommandLine()
    {
        Environment.SetEnvironmentVariable("FB_BUILDERTEST__FROMENV", "env");
        try
        {
            var builder = WebHost.CreateBuilder(["FB_BuilderTest:FromArgs=args", "Logging:Console:FormatterName=json"]);
            await using var app = builder.Build();

            Assert.Equal("env", app.Configuration["FB_BuilderTest:FromEnv"]);
            Assert.Equal("args", app.Configuration["FB_BuilderTest:FromArgs"]);
            Assert.False(string.IsNullOrEmpty(app.Configuration["Slack:ApiBaseUrl"])); // appsettings.json beside the binaries
            // Console logging, with the formatter an operator picks in settings.
            Assert.Equal("json", app.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName);
            Assert.Contains(app.Services.GetServices<ILoggerProvider>(), p => p is ConsoleLoggerProvider);
        }
        finally
        {
            Environment.SetEnvironmentVariable("FB_BUILDERTEST__FROMENV", null);
        }
    }

    [Fact]
    public async Task Builder_ServesHttpsWithTheConfiguredCertificate()
    {
        var dir = Directory.CreateTempSubdirectory("fb-https-").FullName;
        try
        {
            var pfx = Path.Combine(dir, "cert.pfx");
            using (var key = RSA.Create(2048))
            {
                var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
                await File.WriteAllBytesAsync(pfx, cert.Export(X509ContentType.Pfx, "pw"));
            }

            var port = LoopbackPort.Pick();
            var builder = WebHost.CreateBuilder(
            [
                $"Urls=https://127.0.0.1:{port}",
                $"Kestrel:Certificates:Default:Path={pfx}",
                "Kestrel:Certificates:Default:Password=pw",
            ]);
            await using var app = builder.Build();
            app.MapGet("/probe", () => "ok");
            await app.StartAsync();

            using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, c, _, _) => c?.Subject == "CN=127.0.0.1" };
            using var http = new HttpClient(handler);
            using var response = await http.GetAsync(new Uri($"https://127.0.0.1:{port}/probe"));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("ok", await response.Content.ReadAsStringAsync());
            await app.StopAsync();
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string? AssemblyOf(ServiceDescriptor d) =>
        (d.ImplementationType ?? d.ImplementationInstance?.GetType() ?? d.ServiceType).Assembly.GetName().Name;
}
