using System.Globalization;
using System.Text.Json.Nodes;
using FeedbackBot.Slack.Settings;
using FeedbackBot.Testing;

namespace FeedbackBot.Bench.Burst;

/// <summary>
/// What the soak makes fall due while it runs, driven only through Slack's surface (so it works whichever way the
/// host schedules digests and nudges): users with a profile time zone (the fake's <c>users.info</c>) in which the
/// run sits around local noon, who save the settings modal (<c>view_submission</c>) with every day a working day,
/// 00:00–23:59. Digest users pick this week's digest at a local day and time inside the run (spread over it);
/// request recipients keep the digest off and get the host's short <c>Nudges:FirstNudgeDelay</c>.
/// Counted at the fake Slack: each digest DM (text "Your weekly feedback digest") and each nudge DM
/// (":wave: A friendly reminder").
/// </summary>
internal sealed class SoakSchedule
{
    public const string DigestText = "Your weekly feedback digest";
    public const string NudgeText = "A friendly reminder";

    private readonly Dictionary<string, DateTimeOffset> _digestDue = [];
    private readonly Dictionary<string, DateTimeOffset> _asked = [];
    private int _settingsSent;
    private int _settingsAcked;

    private SoakSchedule(string zone, int nudgeCap, TimeSpan firstNudgeDelay)
    {
        Zone = zone;
        NudgeCap = nudgeCap;
        FirstNudgeDelay = firstNudgeDelay;
        TimeZone = TimeZoneInfo.FindSystemTimeZoneById(zone);
    }

    /// <summary>The profile time zone of every scheduled user: fixed offset, local noon near the run's middle.</summary>
    public string Zone { get; }

    public TimeZoneInfo TimeZone { get; }

    public int NudgeCap { get; }

    public TimeSpan FirstNudgeDelay { get; }

    public int SettingsSent => _settingsSent;

    public int SettingsAcked => _settingsAcked;

    public IReadOnlyDictionary<string, DateTimeOffset> DigestDue => _digestDue;

    public static SoakSchedule For(DateTimeOffset start, TimeSpan duration, int nudgeCap, TimeSpan firstNudgeDelay)
    {
        // Etc/GMT-N is UTC+N (POSIX sign). Pick N in [-12, 14] that puts the run's middle nearest local 12:00, so
        // the run (≤ 10 h) never crosses a local midnight: one local day, one daily nudge cap, one digest day.
        var middle = start + duration / 2;
        var offset = (int)Math.Round(12 - middle.UtcDateTime.TimeOfDay.TotalHours);
        offset = offset < -12 ? offset + 24 : offset > 14 ? offset - 24 : offset;
        var zone = offset == 0 ? "Etc/UTC" : offset > 0 ? $"Etc/GMT-{offset}" : $"Etc/GMT+{-offset}";
        return new SoakSchedule(zone, nudgeCap, firstNudgeDelay);
    }

