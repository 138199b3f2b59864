using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace FeedbackBot.Testing.Teams;

/// <summary>One request the fake connector or token endpoint received.</summary>
public sealed record ConnectorCall(string Method, string Path, string Body, string? Authorization, string? ContentType)
{
    public JsonNode? Json => Body.Length == 0 ? null : JsonNode.Parse(Body);
}

/// <summary>A message the fake holds in a conversation.</summary>
public sealed record ConnectorMessage(string ConversationId, string ActivityId, JsonObject Activity)
{
    /// <summary>The Adaptive Card of the first attachment, if any.</summary>
    public JsonObject? Card => Activity["attachments"]?[0]?["content"] as JsonObject;

    /// <summary>Every string in the card, in order: what a reader of the card sees.</summary>
    public string CardText => Card is null ? "" : string.Join("\n", Strings(Card));

    private static IEnumerable<string> Strings(JsonNode node) => node switch
    {
        JsonObject o => o.Where(p => p.Key is "text" or "title" or "fallbackText" or "items" or "inlines" or "body" or "columns" or "actions")
            .SelectMany(p => p.Value is null ? [] : Strings(p.Value)),
        JsonArray a => a.SelectMany(x => x is null ? [] : Strings(x)),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => [v.GetValue<string>()],
        _ => [],
    };
}

/// <summary>
/// A loopback stand-in for Entra's token endpoint and Teams' Bot Framework connector. Strict where a bot could get
/// it wrong, each behaviour after its documentation:
/// <list type="bullet">
/// <item>Token: <c>POST /{tenant}/oauth2/v2.0/token</c>, form-encoded <c>grant_type=client_credentials</c>, the
/// configured <c>client_id</c>/<c>client_secret</c>, scope <c>https://api.botframework.com/.default</c>; answers
/// <c>{token_type, expires_in, access_token}</c>; a wrong secret → 401 <c>invalid_client</c>.
/// https://learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow</item>
/// <item>Connector under <see cref="ServiceUrl"/> (a path prefix, like <c>https://smba.trafficmanager.net/amer/</c>):
/// a bearer token this fake issued is required (else 401), unless <see cref="RequireToken"/> is off as in the
/// Agents Playground's mock connector; bodies must be <c>application/json</c> (else 415). Errors use the Bot
/// Framework shape <c>{"error":{"code","message"}}</c>.
/// https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-api-reference</item>
/// <item><c>POST /v3/conversations</c>: <c>bot.id</c> <c>28:…</c>, one member (<c>29:…</c>, or the user's Entra
/// object id), <c>tenantId</c> required (400 BadArgument); the same id for the same user every time; a user who has
/// not installed the app → 403 BotNotInConversationRoster; an object id not in the tenant → 400 BadArgument.
/// https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/send-proactive-messages</item>
/// <item><c>POST …/activities</c>: unknown conversation → 404 ConversationNotFound; a user who blocked the bot →
/// 403 ConversationBlockedByUser; bodies over 40 KB → 413 MessageSizeTooBig; Adaptive Cards above version 1.5 →
/// 400. https://learn.microsoft.com/microsoftteams/platform/bots/build-conversational-capability#status-codes-from-bot-conversational-apis,
/// https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/cards-reference</item>
/// <item><c>PUT …/activities/{id}</c> replaces the message (404 ActivityNotFoundInConversation);
/// <c>GET …/members/{id}</c> answers the member by <c>29:</c> id or Entra object id, else 404 MemberNotFoundInConversation.
/// https://learn.microsoft.com/microsoftteams/platform/bots/how-to/get-teams-context#get-single-member-details</item>
/// <item>Team details: <c>GET /v3/teams/{teamId}</c> answers <c>{id, name, aadGroupId}</c> (403/404 as below).
/// https://learn.microsoft.com/microsoftteams/platform/bots/how-to/get-teams-context#get-team-details</item>
/// <item>Teams and rosters (<see cref="AddTeam"/>): <c>GET /v3/teams/{teamId}/conversations</c> lists the channels
/// (General first, its id the team's, its name null); <c>GET /v3/conversations/{id}/pagedmembers</c> pages a team's or
/// channel's roster (members as in the documented example: <c>id</c>, <c>objectId</c>, names, <c>userRole</c>),
/// <c>pageSize</c> raised to 50 and capped at 500, default 200, an opaque <c>continuationToken</c> while more
/// remain; a token it did not issue → 400 BadArgument; a team the bot was removed from (<see cref="RemoveBotFromTeam"/>)
/// → 403 BotNotInConversationRoster; an unknown one → 404 ConversationNotFound.
/// https://learn.microsoft.com/microsoftteams/platform/bots/how-to/get-teams-context,
/// https://learn.microsoft.com/microsoftteams/platform/bots/build-conversational-capability#status-codes-from-bot-conversational-apis</item>
/// <item>Throttling: <see cref="FailNext"/> answers e.g. 429 with <c>Retry-After</c>, doing nothing.
/// https://learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit</item>
/// </list>
/// </summary>
public sealed class FakeTeamsConnector : IAsyncDisposable
{
    public const string BotFrameworkScope = "https://api.botframework.com/.default";
    private const int MaxActivityBytes = 40 * 1024;

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ConnectorCall> _calls = new();
    private readonly ConcurrentDictionary<string, byte> _issuedTokens = new();
    private readonly ConcurrentDictionary<string, FakeTeamsUser> _users = new();
    private readonly ConcurrentDictionary<string, List<ConnectorMessage>> _conversations = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(int Status, string? RetryAfter)>> _failures = new();
    private readonly ConcurrentDictionary<string, FakeTeam> _teams = new();
    private int _ids;

