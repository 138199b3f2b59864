using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;

namespace FeedbackBot.Teams.Connector;

/// <summary>The bearer token the bot sends to the connector, or null when it sends none (anonymous trial).</summary>
public interface IBotTokenSource
{
    Task<string?> GetTokenAsync(CancellationToken ct);
}

/// <summary>
/// The bot's outbound token from Entra by MSAL client credentials, scope
/// <c>https://api.botframework.com/.default</c>, authority <c>Teams:Authority</c>
/// (https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-authentication#bot-to-connector).
/// MSAL keeps the token in its in-memory app cache and fetches a new one shortly before it expires, so most calls
/// cost no network round trip. HTTP goes through the named client <see cref="HttpClientName"/>.
/// </summary>
public sealed class MsalBotTokenSource(IOptions<TeamsOptions> options, IHttpClientFactory http) : IBotTokenSource
{
    public const string HttpClientName = "teams-login";
    public const string Scope = "https://api.botframework.com/.default";

    private readonly Lazy<IConfidentialClientApplication> _app = new(() =>
    {
        var o = options.Value;
        return ConfidentialClientApplicationBuilder.Create(o.AppId)
            .WithClientSecret(o.AppPassword)
            .WithAuthority(o.EffectiveAuthority)
            .WithHttpClientFactory(new FactoryClients(http))
            .Build();
    });

    public async Task<string?> GetTokenAsync(CancellationToken ct)
    {
        try
        {
            var result = await _app.Value.AcquireTokenForClient([Scope]).ExecuteAsync(ct);
            return result.AccessToken;
        }
        catch (MsalServiceException ex) when (ex.ErrorCode is "invalid_client" or "unauthorized_client" or "invalid_request")
        {
            throw new ConnectorException($"Entra refused the bot's credentials ({ex.ErrorCode}); check Teams:AppId, Teams:AppPassword and Teams:TenantId.", null, transient: false, ex);
        }
        catch (MsalException ex)
        {
            throw new ConnectorException($"Could not get the bot's token from Entra ({ex.ErrorCode}).", null, transient: true, ex);
        }
    }

    private sealed class FactoryClients(IHttpClientFactory factory) : IMsalHttpClientFactory
    {
        public HttpClient GetHttpClient() => factory.CreateClient(HttpClientName);
    }
}

/// <summary>Anonymous trial: no token (the Playground's mock connector wants none).</summary>
public sealed class NoBotToken : IBotTokenSource
{
    public Task<string?> GetTokenAsync(CancellationToken ct) => Task.FromResult<string?>(null);
}
