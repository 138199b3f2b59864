using System.Text.Json.Nodes;
using FeedbackBot.Core;
using FeedbackBot.Core.DataRights;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Core.Requests;
using StackExchange.Redis;

namespace FeedbackBot.Redis.PersonalData;

/// <summary>
/// <c>requests</c>: requests the person made (<c>asked</c>) and requests made of them (<c>askedOf</c>). Closed
/// requests are in no index, so the person's workspace's request keys are scanned (a rare, person-initiated
/// operation), plus their open asks from other workspaces through their owed index.
/// <para>
/// Erase: a request they made goes with its queued prompts, summary and its recipients' owed entries. In a request
/// made of them their entry stays for the requester's tally, without their identity: its person becomes
/// <see cref="ErasedPerson"/>, an open ask counts as declined (no reason), and an answer counts as anonymous.
/// </para>
/// </summary>
public sealed class RequestsPart(IConnectionMultiplexer redis, Keys keys, IRequestStore requests) : IPersonalDataPart
{
    public string Name => "requests";

    public async Task<JsonNode?> ExportAsync(PersonRef person, CancellationToken ct)
    {
        var all = await FindAsync(person, ct);
        return new JsonObject
        {
            ["asked"] = new JsonArray([.. all.Where(r => r.Requester == person).Select(r => (JsonNode)Asked(r))]),
            ["askedOf"] = new JsonArray([.. all.Where(r => r.RecipientFor(person) is not null).Select(r => (JsonNode)AskedOf(r, person))]),
        };
    }

    public async Task<long> EraseAsync(PersonRef person, CancellationToken ct)
    {
        var db = redis.GetDatabase();
        long changed = 0;
        foreach (var request in await FindAsync(person, ct))
        {
            if (request.Requester == person)
            {
                var home = request.Requester.Workspace;
                foreach (var entry in request.PendingWork())
                {
                    await db.SortedSetRemoveAsync(keys.RequestOutbox(home), entry.ToString());
                }

                foreach (var recipient in request.Recipients)
                {
                    await db.SetRemoveAsync(keys.Owed(recipient.Person), request.Id);
                }

                changed += await db.KeyDeleteAsync(keys.Request(request.Id)) ? 1 : 0;
            }
            else if (request.RecipientFor(person) is not null)
            {
                // The store's own update keeps the outbox (the prompt no longer owed) and the indexes right.
                await requests.UpdateAsync(request.Id, r => r.RecipientFor(person) is null ? null : r with
                {
                    Recipients = r.Recipients.Select(x => x.Person != person ? x : x with
                    {
                        Person = ErasedPerson.In(person.Workspace),
                        Status = x.Status == RecipientStatus.Pending ? RecipientStatus.Declined : x.Status,
                        DeclineReason = null,
                        AnsweredAnonymously = x.AnsweredAnonymously || x.Status == RecipientStatus.Answered,
                        Prompt = x.Prompt is { IsPending: true } ? null : x.Prompt,
                    }).ToArray(),
                }, ct);
                changed++;
            }
        }

        changed += await db.KeyDeleteAsync([keys.Owed(person), keys.Asked(person)]);
        return changed;
    }

    private async Task<IReadOnlyList<FeedbackRequest>> FindAsync(PersonRef person, CancellationToken ct)
    {
        var db = redis.GetDatabase();
        var pattern = $"{RedisWorkspaceData.Glob(keys.Prefix)}:{RedisWorkspaceData.Glob(Keys.Tag(person.Workspace))}:request:*";
        var ids = (await PartJson.ScanAsync(redis, pattern, ct)).Select(k => k.ToString()[(k.ToString().LastIndexOf(":request:", StringComparison.Ordinal) + 9)..])
            .Concat((await db.SetMembersAsync(keys.Owed(person))).Select(v => v.ToString()))
            .Concat((await db.SetMembersAsync(keys.Asked(person))).Select(v => v.ToString()))
            .Distinct();
        var found = new List<FeedbackRequest>();
        foreach (var id in ids)
        {
            if (await requests.GetAsync(id, ct) is { } r && (r.Requester == person || r.RecipientFor(person) is not null))
            {
                found.Add(r);
            }
        }

        return found.OrderBy(r => r.CreatedAt).ToArray();
    }

    private static JsonObject Asked(FeedbackRequest r)
    {
        var tally = r.Tally();
        var json = new JsonObject
        {
            ["id"] = r.Id,
            ["question"] = r.Question,
            ["createdAt"] = r.CreatedAt,
            ["dueAt"] = r.DueAt,
            ["tally"] = new JsonObject { ["answered"] = tally.Answered, ["declined"] = tally.Declined, ["expired"] = tally.Expired, ["pending"] = tally.Pending },
        };
        // Who answered stays unsaid when one answer was anonymous, as in the request's own messages.
        json["recipients"] = r.HasAnonymousAnswer
            ? null
            : new JsonArray([.. r.Recipients.Where(x => !ErasedPerson.Is(x.Person))
                .Select(x => (JsonNode)new JsonObject { ["person"] = x.Person.Key, ["status"] = x.Status.ToString() })]);
        if (r.Source is { } source)
        {
            json["about"] = source.Url;
        }

        return json;
    }

    private static JsonObject AskedOf(FeedbackRequest r, PersonRef person)
    {
        var me = r.RecipientFor(person)!;
        var json = new JsonObject
        {
            ["id"] = r.Id,
            ["from"] = r.Requester.Key,
            ["question"] = r.Question,
            ["createdAt"] = r.CreatedAt,
            ["dueAt"] = r.DueAt,
            ["status"] = me.Status.ToString(),
        };
        if (me.FeedbackId is { } answer)
        {
            json["answerFeedbackId"] = answer;
        }

        if (me.DeclineReason is { } reason)
        {
            json["declineReason"] = reason;
        }

        return json;
    }
}
