using FeedbackBot.Core.Coaching;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Insights;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Core.Requests;
using StackExchange.Redis;

namespace FeedbackBot.Redis.Insights;

/// <summary>
/// A person's growth-page figures in one hash, <c>{p}:{slack:T1}:figures:{user}</c> (the person's workspace slot):
/// <c>{yyyy-MM}|r</c> items received that month; <c>|v:{verdict code}</c> items given that month with those
/// verdicts (<see cref="CoachVerdicts.Code"/>: which criteria the coach could judge and which the text met; read
/// back as given / judged / met, added to the older <c>|g</c>, <c>|j:{criterion}</c>, <c>|m:{criterion}</c> fields); <c>|t:{request}:{n}</c> seconds from one
/// of the person's asks to its n-th asked person's answer (by the month asked; no answerer id, so the answerer's
/// data rights need nothing from the requester's figures); <c>n|{giver}</c> named items received from a giver; and
/// <c>built</c> once the figures cover everything stored. The counts move in the same MULTI/EXEC as the write they
/// count (<see cref="RedisFeedbackStore.SaveAsync"/>, an answer in <see cref="RedisRequestStore.UpdateAsync"/>), so
/// they can neither miss nor double a give. A person without <c>built</c> (figures from before they were kept) is
/// counted once from everything stored, and the result kept only if nothing was saved for them meanwhile.
/// </summary>
public sealed class RedisGrowthFigures(IConnectionMultiplexer redis, Keys keys, IFeedbackStore feedback, IRequestStore requests, FeedbackCoach coach)
    : IGrowthFigures
{
    private const string Built = "built";
    private const string NamedPrefix = "n|";

    /// <summary>The person's figures hash.</summary>
    public static RedisKey Key(Keys keys, PersonRef p) => $"{keys.Prefix}:{Keys.Tag(p.Workspace)}:figures:{p.UserId}";

    /// <summary>Counts a saved item for its recipient (in the recipient's slot).</summary>
    public static void AddReceived(IDatabaseAsync db, Keys keys, FeedbackItem item)
    {
        var key = Key(keys, item.Recipient);
        _ = db.HashIncrementAsync(key, PersonFigures.MonthOf(item.CreatedAt) + "|r");
        if (!item.Anonymous)
        {
            _ = db.HashIncrementAsync(key, NamedPrefix + item.Giver.Key);
        }
    }

    /// <summary>
    /// Counts a saved item for its giver (in the giver's slot), with the coach's verdict stored on it: one
    /// HINCRBY of <c>{yyyy-MM}|v:{verdict code}</c> (<see cref="CoachVerdicts.Code"/>), which reads back as one
    /// given item and its judged and met criteria. Figures written before that (<c>|g</c>, <c>|j:</c>, <c>|m:</c>,
    /// one field each) are still read and added in.
    /// </summary>
    public static void AddGiven(IDatabaseAsync db, Keys keys, FeedbackItem item) =>
        _ = db.HashIncrementAsync(Key(keys, item.Giver), $"{PersonFigures.MonthOf(item.CreatedAt)}|v:{item.Coach?.Code ?? CoachVerdicts.NoVerdictsCode}");

    /// <summary>The answers <paramref name="updated"/> records that <paramref name="current"/> did not: each a write for the requester's figures.</summary>
    public static IEnumerable<Func<IDatabaseAsync, Task>> NewAnswers(Keys keys, FeedbackRequest current, FeedbackRequest updated) =>
        updated.Recipients
            .Select((r, index) => (r.Person, Index: index))
            .Where(r => current.TimeToFeedback(r.Person) is null && updated.TimeToFeedback(r.Person) is not null)
            .Select(r => (Func<IDatabaseAsync, Task>)(db => db.HashSetAsync(Key(keys, updated.Requester),
                $"{PersonFigures.MonthOf(updated.CreatedAt)}|t:{PersonFigures.AnswerSample(updated, r.Index)}",
                (long)updated.TimeToFeedback(r.Person)!.Value.TotalSeconds)))
            .ToArray();

    /// <summary>
    /// Forgets <paramref name="giver"/> as a named giver of <paramref name="recipient"/>'s feedback (their given
    /// feedback is being anonymised: the recipient's giver filter must not name them any more).
    /// </summary>
    public static Task ForgetGiverAsync(IDatabaseAsync db, Keys keys, PersonRef recipient, PersonRef giver) =>
        db.HashDeleteAsync(Key(keys, recipient), NamedPrefix + giver.Key);

    public async Task<PersonFigures> GetAsync(PersonRef person, CancellationToken ct)
    {
        var db = redis.GetDatabase();
        var key = Key(keys, person);
        var fields = await db.HashGetAllAsync(key).WaitAsync(ct);
        if (fields.Any(f => f.Name == Built))
        {
            return Parse(fields);
        }

        // Backfill. Kept only if the person's indexes and figures did not change while we counted: a save in
        // between has moved one of them, and the next view counts again.
        var received = db.SortedSetLengthAsync(keys.Received(person));
        var sent = db.SortedSetLengthAsync(keys.Sent(person));
        var length = db.HashLengthAsync(key);
        await Task.WhenAll(received, sent, length).WaitAsync(ct);
        var figures = await PersonFigures.CountAsync(feedback, requests, coach, person, ct);
        var tx = db.CreateTransaction();
        tx.AddCondition(Condition.SortedSetLengthEqual(keys.Received(person), received.Result));
        tx.AddCondition(Condition.SortedSetLengthEqual(keys.Sent(person), sent.Result));
        tx.AddCondition(Condition.HashLengthEqual(key, length.Result));
        _ = tx.KeyDeleteAsync(key);
        _ = tx.HashSetAsync(key, [.. Fields(figures), new HashEntry(Built, 1)]);
        await tx.ExecuteAsync();
        return figures;
    }

    public async Task<IReadOnlyList<FeedbackItem>> ListReceivedAsync(PersonRef person, FeedbackCursor? before, DateTimeOffset? since, int max, CancellationToken ct)
    {
        var db = redis.GetDatabase();
        var index = keys.Received(person);
        var min = since?.ToUnixTimeMilliseconds() ?? double.NegativeInfinity;
        var top = before?.At ?? double.PositiveInfinity;
        // Newest first; entries of the cursor's own millisecond that are not older than it are skipped (ties are
        // ordered by id, as Redis orders equal scores), so a page never repeats or drops an item.
        var ids = new List<string>();
        for (var skip = 0; ids.Count < max;)
        {
            var take = max - ids.Count + 8;
            var chunk = await db.SortedSetRangeByScoreWithScoresAsync(index, min, top, Exclude.None, Order.Descending, skip, take).WaitAsync(ct);
            skip += chunk.Length;
            ids.AddRange(chunk.Where(e => before is null || before.IsBefore((long)e.Score, e.Element.ToString())).Select(e => e.Element.ToString()).Take(max - ids.Count));
            if (chunk.Length < take)
            {
                break;
            }
        }

        var items = await Task.WhenAll(ids.Select(id => feedback.GetAsync(id, ct)));
        return items.OfType<FeedbackItem>().ToArray();
    }

    private static IEnumerable<HashEntry> Fields(PersonFigures figures)
    {
        foreach (var (month, m) in figures.Months)
        {
            if (m.Received > 0) yield return new($"{month}|r", m.Received);
            if (m.Given > 0) yield return new($"{month}|g", m.Given);
            foreach (var (name, n) in m.Judged) yield return new($"{month}|j:{name}", n);
            foreach (var (name, n) in m.Met) yield return new($"{month}|m:{name}", n);
            foreach (var (sample, seconds) in m.AnswerSeconds) yield return new($"{month}|t:{sample}", seconds);
        }

        foreach (var (giver, n) in figures.NamedGivers)
        {
            yield return new(NamedPrefix + giver.Key, n);
        }
    }

    /// <summary>Reads the hash back (also what the person's data export shows).</summary>
    internal static PersonFigures Parse(IEnumerable<HashEntry> fields)
    {
        var figures = new PersonFigures();
        foreach (var field in fields)
        {
            var name = field.Name.ToString();
            if (!field.Value.TryParse(out long value))
            {
                continue;
            }

            if (name.StartsWith(NamedPrefix, StringComparison.Ordinal))
            {
                if (value > 0 && Person(name[NamedPrefix.Length..]) is { } giver)
                {
                    figures.NamedGivers[giver] = (int)value;
                }

                continue;
            }

            if (name.Split('|', 2) is not [var month, var measure] || month.Length != 7)
            {
                continue;
            }

            // Added up, not set: a month's given items and verdicts come from several fields (one per verdict
            // code, and the one-field-per-criterion counts written before codes).
            var m = figures.Month(month);
            var n = (int)value;
            switch (measure)
            {
                case "r": m.Received += n; break;
                case "g": m.Given += n; break;
                case ['j', ':', .. var c]: Add(m.Judged, c, n); break;
                case ['m', ':', .. var c]: Add(m.Met, c, n); break;
                case ['t', ':', .. var sample]: m.AnswerSeconds[sample] = value; break;
                case ['v', ':', .. var code]:
                    m.Given += n;
                    foreach (var (c, met) in CoachVerdicts.JudgedIn(code))
                    {
                        Add(m.Judged, c, n);
                        if (met)
                        {
                            Add(m.Met, c, n);
                        }
                    }

                    break;
            }
        }

        return figures;
    }

    private static void Add(Dictionary<string, int> counts, string criterion, int n) =>
        counts[criterion] = counts.GetValueOrDefault(criterion) + n;

    private static PersonRef? Person(string key)
    {
        try
        {
            return PersonRef.Parse(key);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
