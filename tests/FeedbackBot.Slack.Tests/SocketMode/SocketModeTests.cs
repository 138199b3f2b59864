using System.Net;
using System.Text.Json.Nodes;
using FeedbackBot.Slack.Give;
using FeedbackBot.Slack.Home;
using FeedbackBot.Slack.SocketMode;
using FeedbackBot.Testing;
using FeedbackBot.Testing.Slack;
using Microsoft.Extensions.DependencyInjection;

namespace FeedbackBot.Slack.Tests.SocketMode;

/// <summary>
/// Socket Mode against a loopback WebSocket server speaking Slack's envelope format (FakeSlackSocketMode): every
/// kind of traffic reaches the same handlers as over HTTP and is acked in time; the link survives drops, refreshes
/// and redeliveries. Real sockets, so waits are short bounded polls.
/// </summary>
public sealed class SocketModeTests : IAsyncLifetime
{
    private const string AppToken = "xapp-1-A1-1-test";

    private FakeSlackSocketMode _socket = null!;
    private SlackTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _socket = await FakeSlackSocketMode.StartAsync();
        _host = await StartHostAsync(_socket);
        await _socket.WaitForLinkAsync(1);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _socket.DisposeAsync();
    }

    internal static Task<SlackTestHost> StartHostAsync(FakeSlackSocketMode socket, string? signingSecret = SlackTestHost.Secret) =>
        SlackTestHost.StartAsync(
            configure: h =>
            {
                socket.Attach(h.Slack);
                h.MockCoach(); // transport tests: the coach never holds a give for review here
            },
            settings: _ => new Dictionary<string, string?> { ["Slack:AppToken"] = AppToken, ["Slack:SigningSecret"] = signingSecret },
            extraServices: s => s.Configure<SocketModeTimings>(t =>
            {
                t.ReconnectBaseDelay = TimeSpan.FromMilliseconds(20);
                t.ReconnectMaxDelay = TimeSpan.FromMilliseconds(200);
                t.HelloTimeout = TimeSpan.FromSeconds(3);
                t.CloseTimeout = TimeSpan.FromSeconds(1);
            }));

    private static JsonObject HomeOpened(string eventId) => EventsAndHomeTests.HomeOpened(eventId);

    private static string Give(string text) => SlackRequestSigner.CommandBody($"<@U2> {text}", responseUrl: "https://hooks.slack.com/commands/T1/1/x");

    [Fact]
    public void Open_UsesAppTokenAsBearer()
    {
        var open = Assert.Single(_host.Slack.CallsTo("apps.connections.open"));
        Assert.Equal($"Bearer {AppToken}", open.Authorization);
    }

    [Fact]
    public async Task SlashCommand_HandledAndAckedWithTheHttpAnswerAsPayload()
    {
        var ack = await _socket.CommandAsync(SlackRequestSigner.CommandBody("help"));

        Assert.NotNull(ack);
        Assert.Equal("ephemeral", ack["payload"]!["response_type"]!.GetValue<string>());
        Assert.Contains("/feedback", ack["payload"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task QuickGive_StoredOnceAndAckSaysSaved()
    {
        var ack = await _socket.CommandAsync(Give("your talk on Monday was clear, which helped the client decide"));

        Assert.NotNull(ack);
        Assert.Contains("Saved", ack["payload"]!["text"]!.GetValue<string>());
        Assert.Equal("U2", Assert.Single(_host.Feedback.All).Recipient.UserId);
    }

    [Fact]
    public async Task BlockAction_HandledAndAckedWithoutPayload()
    {
        var ack = await _socket.InteractiveAsync(Payloads.BlockAction(HomeGiveAction.ActionId));

        Assert.NotNull(ack);
        Assert.Null(ack["payload"]); // block_actions do not accept a response payload
        var open = Assert.Single(await _host.Slack.WaitForAsync("views.open"));
        Assert.Equal(GiveModal.CallbackId, open.View!["callback_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task ViewSubmission_Invalid_AckCarriesResponseActionErrors()
    {
        var ack = await _socket.InteractiveAsync(Payloads.ViewSubmission(Payloads.GiveView(["U2"], "   ")));

        Assert.NotNull(ack);
        Assert.Equal("errors", ack["payload"]!["response_action"]!.GetValue<string>());
        Assert.Contains("empty", ack["payload"]!["errors"]!["part_text"]!.GetValue<string>());
        Assert.Empty(_host.Feedback.All);
    }

    [Fact]
    public async Task ViewSubmission_Valid_StoredAndAckClosesTheView()
    {
        var ack = await _socket.InteractiveAsync(Payloads.ViewSubmission(Payloads.GiveView(["U2"], "Your demo on Monday was calm and clear, which reassured the client")));

        Assert.NotNull(ack);
        Assert.Null(ack["payload"]); // no payload: Slack closes the view
        Assert.Single(_host.Feedback.All);
    }

    [Fact]
    public async Task Event_HandledAndAcked()
    {
        var ack = await _socket.EventAsync(HomeOpened("EvS1"));

        Assert.NotNull(ack);
        var publish = Assert.Single(await _host.Slack.WaitForAsync("views.publish"));
        Assert.Equal("U2", publish.Args["user_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task RedeliveredEventEnvelope_AckedAgainButHandledOnce()
    {
        var first = await _socket.EventAsync(HomeOpened("EvR1"), envelopeId: "env-ev");
        var retry = await _socket.RedeliverAsync("events_api", HomeOpened("EvR1"), acceptsResponsePayload: false, envelopeId: "env-ev");
        await _host.IdleAsync();

        Assert.NotNull(first);
        Assert.NotNull(retry);
        Assert.Equal(2, _socket.AcksFor("env-ev").Count);
        Assert.Single(_host.Slack.CallsTo("views.publish"));
    }

    [Fact]
    public async Task SameCommandEnvelopeTwice_AckedTwiceButGivenOnce()
    {
        var command = Give("your review on Friday caught the bug early, which saved us a release");
        var first = await _socket.CommandAsync(command, envelopeId: "env-1");
        var retry = await _socket.RedeliverAsync("slash_commands", FakeSlackSocketMode.CommandPayload(command), acceptsResponsePayload: true, envelopeId: "env-1");

        Assert.NotNull(first);
        Assert.NotNull(retry);
        Assert.Equal(2, _socket.AcksFor("env-1").Count);
        Assert.Single(_host.Feedback.All);
    }

    [Fact]
    public async Task SameEventInTwoEnvelopes_PublishedOnce()
    {
        // Slack may redeliver an event in a new envelope; the event_id dedupe of the HTTP path covers it too.
        await _socket.EventAsync(HomeOpened("EvSame"));
        await _socket.EventAsync(HomeOpened("EvSame"));
        await _host.IdleAsync();

        Assert.Single(_host.Slack.CallsTo("views.publish"));
    }

    [Fact]
    public async Task ConnectionDropped_ReconnectsAndGoesOn()
    {
        var dropped = _socket.Drop();

        var next = await _socket.WaitForLinkAsync(2);
        Assert.False(dropped.IsOpen);
        Assert.Equal(2, _socket.Opens);
        var ack = await _socket.CommandAsync(SlackRequestSigner.CommandBody("help"));
        Assert.NotNull(ack);
        Assert.True(next.IsOpen);
    }

    [Fact]
    public async Task DroppedRepeatedly_KeepsReconnecting()
    {
        for (var i = 2; i <= 4; i++)
        {
            _socket.Drop();
            await _socket.WaitForLinkAsync(i);
        }

        Assert.NotNull(await _socket.CommandAsync(SlackRequestSigner.CommandBody("help")));
    }

    [Theory]
    [InlineData("refresh_requested")]
    [InlineData("warning")]
    public async Task Disconnect_NewLinkOpenedBeforeOldClosed_ThenGoesOn(string reason)
    {
        var old = await _socket.DisconnectAsync(reason);

        var next = await _socket.WaitForLinkAsync(2);
        await old.Closed.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(next.OpenedAt < old.ClosedAt, "the new connection must be open before the old one closes");
        Assert.True(old.ClosedByApp, "the app closes the old link itself, cleanly, instead of waiting for Slack to cut it");
        Assert.NotNull(await _socket.CommandAsync(SlackRequestSigner.CommandBody("help")));
    }

    [Fact]
    public async Task LinkDisabled_StopsWithoutReconnecting()
    {
        await _socket.DisconnectAsync("link_disabled", closeAfter: TimeSpan.FromSeconds(5));
        var service = _host.Services.GetRequiredService<SlackSocketMode>();

        await service.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(1, _socket.Opens);
    }
}

/// <summary>Socket Mode on its own: no signing secret, so no public request URLs at all.</summary>
public sealed class SocketModeOnlyTests
{
    [Fact]
    public async Task NoSigningSecret_SlackOnOverSocketAndHttpEndpointsAbsent()
    {
        await using var socket = await FakeSlackSocketMode.StartAsync();
        await using var host = await SocketModeTests.StartHostAsync(socket, signingSecret: "");
        await socket.WaitForLinkAsync(1);

        Assert.NotNull(await socket.CommandAsync(SlackRequestSigner.CommandBody("help")));
        var response = await host.PostCommandAsync("help");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task AppTokenRefused_StopsWithoutRetrying()
    {
        await using var socket = await FakeSlackSocketMode.StartAsync();
        await using var host = await SlackTestHost.StartAsync(
            configure: h =>
            {
                socket.Attach(h.Slack);
                h.Slack.RevokeToken("xapp-1-revoked", "invalid_auth");
            },
            settings: _ => new Dictionary<string, string?> { ["Slack:AppToken"] = "xapp-1-revoked" });
        var service = host.Services.GetRequiredService<SlackSocketMode>();

        await service.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Empty(socket.Links);
        Assert.Single(host.Slack.CallsTo("apps.connections.open"));
    }
}
