using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace FeedbackBot.Testing.Burst;

/// <summary>What one answer (the HTTP ack or a response_url follow-up) told the giver.</summary>
public enum AckClass
{
    /// <summary>"… is on its way" / "saved": the bot promised delivery.</summary>
    Saved,
    /// <summary>"Sending your feedback…": the outcome is still open, but the giver reads it as sent.</summary>
    Sending,
    /// <summary>"Not saved / nothing was sent, please try again": honest, nothing owed.</summary>
    Refused,
    /// <summary>The coach's tips: nothing stored (the load template is wrong if this shows up).</summary>
    CoachTips,
    /// <summary>A non-200 status or a body none of the above.</summary>
    Error,
    /// <summary>No HTTP answer at all: connection refused or reset (host down), or no answer within the client's bound.</summary>
    NoAnswer,
}

/// <summary>One give sent by the load: its unique id (inside the text), recipient, giver and response_url id.</summary>
public sealed record BurstGive(int Index, string Id, string Giver, string Recipient, string Text);

/// <summary>What came back for one give over HTTP.</summary>
public sealed record GiveAck(BurstGive Give, DateTimeOffset SentAt, DateTimeOffset AnsweredAt, TimeSpan Latency, int Status, AckClass Class, string Body);

/// <summary>
/// The counting instrument for "acknowledged as saved ⇒ delivered exactly once": sends signed quick gives, each
/// with a unique id in its text and its own response_url, classifies what the giver was told, and counts what
/// arrived at the fake Slack by text, never by reading the bot's state. Shared by the burst benchmark and the CI test.
/// </summary>
public sealed class GiveLedger(FakeSlackApi slack, string signingSecret, string? runTag = null, int givers = 50)
{
    /// <summary>Slack shows the user an error when the ack takes longer than this.</summary>
    public static readonly TimeSpan SlackAckLimit = TimeSpan.FromSeconds(3);

    // Accepted by the coach without tips (checked with the host's `coach` verb): specific, explains why, kind.
    private const string Template = "In the demo today you explained the rollback plan clearly, which calmed the client and spared us a second meeting. Thank you! ref {0}";

    private readonly ConcurrentDictionary<string, GiveAck> _acks = new();
    private readonly ConcurrentDictionary<string, BurstGive> _gives = new();
    private int _next = -1;

    /// <summary>Letters only, so ids of one run never match another run's or a user id.</summary>
    public string RunTag { get; } = runTag ?? RandomTag();

    public IReadOnlyCollection<GiveAck> Acks => _acks.Values.ToArray();

    public int Sent => _gives.Count;

    /// <summary>Gives one giver sends at most in a run sized by <see cref="GiversFor"/>: under the default per-person limit (30 an hour).</summary>
    public const int GivesPerGiver = 25;

    /// <summary>
    /// Givers for a run of about <paramref name="gives"/>: at least 50, and enough that nobody gives more than
    /// <see cref="GivesPerGiver"/>. A load measures the bot, not its abuse limit: with 50 givers a 6,000-give burst
    /// met the default limit after 1,500 (every later give honestly refused by design).
    /// </summary>
    public static int GiversFor(int gives) => Math.Max(50, (gives + GivesPerGiver - 1) / GivesPerGiver);

    /// <summary>A new give: recipients are all distinct (per-channel limits must not dominate); givers rotate.</summary>
    public BurstGive NextGive()
    {
        var i = Interlocked.Increment(ref _next);
        var id = $"{RunTag}{i:D6}";
        var give = new BurstGive(i, id, $"UG{RunTag}{i % givers:D5}", $"UR{RunTag}{i:D6}", string.Format(System.Globalization.CultureInfo.InvariantCulture, Template, id));
        _gives[id] = give;
        return give;
    }

