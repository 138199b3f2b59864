using System.Net;
using System.Text.Json.Nodes;
using FeedbackBot.Testing.Teams;
using static FeedbackBot.Teams.Tests.TeamsTestHost;

namespace FeedbackBot.Teams.Tests;

/// <summary>
/// Every inbound token rule (issue 11, first "Must show" bullet), with RSA keys generated here behind a loopback
/// OpenID metadata + JWKS endpoint carrying endorsements. A refused activity answers 401 and leaves no trace:
/// nothing in the address book, nothing sent to the connector, no token fetched.
/// </summary>
public sealed class InboundAuthTests
{
    public static TheoryData<string> BadTokens() =>
    [
        "wrong issuer", "wrong audience", "expired", "not yet valid", "bad signature", "alg none", "alg RS384",
        "key not endorsed for msteams", "serviceurl claim differs", "unknown kid", "no serviceurl claim",
        "missing header", "not a bearer", "garbage", "entra token from another tenant",
        "entra token with another tid", "entra token with wrong audience",
    ];

    [Fact]
    public async Task ValidChannelToken_Returns200AndTheReply()
    {
        await using var host = await StartAsync();
        host.Connector.AddConversation(FakeTeamsConnector.PersonalConversation(Ana.Id));

        var response = await host.PostAsync(host.Message(Ana, "help"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(host.Connector.PersonalMessages(Ana.Id));
        Assert.Contains("Here is what I can do", reply.CardText);
        Assert.NotEmpty(host.Addresses.All);
    }

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task BadToken_Returns401_AndNothingIsStoredOrSent(string defect)
    {
        await using var host = await StartAsync();
        host.Connector.AddConversation(FakeTeamsConnector.PersonalConversation(Ana.Id));
        var activity = host.Message(Ana, "help");

        var response = await host.PostAsync(activity, Token(host, defect));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(host.Addresses.All);
        Assert.Empty(host.Connector.Calls);
    }

    [Fact]
    public async Task EntraTokenOfTheConfiguredTenant_Returns200()
    {
        await using var host = await StartAsync();
        host.Connector.AddConversation(FakeTeamsConnector.PersonalConversation(Ana.Id));

        var token = FakeTeamsIdentity.Sign(FakeTeamsIdentity.EntraClaims(AppId, Tenant), host.Identity.EntraKey);
        var response = await host.PostAsync(host.Message(Ana, "help"), token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(host.Connector.PersonalMessages(Ana.Id));
    }

    [Fact]
    public async Task EntraV1Issuer_Returns200()
    {
        await using var host = await StartAsync();
        host.Connector.AddConversation(FakeTeamsConnector.PersonalConversation(Ana.Id));
        var claims = FakeTeamsIdentity.EntraClaims(AppId, Tenant);
        claims["iss"] = $"https://sts.windows.net/{Tenant}/";
        claims["ver"] = "1.0";

        var response = await host.PostAsync(host.Message(Ana, "help"), FakeTeamsIdentity.Sign(claims, host.Identity.EntraKey));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Metadata_IsFetchedOnceForManyActivities()
    {
        await using var host = await StartAsync();
        host.Connector.AddConversation(FakeTeamsConnector.PersonalConversation(Ana.Id));

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await host.PostAsync(host.Message(Ana, "help"))).StatusCode);
        }

        // One metadata document and one key set for the signing keys, the same pair again for the endorsements.
        Assert.Equal(2, host.Identity.Fetches("openidconfiguration"));
        Assert.Equal(2, host.Identity.Fetches("/botframework/v1/.well-known/keys"));
    }

    [Fact]
    public async Task Anonymous_SkipsAuth_AndRepliesOnlyToLoopback()
    {
        await using var host = await StartAsync(anonymous: true);
        host.Connector.AddConversation(FakeTeamsConnector.PersonalConversation(Ana.Id));

        Assert.Equal(HttpStatusCode.OK, (await host.PostAsync(host.Message(Ana, "help"))).StatusCode);
        var reply = Assert.Single(host.Connector.PersonalMessages(Ana.Id));
        Assert.Null(host.Connector.ConnectorCalls.Single().Authorization);
        Assert.Empty(host.Connector.TokenRequests);

        // A service URL anywhere else gets nothing, and no request leaves.
        var elsewhere = host.Message(Ana, "help");
        elsewhere["serviceUrl"] = "https://smba.trafficmanager.net/amer/";
        Assert.Equal(HttpStatusCode.OK, (await host.PostAsync(elsewhere)).StatusCode);
        Assert.Single(host.Connector.ConnectorCalls);
    }

    private static string Token(TeamsTestHost host, string defect)
    {
        var serviceUrl = host.Connector.ServiceUrl;
        var claims = FakeTeamsIdentity.ChannelClaims(AppId, serviceUrl);
        var key = host.Identity.ChannelKey;
        var now = DateTimeOffset.UtcNow;
        switch (defect)
        {
            case "wrong issuer":
                claims["iss"] = "https://api.botframework.com.evil.example";
                break;
            case "wrong audience":
                claims["aud"] = "00000000-0000-0000-0000-000000000bad";
                break;
            case "expired":
                // Beyond the 5-minute skew.
                claims["nbf"] = now.AddHours(-2).ToUnixTimeSeconds();
                claims["iat"] = now.AddHours(-2).ToUnixTimeSeconds();
                claims["exp"] = now.AddMinutes(-6).ToUnixTimeSeconds();
                break;
            case "not yet valid":
                claims["nbf"] = now.AddMinutes(6).ToUnixTimeSeconds();
                claims["iat"] = now.AddMinutes(6).ToUnixTimeSeconds();
                break;
            case "bad signature":
                return FakeTeamsIdentity.Tampered(FakeTeamsIdentity.Sign(claims, key));
            case "alg none":
                return FakeTeamsIdentity.Unsigned(claims);
            case "alg RS384":
                return FakeTeamsIdentity.Sign(claims, key, alg: "RS384");
            case "key not endorsed for msteams":
                return FakeTeamsIdentity.Sign(claims, host.Identity.WebchatKey);
            case "serviceurl claim differs":
                claims["serviceurl"] = "https://smba.trafficmanager.net/amer/";
                break;
            case "no serviceurl claim":
                claims.Remove("serviceurl");
                break;
            case "unknown kid":
                return FakeTeamsIdentity.Sign(claims, host.Identity.RogueKey);
            case "missing header":
                return "";
            case "not a bearer":
                return "Basic Zm9vOmJhcg==";
            case "garbage":
                return "not.a.jwt";
            case "entra token from another tenant":
                return FakeTeamsIdentity.Sign(FakeTeamsIdentity.EntraClaims(AppId, OtherTenant), host.Identity.EntraKey);
            case "entra token with another tid":
                var mixed = FakeTeamsIdentity.EntraClaims(AppId, Tenant);
                mixed["tid"] = OtherTenant;
                return FakeTeamsIdentity.Sign(mixed, host.Identity.EntraKey);
            case "entra token with wrong audience":
                var entra = FakeTeamsIdentity.EntraClaims(AppId, Tenant);
                entra["aud"] = "00000000-0000-0000-0000-000000000bad";
                return FakeTeamsIdentity.Sign(entra, host.Identity.EntraKey);
            default:
                throw new ArgumentOutOfRangeException(nameof(defect), defect, null);
        }

        return FakeTeamsIdentity.Sign(claims, key);
    }
}
