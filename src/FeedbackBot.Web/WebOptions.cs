using System.ComponentModel.DataAnnotations;

namespace FeedbackBot.Web;

/// <summary>The web UI's settings (section <c>Web</c>).</summary>
public sealed class WebOptions : IValidatableObject
{
    public const string SectionName = "Web";

    /// <summary>
    /// The absolute base URL people open (e.g. <c>https://feedback.example.com</c>), used in the sign-in links the bot
    /// sends. Empty: the URL the chat platform reached this host at.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>How long a web session lasts without use; each visit slides it (default 8 hours).</summary>
    [Range(typeof(TimeSpan), "00:05:00", "30.00:00:00")]
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(PublicBaseUrl)
            && (!Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Query.Length > 0))
        {
            yield return new ValidationResult("Web:PublicBaseUrl must be an absolute http(s) URL without a query.", [nameof(PublicBaseUrl)]);
        }
    }
}
