using System.Text;
using FeedbackBot.Slack.Inbound;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace FeedbackBot.Slack.Http;

/// <summary>
/// The three Slack request URLs: HTTP only. Each reads the body the signature gate verified, hands it to the
/// transport-neutral <see cref="SlackDispatcher"/> (which Socket Mode feeds too) and writes its reply; the handler's
/// RunAsync starts once the response is complete. Bad input is a 400 or a friendly message, never a 500.
/// </summary>
internal static class SlackEndpoints
{
    internal static string Body(HttpContext http) =>
        Encoding.UTF8.GetString(http.Features.Get<SlackRawBody>()?.Bytes ?? []);

    public static async Task<IResult> CommandsAsync(HttpContext http, SlackDispatcher dispatcher) =>
        (await dispatcher.CommandAsync(SlashCommand.Parse(Body(http)), AfterAck.ResponseWritten(http), http.RequestAborted)).ToResult();

    public static async Task<IResult> InteractivityAsync(HttpContext http, SlackDispatcher dispatcher)
    {
        var form = QueryHelpers.ParseQuery(Body(http));
        var payload = form.TryGetValue("payload", out var value) ? value.ToString() : null;
        return (await dispatcher.InteractionAsync(payload, AfterAck.ResponseWritten(http), http.RequestAborted)).ToResult();
    }

    public static async Task<IResult> EventsAsync(HttpContext http, SlackDispatcher dispatcher) =>
        (await dispatcher.EventAsync(Body(http), http.RequestAborted)).ToResult();
}
