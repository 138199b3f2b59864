using FeedbackBot.Core;
using FeedbackBot.Core.Coaching;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Core.Telemetry;
using FeedbackBot.Teams.Addressing;
using FeedbackBot.Teams.Inbound;
using FeedbackBot.Teams.People;
using Microsoft.Extensions.Logging;

namespace FeedbackBot.Teams.Give;

/// <summary>
/// What a give ended with: Core's result, the failure that kept it from being saved, recipients that could not be
/// made people (<see cref="Unreached"/>, nothing saved), or none of these when the same draft had been given
/// already (<see cref="Duplicate"/>).
/// </summary>
public sealed record GiveOutcome(GiveFeedbackResult? Result, Exception? Failure, IReadOnlyList<string> Unreached)
{
    public static GiveOutcome AlreadyDone { get; } = new(null, null, []);

    public bool Succeeded => Result is { Succeeded: true };

    public bool Duplicate => Result is null && Failure is null && Unreached.Count == 0;

    /// <summary>Every reason it was not sent, in plain words (user text inside: show in TextRuns).</summary>
    public IReadOnlyList<string> Problems => Unreached.Concat(Result?.Problems.Select(p => p.Message) ?? []).ToArray();
}

/// <summary>
/// Core's <see cref="GiveFeedback"/> for a Teams draft, acted on once per draft id: recipients resolved
/// (<see cref="TeamsPeopleResolver"/>, the same path as requests), a request id kept only when the giver was asked on it, then the give. Any
/// failure becomes an outcome that says "not saved" instead of an exception nobody sees, and gives the claim back
/// so a retry works; a save storage could not confirm keeps the claim (it may have landed).
/// </summary>
public sealed class TeamsGiver(
    GiveFeedback give,
    TeamsPeopleResolver people,
    IRequestStore requests,
    IOnceStore once,
    FeedbackCoach coach,
    ILogger<TeamsGiver> logger,
    Microsoft.Extensions.Options.IOptions<Core.Ratings.ValuesOptions>? values = null,
    Core.Ratings.IValueTagStore? tags = null)
{
    // Held briefly while the save runs (a crash in between frees it for a retry), then for a day once saved.
    private static readonly TimeSpan WhileSaving = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Saved = TimeSpan.FromDays(1);

    /// <summary>
    /// The coach's tips on the draft (empty: nothing to say). Core's coach, the same as Slack's; the giver's Teams
    /// locale (their <c>clientInfo</c>, else the activity's <c>locale</c>) picks the language when the draft is too
    /// short to tell, as Slack's giver locale does.
    /// </summary>
    public IReadOnlyList<string> Tips(GiveDraft draft, TeamsTurn turn)
    {
        var report = coach.Review(new CoachDraft(draft.Template, draft.Content.Parts, draft.Kind, Locale: ConversationReferences.ClientInfo(turn.Activity).Locale));
        FeedbackMetrics.CoachReviewed(report);
        return report.Tips.Select(t => t.Message).Take(5).ToArray();
    }

    /// <summary>Core's checks that need no lookup, on stand-in recipients (see <see cref="GiveRecipients.Preview"/>).</summary>
    public static IReadOnlyList<GiveProblem> Check(GiveDraft draft, PersonRef giver, string? giverTeamsId) =>
        GiveFeedback.Check(draft.ToCommand(giver, GiveRecipients.Preview(draft, giver, giverTeamsId), null));

    /// <summary>Gives <paramref name="draft"/> as <paramref name="giver"/>; <paramref name="serviceUrl"/> is where the giver's activity came from.</summary>
    public async Task<GiveOutcome> GiveAsync(PersonRef giver, GiveDraft draft, string serviceUrl, CancellationToken ct)
    {
        try
        {
            var resolved = await people.ResolveAsync(new PeopleContext(giver.WorkspaceId, serviceUrl, draft.In),
                draft.To.Select(id => new NamedPerson(id, draft.NameOf(id))), ct);
            if (resolved.Problems.Count > 0)
            {
                return new GiveOutcome(null, null, resolved.Problems);
            }

            var (requestId, source) = await RequestAsync(draft, giver, ct);
            var command = (draft with { RequestId = requestId }).ToCommand(giver, resolved.People, source);
            // Saved: the draft id is kept a day; not saved (or any failure): given back, so a retry works.
            var (ran, result) = await once.RunOnceAsync($"teams:give:{draft.Id}", WhileSaving, Saved,
                ct => give.GiveAsync(command, ct), r => r.Succeeded, ct, logger);
            if (!ran)
            {
                return GiveOutcome.AlreadyDone;
            }

            if (result.Succeeded)
            {
                await TagValuesAsync(draft, result, ct);
            }

            return new GiveOutcome(result, null, []);
        }
        catch (SaveUnconfirmedException ex)
        {
            // Maybe saved: the claim stays, so a replay of the same click cannot save it a second time.
            logger.LogError(ex, "Teams give {DraftId} from {Giver}: not known whether {FeedbackIds} were saved", draft.Id, giver, string.Join(",", ex.Ids));
            return new GiveOutcome(null, ex, []);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogError(ex, "Teams give {DraftId} from {Giver} was not saved", draft.Id, giver);
            return new GiveOutcome(null, ex, []);
        }
    }

    /// <summary>
    /// The request id in a draft is only a claim: it counts when the giver was asked on that request (then the
    /// request's own stored link is the source); otherwise the feedback goes out as plain feedback.
    /// </summary>
    private async Task<(string? RequestId, SourceLink? Source)> RequestAsync(GiveDraft draft, PersonRef giver, CancellationToken ct)
    {
        var source = draft.Source is { } s ? new SourceLink(s.Url, s.Excerpt, Author(s.Author)) : null;
        if (draft.RequestId is not { } id)
        {
            return (null, source);
        }

        var request = await requests.GetAsync(id, ct);
        return request?.RecipientFor(giver) is null ? (null, source) : (id, request.Source ?? source);
    }

    // Values tagged on praise go with each recipient (no giver stored with them), after the give as on Slack: a
    // failure here loses the tag, never the feedback.
    private async Task TagValuesAsync(GiveDraft draft, GiveFeedbackResult result, CancellationToken ct)
    {
        var picked = draft.Kind == FeedbackKind.Praise && values is not null
            ? Core.Ratings.RecognisedValues.Allowed(draft.Values ?? [], values.Value)
            : [];
        if (tags is null || picked.Count == 0)
        {
            return;
        }

        try
        {
            foreach (var item in result.Created)
            {
                await tags.TagAsync(item.Recipient, new Core.Ratings.ValueTag(item.Id, picked, item.CreatedAt), ct);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Values of Teams give {DraftId} were not tagged", draft.Id);
        }
    }

    private static PersonRef? Author(string? key)
    {
        try
        {
            return key is null ? null : PersonRef.Parse(key);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
