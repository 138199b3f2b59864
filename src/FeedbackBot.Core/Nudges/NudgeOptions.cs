using System.ComponentModel.DataAnnotations;

namespace FeedbackBot.Core.Nudges;

/// <summary>
/// When pending feedback requests are nudged. Defaults live here; the host binds overrides from the
/// <c>Nudges</c> configuration section.
/// </summary>
public sealed class NudgeOptions
{
    public const string SectionName = "Nudges";

    /// <summary>How long after the ask the first nudge is due (then moved into working hours). Default 24 hours.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan FirstNudgeDelay { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Working days, in the requester's time zone, until a request is due when no date is given. Default 3.</summary>
    [Range(1, 30)]
    public int DueWorkingDays { get; set; } = 3;

    /// <summary>Nudges per person per local day when their own preference does not say (is 0 or less). Default 1.</summary>
    [Range(1, 24)]
    public int DefaultDailyCap { get; set; } = 1;
}
