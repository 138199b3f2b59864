using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using FeedbackBot.Slack.Settings;
using FeedbackBot.Testing;
using FeedbackBot.Testing.Burst;
using Xunit.Abstractions;

namespace FeedbackBot.Host.Tests;

/// <summary>
/// Issue 12, many hosts: two real host processes on one real redis-server (same <c>Storage:Redis</c>, same strict
/// fake Slack, each with a bot token of its own so the fake tells which host sent what). Everything is counted at
/// the fake by unique text, in real time with short bounded polls:
/// <list type="number">
/// <item>200 gives spread over both hosts → 200 DMs, each exactly once;</item>
/// <item>a request created through host A → its recipient is prompted once and nudged once
/// (<c>Nudges:FirstNudgeDelay</c> of seconds);</item>
/// <item>a weekly digest due within the test (set through the settings modal, as the soak does) → sent once,
/// though both hosts run the minutely planner (before or after the kill, whichever host takes it);</item>
/// <item>kill -9 of host B in the middle of a second stream of gives, just after a request went through B → every
/// give acknowledged as saved arrives exactly once (host A's sweep takes over B's leased work), and the request
/// through B is prompted and nudged once.</item>
/// </list>
/// One test, because the digest's minute is the long pole: everything else runs while it comes due.
/// </summary>
public sealed class ManyHostsTests(ITestOutputHelper log) : CrashTestBase("manyhosts")
{
    private const string Asker = "UASKER";
    private const string DigestText = "Your weekly feedback digest";
    private const string NudgeText = "A friendly reminder";
    private static readonly (string, string) FirstNudgeSoon = ("Nudges:FirstNudgeDelay", "00:00:08");

    private readonly string _tag = Guid.NewGuid().ToString("N")[..8].ToUpperInvariant(); // Slack ids: upper case

    [RedisFact]
    public async Task TwoHostsOneRedis_GivesRequestsNudgesDigest_ExactlyOnceAlsoAfterKillDashNine()
    {
        await using var redis = await LocalRedis.StartServerAsync();
        var a = HostProcess.Start(HostSettings(redis, "a", FirstNudgeSoon));
        var b = HostProcess.Start(HostSettings(redis, "b", FirstNudgeSoon));
        await using var disposeA = a;
        await using var disposeB = b;
        await Task.WhenAll(a.WaitReadyAsync(), b.WaitReadyAsync());
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

        // People who are asked keep every day as a working day, all day, in a zone where it is around noon now;
        // (1) also has the digest due at the next whole local minute that is at least 20 s away.
        var zone = NoonZone(DateTimeOffset.UtcNow);
        var (first, second) = ($"URA{_tag}", $"URB{_tag}");
        Slack.SetUser(first, tz: zone.Id);
        Slack.SetUser(second, tz: zone.Id);
        var digestDue = NextWholeMinute(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone), TimeSpan.FromSeconds(20));
        await SaveSettingsAsync(http, b, first, digestDue);
        await SaveSettingsAsync(http, a, second, digestAt: null);
        await AskAsync(http, a, first, Question(1));

        // 1. 200 gives, alternating between the hosts, 16 in flight.
        var burst = new GiveLedger(Slack, EndToEndTests.Secret);
        await Parallel.ForEachAsync(Enumerable.Range(0, 200), new ParallelOptions { MaxDegreeOfParallelism = 16 },
            async (i, ct) => await burst.SendAsync(http, (i % 2 == 0 ? a : b).BaseAddress, burst.NextGive(), ct));
        await UntilAsync(() => burst.Deliveries().Count >= 200, TimeSpan.FromSeconds(60), () => burst.Summarize("burst").ToTable());
        var delivered = burst.Deliveries();
        var summary = burst.Summarize("200 gives over two hosts");
        log.WriteLine(summary.ToTable() + "\n" + ByHost("chat.postMessage"));
        BurstTests.AssertExactlyOnce(summary, expectAnswers: 200, a.Output + b.Output);
        Assert.True(delivered.Count == 200 && delivered.Values.All(at => at.Count == 1), "200 DMs, each exactly once\n" + summary.ToTable());

        // 2. A second stream; a request goes through B, then B is killed -9 after 40 gives. Gives in flight to B
        // at the kill get no answer (nothing promised); the rest go to A. The kill is kept away from the digest's
        // minute: a Hangfire job that a killed host had fetched waits out Hangfire.Redis' invisibility timeout
        // (30 min), a documented limit (docs/architecture.md), not what this test is about.
        if (DateTimeOffset.UtcNow > digestDue - TimeSpan.FromSeconds(20))
        {
            await UntilAsync(() => Dms(first, DigestText) >= 1, digestDue - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(90), Everything);
        }