    private FakeTeamsConnector(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The service URL activities carry.</summary>
    public string ServiceUrl => new Uri(BaseUrl, "teams/").ToString();

    public string ClientId { get; set; } = "";

    public string ClientSecret { get; set; } = "";

    /// <summary>False models the Playground's mock connector, which takes no token.</summary>
    public bool RequireToken { get; set; } = true;

    /// <summary>
    /// As the Agents Playground's mock connector: a 1:1 may be created with any member id it knows (its mock people
    /// are <c>user-id-N</c>, not <c>29:</c>); Teams itself accepts only <c>29:</c> ids and Entra object ids.
    /// </summary>
    public bool PlaygroundIds { get; set; }

    /// <summary>Lifetime of issued tokens.</summary>
    public int TokenLifetimeSeconds { get; set; } = 3600;

    public IReadOnlyList<ConnectorCall> Calls => _calls.ToArray();

    public IReadOnlyList<ConnectorCall> TokenRequests => _calls.Where(c => c.Path.EndsWith("/oauth2/v2.0/token", StringComparison.Ordinal)).ToArray();

    public IReadOnlyList<ConnectorCall> ConnectorCalls => _calls.Where(c => c.Path.StartsWith("/teams/", StringComparison.Ordinal)).ToArray();

    public static async Task<FakeTeamsConnector> StartAsync()
    {
        var app = LoopbackApp.Create();
        var fake = new FakeTeamsConnector(app);
        app.Run(fake.HandleAsync);
        fake.BaseUrl = await LoopbackApp.StartAsync(app);
        return fake;
    }

    /// <summary>A Teams user the connector knows: <c>29:</c> id, Entra object id, name, whether the app is installed for them.</summary>
    public FakeTeamsUser AddUser(string userId, string aadObjectId, string name, bool installed = true) =>
        _users[userId] = new FakeTeamsUser(userId, aadObjectId, name) { Installed = installed };

    /// <summary>The user blocks the bot: sends to their 1:1 answer 403.</summary>
    public void Block(string userId) => _users[userId].Blocked = true;

    /// <summary>The 1:1 conversation id the fake gives <paramref name="userId"/>.</summary>
    public static string PersonalConversation(string userId) => "a:1on1-" + userId;

    /// <summary>Makes a conversation exist (e.g. a 1:1 Teams created at install) with these members.</summary>
    public void AddConversation(string conversationId) => _conversations.GetOrAdd(conversationId, _ => []);

    /// <summary>The next <paramref name="times"/> calls whose path ends with <paramref name="pathSuffix"/> answer <paramref name="status"/>, doing nothing.</summary>
    public void FailNext(string pathSuffix, int status, int times = 1, string? retryAfter = null)
    {
        var queue = _failures.GetOrAdd(pathSuffix, _ => new ConcurrentQueue<(int, string?)>());
        for (var i = 0; i < times; i++)
        {
            queue.Enqueue((status, retryAfter));
        }
    }

    /// <summary>
    /// A team the bot is in: its General channel has the team's id; <paramref name="channels"/> are the others (id,
    /// name); <paramref name="memberIds"/> are <c>29:</c> ids of users the fake knows (<see cref="AddUser"/>).
    /// Standard channels share the team's roster.
    /// </summary>
    public FakeTeam AddTeam(string teamId, string name, IEnumerable<string> memberIds, params (string Id, string Name)[] channels)
    {
        var team = new FakeTeam(teamId, name, [.. memberIds], [.. channels]);
        _teams[teamId] = team;
        AddConversation(teamId);
        foreach (var (id, _) in channels)
        {
            AddConversation(id);
        }

        return team;
    }

    /// <summary>The bot is removed from the team: its calls about it answer 403.</summary>
    public void RemoveBotFromTeam(string teamId) => _teams[teamId].BotRemoved = true;

    /// <summary>The messages in <paramref name="conversationId"/>, oldest first.</summary>
    public IReadOnlyList<ConnectorMessage> MessagesIn(string conversationId)
    {
        var list = _conversations.GetOrAdd(conversationId, _ => []);
        lock (list)
        {
            return list.ToArray();
        }
    }

    /// <summary>The messages in <paramref name="userId"/>'s 1:1 with the bot.</summary>
    public IReadOnlyList<ConnectorMessage> PersonalMessages(string userId) => MessagesIn(PersonalConversation(userId));

    /// <summary>Waits (bounded) until <paramref name="conversationId"/> holds <paramref name="count"/> messages.</summary>
    public async Task<IReadOnlyList<ConnectorMessage>> WaitForMessagesAsync(string conversationId, int count = 1, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var messages = MessagesIn(conversationId);
            if (messages.Count >= count)
            {
                return messages;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Expected {count} message(s) in {conversationId}, saw {messages.Count}.");
            }

            await Task.Delay(10);
        }
    }

