using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FeedbackBot.Core.Preferences;
using FeedbackBot.Teams.Settings;

namespace FeedbackBot.Teams.Cards;

/// <summary>What the settings card shows: the saved preferences, the digest as it applies (workspace default included), and the zone Teams reports.</summary>
public sealed record SettingsForm(PersonalPreferences Preferences, WeeklyReminder Reminder, string? TeamsTimeZone);

/// <summary>
/// The settings card (<c>settings</c>, the digest's "Change day/time"): the same preferences as Slack's settings
/// modal — weekly digest on/off, day and time; working days and hours; reminders about requests (on/off, per day);
/// anonymous feedback — plus the time zone, which follows the Teams client unless one is set here.
/// </summary>
public static class SettingsCards
{
    public const string TimeZoneInput = "timeZone";
    public const string DigestOnInput = "digestOn";
    public const string DigestDayInput = "digestDay";
    public const string DigestTimeInput = "digestTime";
    public const string WorkDaysInput = "workDays";
    public const string WorkStartInput = "workStart";
    public const string WorkEndInput = "workEnd";
    public const string NudgesOnInput = "nudgesOn";
    public const string NudgeCapInput = "nudgeCap";
    public const string AnonymousInput = "acceptAnonymous";

    public const int MaxNudgeCap = 5;
    private const string On = "true";
    private const string Off = "false";

    // Monday first, as people read a working week.
    private static readonly DayOfWeek[] Week =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    /// <summary>The card, with <paramref name="status"/> (e.g. "Saved.") or <paramref name="problems"/> on top.</summary>
    public static JsonObject Card(SettingsForm form, string? status = null, IReadOnlyList<string>? problems = null)
    {
        var prefs = form.Preferences;
        var zone = prefs.ResolveTimeZone(form.TeamsTimeZone).Id;
        var body = new List<JsonNode?> { Ac.Text("Your FeedbackBot settings", heading: true) };
        if (status is not null)
        {
            body.Add(Ac.Rich(Ac.Run(status, strong: true)));
        }

        foreach (var problem in problems ?? [])
        {
            body.Add(Ac.Rich(Ac.Run("⚠ "), Ac.Run(problem)));
        }

        body.Add(Ac.Rich(Ac.Run("Times are in "), Ac.Run(zone, strong: true),
            Ac.Run(prefs.TimeZoneId is null && form.TeamsTimeZone is not null ? ", your Teams time zone." : ".")));
        body.Add(RequestCards.TextInput(TimeZoneInput, "Time zone", prefs.TimeZoneId,
            placeholder: $"Empty: follow Teams ({form.TeamsTimeZone ?? "UTC"}). Or e.g. Europe/Berlin", maxLength: 64));

        body.Add(Ac.Text("Weekly digest", heading: true));
        body.Add(Toggle(DigestOnInput, "Send me a weekly digest", form.Reminder.Enabled));
        body.Add(Choices(DigestDayInput, "Day", Week.Select(d => d.ToString()), form.Reminder.Day.ToString(), multi: false));
        body.Add(TimeInput(DigestTimeInput, "Time", form.Reminder.Time));

        body.Add(Ac.Text("Working hours", heading: true));
        body.Add(Ac.Text("Reminders about requests only arrive on these days, between these hours.", subtle: true));
        body.Add(Choices(WorkDaysInput, "Working days", Week.Select(d => d.ToString()),
            string.Join(',', Week.Where(prefs.WorkingHours.IsWorkingDay)), multi: true));
        body.Add(TimeInput(WorkStartInput, "Start", prefs.WorkingHours.Start));
        body.Add(TimeInput(WorkEndInput, "End", prefs.WorkingHours.End));

        body.Add(Ac.Text("Reminders about requests", heading: true));
        body.Add(Toggle(NudgesOnInput, "Remind me about requests I owe", prefs.NudgesEnabled));
        body.Add(new JsonObject
        {
            ["type"] = "Input.Number",
            ["id"] = NudgeCapInput,
            ["label"] = $"At most this many per day (0 to {MaxNudgeCap})",
            ["min"] = 0,
            ["max"] = MaxNudgeCap,
            ["value"] = prefs.NudgeDailyCap,
        });

        body.Add(Ac.Text("Anonymous feedback", heading: true));
        body.Add(Toggle(AnonymousInput, "Accept anonymous feedback", prefs.AcceptsAnonymous));
        return Ac.Card("Your FeedbackBot settings", body, new JsonArray(Ac.Execute("Save", SettingsSaveAction.Verb, primary: true)));
    }

