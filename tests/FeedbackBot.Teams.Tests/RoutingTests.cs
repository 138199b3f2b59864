using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using FeedbackBot.Teams.Addressing;
using FeedbackBot.Testing.Teams;
using static FeedbackBot.Teams.Tests.TeamsTestHost;

namespace FeedbackBot.Teams.Tests;

/// <summary><c>POST /api/messages</c> through the route table: install, help, mentions, invokes, address capture.</summary>
public sealed class RoutingTests
{
    [Fact]
    public async Task Install_SendsOneWelcomeCard_AndCapturesTheConversationReference()
    {
        await using var host = await StartAsync();
        host.Connector.AddConversation(FakeTeamsConnector.PersonalConversation(Ana.Id));

        var response = await host.PostAsync(host.Install(Ana));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var welcome = Assert.Single(host.Connector.PersonalMessages(Ana.Id));
        Assert.Contains("Welcome to FeedbackBot", welcome.CardText);
        Assert.Equal("1.5", (string?)welcome.Card!["version"]);

        var stored = JsonSerializer.Deserialize<TeamsAddress>(host.Addresses.All[$"{Ana.Person.Key}/{TeamsAddressBook.Kind}"], new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        Assert.Equal(host.Connector.ServiceUrl, stored.ServiceUrl);
        Assert.Equal(Ana.Id, stored.UserId);
        Assert.Equal(Tenant, stored.TenantId);
        Assert.Equal(FakeTeamsConnector.PersonalConversation(Ana.Id), stored.ConversationId);
        Assert.Equal(Ana.Name, stored.Name);
        Assert.True(stored.Authenticated);
    }

    [Fact]
    public async Task MessageWithClientInfo_RecordsTimeZoneAndLocale()
    {
        await using var host = await StartAsync();
        host.Connector.AddConversation(FakeTeamsConnector.PersonalConversation(Ana.Id));

        await host.PostAsync(host.Message(Ana, "help"));

        var address = await Address(host, Ana);
        Assert.Equal("Europe/Lisbon", address!.TimeZone);
        Assert.Equal("en-GB", address.Locale);
    }

    [Fact]
    public async Task HelpByMentionInAChannel_RepliesInTheChannel_AndKeepsThePersonalConversation()
    {
        await using var host = await StartAsync();
        await host.MeetAsync(Ana);
        const string channel = "19:general@thread.tacv2;messageid=1700000000000";
        host.Connector.AddConversation(channel);
        var response = await host.PostAsync(host.Message(Ana, "<at>FeedbackBot</at> help", channel, "channel", new JsonArray(BotMention())));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(host.Connector.MessagesIn(channel));
        Assert.Contains("Here is what I can do", reply.CardText);
        Assert.DoesNotContain("I don't know", reply.CardText);
        var address = await Address(host, Ana);
        Assert.Equal(FakeTeamsConnector.PersonalConversation(Ana.Id), address!.ConversationId);
        Assert.Equal(channel, address.SeenInConversationId);
    }

    [Fact]
    public async Task UnknownCommand_GetsHelpNamingIt_Inertly()
    {
        await using var host = await StartAsync();
        host.Connector.AddConversation(FakeTeamsConnector.PersonalConversation(Ana.Id));

        await host.PostAsync(host.Message(Ana, "**dance** now"));

        var reply = Assert.Single(host.Connector.PersonalMessages(Ana.Id));
        Assert.Contains("“**dance**”", reply.CardText);
        AssertUserTextOnlyInTextRuns(reply.Card!, "**dance**");
    }

    [Fact]
    public async Task ConversationUpdate_CapturesAddedMembers()
    {
        await using var host = await StartAsync();
        const string team = "19:team@thread.tacv2";
        var update = host.Activity("conversationUpdate", Ana, team, "channel");
        update["membersAdded"] = new JsonArray(
            new JsonObject { ["id"] = Ben.Id, ["name"] = Ben.Name, ["aadObjectId"] = Ben.Aad },
            new JsonObject { ["id"] = "28:" + AppId });

        Assert.Equal(HttpStatusCode.OK, (await host.PostAsync(update)).StatusCode);

        var ben = await Address(host, Ben);
        Assert.Equal(Ben.Id, ben!.UserId);
        Assert.Null(ben.ConversationId);
        Assert.Equal(team, ben.SeenInConversationId);
        Assert.Empty(host.Connector.ConnectorCalls);
    }

    [Fact]
    public async Task UnknownInvoke_Answers501InTheResponse()
    {
        await using var host = await StartAsync();
        var invoke = host.Activity("invoke", Ana, FakeTeamsConnector.PersonalConversation(Ana.Id), "personal");
        invoke["name"] = "signin/verifyState";
        invoke["value"] = new JsonObject { ["state"] = "123" };

        var response = await host.PostAsync(invoke);

        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
        Assert.Empty(host.Connector.ConnectorCalls);
    }

    [Fact]
    public async Task MalformedOrOversizedBody_IsRefused_WithoutSideEffects()
    {
        await using var host = await StartAsync();
        var token = host.ChannelToken();

        var garbage = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent("{not json", System.Text.Encoding.UTF8, "application/json") };
        garbage.Headers.Authorization = new("Bearer", token);
        Assert.Equal(HttpStatusCode.BadRequest, (await host.Http.SendAsync(garbage)).StatusCode);

        var huge = host.Message(Ana, new string('x', 300 * 1024));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await host.PostAsync(huge, token)).StatusCode);
        Assert.Empty(host.Addresses.All);
        Assert.Empty(host.Connector.Calls);
    }

    internal static async Task<TeamsAddress?> Address(TeamsTestHost host, TestUser user) =>
        await host.Services.GetRequiredService<TeamsAddressBook>().GetAsync(user.Person, CancellationToken.None);

    /// <summary>The text appears only as a TextRun's text (never TextBlock/FactSet markdown), and no card mentions anyone.</summary>
    internal static void AssertUserTextOnlyInTextRuns(JsonObject card, string userText)
    {
        var found = false;
        Walk(card);
        Assert.True(found, $"'{userText}' is not in the card");
        Assert.DoesNotContain("entities", card["msteams"]?.AsObject().Select(p => p.Key) ?? []);

        void Walk(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject o:
                    if ((string?)o["text"] is { } text && text.Contains(userText, StringComparison.Ordinal))
                    {
                        Assert.Equal("TextRun", (string?)o["type"]);
                        found = true;
                    }

                    foreach (var (_, value) in o)
                    {
                        Walk(value);
                    }

                    break;
                case JsonArray a:
                    foreach (var x in a)
                    {
                        Walk(x);
                    }

                    break;
            }
        }
    }
}
