using System.Net;
using System.Text.Json.Nodes;
using FeedbackBot.Slack.Give;
using FeedbackBot.Slack.Requests;
using FeedbackBot.Slack.Text;
using static FeedbackBot.Slack.Tests.Requests.RequestTestKit;

namespace FeedbackBot.Slack.Tests.Text;

/// <summary>
/// Issue 10 #3: Slack sends text already escaped and with control sequences; it is decoded once on the way in and
/// escaped once on the way out (https://api.slack.com/reference/surfaces/formatting#escaping).
/// </summary>
public sealed class InboundTextTests
{
    private static readonly string Bob = SlackInbound.MentionToken("U3", "bob");

    [Theory]
    [InlineData("Q&amp;A &lt;went&gt; well", "Q&A <went> well")]
    [InlineData("&amp;lt; stays one level", "&lt; stays one level")]
    [InlineData("ping <!here> and <!channel> and <!everyone>", "ping @here and @channel and @everyone")]
    [InlineData("team <!subteam^S123|@devs> and <!subteam^S9>", "team @devs and @group")]
    [InlineData("see <#C123|general> and <#C9>", "see #general and #channel")]
    [InlineData("read <https://example.com/a?b=1&amp;c=2|the doc>", "read the doc (https://example.com/a?b=1&c=2)")]
    [InlineData("bare <https://example.com>", "bare https://example.com")]
    [InlineData("mail <mailto:a@b.co|a@b.co>", "mail a@b.co")]
    [InlineData("due <!date^1700000000^{date}|Nov 14>", "due Nov 14")]
    [InlineData("forged \uE000U9\uE001 token", "forged U9 token")]
    public void Decode_SlackText_ReadsAsTyped(string slack, string neutral) =>
        Assert.Equal(neutral, SlackInbound.Decode(slack));

    [Fact]
    public void Decode_UserMentions_StayMentions_AndEscapeRendersThemOnce()
    {
        var neutral = SlackInbound.Decode("thanks <@U3|bob> &amp; <@W42>")!;

        Assert.Equal($"thanks {Bob} & {SlackInbound.MentionToken("W42")}", neutral);
        Assert.Equal("thanks <@U3> &amp; <@W42>", Mrkdwn.Escape(neutral));
        Assert.Equal("thanks @bob & @W42", SlackInbound.ToPlain(neutral));
    }

    [Fact]
    public void EscapeOfDecoded_SlackEncoding_IsEscapedExactlyOnce()
    {
        const string slack = "Q&amp;A &lt;went&gt; well";
        Assert.Equal(slack, Mrkdwn.Escape(SlackInbound.Decode(slack)));
    }

    [Fact]
    public void Truncate_NeverCutsAMentionInHalf()
    {
        var escaped = Mrkdwn.Escape("abc " + SlackInbound.MentionToken("U12345678"));
        var cut = Mrkdwn.Truncate(escaped, escaped.Length - 3);
        Assert.Equal("abc …", cut);
    }

    [Fact]
    public async Task QuickGive_SlacksRealEncoding_ArrivesEscapedOnce()
    {
        await using var host = await SlackTestHost.StartAsync();

        var response = await host.PostCommandAsync("<@U2|ann> Q&amp;A &lt;went&gt; well on Monday, which helped");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Q&A <went> well on Monday, which helped", Assert.Single(host.Feedback.All).Content.PlainText);
        await host.RunDeliveriesAsync();
        var dm = Assert.Single(host.Slack.CallsTo("chat.postMessage"), c => c.Args["channel"]!.GetValue<string>() == "DU2");
        Assert.Contains("Q&amp;A &lt;went&gt; well", dm.AllText());
        Assert.DoesNotContain("&amp;amp;", dm.Json);
        Assert.DoesNotContain("&amp;lt;", dm.Json);
    }

    [Fact]
    public async Task QuickGive_MentionsTypedByTheGiver_StayMentions_BroadcastsStayInert()
    {
        await using var host = await SlackTestHost.StartAsync();

        await host.PostCommandAsync("<@U2|ann> great pairing with <@U3|bob> &amp; the team <!here> <!channel> <!subteam^S1|@devs> on Monday, which helped");
        await host.RunDeliveriesAsync();

        var dm = Assert.Single(host.Slack.CallsTo("chat.postMessage"), c => c.Args["channel"]!.GetValue<string>() == "DU2");
        var text = dm.AllText();
        Assert.Contains("great pairing with <@U3> &amp; the team @here @channel @devs", text);
        Assert.DoesNotContain("<!here>", dm.Json);
        Assert.DoesNotContain("<!channel>", dm.Json);
        Assert.DoesNotContain("<!subteam", dm.Json);
    }

