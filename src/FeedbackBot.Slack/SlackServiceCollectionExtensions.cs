using FeedbackBot.Slack.Coaching;
using FeedbackBot.Slack.DataRights;
using FeedbackBot.Core.Messaging;
using FeedbackBot.Core.Ports;
using FeedbackBot.Slack.Api;
using FeedbackBot.Slack.Background;
using FeedbackBot.Slack.Delivery;
using FeedbackBot.Slack.Give;
using FeedbackBot.Slack.Home;
using FeedbackBot.Slack.Http;
using FeedbackBot.Slack.Inbound;
using FeedbackBot.Slack.Install;
using FeedbackBot.Slack.People;
using FeedbackBot.Slack.Requests;
using FeedbackBot.Slack.SocketMode;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Slack;

public static class SlackServiceCollectionExtensions
{
    private const string ResponseUrlClientName = "slack-response-url";

    /// <summary>
    /// Binds <see cref="SlackOptions"/> and, when Slack is configured, registers the messenger, the people
    /// directory, the Web API client and every inbound handler. When it is not, nothing else is registered
    /// and <see cref="MapSlack"/> maps nothing.
    /// </summary>
    public static IServiceCollection AddSlack(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(SlackOptions.SectionName);
        services.AddOptions<SlackOptions>().Bind(section).ValidateDataAnnotations()
            .Validate(o => Uri.TryCreate(o.ApiBaseUrl, UriKind.Absolute, out _), "Slack:ApiBaseUrl must be an absolute URL.")
            .Validate(o => ResponseUrlClient.IsBase(o.ResponseUrlBase), "Slack:ResponseUrlBase must be an absolute http(s) URL ending with a slash.")
            .Validate(o => Uri.TryCreate(o.OAuthAuthorizeUrl, UriKind.Absolute, out _), "Slack:OAuthAuthorizeUrl must be an absolute URL.")
            .ValidateOnStart();
        services.AddOptions<SlackTimings>().ValidateDataAnnotations()
            .Validate(t => t.AckBudget < t.AnswerBy, "Slack timings: AckBudget must be shorter than AnswerBy.").ValidateOnStart();

        var options = section.Get<SlackOptions>() ?? new SlackOptions();
        if (!options.IsConfigured)
        {
            return services;
        }

        services.TryAddSingleton(TimeProvider.System);
        if (options.IsOAuthConfigured)
        {
            services.AddSlackInstall(); // tokens per workspace from "Add to Slack" (Install/)
        }

        services.TryAddSingleton<ISlackTokenStore, ConfiguredSlackTokenStore>();
        services.AddTransient<Admin.WorkspaceAdmins>();
        services.TryAddSingleton<IDraftCoach, CoreDraftCoach>();

        // Named clients from the factory, created per call or per scope: a typed client captured by a
        // singleton (Core's ChatMessengers holds the messenger) would pin one handler forever.
        services.AddHttpClient(SlackApiClient.HttpClientName, (sp, http) =>
        {
            var baseUrl = sp.GetRequiredService<IOptions<SlackOptions>>().Value.ApiBaseUrl;
            http.BaseAddress = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/");
            // SlackApiClient keeps SlackTimings.CallTimeout per attempt and decides what a timeout means
            // (retry a read, report a post as maybe sent); a second, shorter deadline here would pre-empt it.
            http.Timeout = Timeout.InfiniteTimeSpan;
        });
        services.AddHttpClient(ResponseUrlClientName, http => http.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton<SlackApiClient>();
        services.AddTransient(sp => ActivatorUtilities.CreateInstance<ResponseUrlClient>(sp,
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(ResponseUrlClientName)));

        services.AddSingleton<SlackBackgroundQueue>();
        services.AddHostedService(sp => sp.GetRequiredService<SlackBackgroundQueue>());
        services.AddSingleton<AfterAck>();
        services.AddScoped<SlackDispatcher>();
        services.TryAddSingleton(AckClock.Real);
        services.AddScoped<AckDeadline>();
        services.AddScoped<PrivateReply>();
        services.AddScoped<GiveService>();
        services.AddScoped<GiveRunner>();
        services.AddSingleton<GiveJournal>(); // gives answered "saving…", replayed at start-up (GiveJournalReplay)
        services.AddScoped<GiveReplayer>();
        services.AddSingleton<GiveJournalReplay>(); // also finishes gives storage could not confirm (GiveService)
        services.AddHostedService(sp => sp.GetRequiredService<GiveJournalReplay>());
        services.AddSingleton<ActOnce>();
        services.AddSingleton<Views.LiveViewUpdates>();
        // The live coach's refresh runs on a fresh GiveModalRefresh in the live queue's scope.
        services.AddScoped<GiveModalRefresh>();
        services.AddScoped<Views.ModalOpener>();
        services.AddSingleton<SlackProfileCache>();
        services.AddTransient<GiverLocale>();
        services.AddTransient<HomePublisher>();
        services.AddTransient<Growth.ReviewPrepView>();
        services.AddScoped<Settings.SettingsOpener>();

        services.AddTransient<Core.People.IPlatformPeopleDirectory, SlackPeopleDirectory>();
        services.AddTransient<IChatMessenger, SlackMessenger>();
        Insights.SlackInsightsServiceCollectionExtensions.AddSlackInsights(services); // user groups and channels for team insights

        services.AddSlackRoutes();
        services.AddKeyedTransient<IBackgroundWorkHandler, SlackEventWork>(SlackEventWork.Kind);
        services.TryAddSingleton<IBackgroundWork, InProcessBackgroundWork>();
        services.AddSlackRequests();
        services.AddSlackSocketMode(options);
        return services;
    }

    /// <summary>Same as <see cref="AddSlack(IServiceCollection, IConfiguration)"/> on the builder's configuration.</summary>
    public static TBuilder AddSlack<TBuilder>(this TBuilder builder) where TBuilder : Microsoft.Extensions.Hosting.IHostApplicationBuilder
    {
        builder.Services.AddSlack(builder.Configuration);
        return builder;
    }

    /// <summary>
    /// Maps <c>POST /slack/commands</c>, <c>/slack/interactivity</c> and <c>/slack/events</c> behind one
    /// signature gate. Maps nothing when Slack is not configured, or when it runs on Socket Mode alone (no signing
    /// secret: nothing could be verified).
    /// </summary>
    public static IEndpointRouteBuilder MapSlack(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<IOptions<SlackOptions>>().Value;
        if (!options.IsConfigured)
        {
            return app;
        }

        app.MapExportLinks(); // GET /export/{token}: a browser follows the DM'd link, so unsigned (the token is the secret)
        if (string.IsNullOrWhiteSpace(options.SigningSecret))
        {
            return app;
        }

        var group = app.MapGroup("/slack").AddEndpointFilter<SlackSignatureFilter>().DisableAntiforgery();
        group.MapPost("/commands", SlackEndpoints.CommandsAsync);
        group.MapPost("/interactivity", SlackEndpoints.InteractivityAsync);
        group.MapPost("/events", SlackEndpoints.EventsAsync);
        if (app.ServiceProvider.GetRequiredService<IOptions<SlackOptions>>().Value.IsOAuthConfigured)
        {
            group.AddEndpointFilter<EnterpriseLinkFilter>(); // after the gate: org installs' teams find the org's token
            app.MapSlackInstall(); // GET /slack/install and /slack/oauth/callback: browsers, not Slack, so unsigned
        }

        return app;
    }
}
