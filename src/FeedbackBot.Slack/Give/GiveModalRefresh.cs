using FeedbackBot.Core.Ratings;
using Microsoft.Extensions.Options;
using FeedbackBot.Core.Ports;
using FeedbackBot.Slack.Api;
using FeedbackBot.Slack.Coaching;
using FeedbackBot.Slack.Inbound;
using FeedbackBot.Slack.Views;

namespace FeedbackBot.Slack.Give;

/// <summary>
/// Live coach and template switch: every keystroke in a field (on_character_entered) and every template pick
/// re-renders the modal with views.update, through <see cref="LiveViewUpdates"/> (latest keystroke only, one
/// update in flight per view, no retries). The view's hash makes a stale update fail (hash_conflict) rather than
/// overwrite newer typing, and the next keystroke brings a fresh one. The ack only asks for the refresh; the
/// refresh runs on a fresh instance of this handler in the live queue's scope.
/// </summary>
public sealed class GiveModalRefresh(LiveViewUpdates live, IRequestStore requests, SlackApiClient api, IOptions<ValuesOptions> values, IDraftCoach? coach = null, GiverLocale? locale = null) : IBlockActionHandler
{
    public ValueTask<SlackAck> AckAsync(Interaction interaction, BlockAction action, CancellationToken ct)
    {
        if (interaction.View is { CallbackId: GiveModal.CallbackId } view && (coach is not null || action.ActionId == GiveModal.TemplateAction))
        {
            live.Request<GiveModalRefresh>(view.Id, (refresh, updateCt) => refresh.RefreshAsync(interaction, view, updateCt));
        }

        return ValueTask.FromResult(SlackAck.Ok);
    }

    /// <summary>Re-renders the modal from its current state, with the coach's tips.</summary>
    public async Task RefreshAsync(Interaction interaction, SlackView view, CancellationToken ct)
    {
        var draft = await GiveSubmission.WithRequestAsync(GiveModal.Read(view, interaction), interaction.Person, requests, ct);
        // After the ack, so the giver's locale may be looked up (once, then cached) when the draft's language is unclear.
        var giverLocale = coach is null || locale is null ? null : await locale.LookUpAsync(interaction.Person, draft.Content.PlainText, ct);
        var advice = coach?.Review(draft.Content, draft.Kind, giverLocale);
        await api.UpdateViewAsync(interaction.TeamId, view.Id, view.Hash, GiveModal.Build(draft, advice, draft.Values is null ? null : values.Value.Effective()), ct, live: true);
    }
}
