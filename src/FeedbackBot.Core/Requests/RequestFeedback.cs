using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Insights;
using FeedbackBot.Core.Limits;
using FeedbackBot.Core.Nudges;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Core.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Core.Requests;

/// <summary>
/// What a requester asks for: feedback from named people on a question, optionally about a message, by a date.
/// <see cref="DueDate"/> is a calendar date in the requester's time zone (due at the close of their working
/// day); when null the request is due after <see cref="NudgeOptions.DueWorkingDays"/> working days.
/// </summary>
public sealed record RequestFeedbackCommand(
    PersonRef Requester,
    IReadOnlyList<PersonRef> Recipients,
    string Question,
    SourceLink? Source = null,
    DateOnly? DueDate = null);

/// <summary>Why a request was refused. Each maps to a friendly message the adapter shows privately.</summary>
public enum RequestProblemCode
{
    NoRecipients,
    TooManyRecipients,
    EmptyQuestion,
    TooLong,
    Self,
    Bot,
    UnknownPerson,
    DueInPast,
    /// <summary>The platform could not be asked who a recipient is (slow or failing); nothing was stored.</summary>
    DirectoryUnavailable,
    /// <summary>The requester reached their daily limit (<see cref="RequestProblem.Limit"/>); nothing was stored.</summary>
    LimitReached,
}

/// <summary>One reason a request was refused, naming the person it concerns where there is one.</summary>
public sealed record RequestProblem(RequestProblemCode Code, PersonRef? Person = null, string? PersonName = null, LimitReached? Limit = null)
{
    /// <summary>A kind, actionable sentence for the requester.</summary>
    public string Message => Code switch
    {
        RequestProblemCode.NoRecipients => "Pick at least one person to ask.",
        RequestProblemCode.TooManyRecipients => $"You can ask at most {RequestFeedback.MaxRecipients} people at once.",
        RequestProblemCode.EmptyQuestion => "Add a question, so people know what you'd like feedback on.",
        RequestProblemCode.TooLong => $"That question is longer than {RequestFeedback.MaxQuestionLength} characters. Try a shorter one.",
        RequestProblemCode.Self => "You can't ask yourself, but you can ask a teammate.",
        RequestProblemCode.Bot => $"{PersonName ?? "That account"} is an app, not a person. Pick a teammate instead.",
        RequestProblemCode.UnknownPerson => "I couldn't find that person in this workspace.",
        RequestProblemCode.DueInPast => "That due date has already passed. Pick a later day.",
        RequestProblemCode.DirectoryUnavailable => "I couldn't check who that is right now, so nobody was asked. Please try again in a moment.",
        RequestProblemCode.LimitReached => Limit?.Message ?? "You've asked for a lot of feedback recently, so nobody was asked. Please try again later.",
        _ => "Something about that request isn't right.",
    };
}

/// <summary>
/// The stored request, the problems that stopped it, and anyone the ask could not reach for good right away
/// (a transient failure is retried from the outbox; if that fails too, the requester is told by message).
/// </summary>
public sealed record RequestFeedbackResult(
    FeedbackRequest? Created,
    IReadOnlyList<RequestProblem> Problems,
    IReadOnlyList<PersonRef> NotReached)
{
    public bool Succeeded => Problems.Count == 0;
}