    private async Task HandleAsync(HttpContext http)
    {
        var request = http.Request;
        string body;
        using (var reader = new StreamReader(request.Body))
        {
            body = await reader.ReadToEndAsync();
        }

        var path = request.Path.Value ?? "";
        _calls.Enqueue(new ConnectorCall(request.Method, path, body, request.Headers.Authorization.ToString() is { Length: > 0 } a ? a : null, request.ContentType));

        foreach (var (suffix, queue) in _failures)
        {
            if (path.EndsWith(suffix, StringComparison.Ordinal) && queue.TryDequeue(out var failure))
            {
                if (failure.RetryAfter is not null)
                {
                    http.Response.Headers.RetryAfter = failure.RetryAfter;
                }

                await Error(http, failure.Status, failure.Status == 429 ? "Throttled" : "ServiceError", "Injected failure.");
                return;
            }
        }

        if (request.Method == "POST" && path.EndsWith("/oauth2/v2.0/token", StringComparison.Ordinal))
        {
            await TokenAsync(http, body);
            return;
        }

        if (!path.StartsWith("/teams/v3/conversations", StringComparison.Ordinal) && !path.StartsWith("/teams/v3/teams/", StringComparison.Ordinal))
        {
            http.Response.StatusCode = 404;
            return;
        }

        if (RequireToken && !(request.Headers.Authorization.ToString() is { } auth && auth.StartsWith("Bearer ", StringComparison.Ordinal) && _issuedTokens.ContainsKey(auth[7..])))
        {
            http.Response.StatusCode = 401;
            await http.Response.WriteAsJsonAsync(new JsonObject { ["message"] = "Authorization has been denied for this request." });
            return;
        }

        if (request.Method is "POST" or "PUT" && !(request.ContentType ?? "").StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            await Error(http, 415, "BadArgument", "Content-Type must be application/json.");
            return;
        }

        if (body.Length > MaxActivityBytes)
        {
            await Error(http, 413, "MessageSizeTooBig", "Activity is larger than 40 KB.");
            return;
        }

        if (path.StartsWith("/teams/v3/teams/", StringComparison.Ordinal))
        {
            await TeamAsync(http, path["/teams/v3/teams/".Length..].Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray());
            return;
        }

        var parts = path["/teams/v3/conversations".Length..].Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        switch (request.Method, parts.Length)
        {
            case ("POST", 0):
                await CreateConversationAsync(http, body);
                return;
            case ("POST", 2) when parts[1] == "activities":
                await PostActivityAsync(http, parts[0], body);
                return;
            case ("PUT", 3) when parts[1] == "activities":
                await PutActivityAsync(http, parts[0], parts[2], body);
                return;
            case ("GET", 3) when parts[1] == "members":
                await GetMemberAsync(http, parts[0], parts[2]);
                return;
            case ("GET", 2) when parts[1] == "pagedmembers":
                await PagedMembersAsync(http, parts[0]);
                return;
            default:
                http.Response.StatusCode = 404;
                return;
        }
    }

