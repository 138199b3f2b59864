using System.Globalization;
using System.Text.Json.Nodes;
using FeedbackBot.Core.Preferences;
using FeedbackBot.Slack.Blocks;
using FeedbackBot.Slack.Inbound;
using FeedbackBot.Slack.Text;

namespace FeedbackBot.Slack.Settings;

/// <summary>What the settings modal shows: the saved preferences with the workspace default applied, and the time zone.</summary>
public sealed record SettingsForm(PersonalPreferences Preferences, WeeklyReminder Reminder, string TimeZoneId, bool TimeZoneFromProfile, bool YearInFeedback = false);

/// <summary>
/// The per-person settings modal (<c>/feedback settings</c>, App Home, the digest's "Change day/time"): weekly
/// digest on/off, day and time, working days and hours, daily nudge cap, anonymous feedback.
/// </summary>
public static class SettingsModal
{
    public const string CallbackId = "feedback_settings";

    public const string ReminderOnBlock = "reminder_on";
    public const string ReminderDayBlock = "reminder_day";
    public const string ReminderTimeBlock = "reminder_time";
    public const string WorkDaysBlock = "work_days";
    public const string WorkStartBlock = "work_start";
    public const string WorkEndBlock = "work_end";
    public const string NudgeCapBlock = "nudge_cap";
    // Kept from the first settings modal, so a modal opened before an upgrade still saves.
    public const string AnonymousBlock = "anonymous";
    public const string YearInFeedbackBlock = "year_in_feedback";
    public const string YearInFeedbackAction = "settings_year_in_feedback";

    public const string ReminderOnAction = "settings_reminder_on";
    public const string ReminderDayAction = "settings_reminder_day";
    public const string ReminderTimeAction = "settings_reminder_time";
    public const string WorkDaysAction = "settings_work_days";
    public const string WorkStartAction = "settings_work_start";
    public const string WorkEndAction = "settings_work_end";
    public const string NudgeCapAction = "settings_nudge_cap";
    public const string AnonymousAction = "accept_anonymous";

    public const int MaxNudgeCap = 5;
    private const string OnValue = "on";
    private const string AcceptValue = "accept";

    // Monday first, as people read a working week.
    private static readonly DayOfWeek[] Week =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    /// <summary>What opens at once (within the trigger_id's 3 s); <see cref="Build"/> replaces it by views.update.</summary>
    public static JsonObject Loading() =>
        Bk.Modal(LoadingCallbackId, "Settings", [Bk.Section(":hourglass_flowing_sand: Loading your settings…")], close: "Close");

    /// <summary>The loading view's callback id: it has no submit button, so nothing is ever submitted under it.</summary>
    public const string LoadingCallbackId = "settings_loading";

    public static JsonObject Build(SettingsForm form)
    {
        var prefs = form.Preferences;
        var zone = form.TimeZoneFromProfile
            ? $"Times are in your Slack time zone, *{Mrkdwn.Escape(form.TimeZoneId)}*."
            : $"Times are in *{Mrkdwn.Escape(form.TimeZoneId)}*.";
        var blocks = new List<JsonObject>
        {
            Bk.Context(":earth_africa: " + zone + " Change it in your Slack profile and the digest follows."),
            Bk.Header("Weekly digest"),
            Bk.Input(ReminderOnBlock, "Digest", Checkbox(ReminderOnAction, "Send me a weekly digest", OnValue, form.Reminder.Enabled), optional: true,
                hint: "One DM a week: feedback you received, requests you owe and wait for, and one person to thank or help."),
            Bk.Input(ReminderDayBlock, "Day", DaySelect(form.Reminder.Day)),
            Bk.Input(ReminderTimeBlock, "Time", TimePicker(ReminderTimeAction, form.Reminder.Time)),
            Bk.Header("Working hours"),
            Bk.Input(WorkDaysBlock, "Working days", WorkDays(prefs.WorkingHours.Days),
                hint: "Reminders about requests only arrive on these days, between the hours below."),
            Bk.Input(WorkStartBlock, "Start", TimePicker(WorkStartAction, prefs.WorkingHours.Start)),
            Bk.Input(WorkEndBlock, "End", TimePicker(WorkEndAction, prefs.WorkingHours.End)),
            Bk.Input(NudgeCapBlock, "Reminders about requests per day", new JsonObject
            {
                ["type"] = "number_input",
                ["action_id"] = NudgeCapAction,
                ["is_decimal_allowed"] = false,
                ["min_value"] = "0",
                ["max_value"] = MaxNudgeCap.ToString(CultureInfo.InvariantCulture),
                ["initial_value"] = prefs.NudgeDailyCap.ToString(CultureInfo.InvariantCulture),
            }, hint: $"0 to {MaxNudgeCap}. 0 means no reminders about requests."),
            Bk.Header("Anonymous feedback"),
            Bk.Input(AnonymousBlock, "Anonymous feedback", Checkbox(AnonymousAction, "Accept anonymous feedback", AcceptValue, prefs.AcceptsAnonymous),
                optional: true, hint: "When on, teammates may send you feedback without their name."),
            Bk.Header("Your year in feedback"),
            Bk.Input(YearInFeedbackBlock, "Yearly summary", Checkbox(YearInFeedbackAction, "Send me my year in feedback", OnValue, form.YearInFeedback),
                optional: true, hint: "Once a year, a private DM: feedback given and received, themes that grew, commitments done, values recognised."),
        };
        return Bk.Modal(CallbackId, "Feedback settings", blocks, submit: "Save");
    }

