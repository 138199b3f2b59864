using FeedbackBot.Core.Feedback;
using FeedbackBot.Slack.Give;
using FeedbackBot.Slack.Inbound;
using Microsoft.Extensions.DependencyInjection;

namespace FeedbackBot.Slack.Tests;

/// <summary>
/// Issue 9, the last crash window of a give: a give answered "saving…" is journalled on disk before the ack and the
/// file goes once its outcome was told; a replay of a journalled give (what the next start does after a kill) saves
/// it exactly once, whether or not the killed attempt's save had landed, and tells the giver.
/// </summary>
public sealed class GiveJournalReplayTests
{
    private const string Text = "thanks for walking me through the rollback plan on Tuesday, it saved us an hour";

    [Fact]
    public async Task QuickGive_SlowerThanTheAckBudget_IsJournalledUntilItsOutcomeIsTold()
    {
        await using var host = await SlackTestHost.StartAsync(timings: t => t.AckBudget = TimeSpan.FromMilliseconds(200));
        var journal = host.Services.GetRequiredService<GiveJournal>();
        host.Slack.Delay("users.info", TimeSpan.FromSeconds(1));

        var reply = await SlackTestHost.JsonAsync(await host.PostCommandAsync("<@U2> " + Text, responseUrl: host.Slack.ResponseUrl("late")));
        var whileSaving = journal.ReadAll();
        await host.Slack.WaitForAsync("response_url");
        await host.IdleAsync();

        Assert.Contains("Saving your feedback", reply["text"]!.GetValue<string>());
        var entry = Assert.Single(whileSaving).Entry;
        Assert.Equal(new OnceKey("command", entry.OnceId), entry.Once);
        Assert.Equal(Text, entry.Command.Content.PlainText);
        Assert.EndsWith("/late", entry.TellTo.ResponseUrl);
        Assert.Empty(journal.ReadAll());
    }

    [Fact]
    public async Task Replay_GiveThatLandedBeforeTheKill_IsFoundNotDoubled()
    {
        await using var host = await SlackTestHost.StartAsync();
        var startedAt = host.Time.GetUtcNow();
        var first = await SlackTestHost.JsonAsync(await host.PostCommandAsync("<@U2> " + Text, triggerId: "1.2.landed"));
        Assert.Contains("on its way", first["text"]!.GetValue<string>());

        var stored = await ReplayAsync(host, Entry(host, "1.2.landed", startedAt));

        Assert.True(stored);
        Assert.Single(host.Feedback.All);
        Assert.Contains(GiveJournalReplay.SavedAfterRestartText, Assert.Single(host.Slack.CallsTo("response_url")).Json);
    }

    [Fact]
    public async Task Replay_ClaimTakenButNothingSaved_SavesItOnce()
    {
        await using var host = await SlackTestHost.StartAsync();
        // The killed attempt claimed the trigger_id and died before its save (users.info was still answering).
        Assert.True(await host.Services.GetRequiredService<ActOnce>().TryClaimAsync("command", "1.2.lost", CancellationToken.None));

        var stored = await ReplayAsync(host, Entry(host, "1.2.lost", host.Time.GetUtcNow()));
        var again = await ReplayAsync(host, Entry(host, "1.2.lost", host.Time.GetUtcNow()));

        Assert.True(stored);
        Assert.True(again);
        var item = Assert.Single(host.Feedback.All);
        Assert.Equal(Text, item.Content.PlainText);
        Assert.Single(host.Jobs.Deliveries);
    }

