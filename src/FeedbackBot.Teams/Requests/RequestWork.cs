using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using FeedbackBot.Core;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Core.Requests;
using FeedbackBot.Teams.Connector;
using FeedbackBot.Teams.Delivery;
using FeedbackBot.Teams.Inbound;
using FeedbackBot.Teams.People;
using Microsoft.Extensions.Logging;

namespace FeedbackBot.Teams.Requests;

/// <summary>
/// A request accepted in Teams and waiting to run: who asks, what, whom (already resolved people, or mentions to
/// look up where they were made), and where the outcome goes (a reply to <see cref="ReplyToId"/>, the card
/// <see cref="CardId"/> updated in place, or the requester's 1:1 when neither is set).
/// </summary>
public sealed record RequestWorkItem
{
    /// <summary>Once-key: the same accepted request runs once however often the job does.</summary>
    public required string Id { get; init; }
    public required string Requester { get; init; }
    public required string ServiceUrl { get; init; }
    public string Question { get; init; } = "";
    public DateOnly? Due { get; init; }
    public string? SourceUrl { get; init; }
    public string? SourceExcerpt { get; init; }
    public string? SourceAuthor { get; init; }
    /// <summary>Person keys already resolved (the form).</summary>
    public IReadOnlyList<string> People { get; init; } = [];
    /// <summary>Mentions to resolve in the job (a typed <c>request @…</c>), in <see cref="MembersOf"/>.</summary>
    public IReadOnlyList<NamedPerson> Mentioned { get; init; } = [];
    public string? MembersOf { get; init; }
    /// <summary>Why some people named could not be asked, already known when it was accepted.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];
    public string? ConversationId { get; init; }
    public string? ReplyToId { get; init; }
    public string? CardId { get; init; }

    /// <summary>The request accepted from a form: people resolved, the outcome to the card or the 1:1.</summary>
    public static RequestWorkItem FromForm(string id, PersonRef requester, string serviceUrl, RequestFeedbackCommand command, IReadOnlyList<string> problems) => new()
    {
        Id = id,
        Requester = requester.Key,
        ServiceUrl = serviceUrl,
        Question = command.Question,
        Due = command.DueDate,
        SourceUrl = command.Source?.Url,
        SourceExcerpt = command.Source?.Excerpt,
        SourceAuthor = command.Source?.Author?.Key,
        People = command.Recipients.Select(p => p.Key).ToArray(),
        Problems = problems,
    };
}

/// <summary>A decline accepted in Teams: Core's decline runs in the job (it tells the requester).</summary>
public sealed record DeclineWorkItem(string RequestId, string Person, string? Reason);

/// <summary>
/// Teams requests after the activity was answered, as durable <see cref="IBackgroundWork"/> (a Hangfire job in the
/// host, stored before the answer, like <see cref="Give.GiveWork"/>): a crash between the answer and Core's save
/// cannot lose a typed <c>request @…</c>, it runs when the host is back. Safe to run twice: the item's id is
/// claimed once (held while saving, kept a day once saved, given back when nothing was saved).
/// </summary>
public sealed class RequestWork(
    TeamsRequestRunner runner,
    TeamsPeopleResolver resolver,
    WorkOutcomes outcomes,
    IOnceStore once,
    ILogger<RequestWork> logger) : IBackgroundWorkHandler
{
    public const string Kind = "teams-request";

    private static readonly TimeSpan WhileSaving = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Saved = TimeSpan.FromDays(1);

    /// <summary>What an answer says when the request could not be stored for later: nothing was asked.</summary>
    public const string NotSavedText = "I couldn't save your request just now, so nobody was asked. Please try again in a moment.";

    public static string Payload(RequestWorkItem item) => JsonSerializer.Serialize(item, RequestWorkJson.Default.RequestWorkItem);

    public async Task RunAsync(string payload, CancellationToken ct)
    {
        var item = TeamsWork.Read(payload, RequestWorkJson.Default.RequestWorkItem);
        var requester = PersonRef.Parse(item.Requester);
        // Saved, or maybe saved: the key is kept, so a rerun cannot ask a second time; otherwise a retry may.
        var (ran, outcome) = await once.RunOnceAsync($"teams:request:{item.Id}", WhileSaving, Saved,
            ct => RequestAsync(item, requester, ct),
            o => o.Failure is SaveUnconfirmedException || o.Result is { Succeeded: true }, ct, logger);
        if (!ran)
        {
            logger.LogInformation("Teams request {WorkId} already ran", item.Id);
            return;
        }

        await outcomes.TellAsync(requester, new OutcomePlace(item.ServiceUrl, item.ConversationId, item.CardId, item.ReplyToId), await runner.CardAsync(outcome, ct), item.Id, ct);
    }

    private async Task<RequestOutcome> RequestAsync(RequestWorkItem item, PersonRef requester, CancellationToken ct)
    {
        var people = item.People.Select(PersonRef.Parse).ToList();
        var problems = item.Problems.ToList();
        if (item.Mentioned.Count > 0)
        {
            var mentioned = await resolver.ResolveAsync(new PeopleContext(requester.WorkspaceId, item.ServiceUrl, item.MembersOf), item.Mentioned, ct);
            people.AddRange(mentioned.People.Except(people));
            problems.AddRange(mentioned.Problems);
        }

        var source = item.SourceUrl is { } url ? new SourceLink(url, item.SourceExcerpt, item.SourceAuthor is { } a ? PersonRef.Parse(a) : null) : null;
        return await runner.RunAsync(new RequestFeedbackCommand(requester, people, item.Question, source, item.Due), problems, ct);
    }
}

/// <summary>Core's decline after the answer (<see cref="DeclineWorkItem"/>); Core's decline is a no-op when already done.</summary>
public sealed class DeclineWork(DeclineRequest decline, ILogger<DeclineWork> logger) : IBackgroundWorkHandler
{
    public const string Kind = "teams-decline";

    public static string Payload(DeclineWorkItem item) => JsonSerializer.Serialize(item, RequestWorkJson.Default.DeclineWorkItem);

    public async Task RunAsync(string payload, CancellationToken ct)
    {
        var item = TeamsWork.Read(payload, RequestWorkJson.Default.DeclineWorkItem);
        var person = PersonRef.Parse(item.Person);
        var outcome = await decline.RunAsync(item.RequestId, person, item.Reason, ct);
        if (outcome != RecipientActionOutcome.Done)
        {
            // Answered or expired between the click and now (or a rerun): nothing changed, the requester not told twice.
            logger.LogInformation("Decline of {RequestId} by {Person}: {Outcome}", item.RequestId, person, outcome);
        }
    }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RequestWorkItem))]
[JsonSerializable(typeof(DeclineWorkItem))]
internal sealed partial class RequestWorkJson : JsonSerializerContext;
