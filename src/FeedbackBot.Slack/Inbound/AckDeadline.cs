using Microsoft.Extensions.Options;

namespace FeedbackBot.Slack.Inbound;

/// <summary>
/// The clock Slack's 3 seconds run on. Real time in the product; a test swaps in a fake one to move a request past
/// its budgets without waiting. Separate from the host's <see cref="TimeProvider"/>, which is the product's own clock
/// (tests freeze it to plan nudges and digests, and a frozen ack clock would never answer Slack).
/// </summary>
public sealed class AckClock(TimeProvider time)
{
    /// <summary>Wall-clock time: what Slack measures.</summary>
    public static AckClock Real { get; } = new(TimeProvider.System);

    public TimeProvider Time { get; } = time;
}

/// <summary>
/// One Slack request's deadlines, both measured from its arrival at the dispatcher (issue 9): the handler's own
/// <see cref="SlackTimings.AckBudget"/> (a give or request waits for Core at most that long, then answers
/// "saving…") and the dispatcher's <see cref="SlackTimings.AnswerBy"/> (it answers for a handler still running).
/// Measuring both from one instant is what keeps the handler's honest answer ahead of the dispatcher's: time
/// a cold host spends before the give starts (JIT, the coach, a store read) comes out of the give's budget, not
/// on top of it. Scoped: the dispatcher starts it in the scope the handler's ack runs in.
/// </summary>
public sealed class AckDeadline(AckClock clock, IOptions<SlackTimings> timings)
{
    // Until the dispatcher says when the request arrived (a handler used outside it): from first use.
    private long _arrived = clock.Time.GetTimestamp();

    /// <summary>The clock the budgets run on (for <c>Task.WaitAsync</c>).</summary>
    public TimeProvider Clock => clock.Time;

    /// <summary>What is left of the handler's own budget; zero once spent (the work then answers "saving…" at once).</summary>
    public TimeSpan HandlerBudget => Left(timings.Value.AckBudget);

    /// <summary>What is left until the dispatcher answers for the handler.</summary>
    public TimeSpan AnswerBy => Left(timings.Value.AnswerBy);

    /// <summary>Sets the request's arrival, as a timestamp of <see cref="Clock"/>.</summary>
    public void StartAt(long arrived) => _arrived = arrived;

    private TimeSpan Left(TimeSpan budget)
    {
        var left = budget - clock.Time.GetElapsedTime(_arrived);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }
}