    [Theory]
    [InlineData(true)] // the write landed, only its answer was lost
    [InlineData(false)] // nothing was stored
    public async Task SaveStorageCouldNotConfirm_TheGiverHearsWhenStorageAnswers_StoredOnce(bool landed)
    {
        await using var host = await SlackTestHost.StartAsync();
        Exception stalled = new TimeoutException("storage stalled");
        (host.Feedback.FailSaves, host.Feedback.FailAfterSaving, host.Feedback.FailReads) = (landed ? null : stalled, landed ? stalled : null, stalled);

        var reply = await SlackTestHost.JsonAsync(await host.PostCommandAsync("<@U2> " + Text, responseUrl: host.Slack.ResponseUrl("unconfirmed")));
        await host.IdleAsync();
        // The first recheck, storage still stalled.
        await AdvanceAsync(host, GiveJournalReplay.FirstRecheck + TimeSpan.FromSeconds(1));
        var toldWhileStalled = host.Slack.CallsTo("response_url").Count;
        var journalledWhileStalled = host.Services.GetRequiredService<GiveJournal>().ReadAll().Count;
        (host.Feedback.FailSaves, host.Feedback.FailAfterSaving, host.Feedback.FailReads) = (null, null, null);
        for (var waited = TimeSpan.Zero; host.Slack.CallsTo("response_url").Count == 0 && waited < GiveJournalReplay.LastRecheck; waited += TimeSpan.FromSeconds(5))
        {
            await AdvanceAsync(host, TimeSpan.FromSeconds(5));
        }

        await host.IdleAsync();

        Assert.Equal(GiveText.UnconfirmedText, reply["text"]!.GetValue<string>());
        // The fake's sent index still answers while reads by id fail, so a save that landed is found at the first
        // recheck; one that did not is given again, which storage still refuses, and nobody is told yet.
        Assert.Equal(landed ? (1, 0) : (0, 1), (toldWhileStalled, journalledWhileStalled));
        Assert.Contains(GiveJournalReplay.SavedAfterAllText, Assert.Single(host.Slack.CallsTo("response_url")).Json);
        Assert.Equal(Text, Assert.Single(host.Feedback.All).Content.PlainText);
        Assert.Empty(host.Services.GetRequiredService<GiveJournal>().ReadAll());
    }

    [Fact]
    public async Task Journal_ManyGivesAtOnce_EachWrittenOnceAndReadBack()
    {
        await using var host = await SlackTestHost.StartAsync();
        var journal = host.Services.GetRequiredService<GiveJournal>();
        var at = host.Time.GetUtcNow();

        // More gives than writer threads, all at once: each entry is taken by exactly one writer.
        var files = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => journal.WriteAsync(Entry(host, $"1.2.many{i}", at))));

        Assert.All(files, f => Assert.True(File.Exists(f)));
        Assert.Equal(40, files.Distinct().Count());
        Assert.Equal(Enumerable.Range(0, 40).Select(i => $"1.2.many{i}").Order(), journal.ReadAll().Select(e => e.Entry.OnceId!).Order());
        foreach (var file in files)
        {
            journal.Remove(file);
        }

        Assert.Empty(journal.ReadAll());
    }

    [Fact]
    public async Task Journal_AfterDispose_WritesNothingAndSaysSo()
    {
        await using var host = await SlackTestHost.StartAsync();
        var journal = host.Services.GetRequiredService<GiveJournal>();
        Assert.NotNull(await journal.WriteAsync(Entry(host, "1.2.before", host.Time.GetUtcNow())));

        journal.Dispose();
        var file = await journal.WriteAsync(Entry(host, "1.2.after", host.Time.GetUtcNow())).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Null(file);
        Assert.Equal(["1.2.before"], journal.ReadAll().Select(e => e.Entry.OnceId));
    }

    // The recheck waits on the fake clock; a short real pause lets it take its next step.
    private static async Task AdvanceAsync(SlackTestHost host, TimeSpan by)
    {
        host.Time.Advance(by);
        await Task.Delay(50);
    }

    private static GiveJournalEntry Entry(SlackTestHost host, string triggerId, DateTimeOffset startedAt) =>
        new(new GiveFeedbackCommand(SlackIds.Person(SlackTestHost.Team, "U1"), [SlackIds.Person(SlackTestHost.Team, "U2")],
                FeedbackContent.FromText(Text), FeedbackKind.Praise),
            "command", triggerId, new SlackRequester(SlackTestHost.Team, "U1", host.Slack.ResponseUrl("replay")), startedAt);

    private static async Task<bool> ReplayAsync(SlackTestHost host, GiveJournalEntry entry)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<GiveReplayer>().ReplayAsync(entry, afterRestart: true, CancellationToken.None);
    }
}
