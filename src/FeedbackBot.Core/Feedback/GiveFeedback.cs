using FeedbackBot.Core.Coaching;
using FeedbackBot.Core.Insights;
using FeedbackBot.Core.Limits;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Core.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Core.Feedback;

/// <summary>What a giver asks for: the same written feedback to one or more recipients.</summary>
public sealed record GiveFeedbackCommand(
    PersonRef Giver,
    IReadOnlyList<PersonRef> Recipients,
    FeedbackContent Content,
    FeedbackKind Kind,
    FeedbackVisibility Visibility = FeedbackVisibility.Private,
    bool Anonymous = false,
    SourceLink? Source = null,
    string? RequestId = null);

/// <summary>Why a give was refused. Each maps to a friendly message the adapter shows privately.</summary>
public enum GiveProblemCode
{
    NoRecipients,
    TooManyRecipients,
    EmptyText,
    TooLong,
    Self,
    Bot,
    UnknownPerson,
    AnonymousNotAccepted,
    /// <summary>The platform could not be asked who a recipient is (slow or failing); nothing was stored.</summary>
    DirectoryUnavailable,
    /// <summary>The giver reached a per-person limit (<see cref="GiveProblem.Limit"/> says which, and until when); nothing was stored.</summary>
    LimitReached,
}

/// <summary>One reason a give was refused, naming the person it concerns where there is one.</summary>
public sealed record GiveProblem(GiveProblemCode Code, PersonRef? Person = null, string? PersonName = null, LimitReached? Limit = null)
{
    /// <summary>A kind, actionable sentence for the giver.</summary>
    public string Message => Code switch
    {
        GiveProblemCode.NoRecipients => "Pick at least one person to give feedback to.",
        GiveProblemCode.TooManyRecipients => $"You can give the same feedback to at most {GiveFeedback.MaxRecipients} people at once.",
        GiveProblemCode.EmptyText => "Your feedback is empty. Write a sentence or two about what you saw.",
        GiveProblemCode.TooLong => $"That is longer than {GiveFeedback.MaxLength} characters. Short feedback is easier to act on: try trimming it.",
        GiveProblemCode.Self => "You can't send feedback to yourself, but you can ask others for theirs.",
        GiveProblemCode.Bot => $"{PersonName ?? "That account"} is an app, not a person. Pick a teammate instead.",
        GiveProblemCode.UnknownPerson => "I couldn't find that person in this workspace.",
        GiveProblemCode.AnonymousNotAccepted => $"{PersonName ?? "This person"} prefers feedback with a name on it, so it can't be sent anonymously.",
        GiveProblemCode.DirectoryUnavailable => "I couldn't check who that is right now, so nothing was sent. Please try again in a moment.",
        GiveProblemCode.LimitReached => Limit?.Message ?? "You've sent a lot of feedback recently, so nothing was sent. Please try again later.",
        _ => "Something about that feedback isn't right.",
    };
}

/// <summary>The outcome: the stored items (queued for delivery), or the problems that stopped it.</summary>
public sealed record GiveFeedbackResult(IReadOnlyList<FeedbackItem> Created, IReadOnlyList<GiveProblem> Problems)
{
    public bool Succeeded => Problems.Count == 0;
}