/// <summary>
/// The request use case: validate, then store the request with one pending prompt per recipient and each
/// recipient's first nudge check in one atomic step, then ask each recipient through the exactly-once prompt
/// delivery. The stored entries, not this run, are the promise: a crash after the save leaves the prompts to the
/// sweeper and the nudges to the stored schedule. Run it after acknowledging the platform: it sends one message
/// per recipient.
/// </summary>
public sealed class RequestFeedback(
    IRequestStore requests,
    IPeopleDirectory people,
    PersonClock clock,
    NudgePolicy policy,
    DeliverRequestNotice prompts,
    PersonLimits limits,
    IOptions<DeliveryOptions> delivery,
    TimeProvider time,
    ILogger<RequestFeedback> logger,
    IInsightsRecorder? insights = null)
{
    public const int MaxQuestionLength = 3000;
    public const int MaxRecipients = 10;

    /// <summary>
    /// The checks that need no lookup (recipients given, not too many, not yourself; question present and within
    /// <see cref="MaxQuestionLength"/>), so an adapter can answer them on the spot. <see cref="ValidateAsync"/> includes them.
    /// </summary>
    public static IReadOnlyList<RequestProblem> Check(RequestFeedbackCommand command)
    {
        var problems = new List<RequestProblem>();
        var recipients = command.Recipients.Distinct().ToArray();
        if (recipients.Length == 0)
        {
            problems.Add(new RequestProblem(RequestProblemCode.NoRecipients));
        }
        else if (recipients.Length > MaxRecipients)
        {
            problems.Add(new RequestProblem(RequestProblemCode.TooManyRecipients));
        }

        if (string.IsNullOrWhiteSpace(command.Question))
        {
            problems.Add(new RequestProblem(RequestProblemCode.EmptyQuestion));
        }
        else if (command.Question.Trim().Length > MaxQuestionLength)
        {
            problems.Add(new RequestProblem(RequestProblemCode.TooLong));
        }

        if (recipients.Take(MaxRecipients).Contains(command.Requester))
        {
            problems.Add(new RequestProblem(RequestProblemCode.Self, command.Requester));
        }

        return problems;
    }

    /// <summary>
    /// Every check without storing anything: <see cref="Check"/>, the due date, and each recipient is a person, not a
    /// bot. A recipient the platform cannot be asked about is <see cref="RequestProblemCode.DirectoryUnavailable"/>.
    /// </summary>
    public async Task<IReadOnlyList<RequestProblem>> ValidateAsync(RequestFeedbackCommand command, CancellationToken ct)
    {
        var problems = Check(command).ToList();
        if (command.DueDate is not null && await DueAtAsync(command, ct) <= time.GetUtcNow())
        {
            problems.Add(new RequestProblem(RequestProblemCode.DueInPast));
        }

        foreach (var recipient in command.Recipients.Distinct().Take(MaxRecipients).Where(r => r != command.Requester))
        {
            PersonProfile? profile;
            try
            {
                profile = await people.GetProfileAsync(recipient, ct);
            }
            catch (PeopleLookupException ex)
            {
                // As for a give: a platform that cannot answer is a friendly "try again", not a failed request.
                logger.LogWarning(ex, "Request from {Requester}: could not look up {Recipient}", command.Requester, recipient);
                problems.Add(new RequestProblem(RequestProblemCode.DirectoryUnavailable, recipient));
                continue;
            }

            if (profile is null || profile.IsDeleted)
            {
                problems.Add(new RequestProblem(RequestProblemCode.UnknownPerson, recipient));
            }
            else if (profile.IsBot)
            {
                problems.Add(new RequestProblem(RequestProblemCode.Bot, recipient, profile.DisplayName));
            }
        }

        return problems;
    }

    /// <summary>
    /// Validates, stores the request with its prompts and nudge checks (atomically), then asks each recipient.
    /// Storage failures of the save throw (nothing was stored); after the save nothing throws for a recipient.
    /// </summary>
    public async Task<RequestFeedbackResult> RequestAsync(RequestFeedbackCommand command, CancellationToken ct)
    {
        var problems = await ValidateAsync(command, ct);
        if (problems.Count > 0)
        {
            return new RequestFeedbackResult(null, problems, []);
        }

        // Last check before storing, taken atomically across hosts; refused → nothing stored, nobody asked.
        if (await limits.TryTakeAsync(command.Requester, LimitedAction.Request, 1, ct) is { } limit)
        {
            return new RequestFeedbackResult(null, [new RequestProblem(RequestProblemCode.LimitReached, command.Requester, Limit: limit)], []);
        }

        var now = time.GetUtcNow();
        var request = new FeedbackRequest(
            Ids.New(time, command.Requester.Workspace),
            command.Requester,
            command.Question.Trim(),
            command.Source,
            now,
            await DueAtAsync(command, ct),
            command.Recipients.Distinct().Select(p => new RequestRecipient(p, Prompt: new SendState())).ToArray());

        var checks = new Dictionary<PersonRef, DateTimeOffset>();
        foreach (var recipient in request.Recipients)
        {
            var context = await clock.LoadAsync(recipient.Person, ct);
            if (policy.NextCheckAt(request, recipient, context) is { } at)
            {
                checks[recipient.Person] = at;
            }
        }

        // Prompts are due for the sweeper only after the grace: this run asks first, the sweeper only catches
        // what a crash or a platform failure left.
        if (await SaveCheck.SaveAsync(() => requests.SaveAsync(request, now + delivery.Value.SweepGrace, checks, ct),
                () => requests.GetAsync(request.Id, ct), [request.Id], logger) is { } landedDespite)
        {
            // Saved after all: the sweeper asks everyone after the grace; nobody is told "try again" (a second request).
            logger.LogWarning(landedDespite, "Saving request {RequestId} from {Requester} reported a failure but the write landed", request.Id, request.Requester);
            FeedbackMetrics.RequestOpened(request.Requester);
            await (insights ?? NoInsightsRecorder.Instance).RequestedAsync(request, ct);
            return new RequestFeedbackResult(request, [], []);
        }

        FeedbackMetrics.RequestOpened(request.Requester);
        await (insights ?? NoInsightsRecorder.Instance).RequestedAsync(request, ct);
        var notReached = new List<PersonRef>();
        foreach (var recipient in request.Recipients)
        {
            try
            {
                if (await prompts.PromptAsync(request.Id, recipient.Person, requesterWaiting: true, ct) == DeliveryOutcome.Failed)
                {
                    notReached.Add(recipient.Person);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The request is saved and the prompt is in the outbox: the sweeper asks them. Never rethrown, or
                // the requester would be told "not saved" about a request that was.
                logger.LogWarning(ex, "Asking {Recipient} for request {RequestId} failed; the sweep will retry", recipient.Person, request.Id);
            }
        }

        logger.LogInformation(
            "Request {RequestId} from {Requester} to {Count} people, due {DueAt:o}",
            request.Id, request.Requester, request.Recipients.Count, request.DueAt);
        return new RequestFeedbackResult(request, [], notReached);
    }

    private async Task<DateTimeOffset> DueAtAsync(RequestFeedbackCommand command, CancellationToken ct)
    {
        var requester = (await clock.LoadAsync(command.Requester, ct)).Calendar;
        return command.DueDate is { } date
            ? WorkingTime.ClosingOn(date, requester)
            : policy.DefaultDueAt(time.GetUtcNow(), requester);
    }
}
