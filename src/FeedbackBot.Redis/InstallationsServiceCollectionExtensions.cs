using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using FeedbackBot.Core.Ports;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace FeedbackBot.Redis;

/// <summary>
/// How the Data Protection key ring is protected at rest. Section <c>DataProtection</c>.
/// </summary>
public sealed class DataProtectionKeyOptions
{
    public const string SectionName = "DataProtection";

    /// <summary>
    /// A PKCS#12 (.pfx) file with a certificate and its private key: every key of the ring is encrypted to it before
    /// it is written to Redis, and decrypted with it on every host (all hosts need the same file). Empty: the keys
    /// are stored unencrypted and protected only by Redis access control (one information line at start says so).
    /// </summary>
    public string? CertificatePath { get; set; }

    /// <summary>The password of <see cref="CertificatePath"/>, if it has one.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>The certificate, or null when none is configured. Throws when the file cannot be read.</summary>
    public X509Certificate2? LoadCertificate()
    {
        if (string.IsNullOrWhiteSpace(CertificatePath))
        {
            return null;
        }

        var certificate = X509CertificateLoader.LoadPkcs12FromFile(CertificatePath, CertificatePassword, X509KeyStorageFlags.EphemeralKeySet);
        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw new CryptographicException("the file holds no private key, so the keys it encrypts could not be read back");
        }

        return certificate;
    }
}

public static class InstallationsServiceCollectionExtensions
{
    /// <summary>
    /// ASP.NET Core Data Protection with its key ring in the bot's Redis (<c>{p}:dataprotection:keys</c>), so
    /// every host encrypts and decrypts with the same keys, plus the installation store and workspace-wide data
    /// operations; the key ring is encrypted with the certificate of <c>DataProtection:CertificatePath</c> when set.
    /// Call after <see cref="StorageServiceCollectionExtensions.AddFeedbackStorage"/>.
    /// </summary>
    public static IHostApplicationBuilder AddFeedbackInstallations(this IHostApplicationBuilder builder)
    {
        builder.Services.AddFeedbackInstallations(
            builder.Configuration.GetSection(DataProtectionKeyOptions.SectionName).Get<DataProtectionKeyOptions>());
        return builder;
    }

    /// <summary>The same on a service collection that has an <see cref="IConnectionMultiplexer"/> and <see cref="Keys"/>.</summary>
    public static IServiceCollection AddFeedbackInstallations(this IServiceCollection services, DataProtectionKeyOptions? protection = null)
    {
        protection ??= new DataProtectionKeyOptions();
        var dataProtection = services.AddDataProtection().SetApplicationName("FeedbackBot");

        // Loaded now because Data Protection takes the certificate at registration; a bad file is reported by the
        // start-up validation as one line naming the setting, like every other bad setting.
        X509Certificate2? certificate = null;
        string? problem = null;
        try
        {
            certificate = protection.LoadCertificate();
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
        {
            problem = $"{DataProtectionKeyOptions.SectionName}:CertificatePath '{protection.CertificatePath}' cannot be used ({ex.Message}); " +
                $"it must be a PKCS#12 file with a private key, its password in {DataProtectionKeyOptions.SectionName}:CertificatePassword";
        }

        if (certificate is not null)
        {
            // Encrypts every new key to the certificate, and decrypts with it whatever the certificate store holds.
            dataProtection.ProtectKeysWithCertificate(certificate);
        }

        services.AddOptions<DataProtectionKeyOptions>()
            .Configure(o => (o.CertificatePath, o.CertificatePassword) = (protection.CertificatePath, protection.CertificatePassword))
            .Validate(_ => problem is null, problem ?? "")
            .ValidateOnStart();
        // Resolved lazily: the connection exists only once storage has started (embedded Garnet starts first).
        services.AddOptions<KeyManagementOptions>().Configure<IServiceProvider>((o, sp) =>
        {
            var keys = sp.GetRequiredService<Keys>();
            o.XmlRepository = new RedisXmlRepository(() => sp.GetRequiredService<IConnectionMultiplexer>().GetDatabase(),
                $"{keys.Prefix}:dataprotection:keys");
            if (certificate is null)
            {
                // Data Protection warns "No XML encryptor configured" for every key it creates; that is a choice made
                // here, said once at start (DescribeKeyProtection), with the setting that changes it.
                o.XmlEncryptor = new UnencryptedKeyEncryptor();
            }
        });
        services.AddSingleton<IInstallationStore, RedisInstallationStore>();
        services.AddSingleton<IWorkspaceData, RedisWorkspaceData>();
        return services;
    }

    /// <summary>
    /// The start-up line about how the key ring is kept, or null when a certificate encrypts it. Said at start rather
    /// than when the ring is first read (<see cref="LoadKeyRingOnFirstUse"/>), where an operator would not look.
    /// </summary>
    public static string? DescribeKeyProtection(DataProtectionKeyOptions protection) =>
        string.IsNullOrWhiteSpace(protection.CertificatePath)
            ? $"Data Protection keys (they encrypt the stored Slack tokens) are kept unencrypted in Redis, protected only by Redis " +
              $"access control; set {DataProtectionKeyOptions.SectionName}:CertificatePath (and {DataProtectionKeyOptions.SectionName}:CertificatePassword) to encrypt them with a certificate"
            : null;

    /// <summary>
    /// Data Protection reads its key ring at start (a hosted service), which parses XML (System.Private.Xml.Linq) and
    /// loads the ring's types into every host, although only a Slack token or an OAuth state needs it, and most hosts idle for hours
    /// first: about 2 MB of idle RSS (docs/embedded-storage.md, idle memory, seventh step). Without that service the ring
    /// is read on first use (one Redis read, a few milliseconds). Call after every registration that adds Data
    /// Protection, since each re-adds the service.
    /// </summary>
    public static IServiceCollection LoadKeyRingOnFirstUse(this IServiceCollection services)
    {
        var preload = services.Where(d => d.ServiceType == typeof(IHostedService)
            && d.ImplementationType?.FullName == DataProtectionPreloadService).ToArray();
        foreach (var descriptor in preload)
        {
            services.Remove(descriptor);
        }

        return services;
    }

    /// <summary>The hosted service <c>AddDataProtection</c> registers (internal to ASP.NET Core; a test notices a rename).</summary>
    public const string DataProtectionPreloadService = "Microsoft.AspNetCore.DataProtection.Internal.DataProtectionHostedService";
}

/// <summary>
/// Stores keys as they are, on purpose (no certificate configured): Data Protection's own unencrypted path warns on
/// every key it creates, which read as a fault in every host's log. The one start-up line says it instead.
/// </summary>
internal sealed class UnencryptedKeyEncryptor : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement) =>
        new(new XElement("unencryptedKey", new XElement(plaintextElement)), typeof(UnencryptedKeyDecryptor));
}

/// <summary>Reads back what <see cref="UnencryptedKeyEncryptor"/> wrote. Activated by Data Protection by type name.</summary>
internal sealed class UnencryptedKeyDecryptor : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement) => new(encryptedElement.Elements().Single());
}
