using System.Text.Json.Nodes;
using FeedbackBot.Slack.Give;
using FeedbackBot.Slack.Requests;
using static FeedbackBot.Slack.Tests.Requests.RequestTestKit;

namespace FeedbackBot.Slack.Tests.Requests;

/// <summary>
/// Issue 10 #9: the emoji trigger needs the bot in the channel. Help says so; an invite or a mention gets a short
/// ephemeral note to the inviter or mentioner.
/// </summary>
public sealed class ChannelPresenceTests
{
    private static JsonObject Joined(string user, string? inviter) => new()
    {
        ["type"] = BotJoinedChannel.EventType,
        ["user"] = user,
        ["channel"] = "C9",
        ["channel_type"] = "C",
        ["team"] = SlackTestHost.Team,
        ["inviter"] = inviter,
    };

    [Fact]
    public async Task Help_SaysTheEmojiNeedsTheBotInTheChannel()
    {
        await using var host = await SlackTestHost.StartAsync();

        var text = (await SlackTestHost.JsonAsync(await host.PostCommandAsync("help")))["text"]!.GetValue<string>();

        Assert.Contains("only in channels I'm in", text);
        Assert.Contains("/invite", text);
    }

    [Fact]
    public async Task BotInvitedToChannel_InviterGetsAnEphemeralNote()
    {
        await using var host = await SlackTestHost.StartAsync();
        host.Slack.Respond("auth.test", _ => new JsonObject { ["ok"] = true, ["user_id"] = "UBOT", ["team_id"] = SlackTestHost.Team });

        await host.PostEventAsync(Envelope("EvJ1", Joined("UBOT", "U7")));

        var note = Assert.Single(await host.Slack.WaitForAsync("chat.postEphemeral"));
        Assert.Equal("C9", note.Args["channel"]!.GetValue<string>());
        Assert.Equal("U7", note.Args["user"]!.GetValue<string>());
        Assert.Contains(":speech_balloon: reaction works here", note.Args["text"]!.GetValue<string>());
        Assert.Empty(host.Slack.CallsTo("chat.postMessage"));
    }

    [Fact]
    public async Task SomeoneElseJoins_NothingIsSaid()
    {
        await using var host = await SlackTestHost.StartAsync();
        host.Slack.Respond("auth.test", _ => new JsonObject { ["ok"] = true, ["user_id"] = "UBOT" });

        await host.PostEventAsync(Envelope("EvJ2", Joined("U8", "U7")));
        await host.PostEventAsync(Envelope("EvJ3", Joined("UBOT", null)));
        await host.IdleAsync();

        Assert.Empty(host.Slack.CallsTo("chat.postEphemeral"));
    }

    [Fact]
    public async Task BotMentioned_MentionerGetsAnEphemeralNote_BotsDoNot()
    {
        await using var host = await SlackTestHost.StartAsync();

        await host.PostEventAsync(Envelope("EvM1", new JsonObject
        {
            ["type"] = AppMentioned.EventType, ["user"] = "U7", ["channel"] = "C9", ["ts"] = "1700000000.000100", ["text"] = "<@UBOT> hi",
        }));
        await host.PostEventAsync(Envelope("EvM2", new JsonObject
        {
            ["type"] = AppMentioned.EventType, ["user"] = "U8", ["bot_id"] = "B1", ["channel"] = "C9", ["ts"] = "1700000000.000200", ["text"] = "<@UBOT>",
        }));
        await host.IdleAsync();

        var note = Assert.Single(host.Slack.CallsTo("chat.postEphemeral"));
        Assert.Equal("U7", note.Args["user"]!.GetValue<string>());
        Assert.Contains("/feedback help", note.Args["text"]!.GetValue<string>());
    }

    [Fact]
    public void Usage_MentionsInvite() => Assert.Contains("/invite", FeedbackCommandParser.Usage);
}