    /// <summary>
    /// <paramref name="count"/> digest users, due from 3 minutes into the run to 3 minutes before its end, in
    /// whole local minutes (the settings modal's time picker), spread evenly.
    /// </summary>
    public async Task PlanDigestsAsync(BurstEnvironment env, int count, DateTimeOffset start, TimeSpan duration)
    {
        var first = start + TimeSpan.FromMinutes(3);
        var span = duration - TimeSpan.FromMinutes(6);
        for (var i = 0; i < count; i++)
        {
            var at = first + span * (count == 1 ? 0 : (double)i / (count - 1));
            var local = TimeZoneInfo.ConvertTime(at, TimeZone);
            var minute = new DateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, 0, DateTimeKind.Unspecified);
            var due = new DateTimeOffset(minute, local.Offset);
            if (due < first)
            {
                due = due.AddMinutes(1);
                minute = minute.AddMinutes(1);
            }

            var user = $"UW{env.Ledger.RunTag}{i:D4}";
            env.Slack.SetUser(user, tz: Zone);
            await SaveSettingsAsync(env, user, digestOn: true, minute.DayOfWeek, TimeOnly.FromDateTime(minute));
            _digestDue[user] = due;
        }
    }

    /// <summary>The recipient of request <paramref name="i"/> saves working hours covering the run, before being asked.</summary>
    public async Task PrepareRecipientAsync(BurstEnvironment env, string recipient)
    {
        env.Slack.SetUser(recipient, tz: Zone);
        await SaveSettingsAsync(env, recipient, digestOn: false, DayOfWeek.Friday, new TimeOnly(15, 0));
    }

    public void Asked(string recipient, DateTimeOffset at)
    {
        lock (_asked)
        {
            _asked[recipient] = at;
        }
    }

    private async Task SaveSettingsAsync(BurstEnvironment env, string user, bool digestOn, DayOfWeek day, TimeOnly time)
    {
        Interlocked.Increment(ref _settingsSent);
        if (await env.SendInteractionAsync(SettingsSubmission(user, digestOn, day, time)))
        {
            Interlocked.Increment(ref _settingsAcked);
        }
    }

    /// <summary>The settings modal as Slack submits it (state.values per block and action).</summary>
    private JsonObject SettingsSubmission(string user, bool digestOn, DayOfWeek day, TimeOnly time)
    {
        static JsonObject Picked(params string[] values) => new()
        {
            ["type"] = "checkboxes",
            ["selected_options"] = new JsonArray([.. values.Select(v => (JsonNode)new JsonObject { ["value"] = v })]),
        };
        static JsonObject Time(string t) => new() { ["type"] = "timepicker", ["selected_time"] = t };
        static JsonObject Field(string action, JsonObject element) => new() { [action] = element };
        var values = new JsonObject
        {
            [SettingsModal.ReminderOnBlock] = Field(SettingsModal.ReminderOnAction, digestOn ? Picked("on") : Picked()),
            [SettingsModal.ReminderDayBlock] = Field(SettingsModal.ReminderDayAction,
                new JsonObject { ["type"] = "static_select", ["selected_option"] = new JsonObject { ["value"] = day.ToString() } }),
            [SettingsModal.ReminderTimeBlock] = Field(SettingsModal.ReminderTimeAction, Time(time.ToString("HH:mm", CultureInfo.InvariantCulture))),
            [SettingsModal.WorkDaysBlock] = Field(SettingsModal.WorkDaysAction, Picked([.. Enum.GetNames<DayOfWeek>()])),
            [SettingsModal.WorkStartBlock] = Field(SettingsModal.WorkStartAction, Time("00:00")),
            [SettingsModal.WorkEndBlock] = Field(SettingsModal.WorkEndAction, Time("23:59")),
            [SettingsModal.NudgeCapBlock] = Field(SettingsModal.NudgeCapAction,
                new JsonObject { ["type"] = "number_input", ["value"] = NudgeCap.ToString(CultureInfo.InvariantCulture) }),
            [SettingsModal.AnonymousBlock] = Field(SettingsModal.AnonymousAction, Picked()),
        };
        return new JsonObject
        {
            ["type"] = "view_submission",
            ["user"] = new JsonObject { ["id"] = user, ["team_id"] = "T1" },
            ["team"] = new JsonObject { ["id"] = "T1", ["domain"] = "acme" },
            ["trigger_id"] = SlackRequestSigner.NewTriggerId(),
            ["view"] = new JsonObject
            {
                ["id"] = "VS" + user,
                ["type"] = "modal",
                ["callback_id"] = SettingsModal.CallbackId,
                ["hash"] = "h1",
                ["state"] = new JsonObject { ["values"] = values },
            },
        };
    }

    /// <summary>Digest and nudge DMs at the fake, per user: one pass over the recorded calls.</summary>
    public SoakCounts Count(FakeSlackApi slack)
    {
        var digests = new Dictionary<string, List<DateTimeOffset>>();
        var nudges = new Dictionary<string, int>();
        foreach (var call in slack.CallsTo("chat.postMessage"))
        {
            var channel = call.Args["channel"]?.ToString();
            var text = call.Args["text"]?.ToString();
            if (channel is null || text is null || !channel.StartsWith('D'))
            {
                continue;
            }

            var user = channel[1..];
            if (text.StartsWith(DigestText, StringComparison.Ordinal) && _digestDue.ContainsKey(user))
            {
                (digests.TryGetValue(user, out var l) ? l : digests[user] = []).Add(call.At);
            }
            else if (text.Contains(NudgeText, StringComparison.Ordinal))
            {
                nudges[user] = nudges.GetValueOrDefault(user) + 1;
            }
        }

        KeyValuePair<string, DateTimeOffset>[] asked;
        lock (_asked)
        {
            asked = [.. _asked];
        }

        var lateness = digests.Where(d => d.Value.Count > 0)
            .Select(d => (d.Value.Min() - _digestDue[d.Key]).TotalSeconds).ToList();
        return new SoakCounts(
            DigestsDue: _digestDue.Count,
            DigestsOnce: _digestDue.Keys.Count(u => digests.GetValueOrDefault(u)?.Count == 1),
            DigestsMissing: _digestDue.Keys.Count(u => !digests.ContainsKey(u)),
            DigestsDoubled: digests.Values.Count(l => l.Count > 1),
            DigestsEarly: lateness.Count(s => s < -60),
            DigestLatenessP50: GiveLedgerPercentile(lateness, 50),
            DigestLatenessP99: GiveLedgerPercentile(lateness, 99),
            DigestLatenessMax: lateness.Count == 0 ? null : Math.Round(lateness.Max(), 1),
            Asked: asked.Length,
            AskedBeforeNudgeDue: asked.Count(a => a.Value + FirstNudgeDelay < DateTimeOffset.UtcNow - TimeSpan.FromMinutes(2)),
            Nudged: asked.Count(a => nudges.GetValueOrDefault(a.Key) > 0),
            NudgedAskedEarly: asked.Count(a => a.Value + FirstNudgeDelay < DateTimeOffset.UtcNow - TimeSpan.FromMinutes(2) && nudges.GetValueOrDefault(a.Key) > 0),
            Nudges: asked.Sum(a => nudges.GetValueOrDefault(a.Key)),
            MaxNudgesPerPerson: asked.Length == 0 ? 0 : asked.Max(a => nudges.GetValueOrDefault(a.Key)),
            OverCap: asked.Count(a => nudges.GetValueOrDefault(a.Key) > NudgeCap),
            NudgeCap: NudgeCap);
    }

    private static double? GiveLedgerPercentile(List<double> values, double p) =>
        FeedbackBot.Testing.Burst.GiveLedger.Percentile(values, p) is { } v ? Math.Round(v, 1) : null;
}

