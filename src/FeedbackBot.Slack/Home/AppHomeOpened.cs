using FeedbackBot.Core.Digest;
using FeedbackBot.Slack.Inbound;

namespace FeedbackBot.Slack.Home;

/// <summary>
/// app_home_opened: publish a fresh Home tab (it fires on every open; the Messages tab is ignored), and keep
/// the weekly digest planned (first contact, changed time zone).
/// </summary>
public sealed class AppHomeOpened(HomePublisher home, ReminderTouch reminders) : ISlackEventHandler
{
    public const string EventType = "app_home_opened";

    public async Task HandleAsync(SlackEvent slackEvent, CancellationToken ct)
    {
        if (slackEvent.Event.Tab == "home" && slackEvent.UserId is { } user)
        {
            var person = SlackIds.Person(slackEvent.TeamId, user);
            await home.PublishAsync(person, ct);
            await reminders.TouchAsync(person, ct);
        }
    }
}
