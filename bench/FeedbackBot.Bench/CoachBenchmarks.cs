using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using FeedbackBot.Core.Coaching;
using FeedbackBot.Core.Feedback;

namespace FeedbackBot.Bench;

/// <summary>
/// The coach runs while someone types (and on every submit), so a review must stay well under a millisecond.
/// The draft is a realistic 1,000-character constructive message that exercises every rule.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
// Not sealed: BenchmarkDotNet generates a class deriving from each benchmark class.
public class CoachBenchmarks
{
    private const string Sentence =
        "In yesterday's standup you interrupted Maria twice while she was explaining the bug, so she stopped sharing. " +
        "Next time, could you let her finish? It's not a big deal, but you always jump in!! ";

    private readonly FeedbackCoach _coach = new(TimeProvider.System);
    private CoachDraft _draft = null!;
    private CoachDraft _junk = null!;

    [GlobalSetup]
    public void Setup()
    {
        var text = string.Concat(Enumerable.Repeat(Sentence, 1_000 / Sentence.Length + 1))[..1_000];
        _draft = CoachDraft.FromText(text, FeedbackKind.Constructive);
        _junk = CoachDraft.FromText(string.Concat(Enumerable.Repeat("you ", 25_000)));
    }

    [Benchmark(Baseline = true)]
    public CoachReport Review1000Characters() => _coach.Review(_draft);

    /// <summary>Worst case: 100 KB of a phrase's first word, truncated to the 10,000 characters the coach reads.</summary>
    [Benchmark]
    public CoachReport Review100KbRepetition() => _coach.Review(_junk);

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddColumn(StatisticColumn.P95, new P99Column());
        }
    }

    /// <summary>BenchmarkDotNet ships P90/P95/P100 columns but no P99; this reads it from the same statistics.</summary>
    private sealed class P99Column : IColumn
    {
        public string Id => "P99";
        public string ColumnName => "P99";
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Statistics;
        public int PriorityInCategory => 10;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Time;
        public string Legend => "99th percentile of the measured iterations";
        public bool IsAvailable(Summary summary) => true;
        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var statistics = summary[benchmarkCase]?.ResultStatistics;
            return statistics is null ? "NA" : (statistics.Percentiles.Percentile(99) / 1000.0).ToString("N2", style.CultureInfo) + " μs";
        }
    }
}