    [Fact]
    public async Task QuickGive_InvalidFirstWord_IsShownDecoded()
    {
        await using var host = await SlackTestHost.StartAsync();

        var response = await host.PostCommandAsync("Q&amp;A");

        var text = (await SlackTestHost.JsonAsync(response))["text"]!.GetValue<string>();
        Assert.Contains("I don't know \"Q&amp;A\"", text);
        Assert.DoesNotContain("&amp;amp;", text);
    }

    [Fact]
    public async Task RequestCommand_Question_IsDecodedOnce()
    {
        await using var host = await SlackTestHost.StartAsync();

        await host.PostCommandAsync("request <@U2|ann> was the Q&amp;A &lt;too long&gt;?");
        await host.IdleAsync();

        var request = Assert.Single(await host.Requests().ListAskedByAsync(Person("U1"), CancellationToken.None));
        Assert.Equal("was the Q&A <too long>?", request.Question);
        var ask = Assert.Single(host.Slack.CallsTo("chat.postMessage"), c => c.Args["channel"]!.GetValue<string>() == "DU2");
        Assert.Contains("was the Q&amp;A &lt;too long&gt;?", ask.AllText());
        Assert.DoesNotContain("&amp;amp;", ask.Json);
    }

    [Fact]
    public async Task ReactionPrompt_ExcerptWithMentionLinkAndAmpersand_ReadsNaturally()
    {
        await using var host = await SlackTestHost.StartAsync();
        host.Slack.Respond("chat.getPermalink", _ => new JsonObject { ["ok"] = true, ["permalink"] = "https://acme.slack.com/archives/C1/p1700000000000200" });
        host.Slack.Respond("conversations.replies", _ => new JsonObject
        {
            ["ok"] = true,
            ["messages"] = new JsonArray(new JsonObject
            {
                ["ts"] = "1700000000.000200",
                ["user"] = "U1",
                ["text"] = "Ship it <@U3|bob> &amp; read <https://example.com/doc?a=1&amp;b=2|the doc> <!here>",
            }),
        });

        await host.PostEventAsync(Reaction(reactor: "U2", author: "U1"));

        var prompt = Assert.Single(await host.Slack.WaitForAsync("chat.postMessage"));
        var text = prompt.AllText();
        Assert.Contains("Ship it <@U3> &amp; read the doc (https://example.com/doc?a=1&amp;b=2) @here", text);
        Assert.DoesNotContain("&amp;amp;", prompt.Json);
        Assert.DoesNotContain("<!here>", prompt.Json);
    }

    [Fact]
    public async Task GiveOnMessageShortcut_Excerpt_IsDecodedOnce()
    {
        await using var host = await SlackTestHost.StartAsync();
        var shortcut = new JsonObject
        {
            ["type"] = "message_action",
            ["callback_id"] = GiveOnMessageShortcut.CallbackId,
            ["trigger_id"] = "trigger-m",
            ["response_url"] = "https://hooks.slack.com/actions/T1/1/x",
            ["team"] = new JsonObject { ["id"] = SlackTestHost.Team, ["domain"] = "acme" },
            ["user"] = new JsonObject { ["id"] = "U1", ["team_id"] = SlackTestHost.Team },
            ["channel"] = new JsonObject { ["id"] = "C1", ["name"] = "general" },
            ["message"] = new JsonObject { ["ts"] = "1700000000.000300", ["user"] = "U2", ["text"] = "R&amp;D &lt;3 <@U3|bob>" },
        };

        await host.PostInteractionAsync(shortcut);

        var open = Assert.Single(await host.Slack.WaitForAsync("views.open"));
        Assert.Contains("R&amp;D &lt;3 <@U3>", open.Json);
        Assert.DoesNotContain("&amp;amp;", open.Json);
    }

    [Fact]
    public async Task GiveModalText_IsRawNotDecoded_AndCannotForgeAMention()
    {
        await using var host = await SlackTestHost.StartAsync();
        // plain_text_input values arrive raw: "&amp;" typed there is literally what the person wrote.
        const string typed = "R&amp;D <@U9> \uE000U9\uE001 done";

        await host.PostInteractionAsync(Payloads.ViewSubmission(Payloads.GiveView(["U2"], typed)));
        await host.RunDeliveriesAsync();

        Assert.Equal("R&amp;D <@U9> U9 done", Assert.Single(host.Feedback.All).Content.PlainText);
        var dm = Assert.Single(host.Slack.CallsTo("chat.postMessage"), c => c.Args["channel"]!.GetValue<string>() == "DU2");
        Assert.Contains("R&amp;amp;D &lt;@U9&gt; U9 done", dm.AllText());
        Assert.DoesNotContain("<@U9>", dm.AllText());
    }
}
