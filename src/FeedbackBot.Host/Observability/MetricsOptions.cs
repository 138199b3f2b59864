using System.ComponentModel.DataAnnotations;

namespace FeedbackBot.Host.Observability;

/// <summary>
/// <c>/metrics</c> (Prometheus text). Section <c>Metrics</c>. Outside Development it answers only with these Basic
/// credentials, and 404 when they are not set; in Development, loopback callers need none.
/// </summary>
public sealed class MetricsOptions : IValidatableObject
{
    public const string SectionName = "Metrics";

    /// <summary>Serve <c>/metrics</c>. Default true; OTLP export (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>) does not depend on it.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Basic user name a scraper sends.</summary>
    public string? Username { get; set; }

    /// <summary>Basic password a scraper sends. Use it behind TLS.</summary>
    public string? Password { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrEmpty(Username) != string.IsNullOrEmpty(Password))
        {
            yield return new ValidationResult("Metrics:Username and Metrics:Password go together: set both or neither.", [nameof(Username), nameof(Password)]);
        }
    }
}
