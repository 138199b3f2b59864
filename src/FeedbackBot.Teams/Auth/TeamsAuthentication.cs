using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Microsoft.IdentityModel.Validators;

namespace FeedbackBot.Teams.Auth;

/// <summary>
/// The JwtBearer schemes every Teams activity passes (authenticated mode):
/// <list type="bullet">
/// <item><see cref="ChannelScheme"/>: Bot Framework channel tokens: issuer <c>https://api.botframework.com</c>,
/// audience the App ID, RS256, 5-minute skew, keys from <c>Teams:OpenIdMetadataUrl</c>.</item>
/// <item><see cref="EntraScheme"/>: Entra-issued tokens of the bot's own tenant (v1 <c>sts.windows.net/{tid}/</c>
/// and v2 <c>login.microsoftonline.com/{tid}/v2.0</c>), audience the App ID, <c>tid</c> = <c>Teams:TenantId</c>,
/// the signing key's issuer checked (IdentityModel.Validators), keys from <c>Teams:EntraOpenIdMetadataUrl</c>.</item>
/// <item><see cref="Scheme"/>: a policy scheme that forwards to one of them by the token's unvalidated
/// <c>iss</c>; choosing only picks which rules apply, every rule is still checked.</item>
/// </list>
/// Two schemes with their own ConfigurationManager rather than one scheme whose metadata is swapped per request
/// (as the Agents SDK sample does): the options are shared by concurrent requests, so swapping them races.
/// The checks that need the activity body (<c>serviceurl</c>, endorsements) run in <see cref="TeamsActivityGate"/>.
/// </summary>
public static class TeamsAuthentication
{
    public const string Scheme = "Teams";
    public const string ChannelScheme = "Teams.BotFramework";
    public const string EntraScheme = "Teams.Entra";
    public const string BotFrameworkIssuer = "https://api.botframework.com";

    /// <summary>Authentication property holding the kid of the key that verified the token.</summary>
    public const string SigningKeyIdProperty = "teams.kid";

    /// <summary>Bot Framework's documented lifetime tolerance.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    internal static void AddTeamsAuthentication(this IServiceCollection services)
    {
        services.AddSingleton<TeamsMetadata>();
        services.AddAuthentication()
            .AddPolicyScheme(Scheme, displayName: null, o => o.ForwardDefaultSelector = SelectScheme)
            .AddJwtBearer(ChannelScheme, _ => { })
            .AddJwtBearer(EntraScheme, _ => { });

        services.AddOptions<JwtBearerOptions>(ChannelScheme).Configure<IOptions<TeamsOptions>, TeamsMetadata>((o, teams, metadata) =>
        {
            Common(o, teams.Value);
            o.ConfigurationManager = metadata.Channel;
            o.TokenValidationParameters.ValidIssuer = BotFrameworkIssuer;
        });

        services.AddOptions<JwtBearerOptions>(EntraScheme).Configure<IOptions<TeamsOptions>, TeamsMetadata>((o, teams, metadata) =>
        {
            var tenant = teams.Value.TenantId;
            Common(o, teams.Value);
            o.ConfigurationManager = metadata.Entra;
            o.TokenValidationParameters.ValidIssuers = [$"https://sts.windows.net/{tenant}/", $"https://login.microsoftonline.com/{tenant}/v2.0"];
            // The common endpoint's keys serve every tenant; each key says which issuer may use it.
            o.TokenValidationParameters.EnableAadSigningKeyIssuerValidation();
            var recordKey = o.Events.OnTokenValidated;
            o.Events.OnTokenValidated = async context =>
            {
                await recordKey(context);
                if (!string.Equals(context.Principal?.FindFirst("tid")?.Value, tenant, StringComparison.OrdinalIgnoreCase))
                {
                    context.Fail("The token was issued for another tenant.");
                }
            };
        });
    }

    private static void Common(JwtBearerOptions o, TeamsOptions teams)
    {
        o.MapInboundClaims = false;
        o.RequireHttpsMetadata = true;
        o.RefreshOnIssuerKeyNotFound = true;
        o.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidAudience = teams.AppId,
            ValidateAudience = true,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            ClockSkew = ClockSkew,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        };
        o.Events = new JwtBearerEvents
        {
            OnTokenValidated = context =>
            {
                // The key that actually verified the signature (botbuilder-dotnet #6685), not just the header's kid.
                var kid = context.SecurityToken.SigningKey?.KeyId
                    ?? (context.SecurityToken as JsonWebToken)?.Kid;
                if (kid is not null)
                {
                    context.Properties.Items[SigningKeyIdProperty] = kid;
                }

                return Task.CompletedTask;
            },
        };
    }

    /// <summary>Bot Framework issuer → channel rules; anything else (Entra, garbage, no token) → Entra or channel rules, which refuse it.</summary>
    private static string SelectScheme(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        const string bearer = "Bearer ";
        if (!header.StartsWith(bearer, StringComparison.OrdinalIgnoreCase))
        {
            return ChannelScheme;
        }

        try
        {
            var token = new JsonWebToken(header[bearer.Length..].Trim());
            return token.Issuer == BotFrameworkIssuer ? ChannelScheme : EntraScheme;
        }
        catch (ArgumentException)
        {
            return ChannelScheme;
        }
    }
}
