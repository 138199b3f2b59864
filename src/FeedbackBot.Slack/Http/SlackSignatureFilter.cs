using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Slack.Http;

/// <summary>The raw request body as Slack signed it; handlers parse this, never the stream again.</summary>
public sealed record SlackRawBody(byte[] Bytes);

/// <summary>
/// The one gate in front of every Slack endpoint. Cheap checks come first, before a single body byte is read:
/// signature headers present and well-formed, timestamp inside the 5-minute window. Only then is the body read,
/// bounded to <see cref="MaxBody"/> while reading (chunked bodies have no Content-Length to check up front), and
/// the HMAC checked. Every failure is a 401 (or 413) before any handler, and so any side effect, runs.
/// </summary>
public sealed class SlackSignatureFilter(IOptionsMonitor<SlackOptions> options, TimeProvider time, ILogger<SlackSignatureFilter> logger)
    : IEndpointFilter
{
    /// <summary>
    /// Slack's payloads are small: a view submission with every input filled stays far below 100 kB (a modal view
    /// is capped at 250 kB by <c>view_too_large</c>, and we never build one near that). 1 MB leaves headroom while
    /// keeping a flood of unsigned bodies from costing Kestrel's default 30 MB each.
    /// </summary>
    public const int MaxBody = 1 << 20;

    /// <summary>
    /// Slack's <c>ssl_check=1&amp;token=…</c> is answered before verification (Bolt does the same); it is tiny,
    /// so an unsigned body is only ever looked at when it declares a length at most this big.
    /// </summary>
    private const int MaxSslCheck = 256;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var request = http.Request;
        if (request.ContentLength > MaxBody)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        // Kestrel enforces this while streaming too (also for chunked bodies), on top of our own bounded read below.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBody;
        }

        var secret = options.CurrentValue.SigningSecret ?? "";
        var timestamp = request.Headers[SlackSignature.TimestampHeader].ToString();
        var signature = request.Headers[SlackSignature.SignatureHeader].ToString();
        var early = secret.Length == 0 ? SignatureFailure.MissingHeaders : SlackSignature.CheckHeaders(timestamp, signature, time.GetUtcNow());
        if (early != SignatureFailure.None)
        {
            // An unsigned ssl_check is the one request we answer without a signature, and only a tiny, declared one:
            // an unsigned chunked body is refused without reading a byte of it.
            if (request.ContentLength is > 0 and <= MaxSslCheck
                && await ReadBoundedAsync(request.Body, MaxSslCheck, http.RequestAborted) is { } small && IsSslCheck(small))
            {
                return Results.Ok();
            }

            logger.LogWarning("Rejected Slack request to {Path} before reading it: {Failure}", request.Path, early);
            return Results.Unauthorized();
        }

        byte[]? body;
        try
        {
            body = await ReadBoundedAsync(request.Body, MaxBody, http.RequestAborted);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            body = null;
        }

        if (body is null)
        {
            logger.LogWarning("Rejected Slack request to {Path}: body over {Max} bytes", request.Path, MaxBody);
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        // Slack's ssl_check carries no user data and needs no work; Bolt answers it before verification too.
        if (IsSslCheck(body))
        {
            return Results.Ok();
        }

        var failure = SlackSignature.Verify(secret, timestamp, signature, body, time.GetUtcNow());
        if (failure != SignatureFailure.None)
        {
            logger.LogWarning("Rejected Slack request to {Path}: {Failure}", request.Path, failure);
            return Results.Unauthorized();
        }

        http.Features.Set(new SlackRawBody(body));
        return await next(context);
    }

    /// <summary>
    /// Reads at most <paramref name="max"/> bytes; null as soon as the body turns out longer. Never asks the
    /// stream for more than one byte past the cap, so an endless chunked body costs at most the cap.
    /// </summary>
    public static async Task<byte[]?> ReadBoundedAsync(Stream body, int max, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(max + 1, 16 * 1024));
        try
        {
            var length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(max + 1, buffer.Length * 2));
                    buffer.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }

                var read = await body.ReadAsync(buffer.AsMemory(length, Math.Min(buffer.Length, max + 1) - length), ct);
                if (read == 0)
                {
                    return buffer.AsSpan(0, length).ToArray();
                }

                length += read;
                if (length > max)
                {
                    return null;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static bool IsSslCheck(byte[] body) =>
        body.AsSpan().StartsWith("ssl_check=1"u8) || body.AsSpan().IndexOf("&ssl_check=1"u8) >= 0;
}
