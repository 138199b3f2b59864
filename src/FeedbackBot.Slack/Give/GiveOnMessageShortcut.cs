using FeedbackBot.Slack.Inbound;
using FeedbackBot.Slack.Text;
using FeedbackBot.Slack.Views;

namespace FeedbackBot.Slack.Give;

/// <summary>Message shortcut "Give feedback on this message": the modal with the author picked and a link back.</summary>
public sealed class GiveOnMessageShortcut(ModalOpener modals) : IShortcutHandler
{
    public const string CallbackId = "give_feedback_on_message";

    public ValueTask<SlackAck> AckAsync(Interaction interaction, CancellationToken ct) => ValueTask.FromResult(SlackAck.Ok.ThenRun());

    public Task RunAsync(Interaction interaction, object? state, CancellationToken ct)
    {
        var about = About(interaction);
        var author = about?.Author;
        var draft = GiveDraft.Empty with
        {
            // Your own message: leave the recipient open rather than prefill a choice that can only fail.
            Recipients = author is not null && author != interaction.UserId ? [author] : [],
            Source = about?.ToSource(interaction.TeamId, interaction.TeamDomain),
            About = about,
        };
        return modals.OpenAsync(SlackRequester.Of(interaction), interaction.TriggerId, GiveModal.Build(draft), ct);
    }

    /// <summary>The shortcut's message by ids, with its text decoded once (Slack escaped it) as the excerpt.</summary>
    public static MessageRef? About(Interaction interaction) =>
        interaction.Message is { } message
            ? MessageRef.Create(interaction.ChannelId, message.Ts, message.ThreadTs, message.UserId, SlackInbound.Decode(message.Text))
            : null;

    /// <summary>
    /// Slack's permalink shape, built locally: chat.getPermalink would cost a Web API call before views.open,
    /// and the trigger_id only lives 3 s.
    /// </summary>
    public static string? Permalink(string? teamDomain, string? channelId, SlackMessage message)
    {
        if (string.IsNullOrEmpty(teamDomain) || string.IsNullOrEmpty(channelId)
            || !teamDomain.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')
            || !channelId.All(char.IsAsciiLetterOrDigit))
        {
            return null;
        }

        var url = $"https://{teamDomain}.slack.com/archives/{channelId}/p{message.Ts.Replace(".", "", StringComparison.Ordinal)}";
        return message.ThreadTs is { } thread && thread != message.Ts
            ? $"{url}?thread_ts={Uri.EscapeDataString(thread)}&cid={channelId}"
            : url;
    }
}
