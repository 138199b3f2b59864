using System.Globalization;
using System.Text.Json.Nodes;
using FeedbackBot.Core;
using FeedbackBot.Core.Nudges;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Core.Requests;
using FeedbackBot.Teams.Activities;
using FeedbackBot.Teams.Addressing;
using FeedbackBot.Teams.Cards;
using FeedbackBot.Teams.Inbound;
using Microsoft.Extensions.Logging;

namespace FeedbackBot.Teams.Requests;

/// <summary>
/// What a request ended with: Core's result, or the failure that stopped it, and why people named could not be
/// reached at all (<see cref="People.TeamsPeopleResolver"/>'s sentences), to be shown to the requester.
/// </summary>
public sealed record RequestOutcome(RequestFeedbackResult? Result, Exception? Failure, IReadOnlyList<string> Unreachable);

/// <summary>
/// The Teams side of Core's request use case, shared by the <c>request</c> command, the form's button and the
/// message extension: runs <see cref="RequestFeedback"/> (any failure becomes an outcome the requester is told),
/// renders the outcome with people's names, and finds the request a button names for the person who clicked.
/// </summary>
public sealed class TeamsRequestRunner(
    RequestFeedback requests,
    IRequestStore store,
    PendingOverview pending,
    PersonClock clock,
    NudgePolicy policy,
    TeamsAddressBook addresses,
    TimeProvider time,
    ILogger<TeamsRequestRunner> logger)
{
    /// <summary>The one answer for a request id that is missing or not the clicker's (a guessed id learns nothing).</summary>
    public const string NotFound = "I can't find that request any more.";

    public const string NotPending = "This request isn't waiting on you any more: you answered or declined it, or it expired.";

    /// <summary>Runs Core's request; the people nobody can reach are only reported.</summary>
    public async Task<RequestOutcome> RunAsync(RequestFeedbackCommand command, IReadOnlyList<string> unreachable, CancellationToken ct)
    {
        if (command.Recipients.Count == 0 && unreachable.Count > 0)
        {
            return new RequestOutcome(null, null, unreachable);
        }

        try
        {
            return new RequestOutcome(await requests.RequestAsync(command, ct), null, unreachable);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogError(ex, "Request from {Requester} was not saved", command.Requester);
            return new RequestOutcome(null, ex, unreachable);
        }
    }

    /// <summary>The outcome as a card, naming people by their stored names.</summary>
    public async Task<JsonObject> CardAsync(RequestOutcome outcome, CancellationToken ct)
    {
        var people = (outcome.Result?.Created?.Recipients.Select(r => r.Person) ?? [])
            .Concat(outcome.Result?.Problems.Select(p => p.Person).OfType<PersonRef>() ?? []);
        return RequestCards.Outcome(outcome, await addresses.NamesAsync(people, ct));
    }

    /// <summary>Three working days (Core's default) as a date in the requester's zone; UTC when the zone is unknown.</summary>
    public async Task<DateOnly> DefaultDueDateAsync(PersonRef requester, CancellationToken ct)
    {
        var calendar = PersonCalendar.Default;
        try
        {
            calendar = (await clock.LoadAsync(requester, ct)).Calendar;
        }
        catch (PeopleLookupException ex)
        {
            // UTC is at most a day off; the form matters more than the default.
            logger.LogInformation(ex, "Default due date for {Requester} in UTC", requester);
        }

        return calendar.LocalDate(policy.DefaultDueAt(time.GetUtcNow(), calendar));
    }

    /// <summary>
    /// The request a button names, when the clicker is still asked on it; otherwise the reason why not (the same
    /// words for a missing request and someone else's: button data is client-held).
    /// </summary>
    public async Task<(FeedbackRequest? Request, string? Refusal)> ClickedAsync(TeamsTurn turn, JsonObject data, CancellationToken ct)
    {
        var id = Ac.Str(data, RequestCards.RequestIdKey);
        var request = Ids.IsPlausible(id) && turn.Sender is not null ? await store.GetAsync(id!, ct) : null;
        return request?.RecipientFor(turn.Sender!) switch
        {
            null => (null, NotFound),
            { IsOpen: false } => (null, NotPending),
            _ => (request, null),
        };
    }

    /// <summary>What <paramref name="person"/> still owes (and waits for), as the card a button leaves in place.</summary>
    public async Task<JsonObject> PendingCardAsync(PersonRef person, string? status, bool waiting, CancellationToken ct, string? without = null)
    {
        var items = await pending.GetAsync(person, ct);
        if (without is not null)
        {
            items = items with { Owed = items.Owed.Where(o => o.RequestId != without).ToArray() };
        }

        var people = items.Owed.Select(o => o.Requester).Concat(items.Waiting.SelectMany(w => w.StillPending ?? []));
        return RequestCards.Pending(items, await addresses.NamesAsync(people, ct), status, waiting);
    }

    /// <summary>A button that cannot act: the clicker's current list with the reason on top, in place of the card.</summary>
    public async Task<InvokeResponse> RefusalAsync(TeamsTurn turn, string refusal, CancellationToken ct) =>
        turn.Sender is { } person
            ? CardActionResponse.Card(await PendingCardAsync(person, refusal, waiting: false, ct))
            : CardActionResponse.Message(refusal);

    /// <summary>A person's stored display name, or "A colleague".</summary>
    public async Task<string> NameAsync(PersonRef person, CancellationToken ct) =>
        (await addresses.NamesAsync([person], ct)).TryGetValue(person, out var name) ? name : "A colleague";

    /// <summary>"on Mon 1 Dec at 09:00 (Europe/Berlin)": the zone a time was computed in, named so nobody guesses.</summary>
    public static string Local(DateTimeOffset at, TimeZoneInfo zone) =>
        "on " + TimeZoneInfo.ConvertTime(at, zone).ToString("ddd d MMM 'at' HH:mm", CultureInfo.InvariantCulture) + $" ({zone.Id})";
}
