using System.ComponentModel.DataAnnotations;

namespace FeedbackBot.Core.DataRights;

/// <summary>Export and delete-my-data (section <c>DataRights</c>).</summary>
public sealed class DataRightsOptions
{
    public const string SectionName = "DataRights";

    /// <summary>
    /// The host's public base URL (e.g. <c>https://feedback.example.com</c>) for export links. Empty: export links
    /// cannot be made and <c>/feedback export</c> says so (Socket Mode hosts without a public URL).
    /// </summary>
    public string PublicUrl { get; set; } = "";

    /// <summary>How long an export link works (it works once). Default 10 minutes.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "01:00:00")]
    public TimeSpan ExportLinkLifetime { get; set; } = TimeSpan.FromMinutes(10);
}
