using System.Text.Json.Nodes;
using FeedbackBot.Core.Ports;
using FeedbackBot.Slack.Api;
using FeedbackBot.Slack.Blocks;
using FeedbackBot.Slack.Give;
using FeedbackBot.Slack.Inbound;
using FeedbackBot.Slack.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FeedbackBot.Slack.Web;

/// <summary><c>/feedback web</c>.</summary>
public sealed record WebIntent : FeedbackCommandIntent;

/// <summary>
/// <c>/feedback web</c>: a sign-in link to the web page, sent by DM (a link in a channel's ephemeral reply would be
/// one screenshot away from someone else). The link is issued during the ack, while the request that reached us
/// still says at which URL (when <c>Web:PublicBaseUrl</c> is not set); the DM goes out right after the ack, and if it
/// fails the person is told in the channel, privately.
/// </summary>
public sealed class WebSubcommand(IServiceProvider services, SlackApiClient slack, ResponseUrlClient responses, ILogger<WebSubcommand> logger) : IFeedbackSubcommand
{
    public const string Word = "web";
    public const string Usage = "`/feedback web` – a sign-in link to your growth page on the web (sent to you privately)";

    public static FeedbackCommandIntent Parse(string rest) =>
        rest.Trim().Length == 0 ? new WebIntent() : new FeedbackCommandIntent.Invalid("`/feedback web` takes nothing after it.");

    public async ValueTask<SlackAck> AckAsync(SlashCommand command, FeedbackCommandIntent intent, CancellationToken ct)
    {
        if (services.GetService<IWebSignInLinks>() is not { } links)
        {
            return SlackAck.Ephemeral("The web page isn't switched on here.");
        }

        var link = await links.IssueAsync(command.Person, ct);
        return SlackAck.Ephemeral("I'm sending you a sign-in link in a direct message. It works once, for 10 minutes.").ThenRun(link);
    }

    public async Task RunAsync(SlashCommand command, FeedbackCommandIntent intent, object? state, CancellationToken ct)
    {
        if (state is not WebSignInLink link)
        {
            return;
        }

        // The notification shows only the fallback text, so the URL is never in it.
        var blocks = new JsonArray(
            Bk.Section($"<{Mrkdwn.Escape(link.Url.AbsoluteUri)}|Open your growth page> (works once, for 10 minutes; don't share it)"),
            Bk.Context("Only you can see your page. To sign out, use the button at the top of the page."));
        try
        {
            await slack.SendDmAsync(command.TeamId, command.UserId, "Your sign-in link to FeedbackBot on the web", blocks, ct);
        }
        catch (Exception ex) when (ex is SlackApiException or HttpRequestException or TaskCanceledException)
        {
            logger.LogWarning("Could not DM the web sign-in link to {Person}: {Error}", command.Person.Key, ex.Message);
            await responses.PostAsync(command.ResponseUrl, GiveText.EphemeralMessage("I couldn't send you the link by direct message. Please try `/feedback web` again.", replaceOriginal: false), ct);
        }
    }
}
