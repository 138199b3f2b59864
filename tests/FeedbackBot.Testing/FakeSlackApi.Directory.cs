using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace FeedbackBot.Testing;

/// <summary>
/// The workspace's directory, as team insights read it: user groups, channels and their members, and the list of
/// users. Each behaviour as Slack documents it:
/// <list type="bullet">
/// <item>Scopes: each method needs its scope; <see cref="WithholdScope"/> takes one away, and the methods that need
/// it answer <c>{"ok":false,"error":"missing_scope","needed":…,"provided":…}</c>. usergroups.list and
/// usergroups.users.list need <c>usergroups:read</c>; conversations.list/info/members <c>channels:read</c> for public
/// channels and <c>groups:read</c> for private ones; users.list <c>users:read</c> ("Required scopes" on each
/// method's page, e.g. https://docs.slack.dev/reference/methods/usergroups.users.list; the error shape:
/// https://docs.slack.dev/authentication/tokens, "missing_scope").</item>
/// <item>usergroups.list: every group that is not disabled (disabled ones only with <c>include_disabled=true</c>),
/// with <c>users</c> only with <c>include_users=true</c> and <c>user_count</c> only with <c>include_count=true</c>; not
/// paginated. https://docs.slack.dev/reference/methods/usergroups.list</item>
/// <item>usergroups.users.list: the group's <c>users</c> (ids), not paginated; an unknown group →
/// <c>no_such_subteam</c>. https://docs.slack.dev/reference/methods/usergroups.users.list</item>
/// <item>conversations.list: channels of the asked <c>types</c> (default <c>public_channel</c>), archived ones unless
/// <c>exclude_archived=true</c>, private ones only where the bot is a member (all private channels added here are).
/// https://docs.slack.dev/reference/methods/conversations.list</item>
/// <item>conversations.info: the channel (<c>num_members</c> only with <c>include_num_members=true</c>); unknown →
/// <c>channel_not_found</c>. https://docs.slack.dev/reference/methods/conversations.info</item>
/// <item>conversations.members: the member ids; unknown → <c>channel_not_found</c>.
/// https://docs.slack.dev/reference/methods/conversations.members</item>
/// <item>users.list: every user the fake knows (set or looked up), deactivated and bots included, as Slack lists
/// them. https://docs.slack.dev/reference/methods/users.list</item>
/// <item>Cursor pagination for conversations.list, conversations.members and users.list: <c>limit</c> (default 100,
/// at most 1000), <c>response_metadata.next_cursor</c> (empty on the last page), and "fewer than the requested
/// number of items may be returned, even if the end of the list hasn't been reached" (<see cref="MaxPageSize"/>);
/// a cursor the fake did not issue for that method and list → <c>invalid_cursor</c>.
/// https://docs.slack.dev/apis/web-api/pagination</item>
/// </list>
/// Not modelled: the members of a disabled user group, Enterprise Grid's org-wide groups, and the rate-limit tiers.
/// </summary>
public sealed partial class FakeSlackApi
{
    private static readonly Dictionary<string, string> PublicScopes = new()
    {
        ["usergroups.list"] = "usergroups:read",
        ["usergroups.users.list"] = "usergroups:read",
        ["conversations.list"] = "channels:read",
        ["conversations.info"] = "channels:read",
        ["conversations.members"] = "channels:read",
        ["users.list"] = "users:read",
    };

    private readonly ConcurrentDictionary<string, FakeUserGroup> _userGroups = new();
    private readonly ConcurrentDictionary<string, FakeChannel> _channels = new();
    private readonly ConcurrentDictionary<string, byte> _withheldScopes = new();

    /// <summary>The most items a paginated list answers per page, whatever <c>limit</c> asks (Slack may return fewer). Default 1000.</summary>
    public int MaxPageSize { get; set; } = 1000;

    /// <summary>The scopes the app was granted (the manifest's), as <c>provided</c> in a <c>missing_scope</c> answer.</summary>
    public IReadOnlyList<string> GrantedScopes { get; set; } =
        ["commands", "chat:write", "im:write", "im:history", "users:read", "reactions:read", "channels:history", "groups:history",
         "app_mentions:read", "channels:read", "groups:read", "usergroups:read"];

    /// <summary>From now on the app lacks <paramref name="scope"/> (an install from before it was asked for).</summary>
    public void WithholdScope(string scope) => _withheldScopes[scope] = 0;

    /// <summary>A user group (id <c>S…</c>) with its members; <paramref name="disabled"/> groups are left out of usergroups.list by default.</summary>
    public void AddUserGroup(string id, string handle, IEnumerable<string> users, string? name = null, bool disabled = false) =>
        _userGroups[id] = new FakeUserGroup(id, handle, name ?? handle, users.ToArray(), disabled);

    /// <summary>A channel (id <c>C…</c>, or <c>G…</c> when private) with its members.</summary>
    public void AddChannel(string id, string name, IEnumerable<string> members, bool isPrivate = false, bool archived = false) =>
        _channels[id] = new FakeChannel(id, name, members.ToArray(), isPrivate, archived);