        await AskAsync(http, b, second, Question(2));
        var stream = new GiveLedger(Slack, EndToEndTests.Secret);
        var bAlive = 1;
        var sending = Parallel.ForEachAsync(Enumerable.Range(0, 100), new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (i, ct) => await stream.SendAsync(http, (i % 2 == 1 && Volatile.Read(ref bAlive) == 1 ? b : a).BaseAddress, stream.NextGive(), ct));
        await UntilAsync(() => stream.Sent >= 40, TimeSpan.FromSeconds(60), () => "the second stream stalled");
        if (DateTimeOffset.UtcNow > digestDue - TimeSpan.FromSeconds(3) && Dms(first, DigestText) == 0)
        {
            await UntilAsync(() => Dms(first, DigestText) >= 1, digestDue - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(90), Everything);
        }

        Volatile.Write(ref bAlive, 0);
        b.KillHard();
        await sending;
        await stream.WaitForDeliveriesAsync(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(3));
        var afterKill = stream.Summarize("100 gives, host B killed -9 after 40");
        log.WriteLine(afterKill.ToTable());
        BurstTests.AssertExactlyOnce(afterKill, expectAnswers: null, a.Output + b.Output);

        // 3. Prompts, nudges and the digest: each once. The digest may wait for a lock B held (30 s at most).
        await UntilAsync(() => Prompts(first, Question(1)) >= 1 && Prompts(second, Question(2)) >= 1 && Dms(first, NudgeText) >= 1
            && Dms(second, NudgeText) >= 1 && Dms(first, DigestText) >= 1,
            digestDue - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(90), Everything);
        await Task.Delay(TimeSpan.FromSeconds(3)); // quiet: a duplicate from another host or a retry would show now

