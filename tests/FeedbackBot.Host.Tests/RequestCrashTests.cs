using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using FeedbackBot.Testing;

namespace FeedbackBot.Host.Tests;

/// <summary>
/// Issue 9's rule for requests, counted end to end on the real host (embedded default): a stream of feedback
/// requests, each with a unique question and two recipients, the host killed with kill -9 twice during the
/// stream and restarted on the same data. Every request the bot acknowledged ("I asked …") has its prompt in each
/// recipient's DM at the fake Slack exactly once; no request, acknowledged or not, is asked twice. Counts only,
/// arrival by a bounded poll.
/// </summary>
public sealed class RequestCrashTests(Xunit.Abstractions.ITestOutputHelper log) : CrashTestBase("reqcrash")
{
    private static readonly string[] Recipients = ["URA", "URB"];
    private readonly string _tag = Guid.NewGuid().ToString("N")[..8];

    private string Question(int i) => $"Q{_tag}-{i:000} what should I change in my demo";

    [Fact]
    public async Task KillDashNine_TwiceDuringRequestStream_EveryAcknowledgedPromptArrivesExactlyOnce()
    {
        const int total = 60;
        var answers = new ConcurrentDictionary<int, string>(); // request index → immediate answer text
        var failures = new ConcurrentDictionary<int, string>();
        var sent = 0;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var host = HostProcess.Start(Settings());
        var output = new System.Text.StringBuilder();
        try
        {
            await host.WaitReadyAsync();
            var up = 1;
            var stream = Parallel.ForEachAsync(Enumerable.Range(0, total), new ParallelOptions { MaxDegreeOfParallelism = 4 },
                async (i, _) =>
                {
                    Interlocked.Increment(ref sent);
                    var body = SlackRequestSigner.CommandBody($"request <@URA> <@URB> {Question(i)}", userId: $"UREQ{i % 5}",
                        responseUrl: Slack.ResponseUrl($"req{i}"));
                    for (var attempt = 0; attempt < 50; attempt++)
                    {
                        while (Volatile.Read(ref up) == 0)
                        {
                            await Task.Delay(50);
                        }

                        try
                        {
                            using var response = await http.SendAsync(SlackRequestSigner.Signed(
                                new Uri(Volatile.Read(ref host).BaseAddress, "slack/commands").ToString(), body, EndToEndTests.Secret, DateTimeOffset.UtcNow));
                            if (response.StatusCode == HttpStatusCode.OK)
                            {
                                answers[i] = JsonNode.Parse(await response.Content.ReadAsStringAsync())?["text"]?.GetValue<string>() ?? "";
                            }

                            return;
                        }
                        catch (HttpRequestException ex) when (ex.InnerException is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.ConnectionRefused })
                        {
                            // Never reached a host (it was down): the requester tries again, as a person would.
                            await Task.Delay(100);
                        }
                        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException or System.Text.Json.JsonException)
                        {
                            // In flight at a kill: no answer, so not acknowledged (but still never asked twice).
                            failures[i] = ex.GetType().Name + ": " + ex.Message;
                            return;
                        }
                    }
                });
            for (var kill = 1; kill <= 2; kill++)
            {
                await WaitForAsync(() => Volatile.Read(ref sent) >= kill * 20, TimeSpan.FromSeconds(90));
                Volatile.Write(ref up, 0); // new sends wait; the ones in flight now are cut off by the kill
                host.KillHard();
                output.AppendLine(host.Output);
                var dead = host;
                Volatile.Write(ref host, HostProcess.Start(Settings())); // same data dir: a restart
                await dead.DisposeAsync();
                await host.WaitReadyAsync();
                Volatile.Write(ref up, 1);
            }

            await stream;
            var acknowledged = Enumerable.Range(0, total).Where(i => Acknowledged(i, answers)).ToArray();
            await WaitForAsync(() => acknowledged.All(i => Recipients.All(r => Prompts(r, i) >= 1)), TimeSpan.FromSeconds(90), allowStall: true);
            await Task.Delay(TimeSpan.FromSeconds(3)); // quiet: a late duplicate would show now

            var missing = acknowledged.SelectMany(i => Recipients.Where(r => Prompts(r, i) == 0).Select(r => $"{i}→{r}")).ToArray();
            var doubled = Enumerable.Range(0, total).SelectMany(i => Recipients.Where(r => Prompts(r, i) > 1).Select(r => $"{i}→{r}")).ToArray();
            var why = $"{acknowledged.Length} of {total} acknowledged; missing [{string.Join(", ", missing)}]; doubled [{string.Join(", ", doubled)}]\n"
                + (output + host.Output)[^Math.Min((output + host.Output).Length, 4000)..];
            var prompts = Enumerable.Range(0, total).Sum(i => Recipients.Sum(r => Prompts(r, i)));
            log.WriteLine($"{total} requests, {answers.Count} answered, {acknowledged.Length} acknowledged, {prompts} prompts counted, " +
                $"{missing.Length} missing, {doubled.Length} doubled; no answer: {string.Join("; ", failures.Values.GroupBy(f => f).Select(g => $"{g.Count()}× {g.Key}"))}");
            Assert.True(acknowledged.Length >= total / 2, "too few acknowledged requests to prove anything\n" + why);
            Assert.True(missing.Length == 0, "acknowledged requests whose prompt never arrived\n" + why);
            Assert.True(doubled.Length == 0, "prompts that arrived more than once\n" + why);
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    // "I asked …" in the command's answer, or in its follow-up through its own response_url when saving took
    // longer than the ack budget.
    private bool Acknowledged(int i, ConcurrentDictionary<int, string> answers) =>
        answers.TryGetValue(i, out var text) && (text.Contains("I asked", StringComparison.Ordinal)
            || Slack.CallsTo("response_url").Any(c => c.Path.EndsWith($"/req{i}", StringComparison.Ordinal)
                && (c.Args["text"]?.ToString() ?? "").Contains("I asked", StringComparison.Ordinal)));

    // Prompts for request i in the recipient's DM, as Slack holds them (question text in the message's blocks).
    private int Prompts(string recipient, int i) =>
        Slack.MessagesIn(FakeSlackApi.DmChannel(recipient))
            .Count(m => ((m.Text ?? "") + m.Blocks?.ToJsonString()).Contains(Question(i), StringComparison.Ordinal));

    private static async Task WaitForAsync(Func<bool> condition, TimeSpan within, bool allowStall = false)
    {
        var deadline = DateTime.UtcNow + within;
        while (!condition())
        {
            if (DateTime.UtcNow >= deadline)
            {
                Assert.True(allowStall, "the stream stalled");
                return;
            }

            await Task.Delay(100);
        }
    }
}
