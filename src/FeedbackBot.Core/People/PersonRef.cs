namespace FeedbackBot.Core.People;

/// <summary>The chat platform a person lives on. Core never looks inside a platform's ids.</summary>
public enum Platform
{
    Slack,
    Teams,
}

/// <summary>A workspace (Slack team or enterprise) or tenant (Teams) on one platform.</summary>
public readonly record struct WorkspaceRef(Platform Platform, string WorkspaceId)
{
    /// <summary>A stable string form, <c>slack:T123</c>, used in keys and job arguments.</summary>
    public override string ToString() => $"{PlatformName(Platform)}:{WorkspaceId}";

    internal static string PlatformName(Platform p) => p == Platform.Slack ? "slack" : "teams";
}

/// <summary>
/// Who a person is, independent of any transport: the platform, the workspace or tenant, and the platform's
/// own user id. Two refs are the same person when all three match.
/// </summary>
public sealed record PersonRef(Platform Platform, string WorkspaceId, string UserId)
{
    public WorkspaceRef Workspace => new(Platform, WorkspaceId);

    /// <summary>A stable string form, <c>slack:T123:U456</c>, used in storage keys and job arguments.</summary>
    public string Key => $"{WorkspaceRef.PlatformName(Platform)}:{WorkspaceId}:{UserId}";

    public override string ToString() => Key;

    /// <summary>
    /// Reads <see cref="Key"/> back. Workspace ids never contain ':'; user ids may (Teams ids look like
    /// <c>29:1a2b…</c>), so everything after the second ':' is the user id.
    /// </summary>
    public static PersonRef Parse(string key)
    {
        var parts = key.Split(':', 3);
        if (parts.Length != 3)
        {
            throw new FormatException($"Not a person key: '{key}'.");
        }

        var platform = parts[0] switch
        {
            "slack" => Platform.Slack,
            "teams" => Platform.Teams,
            _ => throw new FormatException($"Unknown platform in person key: '{key}'."),
        };
        return new PersonRef(platform, parts[1], parts[2]);
    }
}

/// <summary>
/// What the directory knows about a person, fetched from the platform and cached. <see cref="Locale"/> is the
/// person's platform locale (<c>en-US</c>, <c>es-ES</c>) when the platform says it; the coach falls back on it
/// when a draft's own language is unclear.
/// </summary>
public sealed record PersonProfile(
    PersonRef Person,
    string DisplayName,
    string? TimeZoneId,
    bool IsBot,
    bool IsDeleted = false,
    PersonRef? Manager = null,
    string? Locale = null);
