using FeedbackBot.Host;
using FeedbackBot.Host.Cli;
using FeedbackBot.Host.Observability;
using FeedbackBot.Redis;
using FeedbackBot.Redis.Embedded;
using FeedbackBot.Scheduling;
using FeedbackBot.Slack;
using FeedbackBot.Teams;

if (args is [StorageProcess.Verb, ..])
{
    return await StorageProcess.RunAsync(args[1..]); // the supervised storage child (docs/embedded-storage.md)
}

if (args is ["coach", ..])
{
    return await CoachCommand.RunAsync(args[1..], Console.In, Console.Out, TimeProvider.System, CancellationToken.None);
}

var doctor = args is [DoctorCommand.Verb, ..];
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    // The doctor's own words are not configuration; everything else on the command line is.
    Args = doctor ? args.Where(a => a.Contains('=')).ToArray() : args,
    // appsettings.json lives at the repository root and is copied next to the binaries.
    ContentRootPath = AppContext.BaseDirectory,
});

builder.AddFeedbackHost();
builder.AddFeedbackStorage();
builder.AddFeedbackJobs();
builder.AddFeedbackCore();
builder.AddSlack();
builder.AddTeams();
builder.AddFeedbackObservability();

// Disposed on every exit path, so the console logger flushes a start-up failure line before the process ends.
await using var app = builder.Build();
if (!await app.StartStorageAsync())
{
    return 2; // the reason was logged as one line naming the setting
}

if (doctor)
{
    return await DoctorCommand.RunAsync(app.Services, repair: args.Contains("--repair"), Console.Out, CancellationToken.None);
}

app.UseFeedbackObservability(); // before the dashboard: forwarded headers and the /hangfire, /metrics gate
app.MapHealthEndpoints();
app.MapFeedbackJobsDashboard();
app.MapSlack();
app.MapTeams();

return await app.RunFeedbackBotAsync();

/// <summary>Visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
