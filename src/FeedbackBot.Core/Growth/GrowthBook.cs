using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Nudges;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Core.Requests;

namespace FeedbackBot.Core.Growth;

/// <summary>
/// "What will you try?": <paramref name="ThemeId"/> picks one of the person's themes, <paramref name="NewThemeName"/>
/// creates one (or reuses one of the same name); <paramref name="FeedbackId"/> is the received feedback it answers.
/// </summary>
public sealed record CommitCommand(
    PersonRef Person,
    string Text,
    string? FeedbackId,
    string? ThemeId,
    string? NewThemeName,
    CheckInChoice CheckIn);

/// <summary>Why a growth action was refused; each is a plain sentence for the person.</summary>
public enum GrowthProblem
{
    EmptyText,
    TooLong,
    NotYourFeedback,
    UnknownTheme,
    NotFound,
    GiverAnonymous,
    /// <summary>The request to the giver was refused (see <see cref="GrowthResult.RequestProblems"/>).</summary>
    RequestRefused,
    /// <summary>Neither a theme picked nor a new one named.</summary>
    NoTheme,
}

/// <summary>The result of a growth action: the commitment as stored, or the problem.</summary>
public sealed record GrowthResult(Commitment? Commitment, GrowthProblem? Problem = null, FeedbackRequest? Request = null)
{
    public bool Succeeded => Problem is null;

    /// <summary>Why the request to the giver was refused (a daily limit, the giver left…).</summary>
    public IReadOnlyList<RequestProblem> RequestProblems { get; init; } = [];

    public static string Describe(GrowthProblem problem) => problem switch
    {
        GrowthProblem.EmptyText => "Write what you will try first.",
        GrowthProblem.TooLong => $"Keep it under {Commitment.MaxTextLength} characters: one thing to try.",
        GrowthProblem.NotYourFeedback => "I can't find that feedback among what you received.",
        GrowthProblem.UnknownTheme => "That theme doesn't exist any more. Pick another or create one.",
        GrowthProblem.NotFound => "I can't find that commitment any more.",
        GrowthProblem.GiverAnonymous => "That feedback was anonymous, so there is nobody to ask.",
        GrowthProblem.RequestRefused => "I couldn't ask them.",
        GrowthProblem.NoTheme => "Pick one of your themes or name a new one.",
        _ => "Something about that isn't right.",
    };
}

