using System.Net;
using System.Text;
using FeedbackBot.Slack.Http;
using FeedbackBot.Testing;

namespace FeedbackBot.Slack.Tests;

public sealed class SignatureTests
{
    // Slack's documented example (protocol brief §1), copied exactly.
    private const string DocSecret = "8f742231b10e8888abcd99yyyzzz85a5";
    private const long DocTimestamp = 1531420618;
    private const string DocBody = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    private const string DocSignature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

    [Fact]
    public void Verify_SlackDocumentedExample_Succeeds()
    {
        var result = SlackSignature.Verify(DocSecret, DocTimestamp.ToString(), DocSignature, Encoding.UTF8.GetBytes(DocBody),
            DateTimeOffset.FromUnixTimeSeconds(DocTimestamp));
        Assert.Equal(SignatureFailure.None, result);
    }

    [Theory]
    [InlineData(-301, SignatureFailure.OutsideWindow)]
    [InlineData(301, SignatureFailure.OutsideWindow)]
    [InlineData(299, SignatureFailure.None)]
    [InlineData(-299, SignatureFailure.None)]
    public void Verify_ClockSkew_HonoursFiveMinuteWindow(int skewSeconds, SignatureFailure expected)
    {
        var result = SlackSignature.Verify(DocSecret, DocTimestamp.ToString(), DocSignature, Encoding.UTF8.GetBytes(DocBody),
            DateTimeOffset.FromUnixTimeSeconds(DocTimestamp + skewSeconds));
        Assert.Equal(expected, result);
    }

    [Fact]
    public async Task DocumentedExample_ThroughPipeline_PassesTheGate()
    {
        // The clock pinned to the example's timestamp.
        await using var host = await SlackTestHost.StartAsync(secret: DocSecret, now: DateTimeOffset.FromUnixTimeSeconds(DocTimestamp));
        var request = new HttpRequestMessage(HttpMethod.Post, "/slack/commands")
        {
            Content = new StringContent(DocBody, Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Headers.Add("X-Slack-Request-Timestamp", DocTimestamp.ToString());
        request.Headers.Add("X-Slack-Signature", DocSignature);

        var response = await host.Http.SendAsync(request);

        // Through the gate: /webhook-collect is not our command, so a friendly ephemeral, not a 401.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("don't know the command", (await SlackTestHost.JsonAsync(response))["text"]!.GetValue<string>());
    }

    public static TheoryData<string> BadRequests => ["tampered", "wrong-secret", "stale", "future", "no-timestamp", "no-signature", "garbage-timestamp"];

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task BadSignature_Returns401AndDoesNothing(string variant)
    {
        await using var host = await SlackTestHost.StartAsync();
        var body = SlackRequestSigner.CommandBody("<@U2> great demo", responseUrl: host.Slack.ResponseUrl());
        var now = host.Time.GetUtcNow();
        var signedAt = variant switch
        {
            "stale" => now.AddMinutes(-5).AddSeconds(-1),
            "future" => now.AddMinutes(5).AddSeconds(1),
            _ => now,
        };
        var request = SlackRequestSigner.Signed("/slack/commands", body, variant == "wrong-secret" ? "other-secret" : SlackTestHost.Secret, signedAt);
        if (variant == "tampered")
        {
            request.Content = new StringContent(body.Replace("great", "grate"), Encoding.UTF8, "application/x-www-form-urlencoded");
        }
        else if (variant == "no-timestamp")
        {
            request.Headers.Remove("X-Slack-Request-Timestamp");
        }
        else if (variant == "no-signature")
        {
            request.Headers.Remove("X-Slack-Signature");
        }
        else if (variant == "garbage-timestamp")
        {
            request.Headers.Remove("X-Slack-Request-Timestamp");
            request.Headers.Add("X-Slack-Request-Timestamp", "12ab");
        }

        var response = await host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await host.IdleAsync();
        Assert.Empty(host.Feedback.All);
        Assert.Empty(host.Jobs.Jobs);
        Assert.Empty(host.Slack.Calls);
    }

    [Theory]
    [InlineData("/slack/interactivity")]
    [InlineData("/slack/events")]
    public async Task UnsignedOnOtherEndpoints_Returns401(string path)
    {
        await using var host = await SlackTestHost.StartAsync();
        var response = await host.Http.PostAsync(path, new StringContent("payload=%7B%7D", Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task SslCheck_Returns200WithoutSideEffects()
    {
        await using var host = await SlackTestHost.StartAsync();
        var response = await host.Http.PostAsync("/slack/commands", new StringContent("ssl_check=1&token=x", Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        Assert.Empty(host.Slack.Calls);
    }
}
