using FeedbackBot.Host.Observability;
using Microsoft.Extensions.Logging;

namespace FeedbackBot.Host.Tests.Observability;

/// <summary>
/// The outgoing calls' log line: method, host, status and time at Debug, never the path (a response_url is a
/// secret in its path); and nothing at all built when Debug is off, the default.
/// </summary>
public sealed class SafeHttpClientLoggerTests
{
    private static readonly Uri Secret = new("https://hooks.slack.com/commands/T1/123/SECRETPATH");

    [Fact]
    public void Answered_AtDebug_LogsHostAndStatusNotThePath()
    {
        var log = new Capture(LogLevel.Debug);
        var logger = new SafeHttpClientLogger(log);
        using var request = new HttpRequestMessage(HttpMethod.Post, Secret);
        using var response = new HttpResponseMessage(System.Net.HttpStatusCode.NotFound);

        logger.LogRequestStop(logger.LogRequestStart(request), request, response, TimeSpan.FromMilliseconds(12.5));
        logger.LogRequestFailed(null, request, null, new HttpRequestException("to " + Secret), TimeSpan.FromMilliseconds(3));

        Assert.Equal(["HTTP POST to hooks.slack.com answered 404 in 12.5 ms", "HTTP POST to hooks.slack.com failed after 3.0 ms: HttpRequestException"],
            log.Lines);
        Assert.DoesNotContain(log.Lines, l => l.Contains("SECRETPATH", StringComparison.Ordinal));
    }

    [Fact]
    public void Answered_DebugOff_WritesNothing()
    {
        var log = new Capture(LogLevel.Information);
        var logger = new SafeHttpClientLogger(log);
        using var request = new HttpRequestMessage(HttpMethod.Post, Secret);
        using var response = new HttpResponseMessage(System.Net.HttpStatusCode.OK);

        Assert.Null(logger.LogRequestStart(request));
        logger.LogRequestStop(null, request, response, TimeSpan.FromMilliseconds(1));

        Assert.Empty(log.Lines);
        Assert.True(log.LevelAsked);
    }

    private sealed class Capture(LogLevel minimum) : ILogger<SafeHttpClientLogger>
    {
        public List<string> Lines { get; } = [];

        public bool LevelAsked { get; private set; }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel)
        {
            LevelAsked = true;
            return logLevel >= minimum;
        }

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= minimum)
            {
                Lines.Add(formatter(state, exception));
            }
        }
    }
}
