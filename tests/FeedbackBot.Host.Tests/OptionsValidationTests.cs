using FeedbackBot.Redis;
using FeedbackBot.Scheduling;
using FeedbackBot.Slack;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Host.Tests;

/// <summary>
/// Every options class is validated at start (<c>ValidateDataAnnotations().ValidateOnStart()</c>): the defaults
/// pass with no Slack or Teams secret at all, and one bad value stops the host with one line naming it.
/// </summary>
public sealed class OptionsValidationTests
{
    [Fact]
    public void Defaults_PassValidation_WithNoSecrets()
    {
        using var app = Build([], []);

        app.Services.GetRequiredService<IStartupValidator>().Validate();
    }

    [Theory]
    [InlineData(null, "https://feedback.example.com", "https://feedback.example.com")]
    [InlineData("https://export.example.com", "https://feedback.example.com", "https://export.example.com")]
    [InlineData(null, null, "")]
    public void ExportLinks_UseTheWebPagesPublicAddress_UnlessTheirOwnIsSet(string? own, string? web, string expected)
    {
        using var app = Build(new() { ["DataRights:PublicUrl"] = own, ["Web:PublicBaseUrl"] = web }, []);

        Assert.Equal(expected, app.Services.GetRequiredService<IOptions<Core.DataRights.DataRightsOptions>>().Value.PublicUrl);
    }

    [Theory]
    [InlineData("Delivery:Concurrency", "0", "Concurrency")]
    [InlineData("Delivery:SweepInterval", "00:00:00", "SweepInterval")]
    [InlineData("Nudges:DueWorkingDays", "0", "DueWorkingDays")]
    [InlineData("Nudges:FirstNudgeDelay", "-01:00:00", "FirstNudgeDelay")]
    [InlineData("Digest:BatchSize", "0", "BatchSize")]
    [InlineData("Digest:DefaultDay", "9", "DefaultDay")]
    [InlineData("Hangfire:WorkerCount", "0", "WorkerCount")]
    [InlineData("Storage:KeyPrefix", "a b", "KeyPrefix")]
    [InlineData("Slack:ApiBaseUrl", "not a url", "Slack:ApiBaseUrl")]
    [InlineData("Slack:RequestEmoji", "speech balloon", "RequestEmoji")]
    public async Task BadValue_StopsTheHostAtStart_WithOneLineNamingIt(string key, string value, string named)
    {
        var lines = new List<string>();
        await using var app = Build(new() { [key] = value }, lines);

        Assert.False(await app.StartStorageAsync());

        var line = Assert.Single(lines, l => l.StartsWith("Cannot start:", StringComparison.Ordinal));
        Assert.Contains("invalid settings", line);
        Assert.Contains(named, line);
    }

    private static WebApplication Build(Dictionary<string, string?> settings, List<string> lines)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders().AddProvider(new Lines(lines));
        builder.AddFeedbackStorage();
        builder.AddFeedbackJobs();
        builder.AddFeedbackCore();
        builder.AddSlack();
        return builder.Build();
    }

    private sealed class Lines(List<string> lines) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (lines)
            {
                lines.Add(formatter(state, exception));
            }
        }

        public void Dispose()
        {
        }
    }
}
