using FeedbackBot.Testing;
using FeedbackBot.Testing.Burst;
using Xunit.Abstractions;

namespace FeedbackBot.Host.Tests.Ops;

/// <summary>
/// Issue 12, abuse limits across host processes: with <c>Limits:FeedbackPerHour</c> = 3, one person's gives go
/// through two real host processes on one real redis-server, alternately; the give after the third saved one gets
/// the friendly "you can send again" answer and stores nothing (its recipient never gets a DM). The window lives
/// in Redis, so neither host's own count matters.
/// </summary>
public sealed class LimitsAcrossHostsTests(ITestOutputHelper log) : CrashTestBase("limits")
{
    private static readonly (string, string) Limit = ("Limits:FeedbackPerHour", "3");

    [RedisFact]
    public async Task FourthGiveInAnHour_ThroughTheOtherHost_IsRefusedAndStoresNothing()
    {
        await using var redis = await LocalRedis.StartServerAsync();
        await using var a = HostProcess.Start(HostSettings(redis, "a", Limit));
        await using var b = HostProcess.Start(HostSettings(redis, "b", Limit));
        await Task.WhenAll(a.WaitReadyAsync(TimeSpan.FromSeconds(120)), b.WaitReadyAsync(TimeSpan.FromSeconds(120)));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var ledger = new GiveLedger(Slack, EndToEndTests.Secret, givers: 1); // one giver for every give

        // One give at a time, alternating hosts, each to its final answer. A give refused for another reason (storage
        // too slow on a loaded machine: "not saved, try again") stores nothing and does not count; the limit's
        // answer must come exactly after the third saved give.
        var saved = new List<(BurstGive Give, string Host)>();
        (BurstGive Give, string Host)? limited = null;
        var transcript = new List<string>();
        for (var i = 0; i < 10 && limited is null; i++)
        {
            var (host, name) = i % 2 == 0 ? (a, "A") : (b, "B");
            var give = ledger.NextGive();
            await ledger.SendAsync(http, host.BaseAddress, give);
            var answer = await FinalAnswerAsync(ledger, give);
            transcript.Add($"{give.Id} via {name}: {answer}");
            if (answer.Contains("You can send again", StringComparison.Ordinal))
            {
                limited = (give, name);
            }
            else if (answer.Contains("Saved.", StringComparison.Ordinal))
            {
                saved.Add((give, name));
            }
        }

        await ledger.WaitForDeliveriesAsync(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(3));
        log.WriteLine(string.Join("\n", transcript));
        var why = "\n" + string.Join("\n", transcript) + $"\nhost A:\n{Tail(a.Output)}\nhost B:\n{Tail(b.Output)}";
        Assert.True(limited is not null, "a give over the limit is refused with when to send again" + why);
        Assert.True(saved.Count == 3, "exactly the three allowed gives were saved before it" + why);
        Assert.True(saved.Select(s => s.Host).Distinct().Count() == 2, "the allowed gives went through both hosts" + why);
        Assert.All(saved, s => Assert.True(Slack.DmMessages(s.Give.Recipient).Count == 1, $"{s.Give.Id} delivered once" + why));
        Assert.Empty(Slack.DmMessages(limited!.Value.Give.Recipient)); // the refused give stored nothing
    }

    /// <summary>The ack, or once the ack only says "saving…", the follow-up that settles it (bounded).</summary>
    private async Task<string> FinalAnswerAsync(GiveLedger ledger, BurstGive give)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var answers = ledger.Acks.Where(x => x.Give.Id == give.Id).Select(x => x.Body)
                .Concat(Slack.CallsTo("response_url").Where(c => c.Path.EndsWith("/" + give.Id, StringComparison.Ordinal)).Select(c => c.Json))
                .ToArray();
            var text = string.Join(" | ", answers);
            if (answers.Any(x => GiveLedger.Classify(x) is AckClass.Saved or AckClass.Refused || x.Contains("You can send again", StringComparison.Ordinal))
                || DateTime.UtcNow > deadline)
            {
                return text;
            }

            await Task.Delay(200);
        }
    }

}