    /// <summary>
    /// Sends <paramref name="give"/> as a signed <c>/feedback</c> slash command to <paramref name="host"/> and records
    /// the answer. Never throws for the host's sake: no answer is recorded as <see cref="AckClass.NoAnswer"/>.
    /// </summary>
    public async Task<GiveAck> SendAsync(HttpClient http, Uri host, BurstGive give, CancellationToken ct = default)
    {
        var body = SlackRequestSigner.CommandBody($"<@{give.Recipient}> {give.Text}", userId: give.Giver,
            responseUrl: slack.ResponseUrl(give.Id), triggerId: "trigger-" + give.Id);
        var sentAt = DateTimeOffset.UtcNow;
        using var request = SlackRequestSigner.Signed("slack/commands", body, signingSecret, sentAt);
        request.RequestUri = new Uri(host, "slack/commands");
        var clock = Stopwatch.StartNew();
        GiveAck ack;
        try
        {
            using var response = await http.SendAsync(request, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            var status = (int)response.StatusCode;
            ack = new GiveAck(give, sentAt, DateTimeOffset.UtcNow, clock.Elapsed, status, status == 200 ? Classify(text) : AckClass.Error, text);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or SocketException or IOException && !ct.IsCancellationRequested)
        {
            ack = new GiveAck(give, sentAt, DateTimeOffset.UtcNow, clock.Elapsed, 0, AckClass.NoAnswer, ex.GetType().Name + ": " + ex.Message);
        }

        _acks[give.Id] = ack;
        return ack;
    }

    /// <summary>Classifies an ack or follow-up body by the sentence the giver reads (its <c>text</c>).</summary>
    public static AckClass Classify(string body)
    {
        string text;
        try
        {
            text = (JsonNode.Parse(body) as JsonObject)?["text"]?.GetValue<string>() ?? "";
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            text = body;
        }

        // Refusals first: "not saved … on its way" must never read as a promise.
        if (Has(text, "coach has"))
        {
            return AckClass.CoachTips;
        }

        if (Has(text, "not saved") || Has(text, "nothing was sent") || Has(text, "didn't send") || Has(text, "try again") || Has(text, "could not save") || Has(text, "couldn't save"))
        {
            return AckClass.Refused;
        }

        // "Storage is very slow… I couldn't confirm your feedback was saved… I'll tell you": open, like "saving…";
        // the follow-up ("Saved after all" / "couldn't save… after all") or the delivery decides.
        if (Has(text, "couldn't confirm"))
        {
            return AckClass.Sending;
        }

        if (Has(text, "on its way") || Has(text, "saved"))
        {
            return AckClass.Saved;
        }

        // "Saving your feedback… I'll confirm" (the give's own budget) or "I'm still working on that… I'll answer
        // here" (the dispatcher's deadline): nothing promised yet; the follow-up decides.
        return Has(text, "sending your feedback") || Has(text, "saving your feedback") || Has(text, "still working on that")
            ? AckClass.Sending
            : AckClass.Error;

        static bool Has(string s, string part) => s.Contains(part, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Per give, the recipient DMs (not giver confirmations) that carry its id, with their arrival times.</summary>
    public IReadOnlyDictionary<string, List<DateTimeOffset>> Deliveries()
    {
        var idPattern = new Regex(RunTag + "[0-9]{6}", RegexOptions.CultureInvariant);
        var found = new Dictionary<string, List<DateTimeOffset>>();
        foreach (var post in slack.CallsTo("chat.postMessage"))
        {
            var channel = post.Args["channel"]?.ToString() ?? "";
            // One post counts once, however often its text and blocks repeat the id. The raw body is enough (ids are
            // plain letters and digits, the same in any encoding) and far cheaper than re-serialising every call.
            foreach (var id in idPattern.Matches(post.Body).Select(m => m.Value).Distinct())
            {
                if (_gives.TryGetValue(id, out var give) && (channel == "D" + give.Recipient || channel == give.Recipient))
                {
                    (found.TryGetValue(id, out var at) ? at : found[id] = []).Add(post.At);
                }
            }
        }

        return found;
    }

    /// <summary>response_url follow-ups per give id (each give has its own response_url).</summary>
    public IReadOnlyDictionary<string, List<AckClass>> FollowUps() =>
        slack.CallsTo("response_url")
            .Select(c => (Id: c.Path.Split('/').Last(), Class: Classify(c.Body)))
            .Where(x => _gives.ContainsKey(x.Id))
            .GroupBy(x => x.Id)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Class).ToList());

    /// <summary>What the giver was finally told: the ack within Slack's 3 s, corrected by a later follow-up.</summary>
    public static AckClass Verdict(GiveAck ack, IReadOnlyList<AckClass>? followUps)
    {
        if (ack.Class is AckClass.NoAnswer or AckClass.Error or AckClass.CoachTips)
        {
            return ack.Class;
        }

        // Past 3 s Slack drops the body and shows the user an error, so the ack told them nothing was done.
        var told = ack.Latency > SlackAckLimit ? AckClass.NoAnswer : ack.Class;
        if (followUps is { Count: > 0 } && told is AckClass.Sending or AckClass.Saved or AckClass.NoAnswer)
        {
            if (followUps.Contains(AckClass.Refused))
            {
                return AckClass.Refused;
            }

            if (followUps.Contains(AckClass.Saved))
            {
                return AckClass.Saved;
            }
        }

        return told;
    }

    public static bool IsPromise(AckClass c) => c is AckClass.Saved or AckClass.Sending;

    /// <summary>
    /// Polls the fake until every give the bot promised has arrived at least once, or <paramref name="within"/>
    /// passes; then waits <paramref name="quiet"/> more so a duplicate from the same retry cycle is seen too.
    /// </summary>
    /// <param name="progress">Told (seconds waited, still owed) about every 10 s, so a slow trickle is visible.</param>
    public async Task WaitForDeliveriesAsync(TimeSpan within, TimeSpan quiet, Action<int, int>? progress = null, CancellationToken ct = default)
    {
        var waited = Stopwatch.StartNew();
        var told = 0;
        while (waited.Elapsed < within)
        {
            var followUps = FollowUps();
            var delivered = Deliveries();
            var owed = _acks.Values.Count(a => IsPromise(Verdict(a, followUps.GetValueOrDefault(a.Give.Id))) && !delivered.ContainsKey(a.Give.Id));
            if (owed == 0)
            {
                break;
            }

            if (progress is not null && waited.Elapsed.TotalSeconds >= (told + 1) * 10)
            {
                told = (int)waited.Elapsed.TotalSeconds / 10;
                progress((int)waited.Elapsed.TotalSeconds, owed);
            }

            await Task.Delay(500, ct);
        }

        await Task.Delay(quiet, ct);
    }

    /// <summary>Counts everything sent so far. <paramref name="rssMb"/> is the host's resident memory at the end, if known.</summary>
    public BurstSummary Summarize(string scenario, double? rssMb = null)
    {
        var acks = _acks.Values.ToArray();
        var followUps = FollowUps();
        var delivered = Deliveries();
        var verdicts = acks.Select(a => (Ack: a, Verdict: Verdict(a, followUps.GetValueOrDefault(a.Give.Id)),
            Dms: delivered.TryGetValue(a.Give.Id, out var at) ? at : [])).ToArray();
        var promised = verdicts.Where(v => IsPromise(v.Verdict)).ToArray();
        var answered = acks.Where(a => a.Class != AckClass.NoAnswer).Select(a => a.Latency.TotalMilliseconds).ToArray();
        var giveToDm = promised.Where(v => v.Dms.Count > 0).Select(v => (v.Dms.Min() - v.Ack.AnsweredAt).TotalMilliseconds).ToArray();
        return new BurstSummary(
            scenario,
            Sent: _gives.Count,
            Answered: acks.Length,
            AckedSaved: promised.Length,
            AckedSending: verdicts.Count(v => v.Verdict == AckClass.Sending),
            HonestRefusals: verdicts.Count(v => v.Verdict == AckClass.Refused),
            LimitRefusals: acks.Count(a => a.Class == AckClass.Refused && IsLimitRefusal(a.Body)),
            CoachTips: verdicts.Count(v => v.Verdict == AckClass.CoachTips),
            Errors: verdicts.Count(v => v.Verdict == AckClass.Error),
            NoAnswer: acks.Count(a => a.Class == AckClass.NoAnswer),
            OverThreeSeconds: acks.Count(a => a.Class != AckClass.NoAnswer && a.Latency > SlackAckLimit),
            Lost: promised.Count(v => v.Dms.Count == 0),
            LostWhileSaving: promised.Count(v => v.Dms.Count == 0 && v.Verdict == AckClass.Sending),
            Doubled: verdicts.Count(v => v.Dms.Count >= 2),
            DeliveredUnpromised: verdicts.Count(v => !IsPromise(v.Verdict) && v.Dms.Count > 0),
            AckP50Ms: Percentile(answered, 50),
            AckP99Ms: Percentile(answered, 99),
            AckMaxMs: answered.Length == 0 ? null : Math.Round(answered.Max()),
            GiveToDmP50Ms: Percentile(giveToDm, 50),
            GiveToDmP99Ms: Percentile(giveToDm, 99),
            GiveToDmMaxMs: giveToDm.Length == 0 ? null : Math.Round(giveToDm.Max()),
            RssMb: rssMb,
            LostIds: promised.Where(v => v.Dms.Count == 0).Select(v => v.Ack.Give.Id).Take(20).ToArray(),
            DoubledIds: verdicts.Where(v => v.Dms.Count >= 2).Select(v => v.Ack.Give.Id).Take(20).ToArray(),
            ErrorSamples: acks.Where(a => a.Class is AckClass.Error or AckClass.CoachTips).Select(a => $"{a.Status} {Truncate(a.Body)}").Distinct().Take(5)
                // Why gives got no answer (refused while down, reset by a kill, client timeout): one line per kind.
                .Concat(acks.Where(a => a.Class == AckClass.NoAnswer).GroupBy(a => Regex.Replace(a.Body, "[0-9]+", "#"))
                    .Select(g => $"no answer x{g.Count()}: {Truncate(g.Key)}")).ToArray());
    }

    /// <summary>
    /// Where a run's time went, per <paramref name="window"/> from the first send: gives sent and recipient DMs
    /// that arrived in each window (throughput on both sides), ack p99 and give→DM p50/p99 of the gives sent in it.
    /// A backlog built in the first seconds and never worked off reads as a flat DM lag with DMs arriving at the
    /// send rate; one that grows reads as DMs arriving slower than gives are sent.
    /// </summary>
    public string Timeline(TimeSpan window)
    {
        var acks = _acks.Values.ToArray();
        if (acks.Length == 0)
        {
            return "  timeline: nothing sent";
        }

        var start = acks.Min(a => a.SentAt);
        var delivered = Deliveries();
        int Slot(DateTimeOffset at) => (int)((at - start) / window);
        var arrivals = delivered.Values.Select(at => Slot(at.Min())).GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count());
        var bySend = acks.GroupBy(a => Slot(a.SentAt)).ToDictionary(g => g.Key, g => g.ToArray());
        var last = Math.Max(bySend.Keys.Max(), arrivals.Count == 0 ? 0 : arrivals.Keys.Max());
        var lines = new List<string> { $"  timeline per {window.TotalSeconds:N0} s (from the first send): sent, DMs arrived, ack p99, give→DM p50 / p99 of the gives sent then" };
        for (var s = 0; s <= last; s++)
        {
            var sent = bySend.GetValueOrDefault(s) ?? [];
            var lags = sent.Where(a => delivered.ContainsKey(a.Give.Id)).Select(a => (delivered[a.Give.Id].Min() - a.AnsweredAt).TotalMilliseconds).ToArray();
            var ackP99 = Percentile(sent.Where(a => a.Class != AckClass.NoAnswer).Select(a => a.Latency.TotalMilliseconds).ToArray(), 99);
            lines.Add($"    {s * window.TotalSeconds,4:N0}s  sent {sent.Length,5}  DMs {arrivals.GetValueOrDefault(s),5}  ack p99 {ackP99,6:N0}  give→DM {Percentile(lags, 50),6:N0} / {Percentile(lags, 99),6:N0} ms");
        }

        return string.Join("\n", lines);
    }

