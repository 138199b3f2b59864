using FeedbackBot.Core.Messaging;
using FeedbackBot.Core.People;
using FeedbackBot.Teams.Addressing;
using FeedbackBot.Teams.Auth;
using FeedbackBot.Teams.Connector;
using FeedbackBot.Teams.Delivery;
using FeedbackBot.Teams.Give;
using FeedbackBot.Teams.Growth;
using FeedbackBot.Teams.Inbound;
using FeedbackBot.Teams.Insights;
using FeedbackBot.Teams.People;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FeedbackBot.Teams;

public static class TeamsServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates <see cref="TeamsOptions"/> (all empty is valid: Teams off) and, when Teams is on,
    /// registers inbound auth, the router, the connector client, the messenger and the people directory.
    /// </summary>
    public static IServiceCollection AddTeams(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(TeamsOptions.SectionName);
        services.AddOptions<TeamsOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<TeamsTimings>();

        var options = section.Get<TeamsOptions>() ?? new TeamsOptions();
        if (options.Mode == TeamsMode.Off)
        {
            return services;
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(TeamsMetadata.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(10));
        // TeamsConnectorClient keeps its own per-attempt deadline (TeamsTimings.CallTimeout) and decides what a
        // timeout means; a second, shorter one here would pre-empt it.
        services.AddHttpClient(TeamsConnectorClient.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan);
        services.AddHttpClient(MsalBotTokenSource.HttpClientName);

        if (options.Mode == TeamsMode.Authenticated)
        {
            services.AddTeamsAuthentication();
            services.TryAddSingleton<IBotTokenSource, MsalBotTokenSource>();
        }
        else
        {
            services.TryAddSingleton<TeamsMetadata>();
            services.TryAddSingleton<IBotTokenSource, NoBotToken>();
        }

        services.AddSingleton<TeamsActivityGate>();
        services.AddSingleton<TeamsConnectorClient>();
        services.AddTransient<TeamsAddressBook>();
        services.AddTransient<ConversationReferences>();
        services.AddTransient<TeamsDispatcher>();
        services.AddTeamsRoutes();

        services.AddMemoryCache();
        services.AddTransient<IPlatformPeopleDirectory, TeamsPeopleDirectory>();
        services.AddTransient<TeamsMessenger>();
        services.AddTransient<IChatMessenger>(sp => sp.GetRequiredService<TeamsMessenger>());

        // Requests, inbox, pending, settings.
        services.AddTransient<TeamsPeopleResolver>();
        services.AddTransient<Requests.TeamsRequestRunner>();
        services.AddKeyedTransient<Core.Ports.IBackgroundWorkHandler, Requests.RequestWork>(Requests.RequestWork.Kind);
        services.AddKeyedTransient<Core.Ports.IBackgroundWorkHandler, Requests.DeclineWork>(Requests.DeclineWork.Kind);
        services.AddTransient<PrivateCards>();
        services.AddTransient<WorkOutcomes>();
        services.AddTransient<Settings.TeamsSettings>();
        services.AddTransient<Requests.InboxCards>();
        services.AddTeamsInsights();
        services.AddTeamsGive();
        services.AddTeamsGrowth();
        return services;
    }

    /// <summary>Same as <see cref="AddTeams(IServiceCollection, IConfiguration)"/> on the builder's configuration.</summary>
    public static TBuilder AddTeams<TBuilder>(this TBuilder builder) where TBuilder : Microsoft.Extensions.Hosting.IHostApplicationBuilder
    {
        builder.Services.AddTeams(builder.Configuration);
        return builder;
    }

    /// <summary>Maps <c>POST /api/messages</c> behind the Teams gate; maps nothing when Teams is off.</summary>
    public static IEndpointRouteBuilder MapTeams(this IEndpointRouteBuilder app)
    {
        // Read from configuration, not IOptions: invalid settings must fail at start-up with their own message
        // (ValidateOnStart), not here with a stack trace.
        var options = app.ServiceProvider.GetRequiredService<IConfiguration>().GetSection(TeamsOptions.SectionName).Get<TeamsOptions>();
        if ((options?.Mode ?? TeamsMode.Off) == TeamsMode.Off)
        {
            return app;
        }

        app.MapPost(TeamsEndpoint.Path, TeamsEndpoint.PostAsync).DisableAntiforgery();
        return app;
    }
}
