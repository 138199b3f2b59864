using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Messaging;
using FeedbackBot.Core.Nudges;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using Microsoft.Extensions.Logging;

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
}

/// <summary>One reason a request was refused, naming the person it concerns where there is one.</summary>
public sealed record RequestProblem(RequestProblemCode Code, PersonRef? Person = null, string? PersonName = null)
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
        _ => "Something about that request isn't right.",
    };
}

/// <summary>The stored request, the problems that stopped it, and anyone the ask could not reach.</summary>
public sealed record RequestFeedbackResult(
    FeedbackRequest? Created,
    IReadOnlyList<RequestProblem> Problems,
    IReadOnlyList<PersonRef> NotReached)
{
    public bool Succeeded => Problems.Count == 0;
}

/// <summary>
/// The request use case: validate, store, plan each recipient's nudge check, then ask each recipient. Run it
/// from a job or after acknowledging the platform: it sends one message per recipient.
/// </summary>
public sealed class RequestFeedback(
    IRequestStore requests,
    IPeopleDirectory people,
    PersonClock clock,
    NudgePolicy policy,
    ChatMessengers messengers,
    IJobScheduler jobs,
    TimeProvider time,
    ILogger<RequestFeedback> logger)
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

    /// <summary>Every check without storing anything: <see cref="Check"/>, the due date, and each recipient is a person, not a bot.</summary>
    public async Task<IReadOnlyList<RequestProblem>> ValidateAsync(RequestFeedbackCommand command, CancellationToken ct)
    {
        var problems = Check(command).ToList();
        if (command.DueDate is not null && await DueAtAsync(command, ct) <= time.GetUtcNow())
        {
            problems.Add(new RequestProblem(RequestProblemCode.DueInPast));
        }

        foreach (var recipient in command.Recipients.Distinct().Take(MaxRecipients).Where(r => r != command.Requester))
        {
            var profile = await people.GetProfileAsync(recipient, ct);
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

    /// <summary>Validates, stores the request, plans each recipient's first nudge check and asks each recipient.</summary>
    public async Task<RequestFeedbackResult> RequestAsync(RequestFeedbackCommand command, CancellationToken ct)
    {
        var problems = await ValidateAsync(command, ct);
        if (problems.Count > 0)
        {
            return new RequestFeedbackResult(null, problems, []);
        }

        var request = new FeedbackRequest(
            Ids.New(time),
            command.Requester,
            command.Question.Trim(),
            command.Source,
            time.GetUtcNow(),
            await DueAtAsync(command, ct),
            command.Recipients.Distinct().Select(p => new RequestRecipient(p)).ToArray());
        await requests.SaveAsync(request, ct);

        // Plan before asking: a crash while sending still leaves every recipient's nudges (which repeat the ask).
        foreach (var recipient in request.Recipients)
        {
            var context = await clock.LoadAsync(recipient.Person, ct);
            if (policy.NextCheckAt(request, recipient, context) is { } at)
            {
                jobs.ScheduleNudgeCheck(recipient.Person, at);
            }
        }

        var notice = new FeedbackRequestedNotice(request.Id, request.Requester, request.Question, request.Source, request.DueAt);
        var notReached = new List<PersonRef>();
        foreach (var recipient in request.Recipients)
        {
            try
            {
                await messengers.SendAsync(recipient.Person, notice, ct);
            }
            catch (ChatDeliveryException ex)
            {
                // Not rethrown: a retry would store a second request. The requester is told who was missed.
                logger.LogWarning(ex, "Could not ask {Recipient} for request {RequestId}", recipient.Person, request.Id);
                notReached.Add(recipient.Person);
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
