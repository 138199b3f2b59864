using FeedbackBot.Core;
using FeedbackBot.Core.DataRights;
using FeedbackBot.Core.Ports;
using FeedbackBot.Core.Ratings;
using Microsoft.Extensions.DependencyInjection;

namespace FeedbackBot.Redis.PersonalData;

public static class PersonalDataServiceCollectionExtensions
{
    /// <summary>
    /// Ratings, value tags, one-time links (export, web sign-in) and the year-in-feedback schedule in Redis, and one <see cref="IPersonalDataPart"/> per kind of personal
    /// data this project stores, so export and delete-my-data walk all of it. Needs <see cref="Keys"/> and the connection.
    /// </summary>
    public static IServiceCollection AddFeedbackPersonalData(this IServiceCollection services)
    {
        services.AddSingleton<PersonalKeys>();
        services.AddSingleton<IRatingStore, RedisRatingStore>();
        services.AddSingleton<IValueTagStore, RedisValueTagStore>();
        services.AddSingleton<IOneTimeLinkStore, RedisOneTimeLinkStore>(); // web sign-in links use them too
        services.AddTransient<OneTimeLinks>();
        services.AddTransient<ExportLinks>();
        services.AddTransient<RateFeedback>();
        services.AddSingleton<Core.YearInFeedback.IYearlySchedule, RedisYearlySchedule>();
        services.AddSingleton<IPersonalDataPart, ReceivedFeedbackPart>();
        services.AddSingleton<IPersonalDataPart, GivenFeedbackPart>();
        services.AddSingleton<IPersonalDataPart, RequestsPart>();
        services.AddSingleton<IPersonalDataPart, PreferencesPart>();
        services.AddSingleton<IPersonalDataPart, SchedulesPart>();
        services.AddSingleton<IPersonalDataPart, RatingsPart>();
        services.AddSingleton<IPersonalDataPart, ValuesPart>();
        services.AddSingleton<IPersonalDataPart, FiguresPart>();
        return services;
    }
}
