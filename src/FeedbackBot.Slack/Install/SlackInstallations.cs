using System.Text.Json;
using System.Text.Json.Serialization;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Slack.Api;
using Microsoft.Extensions.Logging;

namespace FeedbackBot.Slack.Install;

/// <summary>
/// What one "Add to Slack" gave the app (<c>oauth.v2.access</c>'s answer, the token included). An org-wide
/// Enterprise Grid install has no team: it is stored under the enterprise id and answers for every workspace of
/// the org. https://docs.slack.dev/reference/methods/oauth.v2.access
/// </summary>
public sealed record SlackInstallation(
    string? TeamId,
    string? TeamName,
    string? EnterpriseId,
    string? EnterpriseName,
    bool IsEnterpriseInstall,
    string BotToken,
    string? BotUserId,
    string? AppId,
    string? InstallerUserId,
    IReadOnlyList<string> Scopes,
    DateTimeOffset InstalledAt)
{
    /// <summary>The id it is stored under: the enterprise for an org install, else the team.</summary>
    [JsonIgnore]
    public string OwnerId => IsEnterpriseInstall ? EnterpriseId! : TeamId!;

    // The token stays out of logs and exception messages even if a record is ever printed.
    public override string ToString() => $"Slack installation of {OwnerId} by {InstallerUserId} at {InstalledAt:O}";
}

/// <summary>
/// The per-workspace token store behind "Add to Slack": each installation is one entry of Core's
/// <see cref="IInstallationStore"/> (encrypted at rest by it), keyed <c>slack:T…</c> or, for an org install,
/// <c>slack:E…</c>. A workspace of an org install is linked to its enterprise the first time a request from it
/// says so (<see cref="LinkToEnterpriseAsync"/>), so jobs that only know the team id still find the org's token.
/// Read on every call, not cached: an uninstall on one host takes effect on every host at once.
/// </summary>
public sealed class SlackInstallations(IInstallationStore store, ILogger<SlackInstallations> logger) : ISlackTokenStore
{
    public async ValueTask<string?> GetBotTokenAsync(string teamId, CancellationToken ct) =>
        (await FindAsync(teamId, ct))?.BotToken;

    /// <summary>The installation that serves <paramref name="teamId"/>: its own, or its org's.</summary>
    public async Task<SlackInstallation?> FindAsync(string teamId, CancellationToken ct)
    {
        var entry = await ReadAsync(teamId, ct);
        if (entry?.OrgLink is { } enterpriseId)
        {
            entry = await ReadAsync(enterpriseId, ct);
        }

        return entry?.Installation;
    }

    /// <summary>Stores (or replaces, on a reinstall) an installation.</summary>
    public Task SaveAsync(SlackInstallation installation, CancellationToken ct) =>
        WriteAsync(installation.OwnerId, new StoredEntry(installation, null), ct);

    /// <summary>
    /// Records that <paramref name="teamId"/> belongs to the org install of <paramref name="enterpriseId"/>, when
    /// that org install exists and the team has no entry of its own. True when the team is served now (linked, or
    /// it had an entry already); false when there is no org install to link to (yet).
    /// </summary>
    public async Task<bool> LinkToEnterpriseAsync(string teamId, string enterpriseId, CancellationToken ct)
    {
        if (teamId == enterpriseId || await ReadAsync(teamId, ct) is not null)
        {
            return true;
        }

        if ((await ReadAsync(enterpriseId, ct))?.Installation is not { IsEnterpriseInstall: true })
        {
            return false;
        }

        await WriteAsync(teamId, new StoredEntry(null, enterpriseId), ct);
        return true;
    }

    /// <summary>
    /// Forgets the token serving <paramref name="teamId"/>: its own installation, or its link and the org install it
    /// points at (uninstalling an org-wide app removes it from every workspace of the org).
    /// </summary>
    public async ValueTask<bool> ForgetAsync(string teamId, CancellationToken ct)
    {
        var entry = await ReadAsync(teamId, ct);
        var removed = await store.RemoveAsync(Workspace(teamId), ct);
        if (entry?.OrgLink is { } enterpriseId)
        {
            removed |= await store.RemoveAsync(Workspace(enterpriseId), ct);
        }

        return removed;
    }

    private async Task<StoredEntry?> ReadAsync(string id, CancellationToken ct)
    {
        var json = await store.GetAsync(Workspace(id), ct);
        if (json is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(json, InstallJson.Default.StoredEntry);
        }
        catch (JsonException ex)
        {
            logger.LogError("The stored Slack installation of {TeamId} is unreadable ({Reason}); reinstall the app there", id, ex.Message);
            return null;
        }
    }

    private Task WriteAsync(string id, StoredEntry entry, CancellationToken ct) =>
        store.SetAsync(Workspace(id), JsonSerializer.Serialize(entry, InstallJson.Default.StoredEntry), ct);

    private static WorkspaceRef Workspace(string id) => new(Platform.Slack, id);

    /// <summary>One stored entry: an installation, or a team's link to its org's installation.</summary>
    internal sealed record StoredEntry(SlackInstallation? Installation, string? OrgLink);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SlackInstallations.StoredEntry))]
internal sealed partial class InstallJson : JsonSerializerContext;