/// <summary>
/// A person's growth record and what they do with it: themes (created on the fly, attached to received feedback),
/// commitments (made from feedback, checked in on, with outcomes) and asking the giver how it looks now. Everything is
/// private to its owner: every action checks the person is the owner and reads only their own data.
/// </summary>
public sealed class GrowthBook(
    IGrowthStore store,
    IFeedbackStore feedback,
    PersonClock clock,
    RequestFeedback requests,
    TimeProvider time) : IGrowthReader
{
    public const int MaxThemeNameLength = 60;

    public Task<GrowthRecord> GetAsync(PersonRef person, CancellationToken ct) => ReadAsync(store, person, ct);

    /// <summary>The person's record straight from a store (surfaces that only show it, where storage may be absent).</summary>
    public static async Task<GrowthRecord> ReadAsync(IGrowthStore? store, PersonRef person, CancellationToken ct) =>
        store is null
            ? GrowthRecord.Empty
            : new(await store.ListThemesAsync(person, ct), (await store.ListCommitmentsAsync(person, ct)).Select(c => c.ToView()).ToArray());

    /// <summary>The person's theme of that name (case-insensitive), created when there is none.</summary>
    public async Task<GrowthTheme> EnsureThemeAsync(PersonRef person, string name, CancellationToken ct)
    {
        name = Clean(name, MaxThemeNameLength);
        var themes = await store.ListThemesAsync(person, ct);
        if (themes.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase)) is { } existing)
        {
            return existing;
        }

        var theme = new GrowthTheme(Ids.New(time), name, []);
        await store.SaveThemeAsync(person, theme, ct);
        return theme;
    }

    /// <summary>Attaches one of the person's received feedback items to one of their themes (idempotent).</summary>
    public async Task<GrowthProblem?> AttachAsync(PersonRef person, string themeId, string feedbackId, CancellationToken ct)
    {
        if (await OwnFeedbackAsync(person, feedbackId, ct) is null)
        {
            return GrowthProblem.NotYourFeedback;
        }

        var theme = (await store.ListThemesAsync(person, ct)).FirstOrDefault(t => t.Id == themeId);
        if (theme is null)
        {
            return GrowthProblem.UnknownTheme;
        }

        if (!theme.FeedbackIds.Contains(feedbackId))
        {
            await store.SaveThemeAsync(person, theme with { FeedbackIds = [.. theme.FeedbackIds, feedbackId] }, ct);
        }

        return null;
    }

    /// <summary>
    /// Files one of the person's received items under a theme, from the inbox (issue 13: themes "created on the fly
    /// in the Reflect form or from the inbox"): a new name wins over a picked id, as in the Reflect form, and reuses
    /// the theme of that name when there is one. Returns the theme, or why nothing changed.
    /// </summary>
    public async Task<(GrowthTheme? Theme, GrowthProblem? Problem)> FileUnderThemeAsync(
        PersonRef person, string feedbackId, string? themeId, string? newThemeName, CancellationToken ct)
    {
        if (await OwnFeedbackAsync(person, feedbackId, ct) is null)
        {
            return (null, GrowthProblem.NotYourFeedback);
        }

        GrowthTheme? theme;
        if (!string.IsNullOrWhiteSpace(newThemeName))
        {
            theme = await EnsureThemeAsync(person, newThemeName, ct);
        }
        else if (themeId is { Length: > 0 })
        {
            theme = (await store.ListThemesAsync(person, ct)).FirstOrDefault(t => t.Id == themeId);
            if (theme is null)
            {
                return (null, GrowthProblem.UnknownTheme);
            }
        }
        else
        {
            return (null, GrowthProblem.NoTheme);
        }

        return await AttachAsync(person, theme.Id, feedbackId, ct) is { } problem ? (null, problem) : (theme, null);
    }

    /// <summary>The suggestion for a received item, from its words (never applied here: the form shows it).</summary>
    public async Task<ThemeSuggestion?> SuggestThemeAsync(PersonRef person, string feedbackId, CancellationToken ct) =>
        await OwnFeedbackAsync(person, feedbackId, ct) is { } item
            ? ThemeSuggester.Suggest(item.Content.PlainText, await store.ListThemesAsync(person, ct))
            : null;

    /// <summary>Stores a commitment and plans its check-in in the person's own calendar; attaches the feedback to the theme.</summary>
    public async Task<GrowthResult> CommitAsync(CommitCommand command, CancellationToken ct)
    {
        var text = command.Text.Trim();
        if (text.Length == 0)
        {
            return new GrowthResult(null, GrowthProblem.EmptyText);
        }

        if (text.Length > Commitment.MaxTextLength)
        {
            return new GrowthResult(null, GrowthProblem.TooLong);
        }

        var person = command.Person;
        if (command.FeedbackId is { } feedbackId && await OwnFeedbackAsync(person, feedbackId, ct) is null)
        {
            return new GrowthResult(null, GrowthProblem.NotYourFeedback);
        }

        string? themeId = null;
        if (!string.IsNullOrWhiteSpace(command.NewThemeName))
        {
            themeId = (await EnsureThemeAsync(person, command.NewThemeName, ct)).Id;
        }
        else if (command.ThemeId is { Length: > 0 } picked)
        {
            themeId = (await store.ListThemesAsync(person, ct)).Any(t => t.Id == picked) ? picked : null;
            if (themeId is null)
            {
                return new GrowthResult(null, GrowthProblem.UnknownTheme);
            }
        }

        if (themeId is not null && command.FeedbackId is not null)
        {
            await AttachAsync(person, themeId, command.FeedbackId, ct);
        }

        var now = time.GetUtcNow();
        var calendar = (await clock.LoadAsync(person, ct)).Calendar;
        var commitment = new Commitment(
            Ids.New(time, person.Workspace), person, text, themeId, command.FeedbackId, now, command.CheckIn,
            CheckInPlanner.PlanAt(now, command.CheckIn, calendar));
        await store.SaveCommitmentAsync(commitment, ct);
        return new GrowthResult(commitment);
    }

    /// <summary>
    /// Records what the person answered to a check-in. <see cref="CommitmentOutcome.NotYet"/> plans the next check-in
    /// (the same interval again, from now); <see cref="CommitmentOutcome.GoingWell"/> and
    /// <see cref="CommitmentOutcome.Done"/> plan none.
    /// </summary>
    public async Task<GrowthResult> RecordOutcomeAsync(PersonRef person, string commitmentId, CommitmentOutcome outcome, CancellationToken ct)
    {
        if (await OwnCommitmentAsync(person, commitmentId, ct) is not { } commitment)
        {
            return new GrowthResult(null, GrowthProblem.NotFound);
        }

        var now = time.GetUtcNow();
        DateTimeOffset? next = outcome == CommitmentOutcome.NotYet
            ? CheckInPlanner.Replan(now, commitment.CheckIn, (await clock.LoadAsync(person, ct)).Calendar)
            : null;

        var updated = await store.UpdateCommitmentAsync(commitmentId,
            c => c with { Outcome = outcome, OutcomeAt = now, CheckInAt = next, CheckInAttemptFor = null }, ct);
        return updated is null ? new GrowthResult(null, GrowthProblem.NotFound) : new GrowthResult(updated);
    }

    /// <summary>
    /// "Ask the giver how it looks now": a feedback request from the owner to the original giver of the commitment's
    /// feedback, with <paramref name="question"/>, linked to the commitment. Refused when the feedback was anonymous.
    /// </summary>
    public async Task<GrowthResult> AskGiverAsync(PersonRef person, string commitmentId, string question, CancellationToken ct)
    {
        var commitment = await OwnCommitmentAsync(person, commitmentId, ct);
        if (commitment is null)
        {
            return new GrowthResult(null, GrowthProblem.NotFound);
        }

        if (await GiverOfAsync(commitment, ct) is not { } giver)
        {
            return new GrowthResult(commitment, GrowthProblem.GiverAnonymous);
        }

        var result = await requests.RequestAsync(new RequestFeedbackCommand(person, [giver], question), ct);
        if (!result.Succeeded)
        {
            return new GrowthResult(commitment, GrowthProblem.RequestRefused) { RequestProblems = result.Problems };
        }

        var linked = await store.UpdateCommitmentAsync(commitmentId,
            c => c.Requests.Contains(result.Created!.Id) ? null : c with { RequestIds = [.. c.Requests, result.Created!.Id] }, ct);
        return new GrowthResult(linked ?? commitment, Request: result.Created);
    }

    /// <summary>The question an "ask the giver" request starts with (the person may edit it).</summary>
    public static string AskGiverQuestion(Commitment commitment) =>
        $"After your feedback I planned to: \"{commitment.Text}\". How does it look to you now?";

    /// <summary>Who gave the commitment's feedback, or null when it was anonymous (or there is none).</summary>
    public async Task<PersonRef?> GiverOfAsync(Commitment commitment, CancellationToken ct) =>
        commitment.FeedbackId is { } id && await feedback.GetAsync(id, ct) is { Anonymous: false } item && item.Recipient == commitment.Owner
            ? item.Giver
            : null;

    public async Task<Commitment?> OwnCommitmentAsync(PersonRef person, string commitmentId, CancellationToken ct) =>
        Ids.IsPlausible(commitmentId) && await store.GetCommitmentAsync(commitmentId, ct) is { } c && c.Owner == person ? c : null;

    private async Task<FeedbackItem?> OwnFeedbackAsync(PersonRef person, string feedbackId, CancellationToken ct) =>
        Ids.IsPlausible(feedbackId) && await feedback.GetAsync(feedbackId, ct) is { } item && item.Recipient == person ? item : null;

    private static string Clean(string text, int max)
    {
        var flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return flat.Length <= max ? flat : flat[..max].TrimEnd();
    }
}
