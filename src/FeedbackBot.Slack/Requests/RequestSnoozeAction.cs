using System.Globalization;
using FeedbackBot.Core.Nudges;
using FeedbackBot.Core.Requests;
using FeedbackBot.Slack.Home;
using FeedbackBot.Slack.Inbound;
using FeedbackBot.Slack.Text;

namespace FeedbackBot.Slack.Requests;

/// <summary>"Snooze 1 day": quiet until the start of the next working day, then told when, in the person's zone.</summary>
public sealed class RequestSnoozeAction(ClickedRequest clicked, SnoozeRequest snooze, PersonClock clock, PrivateReply reply, HomePublisher home)
    : IBlockActionHandler
{
    public const string ActionId = "request_snooze";

    public ValueTask<SlackAck> AckAsync(Interaction interaction, BlockAction action, CancellationToken ct) =>
        ValueTask.FromResult(SlackAck.Ok.ThenRun());

    public async Task RunAsync(Interaction interaction, BlockAction action, object? state, CancellationToken ct)
    {
        var person = interaction.Person;
        var who = SlackRequester.Of(interaction);
        if (await clicked.FindAsync(interaction, action, ct) is not { } request)
        {
            return;
        }

        var result = await snooze.RunAsync(request.Id, person, ct);
        if (result is not { Outcome: RecipientActionOutcome.Done, Until: { } until })
        {
            await reply.TellAsync(who, RequestService.Refusal(request, person) ?? "Nothing changed.", ct);
            return;
        }

        var zone = (await clock.LoadAsync(person, ct)).Calendar.TimeZone;
        await reply.TellAsync(who,
            $":zzz: Snoozed. I'll remind you about {Mrkdwn.Mention(request.Requester.UserId)}'s request {Local(until, zone)}.", ct);
        await home.RepublishIfFromHomeAsync(person, interaction.View?.Type == "home", ct);
    }

    /// <summary>"on Mon 1 Dec at 09:00 (Europe/Berlin)": the zone the snooze was computed in, named so nobody guesses.</summary>
    public static string Local(DateTimeOffset at, TimeZoneInfo zone) =>
        "on " + TimeZoneInfo.ConvertTime(at, zone).ToString("ddd d MMM 'at' HH:mm", CultureInfo.InvariantCulture) + $" ({Mrkdwn.Escape(zone.Id)})";
}
