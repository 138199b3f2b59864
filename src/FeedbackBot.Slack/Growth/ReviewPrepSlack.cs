using FeedbackBot.Core.Growth;
using FeedbackBot.Core.Nudges;
using FeedbackBot.Core.People;
using FeedbackBot.Slack.Blocks;
using FeedbackBot.Slack.Give;
using FeedbackBot.Slack.Inbound;
using FeedbackBot.Slack.Requests;
using FeedbackBot.Slack.Text;
using FeedbackBot.Slack.Views;

namespace FeedbackBot.Slack.Growth;

/// <summary><c>/feedback review-prep [since]</c>: <see cref="Since"/> is what followed the word (empty: the last 6 months).</summary>
public sealed record ReviewPrepIntent(string Since) : FeedbackCommandIntent;

/// <summary>The growth subcommands of <c>/feedback</c>.</summary>
public static class GrowthCommandParser
{
    public const string Word = "review-prep";

    public const string Usage =
        "`/feedback review-prep [since]` – a private summary for your review, by theme (default: the last 6 months; "
        + "or e.g. `3 months`, `2026-01-01`)\n"
        + "Use *Reflect* on feedback you received to note what you will try; I'll check in on it";

    public static FeedbackCommandIntent Parse(string rest) => new ReviewPrepIntent(rest.Trim());
}

/// <summary>Builds the person's review-prep blocks for a period read in their own time zone (null: the period is not understood).</summary>
public sealed class ReviewPrepView(BuildReviewPrep prep, PersonClock clock, TimeProvider time)
{
    public async Task<System.Text.Json.Nodes.JsonArray?> BuildAsync(PersonRef person, string? since, CancellationToken ct)
    {
        var zone = (await clock.LoadAsync(person, ct)).Calendar.TimeZone;
        return ReviewPeriod.TryParse(since, time.GetUtcNow(), zone, out var start)
            ? GrowthText.ReviewPrep(await prep.BuildAsync(person, start, ct), zone)
            : null;
    }
}

/// <summary>The review-prep subcommand: an ephemeral summary only the person sees.</summary>
public sealed class ReviewPrepSubcommand(ReviewPrepView view) : IFeedbackSubcommand
{
    public async ValueTask<SlackAck> AckAsync(SlashCommand command, FeedbackCommandIntent intent, CancellationToken ct)
    {
        var since = SlackInbound.Decode((intent as ReviewPrepIntent)?.Since) ?? "";
        return await view.BuildAsync(command.Person, since, ct) is { } blocks
            ? SlackAck.Ephemeral("Your review prep (only you can see this)", blocks)
            : SlackAck.Ephemeral(GrowthWords.UnreadablePeriod(Mrkdwn.Safe(since, 40), "`/feedback review-prep 3 months`", "`/feedback review-prep 2026-01-01`"));
    }
}

/// <summary>Home "Review prep" button: the last 6 months' summary in a modal.</summary>
public sealed class HomeReviewPrepAction(ReviewPrepView view, ModalOpener modals) : IBlockActionHandler
{
    public const string ActionId = "home_review_prep";

    public ValueTask<SlackAck> AckAsync(Interaction interaction, BlockAction action, CancellationToken ct) =>
        ValueTask.FromResult(SlackAck.Ok.ThenRun());

    public async Task RunAsync(Interaction interaction, BlockAction action, object? state, CancellationToken ct)
    {
        var blocks = (await view.BuildAsync(interaction.Person, null, ct))!;
        await modals.OpenAsync(SlackRequester.Of(interaction), interaction.TriggerId,
            Bk.Modal("growth_review_prep", "Review prep", [.. blocks.Select(b => b!.DeepClone().AsObject())], close: "Close"), ct);
    }
}

/// <summary>"Ask for fresh feedback before your review": the request modal, its question prefilled.</summary>
public sealed class FreshFeedbackAction(RequestModalOpener opener) : IBlockActionHandler
{
    public const string ActionId = "growth_fresh_feedback";

    public const string Question = GrowthWords.FreshFeedbackQuestion;

    public ValueTask<SlackAck> AckAsync(Interaction interaction, BlockAction action, CancellationToken ct) =>
        ValueTask.FromResult(SlackAck.Ok.ThenRun());

    public Task RunAsync(Interaction interaction, BlockAction action, object? state, CancellationToken ct) =>
        opener.OpenAsync(SlackRequester.Of(interaction), interaction.TriggerId, RequestDraft.Empty with { Question = Question }, ct);
}
