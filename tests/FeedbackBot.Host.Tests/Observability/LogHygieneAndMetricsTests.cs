using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FeedbackBot.Slack.Give;
using FeedbackBot.Slack.Requests;
using FeedbackBot.Testing;

namespace FeedbackBot.Host.Tests.Observability;

/// <summary>
/// Issue 12 "Must show": a scripted flow through the real host process (embedded storage, Hangfire, the Slack
/// adapter, every request signed) against the strict fake Slack — an anonymous give, a named give, a request
/// answered anonymously and declined with a reason, a weekly digest, one 429 from Slack — with every log line of
/// every category at Trace captured (JSON, with scopes). Then: no log line holds feedback text, the question, the
/// decline reason, the bot token, the signing secret, a password or a response_url; no log line ties the
/// anonymous giver to their feedback, neither in one line nor through a shared trace; and <c>/metrics</c> counts
/// exactly what happened.
/// </summary>
public sealed partial class LogHygieneAndMetricsTests : IAsyncLifetime
{
    private const string Grace = "UGRACE";
    private const string Ravi = "URAVI";
    private const string Dave = "UDAVE"; // gives only anonymously
    private const string Ola = "UOLA";
    private const string MetricsPassword = "metrics-pass-9q";
    private const string DashboardPassword = "dash-pass-7w";

    // Each text carries a made-up word, so a leak is found however the text was cut or wrapped. Texts the real
    // coach accepts (a moment, its effect, a next step), so nothing stops at a coach review.
    private const string AnonText = "Your zebracorn demo on Monday was clear, which helped the client decide. Next time, try opening with the numbers.";
    private const string NamedText = "Your quokkalight rollback plan in the Tuesday demo calmed the client, which saved the deal and the quarter.";
    private const string Question = "How did my narwhalfest pitch on Monday land";
    private const string AnswerText = "Your axolotlwave pitch on Monday was clear, which helped the client decide. Next time, try opening with the numbers.";
    private const string DeclineReason = "Busy with the platypusgate release this week";

    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"); // the fake's default tz

