using System.Text.Json.Nodes;
using FeedbackBot.Core.Nudges;
using FeedbackBot.Core.People;
using FeedbackBot.Slack.Api;
using FeedbackBot.Slack.Background;
using FeedbackBot.Slack.Give;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Slack.Requests;

/// <summary>An opened modal: what views.update needs to change it later.</summary>
public sealed record OpenedView(string Id, string? Hash);

/// <summary>
/// Opens the request modal at once (trigger_id dies 3 s after Slack issued it). The default due date needs the
/// requester's zone (preferences, then users.info); that lookup gets a small slice of the budget and falls back
/// to UTC rather than lose the trigger.
/// </summary>
public sealed class RequestModalOpener(SlackBackgroundQueue queue, IOptions<SlackTimings> timings, TimeProvider time, ILogger<RequestModalOpener> logger)
{
    private static readonly TimeSpan ZoneLookupBudget = TimeSpan.FromMilliseconds(600);

    /// <summary>Starts the open; <paramref name="afterOpen"/> gets the view's id and hash once it is up.</summary>
    public Task<bool> Open(PersonRef requester, string? triggerId, RequestDraft draft, string? responseUrl,
        Func<IServiceProvider, OpenedView, DateOnly, CancellationToken, Task>? afterOpen = null)
    {
        if (string.IsNullOrEmpty(triggerId))
        {
            return Task.FromResult(false);
        }

        var started = time.GetUtcNow();
        return queue.RunNow(async (sp, stopping) =>
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            cts.CancelAfter(timings.Value.ViewsOpenTimeout);
            var due = await DefaultDueDateAsync(sp, requester, started, cts.Token);
            JsonObject reply;
            try
            {
                reply = await sp.GetRequiredService<SlackApiClient>().OpenViewAsync(requester.WorkspaceId, triggerId, RequestModal.Build(draft, due), cts.Token);
            }
            catch (Exception ex) when (ex is SlackApiException or OperationCanceledException)
            {
                logger.LogWarning(ex, "views.open of the request modal failed");
                await sp.GetRequiredService<ResponseUrlClient>().PostAsync(responseUrl, requester,
                    GiveService.EphemeralMessage("Slack was too slow to open the form. Please try again."), stopping);
                return false;
            }

            if (afterOpen is not null && reply["view"] is JsonObject view && view["id"]?.GetValue<string>() is { } id)
            {
                await afterOpen(sp, new OpenedView(id, view["hash"]?.GetValue<string>()), due, stopping);
            }

            return true;
        });
    }

    /// <summary>Three working days (Core's default) as a date in the requester's zone.</summary>
    public static async Task<DateOnly> DefaultDueDateAsync(IServiceProvider sp, PersonRef requester, DateTimeOffset now, CancellationToken ct)
    {
        var policy = sp.GetRequiredService<NudgePolicy>();
        var calendar = PersonCalendar.Default;
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
        budget.CancelAfter(ZoneLookupBudget);
        try
        {
            calendar = (await sp.GetRequiredService<PersonClock>().LoadAsync(requester, budget.Token)).Calendar;
        }
        catch (Exception ex) when (ex is PeopleLookupException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            // UTC is at most a day off; a lost trigger_id would lose the whole form.
        }

        return calendar.LocalDate(policy.DefaultDueAt(now, calendar));
    }
}