    // The directory methods, or null for any other method.
    private JsonObject? Directory(string method, JsonObject args)
    {
        string? Arg(string name) => args[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        bool Flag(string name) => Arg(name) is "true" or "1";

        if (!PublicScopes.TryGetValue(method, out var scope))
        {
            return null;
        }

        var channel = Arg("channel") is { } channelId ? _channels.GetValueOrDefault(channelId) : null;
        var types = (Arg("types") ?? "public_channel").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var needed = method == "conversations.list"
            ? types.Select(t => t == "private_channel" ? "groups:read" : "channels:read").Distinct().ToArray()
            : channel is { IsPrivate: true } ? ["groups:read"] : [scope];
        if (needed.FirstOrDefault(s => !HasScope(s)) is { } missing)
        {
            var reply = Error("missing_scope");
            reply["needed"] = missing;
            reply["provided"] = string.Join(',', GrantedScopes.Where(HasScope));
            return reply;
        }

        switch (method)
        {
            case "usergroups.list":
                var groups = new JsonArray();
                foreach (var g in _userGroups.Values.Where(g => !g.Disabled || Flag("include_disabled")).OrderBy(g => g.Id, StringComparer.Ordinal))
                {
                    var group = new JsonObject
                    {
                        ["id"] = g.Id, ["team_id"] = "T1", ["is_usergroup"] = true, ["name"] = g.Name, ["handle"] = g.Handle,
                        ["date_delete"] = g.Disabled ? 1_700_000_000 : 0,
                    };
                    if (Flag("include_count"))
                    {
                        group["user_count"] = g.Users.Length;
                    }

                    if (Flag("include_users"))
                    {
                        group["users"] = Strings(g.Users);
                    }

                    groups.Add(group);
                }

                return Ok(new JsonObject { ["usergroups"] = groups });
            case "usergroups.users.list":
                return Arg("usergroup") is { } groupId && _userGroups.TryGetValue(groupId, out var found)
                    ? Ok(new JsonObject { ["users"] = Strings(found.Users) })
                    : Error("no_such_subteam");
            case "conversations.info":
                if (channel is null)
                {
                    return Error("channel_not_found");
                }

                var info = ChannelObject(channel);
                if (Flag("include_num_members"))
                {
                    info["num_members"] = channel.Members.Length;
                }

                return Ok(new JsonObject { ["channel"] = info });
            case "conversations.members":
                return channel is null
                    ? Error("channel_not_found")
                    : Page(method, channel.Id, args, channel.Members.Select(m => (JsonNode)JsonValue.Create(m)!).ToArray(), "members");
            case "conversations.list":
                var channels = _channels.Values
                    .Where(c => types.Contains(c.IsPrivate ? "private_channel" : "public_channel") && !(c.Archived && Flag("exclude_archived")))
                    .OrderBy(c => c.Id, StringComparer.Ordinal)
                    .Select(c => (JsonNode)ChannelObject(c))
                    .ToArray();
                return Page(method, string.Join(',', types), args, channels, "channels");
            default: // users.list
                var users = _users.Where(u => u.Value is not null).OrderBy(u => u.Key, StringComparer.Ordinal)
                    .Select(u => u.Value!.DeepClone()).ToArray();
                return Page(method, "", args, users, "members");
        }
    }

    private bool HasScope(string scope) => GrantedScopes.Contains(scope) && !_withheldScopes.ContainsKey(scope);

    // One page of a cursor-paginated list. Cursors are opaque to clients; this one encodes what it continues.
    private JsonObject Page(string method, string list, JsonObject args, IReadOnlyList<JsonNode> items, string arrayName)
    {
        var offset = 0;
        if (args["cursor"] is JsonValue c && c.TryGetValue<string>(out var cursor) && cursor.Length > 0)
        {
            if (!TryReadCursor(cursor, method, list, out offset) || offset > items.Count)
            {
                return Error("invalid_cursor");
            }
        }

        var asked = args["limit"] is JsonValue l && l.TryGetValue<string>(out var text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 100;
        var size = Math.Min(Math.Min(asked, 1000), MaxPageSize);
        var page = items.Skip(offset).Take(size).Select(i => i.DeepClone()).ToArray();
        var next = offset + page.Length < items.Count ? Cursor(method, list, offset + page.Length) : "";
        return Ok(new JsonObject
        {
            [arrayName] = new JsonArray(page),
            ["response_metadata"] = new JsonObject { ["next_cursor"] = next },
        });
    }

    private static string Cursor(string method, string list, int offset) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{method}|{list}|{offset.ToString(CultureInfo.InvariantCulture)}"));

    private static bool TryReadCursor(string cursor, string method, string list, out int offset)
    {
        offset = 0;
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(cursor)).Split('|');
            return parts.Length == 3 && parts[0] == method && parts[1] == list
                && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out offset);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static JsonObject ChannelObject(FakeChannel c) => new()
    {
        ["id"] = c.Id, ["name"] = c.Name, ["is_channel"] = true, ["is_private"] = c.IsPrivate, ["is_archived"] = c.Archived,
    };

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v)!)]);

    private sealed record FakeUserGroup(string Id, string Handle, string Name, string[] Users, bool Disabled);

    private sealed record FakeChannel(string Id, string Name, string[] Members, bool IsPrivate, bool Archived);
}
