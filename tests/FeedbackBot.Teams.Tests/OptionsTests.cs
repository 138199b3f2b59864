using System.ComponentModel.DataAnnotations;
using FeedbackBot.Core;
using FeedbackBot.Core.Messaging;
using FeedbackBot.Core.Ports;
using FeedbackBot.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Teams.Tests;

/// <summary>Teams settings: defaults, modes, and the start-up errors for half or unsafe configurations.</summary>
public sealed class OptionsTests
{
    [Fact]
    public void Defaults_AreTheDocumentedOnes_AndAllEmptyIsOff()
    {
        var o = new TeamsOptions();

        Assert.Equal("https://login.botframework.com/v1/.well-known/openidconfiguration", o.OpenIdMetadataUrl);
        Assert.Equal("https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration", o.EntraOpenIdMetadataUrl);
        Assert.Equal("https://login.microsoftonline.com/{TenantId}", o.Authority);
        Assert.False(o.AllowAnonymous);
        Assert.Equal(TeamsMode.Off, o.Mode);
        Assert.Empty(Errors(o));
        Assert.Empty(Errors(new TeamsOptions { OpenIdMetadataUrl = "", EntraOpenIdMetadataUrl = "", Authority = "" }));
    }

    [Fact]
    public void AllThreeSecrets_AreAuthenticated_WithTheTenantAuthority()
    {
        var o = new TeamsOptions { AppId = TeamsTestHost.AppId, AppPassword = "s", TenantId = TeamsTestHost.Tenant };

        Assert.Equal(TeamsMode.Authenticated, o.Mode);
        Assert.Equal($"https://login.microsoftonline.com/{TeamsTestHost.Tenant}", o.EffectiveAuthority);
        Assert.Empty(Errors(o));
    }

    [Theory]
    [InlineData("app", null, null, "partly configured")]
    [InlineData(TeamsTestHost.AppId, "s", null, "Teams:TenantId")]
    [InlineData("not-a-guid", "s", TeamsTestHost.Tenant, "Teams:AppId must be a GUID")]
    public void HalfAConfiguration_FailsAtStartup(string? appId, string? password, string? tenant, string expected)
    {
        var o = new TeamsOptions { AppId = appId, AppPassword = password, TenantId = tenant };

        Assert.Contains(Errors(o), e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("http://login.botframework.com/v1/.well-known/openidconfiguration", false)]
    [InlineData("http://127.0.0.1:5000/v1/.well-known/openidconfiguration", true)]
    [InlineData("http://[::1]:5000/meta", true)]
    [InlineData("https://login.botframework.com/v1/.well-known/openidconfiguration", true)]
    public void PlainHttpMetadata_IsAcceptedOnlyOnLoopback(string url, bool ok)
    {
        var o = new TeamsOptions { AllowAnonymous = true, OpenIdMetadataUrl = url };

        Assert.Equal(ok, Errors(o).Count == 0);
    }

    [Fact]
    public void AnonymousWithASecret_FailsAtStartup()
    {
        var o = new TeamsOptions { AllowAnonymous = true, AppPassword = "secret" };

        Assert.Contains(Errors(o), e => e.Contains("local trial only", StringComparison.Ordinal));
    }

    [Fact]
    public void TeamsOff_RegistersNothing()
    {
        var services = new ServiceCollection();
        services.AddTeams(new ConfigurationBuilder().Build());
        using var provider = services.BuildServiceProvider();

        Assert.Empty(provider.GetServices<IChatMessenger>());
        Assert.Equal(TeamsMode.Off, provider.GetRequiredService<IOptions<TeamsOptions>>().Value.Mode);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TeamsOn_EveryServiceResolves(bool anonymous)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IFeedbackStore>(new InMemoryFeedbackStore());
        services.AddSingleton<IRequestStore>(new InMemoryRequestStore());
        services.AddSingleton<IPreferencesStore>(new InMemoryPreferencesStore());
        services.AddSingleton<IOnceStore>(new InMemoryOnceStore());
        services.AddSingleton<IJobScheduler>(new RecordingJobScheduler());
        services.AddSingleton<IDeliveryDispatcher>(new RecordingJobScheduler());
        services.AddSingleton<IReminderSchedule>(new InMemoryReminderSchedule());
        services.AddSingleton<IAddressBook>(new InMemoryAddressBook());
        services.AddSingleton<Core.Growth.IGrowthStore>(new InMemoryGrowthStore());
        services.AddFeedbackCore();
        services.AddTeams(new ConfigurationBuilder().AddInMemoryCollection(anonymous
            ? new Dictionary<string, string?> { ["Teams:AllowAnonymous"] = "true" }
            : new Dictionary<string, string?> { ["Teams:AppId"] = TeamsTestHost.AppId, ["Teams:AppPassword"] = "s", ["Teams:TenantId"] = TeamsTestHost.Tenant }).Build());

        // As the host's Development environment does: every registration must resolve.
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        Assert.IsType<Delivery.TeamsMessenger>(Assert.Single(provider.GetServices<IChatMessenger>()));
        Assert.IsType<People.TeamsPeopleDirectory>(Assert.Single(provider.GetServices<FeedbackBot.Core.People.IPlatformPeopleDirectory>()));
    }

    private static List<string> Errors(TeamsOptions o)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(o, new ValidationContext(o), results, validateAllProperties: true);
        return results.Select(r => r.ErrorMessage ?? "").ToList();
    }
}