/// <summary>What the soak counted for digests and nudges.</summary>
internal sealed record SoakCounts(
    int DigestsDue, int DigestsOnce, int DigestsMissing, int DigestsDoubled, int DigestsEarly,
    double? DigestLatenessP50, double? DigestLatenessP99, double? DigestLatenessMax,
    int Asked, int AskedBeforeNudgeDue, int Nudged, int NudgedAskedEarly, int Nudges, int MaxNudgesPerPerson, int OverCap, int NudgeCap)
{
    public bool Ok => DigestsMissing == 0 && DigestsDoubled == 0 && DigestsEarly == 0 && OverCap == 0 && NudgedAskedEarly == AskedBeforeNudgeDue;

    public override string ToString() =>
        $"digests: {DigestsOnce} of {DigestsDue} due arrived exactly once, {DigestsMissing} missing, {DigestsDoubled} doubled, {DigestsEarly} early; " +
        $"due→DM p50 {DigestLatenessP50} s / p99 {DigestLatenessP99} s / max {DigestLatenessMax} s\n" +
        $"nudges: {Asked} recipients asked, {AskedBeforeNudgeDue} of them with a nudge due ≥ 2 min before the end, {NudgedAskedEarly} of those nudged; " +
        $"{Nudged} nudged in all, {Nudges} nudges, max {MaxNudgesPerPerson} per person (cap {NudgeCap}), {OverCap} over the cap";
}
