using FeedbackBot.Testing;
using FeedbackBot.Testing.Burst;

namespace FeedbackBot.Host.Tests;

/// <summary>
/// The rule of issue 9, counted end to end on the real host (embedded default): every give the bot acknowledged as
/// saved arrives at the fake Slack exactly once, by its unique text. Counts only, never times: the machine is
/// shared, and arrival is a bounded poll. The timed figures come from the bench (<c>burst</c>, <c>crashloop</c>).
/// </summary>
public sealed class BurstTests() : CrashTestBase("burst")
{
    [Fact]
    public async Task Burst_OfHundredGives_EveryAcknowledgedOneDeliveredExactlyOnce()
    {
        await using var host = HostProcess.Start(Settings());
        await host.WaitReadyAsync();
        var ledger = new GiveLedger(Slack, EndToEndTests.Secret);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

        // As fast as possible, 16 in flight: enough to queue work behind a slow store without a connection storm.
        await Parallel.ForEachAsync(Enumerable.Range(0, 100), new ParallelOptions { MaxDegreeOfParallelism = 16 },
            async (_, ct) => await ledger.SendAsync(http, host.BaseAddress, ledger.NextGive(), ct));
        await ledger.WaitForDeliveriesAsync(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(3));

        AssertExactlyOnce(ledger.Summarize("burst of 100"), expectAnswers: 100, host.Output);
    }

    [Fact]
    public async Task KillDashNine_ThreeTimesDuringStream_AcknowledgedGivesDeliveredExactlyOnce()
    {
        var ledger = new GiveLedger(Slack, EndToEndTests.Secret);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var host = HostProcess.Start(Settings());
        var output = new System.Text.StringBuilder();
        try
        {
            await host.WaitReadyAsync();
            using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            // 4 senders until stopped (at most 400 gives). Gives in flight at a kill get no answer; while the host
            // restarts the senders wait instead, since refused connections would only burn the give budget.
            var up = 1;
            var stream = Parallel.ForEachAsync(Enumerable.Range(0, 400), new ParallelOptions { MaxDegreeOfParallelism = 4 },
                async (_, _) =>
                {
                    while (Volatile.Read(ref up) == 0 && !stop.IsCancellationRequested)
                    {
                        await Task.Delay(50);
                    }

                    if (!stop.IsCancellationRequested)
                    {
                        await ledger.SendAsync(http, Volatile.Read(ref host).BaseAddress, ledger.NextGive());
                    }
                });
            for (var kill = 1; kill <= 3; kill++)
            {
                await WaitForAsync(() => ledger.Sent >= kill * 25, TimeSpan.FromSeconds(60));
                host.KillHard();
                Volatile.Write(ref up, 0);
                output.AppendLine(host.Output);
                var dead = host;
                Volatile.Write(ref host, HostProcess.Start(Settings())); // same data dir: a restart, not a fresh host
                await dead.DisposeAsync();
                await host.WaitReadyAsync();
                Volatile.Write(ref up, 1);
            }

            await WaitForAsync(() => ledger.Sent >= 100, TimeSpan.FromSeconds(60));
            await stop.CancelAsync();
            await stream;
            await ledger.WaitForDeliveriesAsync(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(3));

            AssertExactlyOnce(ledger.Summarize("3 kills"), expectAnswers: null, output + host.Output);
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    internal static void AssertExactlyOnce(BurstSummary summary, int? expectAnswers, string hostOutput)
    {
        var why = summary.ToTable() + "\n" + summary.ToJson() + "\nhost output:\n" + hostOutput[^Math.Min(hostOutput.Length, 4000)..];
        Assert.True(summary.CoachTips == 0, "the load template must pass the coach\n" + why);
        Assert.True(summary.AckedSaved > 0, "nothing was acknowledged as saved: the test would prove nothing\n" + why);
        if (expectAnswers is { } answers)
        {
            Assert.True(summary.Sent - summary.NoAnswer == answers && summary.Errors == 0, "every give gets a 200 answer\n" + why);
        }

        Assert.True(summary.Lost == 0, $"{summary.Lost} give(s) acknowledged as saved were never delivered\n" + why);
        Assert.True(summary.Doubled == 0, $"{summary.Doubled} give(s) were delivered more than once\n" + why);
    }

    private static async Task WaitForAsync(Func<bool> condition, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the stream stalled");
            await Task.Delay(50);
        }
    }
}
