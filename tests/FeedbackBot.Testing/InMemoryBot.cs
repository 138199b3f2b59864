using FeedbackBot.Core.Ports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FeedbackBot.Testing;

/// <summary>
/// What every in-process test host of the bot shares (Slack.Tests' <c>SlackTestHost</c>, Web.Tests'
/// <c>WebTestHost</c>): Kestrel on 127.0.0.1 with a free port and no logging, the bot's Slack settings pointing at the
/// loopback <see cref="FakeSlackApi"/>, and Core's storage and job ports in memory on the test's clock.
/// </summary>
public sealed class InMemoryBot(TimeProvider time)
{
    public InMemoryFeedbackStore Feedback { get; } = new();
    public InMemoryRequestStore Requests { get; } = new(time);
    public InMemoryPreferencesStore Preferences { get; } = new();
    public RecordingJobScheduler Jobs { get; } = new();
    public InMemoryReminderSchedule Reminders { get; } = new();

    /// <summary>
    /// A host builder: loopback Kestrel, no logging, the Slack adapter's settings (signing secret, bot token, the
    /// fake's Web API and response_url base).
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(FakeSlackApi slack, string signingSecret)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Slack:SigningSecret"] = signingSecret,
            ["Slack:BotToken"] = "xoxb-test",
            ["Slack:ApiBaseUrl"] = slack.ApiBaseUrl,
            // The bot only posts to response_urls under this base (issue 10 #13); the fake serves them on loopback.
            ["Slack:ResponseUrlBase"] = slack.ResponseUrl(""),
        });
        return builder;
    }

    /// <summary>Starts the host and returns its base address (ending with a slash).</summary>
    public static Task<Uri> StartAsync(WebApplication app) => LoopbackApp.StartAsync(app);

    /// <summary>Registers the clock and the in-memory ports (and the in-memory data-rights stores).</summary>
    public IServiceCollection AddTo(IServiceCollection services)
    {
        services.AddSingleton(time);
        services.AddSingleton<IFeedbackStore>(Feedback);
        services.AddSingleton<IRequestStore>(Requests);
        services.AddSingleton<IPreferencesStore>(Preferences);
        services.AddSingleton<IOnceStore>(new InMemoryOnceStore(time));
        services.AddSingleton<IJobScheduler>(Jobs);
        services.AddSingleton<IDeliveryDispatcher>(Jobs);
        services.AddSingleton<IReminderSchedule>(Reminders);
        services.AddInMemoryDataRights(); // ratings, value tags, export links, one personal-data part (issue 13)
        return services;
    }
}
