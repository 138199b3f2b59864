using System.Text;
using FeedbackBot.Core.Coaching;

namespace FeedbackBot.Host.Cli;

/// <summary>A <see cref="CoachReport"/> as a short, readable block for a terminal.</summary>
internal static class CoachReportText
{
    public static string Format(CoachReport report)
    {
        var text = new StringBuilder();
        text.AppendLine($"{"language",-20}{report.Language} ({Source(report.LanguageSource)})");
        if (report.NothingToReview)
        {
            foreach (var tip in report.Tips) text.AppendLine(tip.Message);
            return text.ToString();
        }

        foreach (var (name, result) in report.Criteria)
        {
            var verdict = result.Verdict switch
            {
                Verdict.Met => "met",
                Verdict.Missing => "missing",
                _ => "n/a",
            };
            text.AppendLine($"{name,-11}{verdict,-9}{string.Join("; ", result.Evidence)}");
        }
        if (report.HasAdvice)
        {
            text.AppendLine();
            text.AppendLine("Tips:");
            foreach (var tip in report.Tips) text.AppendLine($"  - {tip.Message}");
        }
        else
        {
            text.AppendLine();
            text.AppendLine("Looks good: specific, explained and kind.");
        }
        return text.ToString();
    }

    private static string Source(LanguageSource source) => source switch
    {
        LanguageSource.Fixed => "as asked with --lang",
        LanguageSource.Text => "the draft is written in it",
        LanguageSource.Locale => "from the locale",
        LanguageSource.TextGuess => "the draft leans towards it",
        _ => "the default",
    };
}
