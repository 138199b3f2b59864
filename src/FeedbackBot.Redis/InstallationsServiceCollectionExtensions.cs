using FeedbackBot.Core.Ports;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace FeedbackBot.Redis;

public static class InstallationsServiceCollectionExtensions
{
    /// <summary>
    /// ASP.NET Core Data Protection with its key ring in the bot's Redis (<c>{p}:dataprotection:keys</c>), so
    /// every host encrypts and decrypts with the same keys, plus the installation store and workspace-wide data
    /// operations. Call after <see cref="StorageServiceCollectionExtensions.AddFeedbackStorage"/>.
    /// </summary>
    public static IHostApplicationBuilder AddFeedbackInstallations(this IHostApplicationBuilder builder)
    {
        builder.Services.AddFeedbackInstallations();
        return builder;
    }

    /// <summary>The same on a service collection that has an <see cref="IConnectionMultiplexer"/> and <see cref="Keys"/>.</summary>
    public static IServiceCollection AddFeedbackInstallations(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("FeedbackBot");
        // Resolved lazily: the connection exists only once storage has started (embedded Garnet starts first).
        services.AddOptions<KeyManagementOptions>().Configure<IServiceProvider>((o, sp) =>
        {
            var keys = sp.GetRequiredService<Keys>();
            o.XmlRepository = new RedisXmlRepository(() => sp.GetRequiredService<IConnectionMultiplexer>().GetDatabase(),
                $"{keys.Prefix}:dataprotection:keys");
        });
        services.AddSingleton<IInstallationStore, RedisInstallationStore>();
        services.AddSingleton<IWorkspaceData, RedisWorkspaceData>();
        return services;
    }
}