    /// <summary>
    /// Reads a submitted view over <paramref name="current"/>; a block missing from the view keeps its current
    /// value. Returns the new preferences, or errors keyed by input block_id (Slack shows them under the field).
    /// </summary>
    public static (PersonalPreferences? Preferences, IReadOnlyDictionary<string, string> Errors) Read(
        SlackView view, PersonalPreferences current, WeeklyReminder effective)
    {
        var state = view.State;
        var errors = new Dictionary<string, string>();

        var enabled = state[ReminderOnBlock, ReminderOnAction] is { } on ? Checked(on, OnValue) : effective.Enabled;
        var day = Enum.TryParse<DayOfWeek>(state[ReminderDayBlock, ReminderDayAction]?.SelectedOption, out var d)
            ? d : effective.Day;
        var time = Time(state[ReminderTimeBlock, ReminderTimeAction], effective.Time, ReminderTimeBlock, errors);

        var days = state[WorkDaysBlock, WorkDaysAction] is { } picked
            ? picked.SelectedOptions.Select(o => Enum.TryParse<DayOfWeek>(o, out var w) ? (DayOfWeek?)w : null)
                .OfType<DayOfWeek>().Distinct().OrderBy(w => ((int)w + 6) % 7).ToArray()
            : current.WorkingHours.Days.ToArray();
        if (days.Length == 0)
        {
            errors[WorkDaysBlock] = "Pick at least one working day.";
        }

        var start = Time(state[WorkStartBlock, WorkStartAction], current.WorkingHours.Start, WorkStartBlock, errors);
        var end = Time(state[WorkEndBlock, WorkEndAction], current.WorkingHours.End, WorkEndBlock, errors);
        if (!errors.ContainsKey(WorkStartBlock) && !errors.ContainsKey(WorkEndBlock) && end <= start)
        {
            errors[WorkEndBlock] = "The end of your working day must come after its start.";
        }

        var cap = current.NudgeDailyCap;
        if (state[NudgeCapBlock, NudgeCapAction] is { } capElement)
        {
            if (!int.TryParse(capElement.Value, NumberStyles.None, CultureInfo.InvariantCulture, out cap) || cap > MaxNudgeCap)
            {
                errors[NudgeCapBlock] = $"Enter a whole number from 0 to {MaxNudgeCap}.";
            }
        }

        var anonymous = state[AnonymousBlock, AnonymousAction] is { } anon ? Checked(anon, AcceptValue) : current.AcceptsAnonymous;
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var reminder = new WeeklyReminder(enabled, day, time);
        return (current with
        {
            // Unchanged from what the modal showed: keep following the workspace default rather than pinning it.
            WeeklyReminder = reminder == effective ? current.WeeklyReminder : reminder,
            WorkingHours = new WorkingHours(days, start, end),
            NudgeDailyCap = cap,
            AcceptsAnonymous = anonymous,
        }, errors);
    }

    /// <summary>The year-in-feedback choice of a submitted view; null when the view had no such block (opened before it existed).</summary>
    public static bool? ReadYearInFeedback(SlackView view) =>
        view.State[YearInFeedbackBlock, YearInFeedbackAction] is { } element ? Checked(element, OnValue) : null;

    private static JsonObject Checkbox(string actionId, string label, string value, bool isChecked)
    {
        var option = Bk.Option(label, value);
        var element = new JsonObject { ["type"] = "checkboxes", ["action_id"] = actionId, ["options"] = new JsonArray(option.DeepClone()) };
        if (isChecked)
        {
            element["initial_options"] = new JsonArray(option.DeepClone());
        }

        return element;
    }

    private static bool Checked(StateValue element, string value) => element.SelectedOptions.Contains(value);

    private static JsonObject DaySelect(DayOfWeek day)
    {
        var options = Week.Select(w => Bk.Option(w.ToString(), w.ToString())).ToArray();
        return new JsonObject
        {
            ["type"] = "static_select",
            ["action_id"] = ReminderDayAction,
            ["options"] = new JsonArray([.. options.Select(o => o.DeepClone())]),
            ["initial_option"] = options[Array.IndexOf(Week, day)].DeepClone(),
        };
    }

    private static JsonObject WorkDays(IReadOnlyList<DayOfWeek> days)
    {
        var options = Week.Select(w => Bk.Option(w.ToString(), w.ToString())).ToArray();
        var element = new JsonObject
        {
            ["type"] = "checkboxes",
            ["action_id"] = WorkDaysAction,
            ["options"] = new JsonArray([.. options.Select(o => o.DeepClone())]),
        };
        var initial = Week.Select((w, i) => (w, i)).Where(x => days.Contains(x.w)).Select(x => options[x.i].DeepClone()).ToArray();
        if (initial.Length > 0)
        {
            element["initial_options"] = new JsonArray(initial);
        }

        return element;
    }

    private static JsonObject TimePicker(string actionId, TimeOnly time) => new()
    {
        ["type"] = "timepicker",
        ["action_id"] = actionId,
        ["initial_time"] = time.ToString("HH:mm", CultureInfo.InvariantCulture),
    };

    // Slack's timepicker sends "HH:mm"; anything else is a forged or broken payload.
    private static TimeOnly Time(StateValue? element, TimeOnly fallback, string block, Dictionary<string, string> errors)
    {
        if (element is null)
        {
            return fallback;
        }

        if (TimeOnly.TryParseExact(element.SelectedTime, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
        {
            return t;
        }

        errors[block] = "Pick a time.";
        return fallback;
    }
}
