using System.Text.Json.Nodes;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Core.Requests;
using FeedbackBot.Slack.Inbound;
using FeedbackBot.Slack.Requests;
using FeedbackBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FeedbackBot.Slack.Tests.Requests;

/// <summary>Request-specific payloads and look-ups on top of <see cref="SlackTestHost"/>.</summary>
public static class RequestTestKit
{
    public static PersonRef Person(string user) => SlackIds.Person(SlackTestHost.Team, user);

    public static IRequestStore Requests(this SlackTestHost host) => host.Services.GetRequiredService<IRequestStore>();

    /// <summary>U1 asks <paramref name="recipients"/> through the command; returns the stored request.</summary>
    public static async Task<FeedbackRequest> AskAsync(this SlackTestHost host, string question, params string[] recipients)
    {
        var mentions = string.Join(" ", recipients.Select(r => $"<@{r}>"));
        await host.PostCommandAsync($"request {mentions} {question}", user: "U1");
        await host.IdleAsync();
        await host.Slack.WaitForAsync("chat.postMessage", recipients.Length);
        return Assert.Single(await host.Requests().ListAskedByAsync(Person("U1"), CancellationToken.None));
    }

    /// <summary>A request modal as Slack returns it on submit.</summary>
    public static JsonObject RequestView(string[] recipients, string question, string? due = null, string? link = null, string? privateMetadata = null)
    {
        var values = new JsonObject
        {
            [RequestModal.RecipientsBlock] = new JsonObject { [RequestModal.RecipientsAction] = new JsonObject { ["type"] = "multi_users_select", ["selected_users"] = new JsonArray([.. recipients.Select(r => (JsonNode)r)]) } },
            [RequestModal.QuestionBlock] = new JsonObject { [RequestModal.QuestionAction] = new JsonObject { ["type"] = "plain_text_input", ["value"] = question } },
            [RequestModal.DueBlock] = new JsonObject { [RequestModal.DueAction] = new JsonObject { ["type"] = "datepicker", ["selected_date"] = due } },
            [RequestModal.LinkBlock] = new JsonObject { [RequestModal.LinkAction] = new JsonObject { ["type"] = "url_text_input", ["value"] = link } },
        };
        return new JsonObject
        {
            ["id"] = "V77",
            ["type"] = "modal",
            ["callback_id"] = RequestModal.CallbackId,
            ["hash"] = "hash-7",
            ["private_metadata"] = privateMetadata ?? "",
            ["state"] = new JsonObject { ["values"] = values },
        };
    }

    /// <summary>A reaction_added envelope as the Events API posts it.</summary>
    public static JsonObject Reaction(string reactor, string? author, string eventId = "EvR1", string reaction = "speech_balloon", string ts = "1700000000.000200")
    {
        var evt = new JsonObject
        {
            ["type"] = "reaction_added",
            ["user"] = reactor,
            ["reaction"] = reaction,
            ["item"] = new JsonObject { ["type"] = "message", ["channel"] = "C1", ["ts"] = ts },
            ["event_ts"] = "1700000001.000100",
        };
        if (author is not null)
        {
            evt["item_user"] = author;
        }

        return Envelope(eventId, evt);
    }

    /// <summary>An Events API <c>event_callback</c> envelope around <paramref name="evt"/>.</summary>
    public static JsonObject Envelope(string eventId, JsonObject evt) => new()
    {
        ["token"] = "x",
        ["team_id"] = SlackTestHost.Team,
        ["api_app_id"] = "A1",
        ["type"] = "event_callback",
        ["event_id"] = eventId,
        ["event_time"] = 1700000001,
        ["event"] = evt,
    };

    /// <summary>Posts an event as a Slack retry: same body, plus X-Slack-Retry-Num and -Reason.</summary>
    public static Task<HttpResponseMessage> PostEventRetryAsync(this SlackTestHost host, JsonObject envelope, int retryNum)
    {
        var request = SlackRequestSigner.Signed("/slack/events", envelope.ToJsonString(), host.SigningSecret, host.Time.GetUtcNow(), "application/json");
        request.Headers.Add("X-Slack-Retry-Num", retryNum.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("X-Slack-Retry-Reason", "http_timeout");
        return host.Http.SendAsync(request);
    }

    /// <summary>The value of the first button with <paramref name="actionId"/> in a recorded message.</summary>
    public static string ButtonValue(RecordedCall call, string actionId) =>
        call.Args["blocks"]!.AsArray()
            .SelectMany(b => b!["elements"] as JsonArray ?? [])
            .First(e => e!["action_id"]?.GetValue<string>() == actionId)!["value"]!.GetValue<string>();

    public static IEnumerable<string> MessagesTo(this FakeSlackApi slack, string channel) =>
        slack.CallsTo("chat.postMessage").Where(c => c.Args["channel"]!.GetValue<string>() == channel).Select(c => c.Json);
}
