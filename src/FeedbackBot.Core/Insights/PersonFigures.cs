using System.Globalization;
using FeedbackBot.Core.Coaching;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Core.Requests;

namespace FeedbackBot.Core.Insights;

/// <summary>
/// One person's own figures by month (UTC, <c>yyyy-MM</c>), for their growth page: feedback received and given,
/// how the feedback they gave fared with the coach, how fast their requests were answered; and the named givers
/// of what they received (for the timeline's filter; anonymous feedback is never counted there).
/// </summary>
public sealed class PersonFigures
{
    public Dictionary<string, MonthFigures> Months { get; } = new(StringComparer.Ordinal);

    /// <summary>Named (not anonymous) givers of received feedback → how many items.</summary>
    public Dictionary<PersonRef, int> NamedGivers { get; } = [];

    public static string MonthOf(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public MonthFigures Month(string month) => Months.TryGetValue(month, out var m) ? m : Months[month] = new MonthFigures();

    public int TotalReceived => Months.Values.Sum(m => m.Received);

    /// <summary>Counts an item the person received.</summary>
    public void AddReceived(FeedbackItem item)
    {
        Month(MonthOf(item.CreatedAt)).Received++;
        if (!item.Anonymous)
        {
            NamedGivers[item.Giver] = NamedGivers.GetValueOrDefault(item.Giver) + 1;
        }
    }

    /// <summary>Counts an item the person gave, with the coach's verdict on it (one count per item, as stored).</summary>
    public void AddGiven(FeedbackItem item, CoachVerdicts verdicts)
    {
        var month = Month(MonthOf(item.CreatedAt));
        month.Given++;
        foreach (var (name, verdict) in verdicts.Criteria.Where(c => c.Verdict != Verdict.NotApplicable))
        {
            month.Judged[name] = month.Judged.GetValueOrDefault(name) + 1;
            if (verdict == Verdict.Met)
            {
                month.Met[name] = month.Met.GetValueOrDefault(name) + 1;
            }
        }
    }

    /// <summary>
    /// Counts everything stored about <paramref name="person"/> (their received and given items, the requests
    /// their answers name and their open ones): the one-time backfill of figures kept since before they were kept.
    /// </summary>
    public static async Task<PersonFigures> CountAsync(IFeedbackStore feedback, IRequestStore requests, FeedbackCoach coach, PersonRef person, CancellationToken ct)
    {
        var receivedTask = feedback.ListReceivedAsync(person, MaxItems, ct);
        var sentTask = feedback.ListSentAsync(person, MaxItems, ct);
        var openTask = requests.ListAskedByAsync(person, ct);
        await Task.WhenAll(receivedTask, sentTask, openTask);
        var figures = new PersonFigures();
        foreach (var item in receivedTask.Result.Where(i => i.Recipient == person))
        {
            figures.AddReceived(item);
        }

        foreach (var item in sentTask.Result.Where(i => i.Giver == person))
        {
            figures.AddGiven(item, CoachVerdicts.For(coach, item));
        }

        var open = openTask.Result.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var ids = receivedTask.Result.Where(i => i.RequestId is not null).Select(i => i.RequestId!)
            .Concat(open.Keys).Distinct(StringComparer.Ordinal).Take(MaxRequests).ToArray();
        var loaded = await Task.WhenAll(ids.Select(id => open.TryGetValue(id, out var r) ? Task.FromResult<FeedbackRequest?>(r) : requests.GetAsync(id, ct)));
        foreach (var request in loaded.OfType<FeedbackRequest>().Where(r => r.Requester == person))
        {
            for (var i = 0; i < request.Recipients.Count; i++)
            {
                if (request.TimeToFeedback(request.Recipients[i].Person) is { } wait)
                {
                    figures.Month(MonthOf(request.CreatedAt)).AnswerSeconds[AnswerSample(request, i)] = (long)wait.TotalSeconds;
                }
            }
        }

        return figures;
    }

    /// <summary>
    /// The sample name of the answer of <paramref name="request"/>'s <paramref name="index"/>-th asked person: the
    /// request and a position, never the answerer's id (it stays in the requester's figures).
    /// </summary>
    public static string AnswerSample(FeedbackRequest request, int index) => $"{request.Id}:{index}";

    /// <summary>Items read per list by <see cref="CountAsync"/>: a person's whole history for years of normal use.</summary>
    public const int MaxItems = 5_000;

    /// <summary>Requests read by <see cref="CountAsync"/> (each is a read).</summary>
    public const int MaxRequests = 1_000;
}

/// <summary>One month of <see cref="PersonFigures"/>.</summary>
public sealed class MonthFigures
{
    public int Received { get; set; }

    public int Given { get; set; }

    /// <summary>Criterion → given items the coach could judge on it.</summary>
    public Dictionary<string, int> Judged { get; } = new(StringComparer.Ordinal);

    /// <summary>Criterion → given items that met it.</summary>
    public Dictionary<string, int> Met { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The person's requests asked this month: <see cref="PersonFigures.AnswerSample"/> → seconds from the ask to
    /// that answer (one sample per answer, so recording it twice keeps one).
    /// </summary>
    public Dictionary<string, long> AnswerSeconds { get; } = new(StringComparer.Ordinal);
}
