using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace FeedbackBot.Redis.Tests;

/// <summary>
/// The Data Protection key ring at rest (issue 12): with <c>DataProtection:CertificatePath</c> every key in Redis is
/// encrypted to the certificate and every host holding it reads the installations; without it one information
/// line says what protects the keys, instead of Data Protection's warning per key.
/// </summary>
public sealed class DataProtectionCertificateTests(RedisServerFixture server) : IClassFixture<RedisServerFixture>, IDisposable
{
    private const string Secret = "{\"bot_token\":\"xoxb-1234-5678-secret-token\"}";
    private static readonly WorkspaceRef Workspace = new(Platform.Slack, "T1");
    private readonly Keys _keys = new("dp" + Guid.NewGuid().ToString("N")[..10]);
    private readonly string _dir = Directory.CreateTempSubdirectory("fb-dp-").FullName;

    [Fact]
    public async Task WithCertificate_KeyRingIsEncryptedInRedis_AndAnotherHostWithItReadsInstallations()
    {
        var protection = new DataProtectionKeyOptions { CertificatePath = WriteCertificate("s3cret"), CertificatePassword = "s3cret" };
        await using (var hostA = Host(protection))
        {
            await hostA.GetRequiredService<IInstallationStore>().SetAsync(Workspace, Secret, default);
        }

        var ring = string.Join("\n", await server.Connection.GetDatabase().ListRangeAsync($"{_keys.Prefix}:dataprotection:keys"));
        Assert.Contains("EncryptedData", ring);          // XML Encryption of the key's secret part
        Assert.DoesNotContain("<masterKey", ring);        // the key material itself is not in the clear

        await using var hostB = Host(protection);
        Assert.Equal(Secret, await hostB.GetRequiredService<IInstallationStore>().GetAsync(Workspace, default));

        // A host without the certificate cannot read the ring, so not the installation either: the encryption is real.
        await using var stranger = Host(new DataProtectionKeyOptions());
        Assert.Null(await stranger.GetRequiredService<IInstallationStore>().GetAsync(Workspace, default));
    }

    [Fact]
    public async Task WithoutCertificate_NoWarning_AndTheStartLineNamesTheSetting()
    {
        var logs = new ListLoggerProvider();
        await using (var host = Host(new DataProtectionKeyOptions(), logs))
        {
            await host.GetRequiredService<IInstallationStore>().SetAsync(Workspace, Secret, default);
            Assert.Equal(Secret, await host.GetRequiredService<IInstallationStore>().GetAsync(Workspace, default));
        }

        // Not Data Protection's "No XML encryptor configured" for each key: the host says it once at start instead
        // (StartupTests checks that line in the running host).
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Warning);
        Assert.Contains("DataProtection:CertificatePath", InstallationsServiceCollectionExtensions.DescribeKeyProtection(new DataProtectionKeyOptions()));
        Assert.Null(InstallationsServiceCollectionExtensions.DescribeKeyProtection(new DataProtectionKeyOptions { CertificatePath = "keys.pfx" }));
    }

    [Fact]
    public async Task UnreadableCertificate_IsOneStartupErrorNamingTheSetting()
    {
        await using var host = Host(new DataProtectionKeyOptions { CertificatePath = Path.Combine(_dir, "missing.pfx") });

        var error = Assert.Throws<OptionsValidationException>(() => host.GetRequiredService<IOptions<DataProtectionKeyOptions>>().Value);
        Assert.Contains("DataProtection:CertificatePath", error.Message);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private ServiceProvider Host(DataProtectionKeyOptions protection, ILoggerProvider? logs = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(b =>
        {
            b.SetMinimumLevel(LogLevel.Debug);
            if (logs is not null)
            {
                b.AddProvider(logs);
            }
        });
        services.AddSingleton(server.Connection);
        services.AddSingleton(_keys);
        services.AddFeedbackInstallations(protection);
        return services.BuildServiceProvider();
    }

    private string WriteCertificate(string password)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=FeedbackBot key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(_dir, "keyring.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return path;
    }
}