    private async Task TokenAsync(HttpContext http, string body)
    {
        if (!http.Request.HasFormContentType)
        {
            await OAuthError(http, 400, "invalid_request", "AADSTS900144: The request body must contain the following parameter: 'grant_type'.");
            return;
        }

        var form = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(body);
        if (form["grant_type"] != "client_credentials" || form["scope"] != BotFrameworkScope)
        {
            await OAuthError(http, 400, "invalid_request", "AADSTS90014: unexpected grant_type or scope.");
            return;
        }

        if (form["client_id"] != ClientId || form["client_secret"] != ClientSecret)
        {
            await OAuthError(http, 401, "invalid_client", "AADSTS7000215: Invalid client secret provided.");
            return;
        }

        var token = $"fake-bot-token-{Interlocked.Increment(ref _ids)}";
        _issuedTokens[token] = 0;
        await http.Response.WriteAsJsonAsync(new JsonObject
        {
            ["token_type"] = "Bearer",
            ["expires_in"] = TokenLifetimeSeconds,
            ["ext_expires_in"] = TokenLifetimeSeconds,
            ["access_token"] = token,
        });
    }

    private async Task CreateConversationAsync(HttpContext http, string body)
    {
        var json = JsonNode.Parse(body) as JsonObject;
        var bot = (string?)json?["bot"]?["id"];
        var members = json?["members"] as JsonArray;
        var tenant = (string?)json?["tenantId"] ?? (string?)json?["channelData"]?["tenant"]?["id"];
        var user = members is { Count: 1 } ? (string?)members[0]?["id"] : null;
        var byObjectId = Guid.TryParse(user, out _);
        var playgroundId = PlaygroundIds && user is not null && _users.ContainsKey(user);
        if (bot is null || !bot.StartsWith("28:", StringComparison.Ordinal) || user is null || !(user.StartsWith("29:", StringComparison.Ordinal) || byObjectId || playgroundId) || string.IsNullOrEmpty(tenant))
        {
            await Error(http, 400, "BadArgument", "bot (28:…), exactly one member (29:… or an Entra object id) and tenantId are required.");
            return;
        }

        var known = byObjectId ? _users.Values.FirstOrDefault(u => u.AadObjectId == user) : _users.GetValueOrDefault(user);
        if (known is null && byObjectId)
        {
            // An object id nobody in the tenant has: Teams refuses the member as invalid.
            await Error(http, 400, "BadArgument", "Invalid user identity in provided tenant.");
            return;
        }

        if (known is null || !known.Installed)
        {
            await Error(http, 403, "BotNotInConversationRoster", "The bot is not part of the conversation roster.");
            return;
        }

        var id = PersonalConversation(known.UserId);
        AddConversation(id);
        http.Response.StatusCode = 201;
        await http.Response.WriteAsJsonAsync(new JsonObject { ["id"] = id });
    }

