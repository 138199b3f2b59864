using Microsoft.Extensions.Http.Logging;

namespace FeedbackBot.Host.Observability;

/// <summary>
/// Replaces IHttpClientFactory's default request logging for every outgoing client. The default logs the full
/// URL (a Slack response_url is a secret in its path; Teams paths carry conversation ids) and, at Trace, every
/// header (the bot token). This one logs the method, the host, the status and the time, nothing else. It keeps no
/// per-request state (<see cref="LogRequestStart"/> returns null) and, at the default levels (Debug off), builds
/// nothing either: the generated methods check the level before boxing a single argument — two to four outgoing
/// calls per give.
/// </summary>
internal sealed partial class SafeHttpClientLogger(ILogger<SafeHttpClientLogger> logger) : IHttpClientLogger
{
    public object? LogRequestStart(HttpRequestMessage request) => null;

    public void LogRequestStop(object? context, HttpRequestMessage request, HttpResponseMessage response, TimeSpan elapsed) =>
        Answered(logger, request.Method.Method, request.RequestUri?.Authority, (int)response.StatusCode, elapsed.TotalMilliseconds);

    public void LogRequestFailed(object? context, HttpRequestMessage request, HttpResponseMessage? response, Exception exception, TimeSpan elapsed) =>
        // The exception's type only: the caller logs its own failure, and a message may quote the URL.
        Failed(logger, request.Method.Method, request.RequestUri?.Authority, elapsed.TotalMilliseconds, exception.GetType().Name);

    [LoggerMessage(Level = LogLevel.Debug, Message = "HTTP {Method} to {Host} answered {Status} in {Elapsed:0.0} ms")]
    private static partial void Answered(ILogger logger, string method, string? host, int status, double elapsed);

    [LoggerMessage(Level = LogLevel.Debug, Message = "HTTP {Method} to {Host} failed after {Elapsed:0.0} ms: {Error}")]
    private static partial void Failed(ILogger logger, string method, string? host, double elapsed, string error);
}
