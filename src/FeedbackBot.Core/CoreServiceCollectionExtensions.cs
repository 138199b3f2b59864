using FeedbackBot.Core.Coaching;
using FeedbackBot.Core.Digest;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Growth;
using FeedbackBot.Core.Limits;
using FeedbackBot.Core.Messaging;
using FeedbackBot.Core.Nudges;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Core.Requests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FeedbackBot.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers Core's use cases. Storage, scheduling, people lookup and messengers come from the adapters.
    /// </summary>
    public static IServiceCollection AddFeedbackCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ChatMessengers>();
        services.TryAddTransient<IPeopleDirectory, PeopleDirectories>();
        services.TryAddSingleton<FeedbackCoach>();
        services.TryAddTransient<GiveFeedback>();
        services.TryAddTransient<DeliverFeedback>();
        services.TryAddTransient<SweepDeliveries>();
        services.TryAddTransient<RunOutboxEntry>();
        services.TryAddTransient<DeliverRequestNotice>();
        services.AddOptions<DeliveryOptions>();
        services.AddOptions<NudgeOptions>();
        services.AddOptions<DigestOptions>();
        services.AddOptions<LimitsOptions>();
        services.TryAddTransient<PersonLimits>();
        // Storage registers the shared limiter (Redis: one count for every host); without storage there are no limits.
        services.TryAddSingleton<IUsageLimiter, NoUsageLimits>();
        services.TryAddSingleton<NudgePolicy>();
        services.TryAddSingleton<WeeklyReminderPlanner>();
        services.TryAddTransient<PersonClock>();
        services.TryAddTransient<RequestFollowUp>();
        services.TryAddTransient<RequestFeedback>();
        services.TryAddTransient<AnswerRequest>();
        services.TryAddTransient<DeclineRequest>();
        services.TryAddTransient<SnoozeRequest>();
        services.TryAddTransient<PendingOverview>();
        services.TryAddTransient<RunNudges>();
        services.TryAddTransient<BuildWeeklyDigest>();
        services.TryAddTransient<PlanWeeklyReminder>();
        services.TryAddTransient<ReminderTouch>();
        services.TryAddSingleton<ISendPacer, DigestSendPacer>();
        services.TryAddTransient<RunDueReminders>();
        services.TryAddTransient<DeliverWeeklyDigest>();
        services.AddFeedbackGrowth();
        // Data rights (issue 13); ExportLinks and RateFeedback are registered by storage with their stores.
        services.AddOptions<DataRights.DataRightsOptions>();
        services.AddOptions<Ratings.ValuesOptions>();
        services.TryAddTransient<DataRights.ExportPersonalData>();
        services.TryAddTransient<DataRights.DeletePersonalData>();
        services.AddOptions<YearInFeedback.YearInFeedbackOptions>();
        // Storage registers the shared schedule; without storage nobody can opt in.
        services.TryAddSingleton<YearInFeedback.IYearlySchedule, YearInFeedback.NoYearlySchedule>();
        services.TryAddTransient<YearInFeedback.YearInFeedbackRun>();
        return services;
    }
}
