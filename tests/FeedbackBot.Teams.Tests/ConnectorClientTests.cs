using FeedbackBot.Teams.Activities;
using FeedbackBot.Teams.Cards;
using FeedbackBot.Teams.Connector;
using FeedbackBot.Teams.Delivery;
using FeedbackBot.Testing.Teams;
using Microsoft.Extensions.DependencyInjection;
using static FeedbackBot.Teams.Tests.TeamsTestHost;

namespace FeedbackBot.Teams.Tests;

/// <summary>The connector client against the fake: token reuse, retries, permanent errors, where the token may go.</summary>
public sealed class ConnectorClientTests
{
    private static Activity Card(string text) => TeamsMessenger.CardActivity(Ac.Card("t", [Ac.Rich(Ac.Run(text))]));

    [Fact]
    public async Task Token_IsFetchedOnce_AndSentWithEveryCall()
    {
        await using var host = await StartAsync();
        var client = host.Services.GetRequiredService<TeamsConnectorClient>();
        var conversation = await client.CreatePersonalConversationAsync(host.Connector.ServiceUrl, Ana.Id, Tenant, default);

        for (var i = 0; i < 3; i++)
        {
            await client.SendAsync(host.Connector.ServiceUrl, conversation, Card($"m{i}"), default);
        }

        var token = Assert.Single(host.Connector.TokenRequests);
        Assert.Contains("grant_type=client_credentials", token.Body);
        Assert.Contains($"/{Tenant}/oauth2/v2.0/token", token.Path);
        Assert.All(host.Connector.ConnectorCalls, c => Assert.Equal("Bearer fake-bot-token-1", c.Authorization));
        Assert.Equal(3, host.Connector.PersonalMessages(Ana.Id).Count);
    }

    [Fact]
    public async Task TokenAboutToExpire_IsRenewedBeforeUse()
    {
        await using var host = await StartAsync();
        // MSAL treats a token with less than 5 minutes left as expired and fetches a new one.
        host.Connector.TokenLifetimeSeconds = 120;
        host.Connector.AddConversation(FakeTeamsConnector.PersonalConversation(Ana.Id));
        var client = host.Services.GetRequiredService<TeamsConnectorClient>();

        await client.SendAsync(host.Connector.ServiceUrl, FakeTeamsConnector.PersonalConversation(Ana.Id), Card("one"), default);
        await client.SendAsync(host.Connector.ServiceUrl, FakeTeamsConnector.PersonalConversation(Ana.Id), Card("two"), default);

        Assert.Equal(2, host.Connector.TokenRequests.Count);
        Assert.Equal(2, host.Connector.ConnectorCalls.Select(c => c.Authorization).Distinct().Count());
        Assert.Equal(2, host.Connector.PersonalMessages(Ana.Id).Count);
    }

    [Fact]
    public async Task Update_ReplacesTheCardInPlace()
    {
        await using var host = await StartAsync();
        var client = host.Services.GetRequiredService<TeamsConnectorClient>();
        var conversation = await client.CreatePersonalConversationAsync(host.Connector.ServiceUrl, Ana.Id, Tenant, default);
        var id = await client.SendAsync(host.Connector.ServiceUrl, conversation, Card("before"), default);

        await client.UpdateAsync(host.Connector.ServiceUrl, conversation, id, Card("after"), default);

        var message = Assert.Single(host.Connector.PersonalMessages(Ana.Id));
        Assert.Contains("after", message.CardText);
    }

    [Theory]
    [InlineData(412)]
    [InlineData(503)]
    public async Task Send_IsRetried_AfterAnAnswerThatPostedNothing(int status)
    {
        await using var host = await StartAsync();
        var client = host.Services.GetRequiredService<TeamsConnectorClient>();
        var conversation = await client.CreatePersonalConversationAsync(host.Connector.ServiceUrl, Ana.Id, Tenant, default);
        host.Connector.FailNext("/activities", status);

        await client.SendAsync(host.Connector.ServiceUrl, conversation, Card("hello"), default);

        Assert.Single(host.Connector.PersonalMessages(Ana.Id));
    }

    [Theory]
    [InlineData(502)]
    [InlineData(504)]
    public async Task Send_IsNotRepeated_AfterAGatewayError_AndReportsMaybeApplied(int status)
    {
        await using var host = await StartAsync();
        var client = host.Services.GetRequiredService<TeamsConnectorClient>();
        var conversation = await client.CreatePersonalConversationAsync(host.Connector.ServiceUrl, Ana.Id, Tenant, default);
        host.Connector.FailNext("/activities", status);

        var ex = await Assert.ThrowsAsync<ConnectorException>(() => client.SendAsync(host.Connector.ServiceUrl, conversation, Card("hello"), default));

        Assert.True(ex.Transient);
        Assert.True(ex.MaybeApplied);
        Assert.Single(host.Connector.ConnectorCalls, c => c.Path.EndsWith("/activities", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Read_IsRetried_AfterAGatewayError()
    {
        await using var host = await StartAsync();
        var client = host.Services.GetRequiredService<TeamsConnectorClient>();
        var conversation = await client.CreatePersonalConversationAsync(host.Connector.ServiceUrl, Ana.Id, Tenant, default);
        host.Connector.FailNext($"/members/{Ana.Id}", 502);

        var member = await client.GetMemberAsync(host.Connector.ServiceUrl, conversation, Ana.Id, default);

        Assert.Equal(Ana.Aad, member!.AadObjectId);
    }

    [Fact]
    public async Task ConversationGone_Is404Permanent()
    {
        await using var host = await StartAsync();
        var client = host.Services.GetRequiredService<TeamsConnectorClient>();

        var ex = await Assert.ThrowsAsync<ConnectorException>(() => client.SendAsync(host.Connector.ServiceUrl, "a:gone", Card("hello"), default));

        Assert.Equal(404, ex.Status);
        Assert.False(ex.Transient);
        Assert.Equal("ConversationNotFound", ex.Code);
    }

    [Theory]
    [InlineData("http://smba.trafficmanager.net/amer/")]
    [InlineData("file:///etc/passwd")]
    [InlineData("not a url")]
    public async Task Authenticated_NeverCallsAPlainHttpOrOddServiceUrl(string serviceUrl)
    {
        await using var host = await StartAsync();
        var client = host.Services.GetRequiredService<TeamsConnectorClient>();

        var ex = await Assert.ThrowsAsync<ConnectorException>(() => client.SendAsync(serviceUrl, "a:1", Card("hello"), default));

        Assert.False(ex.Transient);
        Assert.Empty(host.Connector.Calls);
    }

    [Fact]
    public async Task WrongSecret_IsAPermanentConfigurationError()
    {
        await using var host = await StartAsync();
        host.Connector.ClientSecret = "rotated";
        var client = host.Services.GetRequiredService<TeamsConnectorClient>();

        var ex = await Assert.ThrowsAsync<ConnectorException>(() => client.SendAsync(host.Connector.ServiceUrl, "a:1", Card("hello"), default));

        Assert.False(ex.Transient);
        Assert.Contains("Teams:AppPassword", ex.Message);
        Assert.Empty(host.Connector.ConnectorCalls);
    }
}