        log.WriteLine($"digest due {digestDue:HH:mm:ss zzz}; {Everything()}\n{ByHost("chat.postMessage")}");
        var why = "\n" + Everything() + "\nhost A:\n" + Tail(a.Output) + "\nhost B:\n" + Tail(b.Output);
        Assert.True(Prompts(first, Question(1)) == 1, "the request through A prompts once" + why);
        Assert.True(Dms(first, NudgeText) == 1, "its recipient is nudged once" + why);
        Assert.True(Dms(first, DigestText) == 1, "the digest is sent once" + why);
        Assert.True(Prompts(second, Question(2)) == 1, "the request through B (then killed) prompts once" + why);
        Assert.True(Dms(second, NudgeText) == 1, "its recipient is nudged once, by A" + why);
    }

    private string Question(int i) => $"Q{_tag}-{i} what should I change in my demo";

    // By the message's own text: a nudge and a digest quote the question too, a prompt is "… asks for your feedback".
    private int Dms(string user, string text) => Slack.DmMessages(user).Count(m => (m.Text ?? "").Contains(text, StringComparison.Ordinal));

    private int Prompts(string user, string question) =>
        Slack.DmMessages(user).Count(m => (m.Text ?? "").Contains("asks for your feedback", StringComparison.Ordinal) && m.AllText.Contains(question, StringComparison.Ordinal));

    private string Everything() => string.Join("; ", new[] { $"URA{_tag}", $"URB{_tag}" }.Select(u =>
        $"{u}: " + string.Join(" | ", Slack.DmMessages(u).Select(m => (m.Text ?? "")[..Math.Min((m.Text ?? "").Length, 60)]))));

    // Who sent what: each host has its own token.
    private string ByHost(string method) => string.Join(", ", Slack.CallsTo(method)
        .GroupBy(c => c.Authorization ?? "").Select(g => $"{g.Key.Replace("Bearer ", "")}: {g.Count()} {method}"));

    private async Task AskAsync(HttpClient http, HostProcess host, string recipient, string question)
    {
        var body = SlackRequestSigner.CommandBody($"request <@{recipient}> {question}", userId: Asker, responseUrl: Slack.ResponseUrl("ask-" + recipient));
        var text = await PostAsync(http, host, "slack/commands", body);
        if (!text.Contains("I asked", StringComparison.Ordinal))
        {
            // Slower than the ack budget: "Saving…" now, the outcome by the command's response_url.
            await UntilAsync(() => Slack.CallsTo("response_url").Any(c => c.Path.EndsWith("/ask-" + recipient, StringComparison.Ordinal)
                && c.Body.Contains("I asked", StringComparison.Ordinal)), TimeSpan.FromSeconds(15), () => $"the request was not acknowledged: {text}");
        }
    }

    /// <summary>The settings modal as Slack submits it: every day a working day, 00:00–23:59; a digest at <paramref name="digestAt"/> or none.</summary>
    private static async Task SaveSettingsAsync(HttpClient http, HostProcess host, string user, DateTimeOffset? digestAt)
    {
        static JsonObject Field(string action, JsonObject element) => new() { [action] = element };
        static JsonObject Checked(params string[] values) => new()
        {
            ["type"] = "checkboxes",
            ["selected_options"] = new JsonArray([.. values.Select(v => (JsonNode)new JsonObject { ["value"] = v })]),
        };
        static JsonObject At(string time) => new() { ["type"] = "timepicker", ["selected_time"] = time };
        var at = digestAt ?? DateTimeOffset.UtcNow;
        var values = new JsonObject
        {
            [SettingsModal.ReminderOnBlock] = Field(SettingsModal.ReminderOnAction, digestAt is null ? Checked() : Checked("on")),
            [SettingsModal.ReminderDayBlock] = Field(SettingsModal.ReminderDayAction,
                new JsonObject { ["type"] = "static_select", ["selected_option"] = new JsonObject { ["value"] = at.DayOfWeek.ToString() } }),
            [SettingsModal.ReminderTimeBlock] = Field(SettingsModal.ReminderTimeAction, At(at.ToString("HH:mm", CultureInfo.InvariantCulture))),
            [SettingsModal.WorkDaysBlock] = Field(SettingsModal.WorkDaysAction, Checked([.. Enum.GetNames<DayOfWeek>()])),
            [SettingsModal.WorkStartBlock] = Field(SettingsModal.WorkStartAction, At("00:00")),
            [SettingsModal.WorkEndBlock] = Field(SettingsModal.WorkEndAction, At("23:59")),
        };
        var submission = new JsonObject
        {
            ["type"] = "view_submission",
            ["user"] = new JsonObject { ["id"] = user, ["team_id"] = "T1" },
            ["team"] = new JsonObject { ["id"] = "T1", ["domain"] = "acme" },
            ["trigger_id"] = SlackRequestSigner.NewTriggerId(),
            ["view"] = new JsonObject
            {
                ["id"] = "V" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant(), // view.id: each submission acts once
                ["type"] = "modal",
                ["callback_id"] = SettingsModal.CallbackId,
                ["hash"] = "h1",
                ["private_metadata"] = "",
                ["state"] = new JsonObject { ["values"] = values },
            },
        };
        Assert.Equal("", await PostAsync(http, host, "slack/interactivity", SlackRequestSigner.InteractionBody(submission))); // saved: the modal closes
    }

    private static async Task<string> PostAsync(HttpClient http, HostProcess host, string path, string body)
    {
        using var request = SlackRequestSigner.Signed(path, body, EndToEndTests.Secret, DateTimeOffset.UtcNow);
        request.RequestUri = new Uri(host.BaseAddress, path);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {text}");
        return text;
    }

    /// <summary>A fixed-offset zone (Etc/GMT±N, POSIX sign) in which it is within an hour of noon now, so the test never crosses a local midnight.</summary>
    private static TimeZoneInfo NoonZone(DateTimeOffset now)
    {
        var offset = (int)Math.Round(12 - now.UtcDateTime.TimeOfDay.TotalHours);
        offset = offset < -12 ? offset + 24 : offset > 14 ? offset - 24 : offset;
        return TimeZoneInfo.FindSystemTimeZoneById(offset == 0 ? "Etc/UTC" : offset > 0 ? $"Etc/GMT-{offset}" : $"Etc/GMT+{-offset}");
    }

    /// <summary>The start of the first whole local minute at least <paramref name="atLeast"/> away (Slack's timepicker has minutes).</summary>
    private static DateTimeOffset NextWholeMinute(DateTimeOffset now, TimeSpan atLeast)
    {
        var next = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMinute)).AddMinutes(1);
        return next - now < atLeast ? next.AddMinutes(1) : next;
    }

    private static async Task UntilAsync(Func<bool> condition, TimeSpan within, Func<string> why)
    {
        var deadline = DateTime.UtcNow + within;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "not in time: " + why());
            await Task.Delay(200);
        }
    }
}
