using FeedbackBot.Testing;
using FeedbackBot.Testing.Slack;

namespace FeedbackBot.Host.Tests;

/// <summary>
/// The real host process on Socket Mode alone (app token and bot token, no signing secret) against the loopback
/// Slack fakes: it says so at start, and a give sent over the WebSocket is acked and delivered once.
/// </summary>
public sealed class SocketModeHostTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fb-socket-").FullName;
    private FakeSlackApi _slack = null!;
    private FakeSlackSocketMode _socket = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackApi.StartAsync();
        _socket = await FakeSlackSocketMode.StartAsync();
        _socket.Attach(_slack);
        _slack.SetUser("UGIVER", name: "Grace");
        _slack.SetUser("URECIP", name: "Ravi");
    }

    public async Task DisposeAsync()
    {
        await _socket.DisposeAsync();
        await _slack.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task SocketModeOnly_SaysSoAtStart_AndAGiveIsAckedAndDeliveredOnce()
    {
        var settings = EndToEndTests.SlackSettings(_slack, _dir);
        settings.Remove("Slack:SigningSecret");
        settings["Slack:AppToken"] = "xapp-1-A1-e2e";
        await using var host = HostProcess.Start(settings);
        await host.WaitReadyAsync();
        await _socket.WaitForLinkAsync(1, TimeSpan.FromSeconds(30));

        // A first command warms the fresh process up (JIT, first storage calls) on a busy machine.
        var warm = await _socket.CommandAsync(SlackRequestSigner.CommandBody("help", userId: "UGIVER"))
            ?? await _socket.CommandAsync(SlackRequestSigner.CommandBody("help", userId: "UGIVER"));
        Assert.True(warm is not null, host.Output);
        var body = SlackRequestSigner.CommandBody("<@URECIP|ravi> Your rollback plan in Tuesday's demo calmed the client, which saved the deal.",
            userId: "UGIVER", responseUrl: _slack.ResponseUrl());
        var ack = await _socket.CommandAsync(body);

        Assert.True(ack is not null, host.Output);
        // A cold host may reach the dispatcher's deadline first: "still working…", the outcome follows (issue 9).
        Assert.Matches("Saved|Saving|still working on that", ack["payload"]!["text"]!.GetValue<string>());
        Assert.Contains("Slack on (Socket Mode, one workspace", host.Output);
        var posts = await _slack.WaitForAsync("chat.postMessage", count: 2, timeout: TimeSpan.FromSeconds(30));
        Assert.Single(posts, p => p.Args["channel"]?.ToString() == "DURECIP");
    }
}