/// <summary>
/// The give use case: validate, then store every item together with its pending-delivery entry in one atomic
/// step, then ask the in-process dispatcher to deliver. The stored entry, not the dispatch, is the promise: a
/// sweeper delivers whatever a crash or a full queue dropped, so feedback the giver was told is saved is never lost.
/// </summary>
public sealed class GiveFeedback(
    IFeedbackStore feedback,
    IPeopleDirectory people,
    IPreferencesStore preferences,
    IRequestStore requests,
    IDeliveryDispatcher deliveries,
    PersonLimits limits,
    IOptions<DeliveryOptions> options,
    TimeProvider time,
    ILogger<GiveFeedback> logger,
    IInsightsRecorder? insights = null,
    FeedbackCoach? coach = null)
{
    public const int MaxLength = 3000;
    public const int MaxRecipients = 10;

    /// <summary>
    /// The checks that need no lookup (recipients given, not too many, not yourself; text present and within
    /// <see cref="MaxLength"/>), so an adapter can answer them on the spot, before anything is stored or looked up.
    /// <see cref="ValidateAsync"/> and <see cref="GiveAsync"/> include them.
    /// </summary>
    public static IReadOnlyList<GiveProblem> Check(GiveFeedbackCommand command)
    {
        var problems = new List<GiveProblem>();
        var recipients = command.Recipients.Distinct().ToArray();
        if (recipients.Length == 0)
        {
            problems.Add(new GiveProblem(GiveProblemCode.NoRecipients));
        }
        else if (recipients.Length > MaxRecipients)
        {
            problems.Add(new GiveProblem(GiveProblemCode.TooManyRecipients));
        }

        var text = command.Content.PlainText;
        if (string.IsNullOrWhiteSpace(text))
        {
            problems.Add(new GiveProblem(GiveProblemCode.EmptyText));
        }
        else if (text.Length > MaxLength)
        {
            problems.Add(new GiveProblem(GiveProblemCode.TooLong));
        }

        if (recipients.Take(MaxRecipients).Contains(command.Giver))
        {
            problems.Add(new GiveProblem(GiveProblemCode.Self, command.Giver));
        }

        return problems;
    }

    /// <summary>
    /// Every check without storing anything: <see cref="Check"/>, then each recipient is a person of the
    /// workspace, not a bot, and accepts anonymous feedback when it is anonymous. Modals show these as field errors.
    /// </summary>
    public async Task<IReadOnlyList<GiveProblem>> ValidateAsync(GiveFeedbackCommand command, CancellationToken ct)
    {
        var problems = Check(command).ToList();
        foreach (var recipient in command.Recipients.Distinct().Take(MaxRecipients).Where(r => r != command.Giver))
        {
            PersonProfile? profile;
            try
            {
                profile = await people.GetProfileAsync(recipient, ct);
            }
            catch (PeopleLookupException ex)
            {
                logger.LogWarning(ex, "Give from {Giver}: could not look up {Recipient}", LogPolicy.Giver(command.Giver, command.Anonymous), recipient);
                problems.Add(new GiveProblem(GiveProblemCode.DirectoryUnavailable, recipient));
                continue;
            }

            if (profile is null || profile.IsDeleted)
            {
                problems.Add(new GiveProblem(GiveProblemCode.UnknownPerson, recipient));
            }
            else if (profile.IsBot)
            {
                problems.Add(new GiveProblem(GiveProblemCode.Bot, recipient, profile.DisplayName));
            }
            else if (command.Anonymous && !(await preferences.GetAsync(recipient, ct)).AcceptsAnonymous)
            {
                problems.Add(new GiveProblem(GiveProblemCode.AnonymousNotAccepted, recipient, profile.DisplayName));
            }
        }

        return problems;
    }

    /// <summary>
    /// Validates, stores one item per recipient (with its pending delivery, atomically) and dispatches delivery.
    /// A storage failure throws only when nothing was saved (the caller says "not saved, try again"), or as
    /// <see cref="SaveUnconfirmedException"/> when storage cannot say; a write that landed despite the
    /// failure is a success.
    /// </summary>
    public async Task<GiveFeedbackResult> GiveAsync(GiveFeedbackCommand command, CancellationToken ct)
    {
        var problems = await ValidateAsync(command, ct);
        if (problems.Count > 0)
        {
            return new GiveFeedbackResult([], problems);
        }

        // Last check before storing: one use per recipient, taken atomically across hosts; refused → nothing stored.
        if (await limits.TryTakeAsync(command.Giver, LimitedAction.Feedback, command.Recipients.Distinct().Count(), ct) is { } limit)
        {
            return new GiveFeedbackResult([], [new GiveProblem(GiveProblemCode.LimitReached, command.Giver, Limit: limit)]);
        }

        // An answer to a request goes to the requester only: anyone else the giver added gets plain feedback,
        // without the request or its source (the question and its context are the requester's, shown only to the
        // people they chose).
        var requester = command.RequestId is { } requestId ? (await requests.GetAsync(requestId, ct))?.Requester : null;
        var now = time.GetUtcNow();
        // Reviewed once, stored on every item: insights and the growth page count it, nothing reviews the text again.
        var verdicts = coach is null ? null : CoachVerdicts.Of(coach, command.Content, command.Kind);
        var created = command.Recipients.Distinct()
            .Select(recipient => new FeedbackItem(
                Ids.New(time, recipient.Workspace), command.Giver, recipient, command.Content, command.Kind,
                command.Visibility, command.Anonymous, requester is null || recipient == requester ? command.Source : null,
                recipient == requester ? command.RequestId : null, now, Coach: verdicts))
            .ToArray();
        // A timeout does not mean "not saved": the write may have landed after we stopped waiting. Storage is asked
        // (a read sent after the write sees it, if it landed) before anyone is told "not saved, try again", which
        // would make the giver send it twice.
        if (await SaveCheck.SaveAsync(() => feedback.SaveAsync(created, now + options.Value.SweepGrace, ct),
                () => feedback.GetAsync(created[0].Id, ct), created.Select(i => i.Id).ToArray(), logger) is { } landedDespite)
        {
            logger.LogWarning(RepeatedFailure.Of(landedDespite), "Saving feedback {FeedbackId} reported a failure but the write landed", created[0].Id);
        }

        // Only after the atomic save: a dispatch never points at something that is not there.
        foreach (var item in created)
        {
            deliveries.Dispatch(item.Id);
            FeedbackMetrics.FeedbackGiven(item.Recipient, item.Anonymous);
        }

        await (insights ?? NoInsightsRecorder.Instance).FeedbackGivenAsync(created, ct);

        logger.LogInformation("Stored {Count} feedback item(s) from {Giver}", created.Length, LogPolicy.Giver(command.Giver, command.Anonymous));
        return new GiveFeedbackResult(created, []);
    }
}