    /// <summary>
    /// Reads a submitted card over <paramref name="current"/>; a missing input keeps its current value. Returns the
    /// new preferences, or the problems to show (the form is shown again with them).
    /// </summary>
    public static (PersonalPreferences? Preferences, IReadOnlyList<string> Problems) Read(JsonObject data, PersonalPreferences current, WeeklyReminder effective)
    {
        var problems = new List<string>();
        var zone = current.TimeZoneId;
        if (Ac.Str(data, TimeZoneInput) is { } typed)
        {
            typed = typed.Trim();
            if (typed.Length == 0)
            {
                zone = null;
            }
            else if (typed.Length <= 64 && TimeZoneInfo.TryFindSystemTimeZoneById(typed, out var found))
            {
                zone = found.Id;
            }
            else
            {
                problems.Add($"I don't know the time zone “{Ac.Cut(typed, 64)}”. Use a name like Europe/Berlin, or leave it empty to follow Teams.");
            }
        }

        var enabled = Ac.Str(data, DigestOnInput) is { } on ? on == On : effective.Enabled;
        var day = Enum.TryParse<DayOfWeek>(Ac.Str(data, DigestDayInput), out var d) && Enum.IsDefined(d) ? d : effective.Day;
        var time = Time(data, DigestTimeInput, effective.Time, "Pick a time for the digest.", problems);

        var days = Ac.Str(data, WorkDaysInput) is { } picked
            ? picked.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(w => Enum.TryParse<DayOfWeek>(w, out var x) && Enum.IsDefined(x) ? (DayOfWeek?)x : null)
                .OfType<DayOfWeek>().Distinct().OrderBy(w => ((int)w + 6) % 7).ToArray()
            : current.WorkingHours.Days.ToArray();
        if (days.Length == 0)
        {
            problems.Add("Pick at least one working day.");
        }

        var start = Time(data, WorkStartInput, current.WorkingHours.Start, "Pick when your working day starts.", problems);
        var end = Time(data, WorkEndInput, current.WorkingHours.End, "Pick when your working day ends.", problems);
        if (end <= start)
        {
            problems.Add("The end of your working day must come after its start.");
        }

        var nudges = Ac.Str(data, NudgesOnInput) is { } n ? n == On : current.NudgesEnabled;
        var cap = current.NudgeDailyCap;
        if (data[NudgeCapInput] is JsonValue capValue)
        {
            // Input.Number arrives as a string from Teams clients, as a number from some others.
            var ok = capValue.GetValueKind() == JsonValueKind.Number
                ? capValue.TryGetValue(out cap)
                : int.TryParse(Ac.Str(data, NudgeCapInput), NumberStyles.None, CultureInfo.InvariantCulture, out cap);
            if (!ok || cap is < 0 or > MaxNudgeCap)
            {
                problems.Add($"Reminders per day: enter a whole number from 0 to {MaxNudgeCap}.");
            }
        }

        var anonymous = Ac.Str(data, AnonymousInput) is { } a ? a == On : current.AcceptsAnonymous;
        if (problems.Count > 0)
        {
            return (null, problems);
        }

        var reminder = new WeeklyReminder(enabled, day, time);
        return (current with
        {
            TimeZoneId = zone,
            // Unchanged from what the card showed: keep following the workspace default rather than pinning it.
            WeeklyReminder = reminder == effective ? current.WeeklyReminder : reminder,
            WorkingHours = new WorkingHours(days, start, end),
            NudgesEnabled = nudges,
            NudgeDailyCap = cap,
            AcceptsAnonymous = anonymous,
        }, problems);
    }

    private static JsonObject Toggle(string id, string title, bool value) => new()
    {
        ["type"] = "Input.Toggle",
        ["id"] = id,
        ["title"] = title,
        ["value"] = value ? On : Off,
        ["valueOn"] = On,
        ["valueOff"] = Off,
    };

    private static JsonObject Choices(string id, string label, IEnumerable<string> values, string value, bool multi) => new()
    {
        ["type"] = "Input.ChoiceSet",
        ["id"] = id,
        ["label"] = label,
        ["style"] = multi ? "expanded" : "compact",
        ["isMultiSelect"] = multi,
        ["value"] = value,
        ["choices"] = new JsonArray(values.Select(v => (JsonNode)new JsonObject { ["title"] = v, ["value"] = v }).ToArray()),
    };

    private static JsonObject TimeInput(string id, string label, TimeOnly value) => new()
    {
        ["type"] = "Input.Time",
        ["id"] = id,
        ["label"] = label,
        ["value"] = value.ToString("HH:mm", CultureInfo.InvariantCulture),
    };

    // Input.Time submits "HH:mm"; anything else is a broken or forged submit.
    private static TimeOnly Time(JsonObject data, string id, TimeOnly fallback, string problem, List<string> problems)
    {
        if (Ac.Str(data, id) is not { } text)
        {
            return fallback;
        }

        if (TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
        {
            return t;
        }

        problems.Add(problem);
        return fallback;
    }
}
