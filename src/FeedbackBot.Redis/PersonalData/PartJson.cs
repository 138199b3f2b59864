using System.Text.Json.Nodes;
using FeedbackBot.Core.DataRights;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.People;
using StackExchange.Redis;

namespace FeedbackBot.Redis.PersonalData;

/// <summary>Shared pieces of the personal-data parts: the export shape of feedback, and key scans.</summary>
internal static class PartJson
{
    /// <summary>
    /// One feedback item as the person may see it. <paramref name="asRecipient"/>: the giver is named only when the
    /// item is not anonymous (and not from someone who deleted their data); as giver: the recipient is named.
    /// </summary>
    public static JsonObject Feedback(FeedbackItem item, bool asRecipient)
    {
        var parts = new JsonObject();
        foreach (var (part, text) in item.Content.FilledParts())
        {
            parts[part] = text;
        }

        var json = new JsonObject { ["id"] = item.Id };
        if (asRecipient)
        {
            json["from"] = item.Anonymous || ErasedPerson.Is(item.Giver) ? null : item.Giver.Key;
        }
        else
        {
            json["to"] = item.Recipient.Key;
            json["anonymous"] = item.Anonymous;
        }

        json["kind"] = item.Kind.ToString();
        json["template"] = item.Content.Template.ToString();
        json["parts"] = parts;
        json["visibility"] = item.Visibility.ToString();
        json["createdAt"] = item.CreatedAt;
        json["delivery"] = item.Delivery.ToString();
        if (item.DeliveredAt is { } delivered)
        {
            json["deliveredAt"] = delivered;
        }

        if (item.Source is { } source)
        {
            json["about"] = new JsonObject { ["url"] = source.Url, ["excerpt"] = source.Excerpt };
        }

        if (item.RequestId is { } requestId)
        {
            json["requestId"] = requestId;
        }

        return json;
    }

    /// <summary>Every key matching <paramref name="pattern"/> on every primary (a cluster scatters them).</summary>
    public static async Task<List<RedisKey>> ScanAsync(IConnectionMultiplexer redis, string pattern, CancellationToken ct)
    {
        var found = new List<RedisKey>();
        foreach (var server in redis.GetServers().Where(s => s.IsConnected && !s.IsReplica))
        {
            await foreach (var key in server.KeysAsync(pattern: pattern, pageSize: 500).WithCancellation(ct))
            {
                found.Add(key);
            }
        }

        return found;
    }
}
