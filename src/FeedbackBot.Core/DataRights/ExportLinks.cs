using FeedbackBot.Core.People;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Core.DataRights;

/// <summary>
/// Export links <c>{DataRights:PublicUrl}/export/{token}</c>: <see cref="OneTimeLinks"/> of purpose
/// <see cref="Purpose"/>, valid for <see cref="DataRightsOptions.ExportLinkLifetime"/>. The URL carries no
/// feedback text and no person id.
/// </summary>
public sealed class ExportLinks(OneTimeLinks links, IOptions<DataRightsOptions> options)
{
    public const string PathPrefix = "/export/";

    /// <summary>The links' key space in storage (<c>{p}:export:{sha256}</c>).</summary>
    public const string Purpose = "export";

    /// <summary>A new link for <paramref name="person"/>; null when <see cref="DataRightsOptions.PublicUrl"/> is not set.</summary>
    public async Task<(string Url, DateTimeOffset ExpiresAt)?> CreateAsync(PersonRef person, CancellationToken ct)
    {
        var baseUrl = options.Value.PublicUrl.TrimEnd('/');
        if (baseUrl.Length == 0)
        {
            return null;
        }

        var link = await links.IssueAsync(Purpose, person, options.Value.ExportLinkLifetime, ct);
        return ($"{baseUrl}{PathPrefix}{link.Token}", link.ExpiresAt);
    }

    /// <summary>Uses the link up: valid once, and only before it expires.</summary>
    public Task<(OneTimeLinkStatus Status, PersonRef? Person)> RedeemAsync(string token, CancellationToken ct) =>
        links.RedeemAsync(Purpose, token, ct);
}