    private async Task PostActivityAsync(HttpContext http, string conversationId, string body)
    {
        if (!_conversations.TryGetValue(conversationId, out var list))
        {
            await Error(http, 404, "ConversationNotFound", "Conversation not found.");
            return;
        }

        if (UserOf(conversationId) is { Blocked: true })
        {
            await Error(http, 403, "ConversationBlockedByUser", "User blocked the conversation with the bot.");
            return;
        }

        if (await InvalidActivityAsync(http, body) is not { } activity)
        {
            return;
        }

        var id = $"1:{Interlocked.Increment(ref _ids)}";
        lock (list)
        {
            list.Add(new ConnectorMessage(conversationId, id, activity));
        }

        http.Response.StatusCode = 201;
        await http.Response.WriteAsJsonAsync(new JsonObject { ["id"] = id });
    }

    private async Task PutActivityAsync(HttpContext http, string conversationId, string activityId, string body)
    {
        if (!_conversations.TryGetValue(conversationId, out var list))
        {
            await Error(http, 404, "ConversationNotFound", "Conversation not found.");
            return;
        }

        if (await InvalidActivityAsync(http, body) is not { } activity)
        {
            return;
        }

        lock (list)
        {
            var index = list.FindIndex(m => m.ActivityId == activityId);
            if (index >= 0)
            {
                list[index] = new ConnectorMessage(conversationId, activityId, activity);
            }
            else
            {
                activity = null;
            }
        }

        if (activity is null)
        {
            await Error(http, 404, "ActivityNotFoundInConversation", "Activity not found.");
            return;
        }

        await http.Response.WriteAsJsonAsync(new JsonObject { ["id"] = activityId });
    }

    private async Task GetMemberAsync(HttpContext http, string conversationId, string memberId)
    {
        var user = _users.Values.FirstOrDefault(u => u.UserId == memberId || u.AadObjectId == memberId);
        if (!_conversations.ContainsKey(conversationId) || user is null || !(UserOf(conversationId) == user || user.Conversations.Contains(conversationId)))
        {
            await Error(http, 404, "MemberNotFoundInConversation", "The member was not found in the conversation.");
            return;
        }

        await http.Response.WriteAsJsonAsync(new JsonObject
        {
            ["id"] = user.UserId,
            ["name"] = user.Name,
            ["aadObjectId"] = user.AadObjectId,
            ["givenName"] = user.Name.Split(' ')[0],
            ["userRole"] = "user",
            ["tenantId"] = "tenant",
        });
    }

    private async Task TeamAsync(HttpContext http, string[] parts)
    {
        if (parts.Length == 0 || !_teams.TryGetValue(parts[0], out var team) || http.Request.Method != "GET" || parts.Length > 2 || (parts.Length == 2 && parts[1] != "conversations"))
        {
            await Error(http, 404, "ConversationNotFound", "Team not found.");
            return;
        }

        if (team.BotRemoved)
        {
            await Error(http, 403, "BotNotInConversationRoster", "The bot is not part of the conversation roster.");
            return;
        }

        if (parts.Length == 1)
        {
            await http.Response.WriteAsJsonAsync(new JsonObject { ["id"] = team.Id, ["name"] = team.Name, ["aadGroupId"] = Guid.Empty.ToString() });
            return;
        }

        var channels = new JsonArray(new JsonObject { ["id"] = team.Id, ["name"] = null });
        foreach (var (id, name) in team.Channels)
        {
            channels.Add(new JsonObject { ["id"] = id, ["name"] = name });
        }

        await http.Response.WriteAsJsonAsync(new JsonObject { ["conversations"] = channels });
    }