    private readonly string _dir = Directory.CreateTempSubdirectory("fb-logs-").FullName;
    private FakeSlackApi _slack = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackApi.StartAsync();
        foreach (var (id, name) in new[] { (Grace, "Grace"), (Ravi, "Ravi"), (Dave, "Dave"), (Ola, "Ola") })
        {
            _slack.SetUser(id, name: name);
        }
    }

    public async Task DisposeAsync()
    {
        await _slack.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task ScriptedFlow_LogsHoldNoTextSecretOrAnonymousLink_AndMetricsCountIt()
    {
        var settings = EndToEndTests.SlackSettings(_slack, _dir);
        foreach (var category in new[] { "Default", "Microsoft.AspNetCore", "Hangfire", "Microsoft.Hosting.Lifetime", "System.Net.Http.HttpClient" })
        {
            settings[$"Logging:LogLevel:{category}"] = "Trace";
        }

        settings["Logging:Console:FormatterName"] = "json";
        settings["Logging:Console:FormatterOptions:IncludeScopes"] = "true";
        settings["Logging:Console:FormatterOptions:JsonWriterOptions:Indented"] = "false";
        settings["Metrics:Username"] = "scraper";
        settings["Metrics:Password"] = MetricsPassword;
        settings["Hangfire:Dashboard:Username"] = "ops";
        settings["Hangfire:Dashboard:Password"] = DashboardPassword;
        var responseUrls = new List<string>();
        string ResponseUrl(string purpose)
        {
            var url = _slack.ResponseUrl($"ru-{purpose}-{Guid.NewGuid():N}");
            responseUrls.Add(url);
            return url;
        }

        await using var host = HostProcess.Start(settings);
        await host.WaitReadyAsync();
        using var http = new HttpClient { BaseAddress = host.BaseAddress };

        // Ravi and Grace accept anonymous feedback; Slack's first chat.postMessage is rate limited once.
        await SubmitAsync(http, WholeFlowTests.ViewSubmission(Ravi, WholeFlowTests.SettingsView(null, acceptAnonymous: true)));
        await SubmitAsync(http, WholeFlowTests.ViewSubmission(Grace, WholeFlowTests.SettingsView(null, acceptAnonymous: true)));
        _slack.FailNext("chat.postMessage", 429, retryAfter: "1");

        // 1. Dave → Ravi, anonymously, from the give modal.
        await SubmitAsync(http, WholeFlowTests.ViewSubmission(Dave, WholeFlowTests.GiveView(Ravi, AnonText, "", visibility: "Anonymous")));
        var anonGive = await WaitForDmAsync(Ravi, m => m.AllText.Contains("zebracorn"), "the anonymous give");

        // 2. Grace → Ravi with her name, by slash command.
        await WholeFlowTests.SendAsync(http, "slack/commands", SlackRequestSigner.CommandBody($"<@{Ravi}|ravi> {NamedText}", userId: Grace, responseUrl: ResponseUrl("give")));
        await WaitForDmAsync(Ravi, m => m.AllText.Contains("quokkalight"), "the named give");

        // 3. Grace asks Dave and Ola.
        await WholeFlowTests.SendAsync(http, "slack/commands", SlackRequestSigner.CommandBody($"request <@{Dave}> <@{Ola}> {Question}", userId: Grace, responseUrl: ResponseUrl("ask")));
        var prompt = await WaitForDmAsync(Dave, m => m.AllText.Contains("narwhalfest"), "the request prompt");
        await WaitForDmAsync(Ola, m => m.AllText.Contains("narwhalfest"), "the request prompt");
        var requestId = WholeFlowTests.ButtonValue(prompt, RequestGiveAction.ActionId);

        // 4. Dave answers anonymously through the button and the modal.
        await WholeFlowTests.SendAsync(http, "slack/interactivity", SlackRequestSigner.InteractionBody(
            WholeFlowTests.ButtonClick(Dave, RequestGiveAction.ActionId, requestId, ResponseUrl("answer"))));
        var giveModal = await WaitForModalAsync(GiveModal.CallbackId);
        await SubmitAsync(http, WholeFlowTests.ViewSubmission(Dave, WholeFlowTests.GiveView(Grace, AnswerText, giveModal, visibility: "Anonymous")));
        var anonAnswer = await WaitForDmAsync(Grace, m => m.AllText.Contains("axolotlwave"), "the anonymous answer");

        // 5. Ola declines, with a reason.
        await WholeFlowTests.SendAsync(http, "slack/interactivity", SlackRequestSigner.InteractionBody(
            WholeFlowTests.ButtonClick(Ola, RequestDeclineAction.ActionId, requestId, ResponseUrl("decline"))));
        var declineModal = await WaitForModalAsync(DeclineSubmission.CallbackId);
        await SubmitAsync(http, WholeFlowTests.ViewSubmission(Ola, WholeFlowTests.View(DeclineSubmission.CallbackId, new JsonObject
        {
            ["decline_reason"] = WholeFlowTests.Input("decline_reason_text", new JsonObject { ["type"] = "plain_text_input", ["value"] = DeclineReason }),
        }, declineModal)));
        await WaitForDmAsync(Grace, m => m.AllText.Contains($"<@{Ola}> declined"), "the decline");

        // 6. Ravi's weekly digest, set to the coming minute.
        var due = WholeFlowTests.NextWholeMinute(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Berlin), atLeast: TimeSpan.FromSeconds(10));
        await SubmitAsync(http, WholeFlowTests.ViewSubmission(Ravi, WholeFlowTests.SettingsView(due, acceptAnonymous: true)));
        await WaitForDmAsync(Ravi, m => m.AllText.Contains("You received"), "the weekly digest", TimeSpan.FromSeconds(150));

        // Metrics: exactly what happened (polled: the last confirmations may still be on their way).
        var expected = new (string Series, string[] Labels, double Value)[]
        {
            ("feedbackbot_feedback_given_total", ["anonymous=\"true\"", "platform=\"slack\""], 2),
            ("feedbackbot_feedback_given_total", ["anonymous=\"false\""], 1),
            ("feedbackbot_feedback_delivered_total", ["platform=\"slack\""], 3),
            ("feedbackbot_feedback_failed_total", [], 0),
            ("feedbackbot_requests_opened_total", [], 1),
            ("feedbackbot_requests_answered_total", [], 1),
            ("feedbackbot_requests_declined_total", [], 1),
            ("feedbackbot_requests_expired_total", [], 0),
            ("feedbackbot_nudges_sent_total", [], 0),
            ("feedbackbot_digests_sent_total", [], 1),
            ("feedbackbot_request_time_to_feedback_seconds_count", [], 1),
            ("feedbackbot_platform_api_rate_limited_total", ["platform=\"slack\"", "method=\"chat.postMessage\""], 1),
            ("feedbackbot_platform_api_errors_total", ["method=\"chat.postMessage\""], 0),
        };
        var scrape = await ScrapeUntilAsync(http, text => expected.All(e => Sum(text, e.Series, e.Labels) == e.Value));
        foreach (var (series, labels, value) in expected)
        {
            Assert.True(value == Sum(scrape, series, labels), $"{series}{{{string.Join(",", labels)}}}: expected {value}, got {Sum(scrape, series, labels)}\n{scrape}");
        }

        Assert.True(Sum(scrape, "feedbackbot_coach_criteria_met_ratio_count", []) >= 1, scrape); // the quick give was reviewed
        Assert.True(Sum(scrape, "feedbackbot_jobs_duration_seconds_count", ["job=\"DueRemindersJob.RunAsync\"", "outcome=\"succeeded\""]) >= 1, scrape);
        Assert.Contains("http_server_request_duration_seconds", scrape); // ASP.NET Core's own instruments
        Assert.Contains("http_client_request_duration_seconds", scrape); // HttpClient's

        // Stop cleanly so the console logger flushes every line it holds.
        using (var term = Process.Start("kill", ["-TERM", host.ProcessId.ToString(CultureInfo.InvariantCulture)])!)
        {
            await term.WaitForExitAsync();
        }

        await host.WaitForExitAsync(TimeSpan.FromSeconds(30));
        var lines = host.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        // The capture is real: every level down to Trace, framework and our own categories, scopes with traces.
        Assert.Contains(lines, l => l.Contains("\"LogLevel\":\"Trace\""));
        Assert.Contains(lines, l => l.Contains("\"Category\":\"Hangfire"));
        Assert.Contains(lines, l => l.Contains("\"Category\":\"Microsoft.AspNetCore"));
        Assert.Contains(lines, l => l.Contains("answered anonymously"));
        Assert.Contains(lines, l => l.Contains($"declined by slack:T1:{Ola}"));
        Assert.Contains(lines, l => TraceOf(l) is not null);
        Assert.Contains(lines, l => l.Contains("HTTP POST to 127.0.0.1:")); // outgoing calls, by the safe logger only

        var forbidden = new List<string>
        {
            AnonText, NamedText, Question, AnswerText, DeclineReason,
            "zebracorn", "quokkalight", "narwhalfest", "axolotlwave", "platypusgate",
            "xoxb-e2e", EndToEndTests.Secret, MetricsPassword, DashboardPassword,
        };
        forbidden.AddRange(responseUrls);
        forbidden.AddRange(responseUrls.Select(u => new Uri(u).AbsolutePath));
        foreach (var secret in forbidden)
        {
            var leaks = lines.Where(l => l.Contains(secret, StringComparison.OrdinalIgnoreCase)).Take(3).ToArray();
            Assert.True(leaks.Length == 0, $"'{secret}' is in the logs:\n{string.Join("\n", leaks)}");
        }

        // Nothing ties Dave to his anonymous items: no line names both, and no line about an item shares a trace
        // (one HTTP request, one job) with a line that names him.
        var daveTraces = lines.Where(l => l.Contains(Dave)).Select(TraceOf).OfType<string>().ToHashSet();
        // Ids are matched by their unique tail, so any form of the id (key, delivery key) counts.
        foreach (var id in new[] { FeedbackId(anonGive), FeedbackId(anonAnswer) }.Select(i => i[(i.LastIndexOf('.') + 1)..]))
        {
            var together = lines.Where(l => l.Contains(id) && l.Contains(Dave)).ToArray();
            Assert.True(together.Length == 0, $"A line names Dave with {id}:\n{string.Join("\n", together)}");
            var linked = lines.Where(l => l.Contains(id) && TraceOf(l) is { } t && daveTraces.Contains(t)).ToArray();
            Assert.True(linked.Length == 0, $"A line about {id} shares a trace with a line naming Dave:\n{string.Join("\n", linked)}");
        }
    }

    private static string FeedbackId(FakeMessage message) =>
        message.MetadataKey is { } key && key.StartsWith("feedback:", StringComparison.Ordinal)
            ? key["feedback:".Length..]
            : throw new InvalidOperationException($"No feedback key on the message: {message.Metadata}");

    private static string? TraceOf(string line) => TraceId().Match(line) is { Success: true } m ? m.Groups[1].Value : null;

    /// <summary>Sum of a series' samples whose labels include all of <paramref name="labels"/> (Prometheus text format).</summary>
    private static double Sum(string scrape, string series, string[] labels)
    {
        var total = 0.0;
        foreach (var line in scrape.Split('\n'))
        {
            if (!line.StartsWith(series + "{", StringComparison.Ordinal) && !line.StartsWith(series + " ", StringComparison.Ordinal))
            {
                continue;
            }

            // name{label="v",...} value [timestamp]   or   name value [timestamp]
            var close = line.IndexOf('}');
            var labelPart = close < 0 ? "" : line[..close];
            var rest = close < 0 ? line[(series.Length + 1)..] : line[(close + 1)..];
            if (labels.All(l => labelPart.Contains(l, StringComparison.Ordinal)))
            {
                total += double.Parse(rest.Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        return total;
    }

    private async Task<string> ScrapeUntilAsync(HttpClient http, Func<string, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "metrics");
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"scraper:{MetricsPassword}")));
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var text = await response.Content.ReadAsStringAsync();
            if (done(text) || DateTime.UtcNow > deadline)
            {
                return text;
            }

            await Task.Delay(200);
        }
    }

    private async Task<string> WaitForModalAsync(string callbackId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            if (_slack.CallsTo("views.open").Select(c => c.View).LastOrDefault(v => v?["callback_id"]?.GetValue<string>() == callbackId) is { } view)
            {
                return view["private_metadata"]?.GetValue<string>() ?? "";
            }

            Assert.True(DateTime.UtcNow < deadline, $"No {callbackId} modal was opened");
            await Task.Delay(100);
        }
    }

    private static async Task SubmitAsync(HttpClient http, JsonObject payload)
    {
        using var response = await WholeFlowTests.SendAsync(http, "slack/interactivity", SlackRequestSigner.InteractionBody(payload));
        Assert.Equal("", await response.Content.ReadAsStringAsync()); // the modal closes: no errors, no coach review
    }

    private Task<FakeMessage> WaitForDmAsync(string user, Func<FakeMessage, bool> match, string what, TimeSpan? within = null) =>
        _slack.WaitForDmAsync(user, match, what, within);

    [GeneratedRegex("\"TraceId\":\"([0-9a-f]{32})\"")]
    private static partial Regex TraceId();
}
