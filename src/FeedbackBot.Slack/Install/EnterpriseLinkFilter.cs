using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using FeedbackBot.Slack.Http;
using FeedbackBot.Slack.Inbound;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;

namespace FeedbackBot.Slack.Install;

/// <summary>
/// Enterprise Grid org installs: a request from a workspace of an org-wide install carries
/// <c>is_enterprise_install: true</c> with the enterprise and team ids (slash commands as form fields,
/// interactivity in its <c>payload</c>, events in <c>authorizations[]</c>;
/// https://docs.slack.dev/enterprise-grid/developing-for-enterprise-grid). The first such request links the team
/// to the org's installation, so a job that knows only the team id later finds the org's token. Runs after the
/// signature gate; most requests are not from org installs and cost one byte search.
/// </summary>
internal sealed class EnterpriseLinkFilter(SlackInstallations installations, ILogger<EnterpriseLinkFilter> logger) : IEndpointFilter
{
    private static readonly byte[] Marker = "is_enterprise_install"u8.ToArray();

    // Teams linked already (by this host); bounded by the number of workspaces in the orgs that installed us.
    private readonly ConcurrentDictionary<string, byte> _linked = new();

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (context.HttpContext.Features.Get<SlackRawBody>()?.Bytes is { } body && Read(body) is { } org && !_linked.ContainsKey(org.Team))
        {
            var (team, enterprise) = org;
            try
            {
                if (await installations.LinkToEnterpriseAsync(team, enterprise, context.HttpContext.RequestAborted))
                {
                    _linked.TryAdd(team, 0);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The request itself may not need the org's token (e.g. a help text); the next one tries again.
                logger.LogWarning("Could not link Slack workspace {TeamId} to its org install {EnterpriseId}: {Reason}", team, enterprise, ex.GetType().Name);
            }
        }

        return await next(context);
    }

    /// <summary>(team, enterprise) when the body says it comes from an org-wide install; null otherwise.</summary>
    internal static (string Team, string Enterprise)? Read(byte[] body)
    {
        // Form bodies percent-encode the marker's quotes but not its letters, so one search serves every shape.
        if (body.AsSpan().IndexOf(Marker) < 0)
        {
            return null;
        }

        var text = Encoding.UTF8.GetString(body);
        JsonNode? json;
        try
        {
            json = text.TrimStart().StartsWith('{') ? JsonNode.Parse(text) : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }

        if (json is null)
        {
            var form = QueryHelpers.ParseQuery(text);
            if (form.TryGetValue("payload", out var payload))
            {
                try
                {
                    json = JsonNode.Parse(payload.ToString());
                }
                catch (System.Text.Json.JsonException)
                {
                    return null;
                }

                return Pair(json?["is_enterprise_install"], json?["team"]?["id"], json?["enterprise"]?["id"]);
            }

            return form.TryGetValue("is_enterprise_install", out var flag) && flag.ToString() == "true"
                ? Pair(JsonValue.Create(true), JsonValue.Create(form["team_id"].ToString()), JsonValue.Create(form["enterprise_id"].ToString()))
                : null;
        }

        // Events API envelope.
        return Pair(json["authorizations"]?[0]?["is_enterprise_install"], json["team_id"], json["enterprise_id"]);
    }

    private static (string, string)? Pair(JsonNode? flag, JsonNode? team, JsonNode? enterprise) =>
        flag?.GetValueKind() == System.Text.Json.JsonValueKind.True && Interaction.Str(team) is { } t && Interaction.Str(enterprise) is { } e
            ? (t, e)
            : null;
}
