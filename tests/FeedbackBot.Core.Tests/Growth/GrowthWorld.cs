using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Growth;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Core.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;

namespace FeedbackBot.Core.Tests.Growth;

/// <summary>
/// <see cref="CoreWorld"/> plus the growth loop: an in-memory growth store, the use cases on the fake clock, and
/// <see cref="RunCheckInsUntilAsync"/>, which plays the every-minute check-in job over the stored schedule.
/// </summary>
public sealed class GrowthWorld(DateTimeOffset start)
{
    public CoreWorld Core { get; } = new(start);
    public InMemoryGrowthStore Store { get; } = new();

    public GrowthBook Growth => new(Store, Core.Feedback, Core.Clock, Core.RequestFeedback, Core.Time);
    public RunCheckIns CheckIns => new(Store, Growth, Core.Once, Core.Clock, Core.Messengers, Core.Time, NullLogger<RunCheckIns>.Instance);
    public BuildReviewPrep ReviewPrep => new(Core.Feedback, Core.Requests, Store);

    public IReadOnlyList<(PersonRef To, CommitmentCheckInNotice Notice, DateTimeOffset At)> CheckInsSent =>
        Core.Messenger.Snapshot().Where(s => s.Notice is CommitmentCheckInNotice).Select(s => (s.To, (CommitmentCheckInNotice)s.Notice, s.At)).ToArray();

    /// <summary>Stores delivered feedback from <paramref name="giver"/> to <paramref name="recipient"/>.</summary>
    public async Task<FeedbackItem> ReceivedAsync(PersonRef giver, PersonRef recipient, string text, bool anonymous = false,
        FeedbackKind kind = FeedbackKind.Constructive, string? requestId = null)
    {
        var item = Core.Give(giver, recipient, text, anonymous, requestId) with { Kind = kind, Id = Ids.New(Core.Time, recipient.Workspace) };
        await Core.Feedback.SaveAsync(item, default);
        return item;
    }

    public async Task<Commitment> CommitAsync(PersonRef person, string text, FeedbackItem? from = null, CheckInChoice checkIn = CheckInChoice.TwoWeeks,
        string? newTheme = null, string? themeId = null)
    {
        var result = await Growth.CommitAsync(new CommitCommand(person, text, from?.Id, themeId, newTheme, checkIn), default);
        Assert.True(result.Succeeded, result.Problem?.ToString());
        return result.Commitment!;
    }

    /// <summary>
    /// Plays the recurring job up to <paramref name="end"/>: jumps to each minute in which something is due (the job
    /// runs every minute, so a check-in starts within a minute of its instant; here exactly at it) and runs one pass.
    /// </summary>
    public async Task RunCheckInsUntilAsync(DateTimeOffset end)
    {
        while (Store.Schedule.Values.Where(at => at <= end).Order().FirstOrDefault() is var next && next != default)
        {
            Core.SetNow(next);
            await CheckIns.RunAsync(default);
        }

        Core.SetNow(end);
    }
}
