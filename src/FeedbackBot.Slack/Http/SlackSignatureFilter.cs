using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Slack.Http;

/// <summary>The raw request body as Slack signed it; handlers parse this, never the stream again.</summary>
public sealed record SlackRawBody(byte[] Bytes);

/// <summary>
/// The one gate in front of every Slack endpoint: reads the raw body, checks the v0 signature and the
/// 5-minute window, and answers 401 before any handler (and so any side effect) runs.
/// </summary>
public sealed class SlackSignatureFilter(IOptionsMonitor<SlackOptions> options, TimeProvider time, ILogger<SlackSignatureFilter> logger)
    : IEndpointFilter
{
    // Slack's largest payloads (view submissions with many inputs) stay well under this.
    private const int MaxBody = 1 << 20;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.Request.ContentLength > MaxBody)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
        if (buffer.Length > MaxBody)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        var body = buffer.ToArray();

        // Slack's ssl_check carries no user data and needs no work; Bolt answers it before verification too.
        if (IsSslCheck(body))
        {
            return Results.Ok();
        }

        var secret = options.CurrentValue.SigningSecret ?? "";
        var failure = SlackSignature.Verify(
            secret,
            http.Request.Headers[SlackSignature.TimestampHeader].ToString(),
            http.Request.Headers[SlackSignature.SignatureHeader].ToString(),
            body,
            time.GetUtcNow());
        if (failure != SignatureFailure.None || secret.Length == 0)
        {
            logger.LogWarning("Rejected Slack request to {Path}: {Failure}", http.Request.Path, failure);
            return Results.Unauthorized();
        }

        http.Features.Set(new SlackRawBody(body));
        return await next(context);
    }

    private static bool IsSslCheck(byte[] body) =>
        body.AsSpan().StartsWith("ssl_check=1"u8) || body.AsSpan().IndexOf("&ssl_check=1"u8) >= 0;
}