    private async Task PagedMembersAsync(HttpContext http, string conversationId)
    {
        var team = _teams.Values.FirstOrDefault(t => t.Id == conversationId || t.Channels.Any(c => c.Id == conversationId));
        if (team is null)
        {
            await Error(http, 404, "ConversationNotFound", "Conversation not found.");
            return;
        }

        if (team.BotRemoved)
        {
            await Error(http, 403, "BotNotInConversationRoster", "The bot is not part of the conversation roster.");
            return;
        }

        var query = http.Request.Query;
        var size = Math.Clamp(int.TryParse(query["pageSize"], out var asked) ? asked : 200, 50, 500);
        var start = 0;
        if (query["continuationToken"].ToString() is { Length: > 0 } token
            && !(token.StartsWith("ct-", StringComparison.Ordinal) && int.TryParse(token[3..], out start) && start > 0 && start < team.Members.Count))
        {
            await Error(http, 400, "BadArgument", "Invalid continuation token.");
            return;
        }

        var page = new JsonArray();
        foreach (var id in team.Members.Skip(start).Take(size))
        {
            var user = _users.GetValueOrDefault(id);
            page.Add(new JsonObject
            {
                ["id"] = id,
                ["name"] = user?.Name,
                ["objectId"] = user?.AadObjectId,
                ["givenName"] = user?.Name.Split(' ')[0],
                ["tenantId"] = "tenant",
                ["userRole"] = user is null ? "anonymous" : "user",
            });
        }

        var next = start + size < team.Members.Count ? $"ct-{start + size}" : null;
        await http.Response.WriteAsJsonAsync(new JsonObject { ["continuationToken"] = next, ["members"] = page });
    }

    private static async Task<JsonObject?> InvalidActivityAsync(HttpContext http, string body)
    {
        JsonObject? activity;
        try
        {
            activity = JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            activity = null;
        }

        if (activity is null || (string?)activity["type"] is not { Length: > 0 })
        {
            await Error(http, 400, "BadArgument", "The activity needs a type.");
            return null;
        }

        foreach (var attachment in activity["attachments"] as JsonArray ?? [])
        {
            if ((string?)attachment?["contentType"] == "application/vnd.microsoft.card.adaptive"
                && !(attachment?["content"] is JsonObject card && (string?)card["type"] == "AdaptiveCard"
                     && Version.TryParse((string?)card["version"], out var v) && v <= new Version(1, 5)))
            {
                await Error(http, 400, "BadArgument", "Adaptive Cards in Teams must be type AdaptiveCard, version 1.5 or lower.");
                return null;
            }
        }

        return activity;
    }

    private FakeTeamsUser? UserOf(string conversationId) =>
        _users.Values.FirstOrDefault(u => PersonalConversation(u.UserId) == conversationId);

    private static Task Error(HttpContext http, int status, string code, string message)
    {
        http.Response.StatusCode = status;
        return http.Response.WriteAsJsonAsync(new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } });
    }

    private static Task OAuthError(HttpContext http, int status, string error, string description)
    {
        http.Response.StatusCode = status;
        return http.Response.WriteAsJsonAsync(new JsonObject { ["error"] = error, ["error_description"] = description });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>A team of the fake connector: members by <c>29:</c> id (unknown ids are anonymous guests), channels besides General.</summary>
public sealed record FakeTeam(string Id, string Name, List<string> Members, List<(string Id, string Name)> Channels)
{
    public bool BotRemoved { get; set; }
}

/// <summary>A user of the fake connector.</summary>
public sealed record FakeTeamsUser(string UserId, string AadObjectId, string Name)
{
    public bool Installed { get; set; } = true;
    public bool Blocked { get; set; }
    /// <summary>Group chats and channels the user is a member of (for member lookups).</summary>
    public HashSet<string> Conversations { get; } = [];
}

/// <summary>
/// Sends requests meant for <c>https://login.microsoftonline.com</c> to a loopback fake instead, path and query
/// kept: MSAL refuses non-https authorities, so tests keep the real authority and reroute the wire.
/// </summary>
public sealed class LoopbackRedirectHandler(Uri target) : DelegatingHandler(new HttpClientHandler())
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var original = request.RequestUri!;
        request.RequestUri = new UriBuilder(original) { Scheme = target.Scheme, Host = target.Host, Port = target.Port }.Uri;
        return base.SendAsync(request, cancellationToken);
    }
}
