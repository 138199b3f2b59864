using System.Text.Json;
using System.Text.Json.Nodes;
using FeedbackBot.Core.Digest;
using FeedbackBot.Teams.Activities;

namespace FeedbackBot.Teams.Addressing;

/// <summary>
/// Captures conversation references from every admitted activity: the sender (every message, install,
/// conversation update) and, on <c>conversationUpdate</c>, every member added. Proactive sends need them:
/// Teams offers no way to reach a person the bot never heard of.
/// https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/send-proactive-messages
/// The sender's weekly digest is kept planned from here too (Core's <see cref="ReminderTouch"/>): installing the
/// app plans it, and a time zone their client reports anew re-plans it at once (the plan reads the profile, so
/// it is not done on every activity).
/// </summary>
public sealed class ConversationReferences(TeamsAddressBook addresses, ReminderTouch reminders)
{
    public async Task CaptureAsync(Activity activity, bool authenticated, CancellationToken ct)
    {
        var tenant = activity.TenantId;
        if (tenant is null || activity.ServiceUrl is null)
        {
            return;
        }

        var personal = activity.Conversation?.ConversationType == "personal";
        var conversationId = activity.Conversation?.Id;
        if (activity.From is { AadObjectId.Length: > 0, Id.Length: > 0 } from)
        {
            var (timeZone, locale) = ClientInfo(activity);
            var sender = TeamsAddressBook.Person(tenant, from.AadObjectId);
            string? zone = null;
            var moved = false;
            await addresses.UpdateAsync(sender, current =>
            {
                zone = timeZone ?? current?.TimeZone;
                moved = current is not null && zone != current.TimeZone;
                return Merge(current, from, activity.ServiceUrl, tenant, authenticated) with
                {
                    ConversationId = personal ? conversationId : current?.ConversationId,
                    SeenInConversationId = conversationId ?? current?.SeenInConversationId,
                    TimeZone = zone,
                    Locale = locale ?? current?.Locale,
                };
            }, ct);
            if (moved || activity is { Type: ActivityTypes.InstallationUpdate, Action: "add" })
            {
                await reminders.TouchAsync(sender, zone, ct);
            }
        }

        if (activity.Type == ActivityTypes.ConversationUpdate)
        {
            foreach (var member in activity.MembersAdded ?? [])
            {
                if (member is { AadObjectId.Length: > 0, Id.Length: > 0 } && member.Id != activity.Recipient?.Id)
                {
                    await addresses.UpdateAsync(TeamsAddressBook.Person(tenant, member.AadObjectId), current => Merge(current, member, activity.ServiceUrl, tenant, authenticated) with
                    {
                        ConversationId = personal ? conversationId : current?.ConversationId,
                        SeenInConversationId = conversationId ?? current?.SeenInConversationId,
                    }, ct);
                }
            }
        }

        await addresses.SetTenantServiceUrlAsync(tenant, activity.ServiceUrl, ct);
    }

    private static TeamsAddress Merge(TeamsAddress? current, ChannelAccount account, string serviceUrl, string tenant, bool authenticated) =>
        (current ?? new TeamsAddress { ServiceUrl = serviceUrl, UserId = account.Id!, TenantId = tenant }) with
        {
            ServiceUrl = serviceUrl,
            UserId = account.Id!,
            TenantId = tenant,
            Name = string.IsNullOrWhiteSpace(account.Name) ? current?.Name : account.Name,
            Authenticated = authenticated,
        };

    /// <summary>
    /// The <c>clientInfo</c> entity's <c>timezone</c> (IANA) and <c>locale</c>, else the activity's
    /// <c>localTimezone</c> and <c>locale</c>.
    /// https://learn.microsoft.com/microsoftteams/platform/resources/bot-v3/bot-conversations/bots-conv-format#clientinfo-entity
    /// </summary>
    public static (string? TimeZone, string? Locale) ClientInfo(Activity activity)
    {
        var info = activity.Entities?.FirstOrDefault(e => Str(e["type"]) == "clientInfo");
        var timeZone = Str(info?["timezone"]) ?? activity.LocalTimezone;
        var locale = Str(info?["locale"]) ?? activity.Locale;
        return (timeZone is not null && TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _) ? timeZone : null, locale);
    }

    private static string? Str(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
