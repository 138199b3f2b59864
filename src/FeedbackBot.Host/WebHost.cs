using FeedbackBot.Core.Ports;
using FeedbackBot.Host.Cli;
using FeedbackBot.Host.Observability;
using FeedbackBot.Redis;
using FeedbackBot.Scheduling;
using FeedbackBot.Slack;
using FeedbackBot.Teams;
using FeedbackBot.Web;
using Microsoft.Extensions.Logging.Console;

namespace FeedbackBot.Host;

/// <summary>
/// The bot's web host (and the <c>doctor</c> verb, which needs the same services). Kept out of <c>Program</c> on
/// purpose: the storage child runs the same executable, and the JIT compiles an entry method together with every
/// type its body names, so a <c>Main</c> that built the web host would load ASP.NET Core, the Slack and Teams
/// adapters and their dependencies into the storage process too (measured: docs/embedded-storage.md, idle memory).
/// </summary>
internal static class WebHost
{
    public static async Task<int> RunAsync(string[] args)
    {
        var doctor = args is [DoctorCommand.Verb, ..];
        // The doctor's own words are not configuration; everything else on the command line is.
        var builder = CreateBuilder(doctor ? args.Where(a => a.Contains('=')).ToArray() : args);

        AddServices(builder);

        // Disposed on every exit path, so the console logger flushes a start-up failure line before the process ends.
        await using var app = builder.Build();
        if (!await app.StartStorageAsync())
        {
            return 2; // the reason was logged as one line naming the setting
        }

        if (doctor)
        {
            return await DoctorCommand.RunAndStopAsync(app, repair: args.Contains("--repair"), Console.Out, CancellationToken.None);
        }

        // Each request's storage commands on one connection of the pool, in order; requests spread over the pool.
        app.Use(async (context, next) =>
        {
            StorageLane.Enter();
            await next(context);
        });
        app.UseFeedbackObservability(); // before the dashboard: forwarded headers and the /hangfire, /metrics gate
        app.MapHealthEndpoints();
        app.MapFeedbackJobsDashboard();
        app.MapSlack();
        app.MapTeams();
        app.MapFeedbackWeb();

        return await app.RunFeedbackBotAsync();
    }

    /// <summary>Every part of the bot, in order.</summary>
    internal static void AddServices(WebApplicationBuilder builder)
    {
        builder.AddFeedbackHost();
        builder.AddFeedbackStorage();
        builder.AddFeedbackInstallations(); // Data Protection keys in Redis; encrypted Slack installs; workspace-wide data
        builder.AddFeedbackJobs();
        builder.AddFeedbackCore();
        builder.AddSlack();
        builder.AddTeams();
        builder.AddFeedbackInsights(); // k-anonymous team insights: counts in Redis, recorded by Core's use cases
        builder.AddFeedbackWeb();
        builder.AddFeedbackObservability();
        builder.Services.LoadKeyRingOnFirstUse(); // last: every AddDataProtection above re-adds the preload
    }

    /// <summary>
    /// The slim builder, plus back what the bot uses. Configuration (appsettings.json, environment, command line,
    /// user secrets in Development) and console logging, its formatter from settings, are what the full builder
    /// gives too; HTTPS endpoints (<c>Kestrel:Certificates</c>, an <c>https://</c> URL) are added back. Left out,
    /// because nothing here uses them and each is loaded code at idle: HTTP/3 over QUIC, the IIS integration, hosting-startup assemblies, static
    /// web assets (the web pages embed their one stylesheet), the Debug/EventSource loggers and regex route
    /// constraints. Measured: 3 MB less idle RSS (docs/embedded-storage.md, idle memory, fifth pass).
    /// </summary>
    internal static WebApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = args,
            // appsettings.json lives at the repository root and is copied next to the binaries.
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseKestrelHttpsConfiguration();
        // The slim builder adds its console logger with the "simple" formatter set in code, after the settings are
        // bound, so Logging:Console:FormatterName (json, systemd) would be ignored; bind the settings again after it.
        builder.Services.AddOptions<ConsoleLoggerOptions>().Bind(builder.Configuration.GetSection("Logging:Console"));
        return builder;
    }
}
