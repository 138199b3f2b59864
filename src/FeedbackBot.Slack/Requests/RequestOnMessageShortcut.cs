using FeedbackBot.Core.Requests;
using FeedbackBot.Slack.Api;
using FeedbackBot.Slack.Give;
using FeedbackBot.Slack.Inbound;

namespace FeedbackBot.Slack.Requests;

/// <summary>
/// Message shortcut "Ask for feedback": the request modal with the message quoted and linked. views.open goes
/// first (trigger_id lives 3 s); the thread's participants are read afterwards and, only if Slack answers,
/// offered with views.update. A rate-limited or refused read leaves the modal as it is.
/// </summary>
public sealed class RequestOnMessageShortcut(RequestModalOpener opener, ThreadReader reader, SlackApiClient api) : IShortcutHandler
{
    public const string CallbackId = "request_feedback_on_message";

    public ValueTask<SlackAck> AckAsync(Interaction interaction, CancellationToken ct) => ValueTask.FromResult(SlackAck.Ok.ThenRun());

    public async Task RunAsync(Interaction interaction, object? state, CancellationToken ct)
    {
        var about = GiveOnMessageShortcut.About(interaction);
        var draft = RequestDraft.Empty with { Source = about?.ToSource(interaction.TeamId, interaction.TeamDomain), About = about };
        if (await opener.OpenAsync(SlackRequester.Of(interaction), interaction.TriggerId, draft, ct) is not ({ } opened, var due)
            || interaction.Message is not { } message || interaction.ChannelId is not { } channel)
        {
            return;
        }

        var suggested = await reader.ParticipantsAsync(interaction.TeamId, channel, message.ThreadTs ?? message.Ts, interaction.UserId,
            RequestFeedback.MaxRecipients, ct);
        if (suggested.Count == 0)
        {
            return;
        }

        try
        {
            // The hash makes this fail rather than overwrite a modal the person already changed.
            await api.UpdateViewAsync(interaction.TeamId, opened.Id, opened.Hash, RequestModal.Build(draft, due, suggested), ct);
        }
        catch (SlackApiException)
        {
            // hash_conflict, view closed already: suggestions were a nicety.
        }
    }
}
