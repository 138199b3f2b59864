using FeedbackBot.Core.Ports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FeedbackBot.Core.Growth;

public static class GrowthServiceCollectionExtensions
{
    /// <summary>
    /// The growth loop's use cases (themes, commitments, check-ins, review prep), its reader for the web page and its
    /// parts of a person's data for export and delete. The store (<see cref="IGrowthStore"/>) comes from storage.
    /// </summary>
    public static IServiceCollection AddFeedbackGrowth(this IServiceCollection services)
    {
        services.TryAddTransient<GrowthBook>();
        services.TryAddTransient<RunCheckIns>();
        services.TryAddTransient<BuildReviewPrep>();
        services.TryAddTransient<ReadGrowthOverview>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPersonalDataPart, GrowthThemesData>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPersonalDataPart, GrowthCommitmentsData>());
        return services;
    }
}
