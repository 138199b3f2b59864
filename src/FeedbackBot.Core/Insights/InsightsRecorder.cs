using FeedbackBot.Core.Coaching;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Requests;
using FeedbackBot.Core.Telemetry;
using Microsoft.Extensions.Logging;

namespace FeedbackBot.Core.Insights;

/// <summary>
/// Turns what the use cases report into per-person weekly counts in <see cref="IInsightsStore"/>. The coach's
/// verdict is the one <see cref="GiveFeedback"/> stored on the give's items (<see cref="CoachVerdicts"/>): the
/// stored text is never read again for insights, so a report costs no coach runs however many weeks it covers,
/// and a deleted item's figures need no re-review. Never throws: a count
/// that cannot be stored is logged (measure names only, never text) and dropped.
/// </summary>
public sealed class InsightsRecorder(IInsightsStore store, FeedbackCoach coach, TimeProvider time, ILogger<InsightsRecorder> logger)
    : IInsightsRecorder
{
    public Task FeedbackGivenAsync(IReadOnlyList<FeedbackItem> items, CancellationToken ct)
    {
        if (items.Count == 0)
        {
            return Task.CompletedTask;
        }

        var facts = new List<InsightsFact>();
        foreach (var item in items)
        {
            facts.Add(new InsightsFact(item.Giver, item.CreatedAt, InsightsMeasures.Given));
            facts.Add(new InsightsFact(item.Recipient, item.CreatedAt, InsightsMeasures.Received));
        }

        // One verdict per give (the same text to three people is one piece of writing, not three), reviewed when
        // the give was saved and stored on its items; only items saved before that are reviewed here.
        // All five criteria in one count (InsightsMeasures.Coach), read back per criterion.
        var first = items[0];
        if (InsightsMeasures.Coach(CoachVerdicts.For(coach, first)) is { } verdicts)
        {
            facts.Add(new InsightsFact(first.Giver, first.CreatedAt, verdicts));
        }

        return SaveAsync(facts, "give", ct);
    }

    public Task RequestedAsync(FeedbackRequest request, CancellationToken ct) =>
        SaveAsync(request.Recipients.Select(r => new InsightsFact(r.Person, request.CreatedAt, InsightsMeasures.Asked)).ToArray(), "request", ct);

    public Task AnsweredAsync(FeedbackRequest request, PersonRef answerer, CancellationToken ct)
    {
        if (request.RecipientFor(answerer) is not { Status: RecipientStatus.Answered, AnsweredAt: { } answeredAt } me)
        {
            return Task.CompletedTask;
        }

        // In the request's week, as Asked is: answered / asked is then the share of that week's asks answered.
        var facts = new List<InsightsFact>
        {
            new(answerer, request.CreatedAt, InsightsMeasures.Answered),
            new(answerer, request.CreatedAt, InsightsMeasures.TimeToFeedback,
                (long)Math.Max(0, (answeredAt - request.CreatedAt).TotalSeconds), Sample: request.Id),
        };
        if (me.LastNudgedAt is { } nudged && answeredAt >= nudged && answeredAt - nudged <= InsightsMeasures.NudgeWindow)
        {
            facts.Add(new InsightsFact(answerer, nudged, InsightsMeasures.NudgeAnswered));
        }

        return SaveAsync(facts, "answer", ct);
    }

    public Task NudgedAsync(PersonRef person, string requestId, DateTimeOffset at, CancellationToken ct) =>
        SaveAsync([new InsightsFact(person, at, InsightsMeasures.Nudged)], "nudge", ct);

    public Task DigestActionAsync(PersonRef person, DigestAction action, CancellationToken ct) =>
        SaveAsync([new InsightsFact(person, time.GetUtcNow(), InsightsMeasures.Digest(action))], "digest", ct);

    private async Task SaveAsync(IReadOnlyList<InsightsFact> facts, string what, CancellationToken ct)
    {
        if (facts.Count == 0)
        {
            return;
        }

        try
        {
            await store.AddAsync(facts, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // Statistics only: the use case's own work is already durable, so a storage hiccup costs a count, not a give.
            logger.LogWarning(RepeatedFailure.Of(ex), "Insights: {Count} count(s) of a {What} not stored", facts.Count, what);
        }
    }
}
