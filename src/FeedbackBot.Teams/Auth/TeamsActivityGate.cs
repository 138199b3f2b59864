using System.Text.Json;
using FeedbackBot.Teams.Activities;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Teams.Auth;

/// <summary>An activity let in, or the answer that refuses it.</summary>
public readonly record struct GateResult(Activity? Activity, bool Authenticated, IResult? Refusal);

/// <summary>
/// The one gate of <c>POST /api/messages</c>. In authenticated mode: the token through the JwtBearer schemes of
/// <see cref="TeamsAuthentication"/> (401 without reading the body), then the body read bounded and parsed, then
/// the checks that need it: a Bot Framework token's <c>serviceurl</c> claim equals the activity's
/// <c>serviceUrl</c> (case-insensitive), and the key that signed it is endorsed for the activity's
/// <c>channelId</c>. Any failure answers 401 (400/413 for a body that cannot be read) before anything is stored
/// or sent. In anonymous mode (local trial) the token is not looked at; the connector then refuses every
/// <c>serviceUrl</c> that is not loopback.
/// https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-authentication
/// </summary>
public sealed class TeamsActivityGate(
    IOptions<TeamsOptions> options,
    IOptions<TeamsTimings> timings,
    TeamsMetadata metadata,
    ILogger<TeamsActivityGate> logger)
{
    public async Task<GateResult> AdmitAsync(HttpContext http, CancellationToken ct)
    {
        var authenticated = options.Value.Mode == TeamsMode.Authenticated;
        AuthenticateResult? auth = null;
        if (authenticated)
        {
            auth = await http.AuthenticateAsync(TeamsAuthentication.Scheme);
            if (!auth.Succeeded)
            {
                logger.LogWarning("Teams activity refused: {Reason}", auth.Failure?.Message ?? "no bearer token");
                return Refuse(StatusCodes.Status401Unauthorized);
            }
        }

        var (activity, status) = await ReadAsync(http.Request, ct);
        if (activity is null)
        {
            return Refuse(status);
        }

        if (auth is not null && await RefusalAsync(auth, activity, ct) is { } reason)
        {
            logger.LogWarning("Teams activity refused: {Reason}", reason);
            return Refuse(StatusCodes.Status401Unauthorized);
        }

        return new GateResult(activity, authenticated, null);
    }

    private async Task<string?> RefusalAsync(AuthenticateResult auth, Activity activity, CancellationToken ct)
    {
        var principal = auth.Principal!;
        var claimedServiceUrl = principal.FindFirst("serviceurl")?.Value;
        var isChannelToken = principal.FindFirst("iss")?.Value == TeamsAuthentication.BotFrameworkIssuer;
        if ((isChannelToken || claimedServiceUrl is not null)
            && !string.Equals(claimedServiceUrl, activity.ServiceUrl, StringComparison.OrdinalIgnoreCase))
        {
            // A token minted for one service URL must not make us send our own token to another.
            return "the token's serviceurl claim differs from the activity's serviceUrl";
        }

        if (!isChannelToken)
        {
            return null;
        }

        if (auth.Properties?.Items.TryGetValue(TeamsAuthentication.SigningKeyIdProperty, out var kid) != true || kid is null)
        {
            return "the token's signing key has no kid, so its endorsements cannot be checked";
        }

        var endorsements = await metadata.Endorsements.GetConfigurationAsync(ct);
        if (!endorsements.Knows(kid))
        {
            // The signing keys were refreshed after our copy of the endorsements: read them again (rate limited by IdentityModel).
            metadata.Endorsements.RequestRefresh();
            endorsements = await metadata.Endorsements.GetConfigurationAsync(ct);
        }

        return endorsements.Endorses(kid, activity.ChannelId ?? "")
            ? null
            : $"the signing key {kid} is not endorsed for channel '{activity.ChannelId}'";
    }

    private async Task<(Activity? Activity, int Status)> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        var max = timings.Value.MaxActivityBytes;
        if (request.ContentLength > max)
        {
            return (null, StatusCodes.Status413PayloadTooLarge);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > max)
            {
                return (null, StatusCodes.Status413PayloadTooLarge);
            }

            buffer.Write(chunk, 0, read);
        }

        try
        {
            var activity = JsonSerializer.Deserialize(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), TeamsJson.Default.Activity);
            return activity is { Type.Length: > 0 } && Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out _)
                ? (activity, StatusCodes.Status200OK)
                : (null, StatusCodes.Status400BadRequest);
        }
        catch (JsonException)
        {
            return (null, StatusCodes.Status400BadRequest);
        }
    }

    private static GateResult Refuse(int status) => new(null, false, Results.StatusCode(status));
}