    /// <summary>Nearest-rank percentile, rounded to whole ms; null when there is nothing to rank.</summary>
    public static double? Percentile(IReadOnlyList<double> values, double p)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return Math.Round(sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)]);
    }

    /// <summary>The per-person abuse limit's answer ("…the limit is 30 pieces of feedback in an hour…").</summary>
    private static bool IsLimitRefusal(string body) =>
        body.Contains("the limit is", StringComparison.OrdinalIgnoreCase) || body.Contains("anyone can send", StringComparison.OrdinalIgnoreCase);

    private static string Truncate(string s) => s.Length <= 160 ? s : s[..160] + "…";

    private static string RandomTag() =>
        new(Enumerable.Range(0, 4).Select(_ => (char)('A' + Random.Shared.Next(26))).ToArray());
}

/// <summary>
/// One scenario's counts. Lost = promised (acked as saved/sending within 3 s, or saved by a follow-up) but never
/// delivered; doubled = delivered twice or more, promised or not; latencies in ms.
/// </summary>
public sealed record BurstSummary(
    string Scenario,
    int Sent,
    int Answered,
    int AckedSaved,
    int AckedSending,
    int HonestRefusals,
    int LimitRefusals,
    int CoachTips,
    int Errors,
    int NoAnswer,
    int OverThreeSeconds,
    int Lost,
    int LostWhileSaving,
    int Doubled,
    int DeliveredUnpromised,
    double? AckP50Ms,
    double? AckP99Ms,
    double? AckMaxMs,
    double? GiveToDmP50Ms,
    double? GiveToDmP99Ms,
    double? GiveToDmMaxMs,
    double? RssMb,
    IReadOnlyList<string> LostIds,
    IReadOnlyList<string> DoubledIds,
    IReadOnlyList<string> ErrorSamples)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public string ToJson() => JsonSerializer.Serialize(this, Indented);

    /// <summary>A two-column table for people; the JSON is the record for tools.</summary>
    public string ToTable()
    {
        static string Ms(double? v) => v is null ? "-" : $"{v:N0} ms";
        var rows = new (string, string)[]
        {
            ("sent", $"{Sent}"),
            ("acked as saved (incl. 'sending…')", $"{AckedSaved} ({AckedSending} 'sending…')"),
            ("honest refusals", $"{HonestRefusals}"),
            ("  of which the per-person limit", $"{LimitRefusals}"),
            ("coach tips / errors", $"{CoachTips} / {Errors}"),
            ("no answer (down, reset)", $"{NoAnswer}"),
            ("acks over 3 s", $"{OverThreeSeconds}"),
            ("LOST (acked as saved, never delivered)", $"{Lost}"),
            ("  of which 'saving…', never confirmed", $"{LostWhileSaving}"),
            ("DOUBLED (delivered ≥ 2×)", $"{Doubled}"),
            ("delivered though not acked as saved", $"{DeliveredUnpromised}"),
            ("ack p50 / p99 / max", $"{Ms(AckP50Ms)} / {Ms(AckP99Ms)} / {Ms(AckMaxMs)}"),
            ("give→DM p50 / p99 / max", $"{Ms(GiveToDmP50Ms)} / {Ms(GiveToDmP99Ms)} / {Ms(GiveToDmMaxMs)}"),
            ("host RSS at end", RssMb is null ? "-" : $"{RssMb:N0} MB"),
        };
        var width = rows.Max(r => r.Item1.Length);
        return $"{Scenario}\n" + string.Join("\n", rows.Select(r => $"  {r.Item1.PadRight(width)}  {r.Item2}"));
    }
}
