using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Requests;
using FeedbackBot.Slack.Api;
using FeedbackBot.Slack.Background;
using FeedbackBot.Slack.Give;
using FeedbackBot.Slack.Http;
using FeedbackBot.Slack.Inbound;
using FeedbackBot.Slack.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace FeedbackBot.Slack.Requests;

/// <summary>
/// Message shortcut "Ask for feedback": the request modal with the message quoted and linked. views.open goes
/// first (trigger_id lives 3 s); the thread's participants are read afterwards in the background and, only if
/// Slack answers, offered with views.update. A rate-limited or refused read leaves the modal as it is.
/// </summary>
public sealed class RequestOnMessageShortcut(RequestModalOpener opener, SlackBackgroundQueue queue) : IShortcutHandler
{
    public const string CallbackId = "request_feedback_on_message";

    public Task<IResult> HandleAsync(Interaction interaction, CancellationToken ct)
    {
        var message = interaction.Message;
        var about = GiveOnMessageShortcut.About(interaction);
        var draft = RequestDraft.Empty with { Source = about?.ToSource(interaction.TeamId, interaction.TeamDomain), About = about };
        var channel = interaction.ChannelId;
        _ = opener.Open(interaction.Person, interaction.TriggerId, draft, interaction.ResponseUrl, (_, opened, due, _) =>
        {
            if (message is not null && channel is not null)
            {
                queue.Enqueue(async (sp, workCt) =>
                {
                    var suggested = await sp.GetRequiredService<ThreadReader>().ParticipantsAsync(interaction.TeamId, channel,
                        message.ThreadTs ?? message.Ts, interaction.UserId, RequestFeedback.MaxRecipients, workCt);
                    if (suggested.Count == 0)
                    {
                        return;
                    }

                    try
                    {
                        // The hash makes this fail rather than overwrite a modal the person already changed.
                        await sp.GetRequiredService<SlackApiClient>().UpdateViewAsync(interaction.TeamId, opened.Id, opened.Hash,
                            RequestModal.Build(draft, due, suggested), workCt);
                    }
                    catch (SlackApiException)
                    {
                        // hash_conflict, view closed already: suggestions were a nicety.
                    }
                });
            }

            return Task.CompletedTask;
        });
        return Task.FromResult(SlackReplies.Ack());
    }
}
