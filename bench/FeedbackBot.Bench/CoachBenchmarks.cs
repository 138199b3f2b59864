using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using FeedbackBot.Core.Coaching;
using FeedbackBot.Core.Feedback;

namespace FeedbackBot.Bench;

/// <summary>
/// The coach runs while someone types (and on every submit), so a review must stay well under a millisecond in
/// every language. Each draft is a realistic constructive message that exercises every feature (time, occasion,
/// artefacts, actions, reasons, results, numbers, suggestions, hedges, shouting), repeated to length; the coach
/// detects its language as in production. The worst case is 100 KB of the first word of many phrases, of which
/// the coach reads the first 10,000 characters: 10× the 1,000-character work, not more, shows it is linear.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
// Not sealed: BenchmarkDotNet generates a class deriving from each benchmark class.
public class CoachBenchmarks
{
    private static readonly Dictionary<string, string> Sentences = new()
    {
        ["en"] = "In yesterday's standup you interrupted Maria twice while she was explaining the PAY-123 bug in README.md, so she stopped sharing. " +
            "You rewrote the billing job and we shipped a day early. Next time, could you let her finish? It's not a big deal, but you always jump in!! ",
        ["es"] = "En la daily de ayer interrumpiste dos veces a María mientras explicaba el fallo PAY-123 del README.md, así que dejó de contar su parte. " +
            "Reescribiste el job de facturación y lanzamos un día antes. La próxima vez, ¿podrías dejarla terminar? No es para tanto, pero siempre la cortas!! ",
        ["de"] = "Im Daily gestern hast du Maria zweimal unterbrochen, während sie den Fehler PAY-123 in der README.md erklärt hat, sodass sie abgebrochen hat. " +
            "Du hast den Abrechnungsjob neu geschrieben, und wir waren einen Tag früher fertig. Könntest du sie nächstes Mal ausreden lassen? Nicht so schlimm, aber du unterbrichst immer!! ",
    };

    private static readonly Dictionary<string, string> WorstUnits = new() { ["en"] = "you ", ["es"] = "la ", ["de"] = "du " };

    private readonly FeedbackCoach _coach = new(TimeProvider.System);
    private CoachDraft _draft = null!;
    private CoachDraft _draft10K = null!;
    private CoachDraft _junk = null!;

    [Params("en", "es", "de")]
    public string Language { get; set; } = "en";

    [GlobalSetup]
    public void Setup()
    {
        _draft = CoachDraft.FromText(Repeat(Sentences[Language], 1_000), FeedbackKind.Constructive);
        _draft10K = CoachDraft.FromText(Repeat(Sentences[Language], 10_000), FeedbackKind.Constructive);
        _junk = CoachDraft.FromText(Repeat(WorstUnits[Language], 100_000));
        var report = _coach.Review(_draft);
        if (report.Language != Language) throw new InvalidOperationException($"The {Language} draft was read as {report.Language}.");
    }

    [Benchmark(Baseline = true)]
    public CoachReport Review1000Characters() => _coach.Review(_draft);

    /// <summary>The same draft at the 10,000 characters the coach reads: about 10× the 1,000-character time if linear.</summary>
    [Benchmark]
    public CoachReport Review10000Characters() => _coach.Review(_draft10K);

    /// <summary>Worst case: 100 KB of a phrase's first word, truncated to the 10,000 characters the coach reads.</summary>
    [Benchmark]
    public CoachReport Review100KbRepetition() => _coach.Review(_junk);

    /// <summary>
    /// <c>coach-cpu</c>: CPU time per review, for a machine too busy for wall-clock figures (a shared host with a
    /// load average far above its core count stretches every wall-clock sample by the time the process waits
    /// for a core). Reviews the same drafts as the benchmarks on one thread and divides the process's CPU time
    /// by the number of reviews; also prints the fastest batch of 100 by wall clock and the bytes allocated per review.
    /// </summary>
    public static int CpuTiming()
    {
        var coach = new FeedbackCoach(TimeProvider.System);
        var cases = Sentences.Keys.SelectMany(language => new (string Language, string Name, CoachDraft Draft, int Count)[]
        {
            (language, "1,000 characters", CoachDraft.FromText(Repeat(Sentences[language], 1_000), FeedbackKind.Constructive), 20_000),
            (language, "10,000 characters", CoachDraft.FromText(Repeat(Sentences[language], 10_000), FeedbackKind.Constructive), 2_000),
            (language, "100 KB repetition", CoachDraft.FromText(Repeat(WorstUnits[language], 100_000)), 2_000),
        }).ToList();
        // Warm every case up before timing any: the runtime compiles hot methods again (tiered JIT) on background
        // threads, and that CPU time would otherwise be charged to whichever case runs first.
        for (var round = 0; round < 3; round++)
        {
            foreach (var c in cases)
            {
                for (var i = 0; i < c.Count / 10; i++) coach.Review(c.Draft);
            }
        }
        Console.WriteLine("language  case                   reviews  CPU µs/review  best wall µs/review (batch of 100)  bytes/review");
        foreach (var (language, name, draft, count) in cases)
        {
            var process = System.Diagnostics.Process.GetCurrentProcess();
            var cpuBefore = process.TotalProcessorTime;
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var best = double.MaxValue;
            for (var batch = 0; batch < count / 100; batch++)
            {
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                for (var i = 0; i < 100; i++) coach.Review(draft);
                best = Math.Min(best, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMicroseconds / 100);
            }
            var allocated = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / count;
            process.Refresh();
            var cpu = (process.TotalProcessorTime - cpuBefore).TotalMicroseconds / count;
            Console.WriteLine(FormattableString.Invariant($"{language,-9} {name,-22} {count,7}  {cpu,13:F1}  {best,10:F1}  {allocated,33:N0}"));
        }
        // Where the 1,000-character time goes: language detection alone (public API), and the review with the
        // language given (no detection).
        Console.WriteLine("language  part (1,000 characters)       reviews  CPU µs/review");
        foreach (var language in Sentences.Keys)
        {
            var text = Repeat(Sentences[language], 1_000);
            var draft = CoachDraft.FromText(text, FeedbackKind.Constructive);
            var fixedCoach = new FeedbackCoach(TimeProvider.System, CoachLanguages.Find(language));
            foreach (var (part, action) in new (string, Action)[]
            {
                ("detection only", () => CoachLanguages.Detect(text)),
                ("review, language given", () => fixedCoach.Review(draft)),
            })
            {
                for (var i = 0; i < 2_000; i++) action();
                var process = System.Diagnostics.Process.GetCurrentProcess();
                var cpuBefore = process.TotalProcessorTime;
                for (var i = 0; i < 20_000; i++) action();
                process.Refresh();
                var cpu = (process.TotalProcessorTime - cpuBefore).TotalMicroseconds / 20_000;
                Console.WriteLine(FormattableString.Invariant($"{language,-9} {part,-28} {20_000,8}  {cpu,13:F1}"));
            }
        }
        return 0;
    }

    private static string Repeat(string unit, int length) => string.Concat(Enumerable.Repeat(unit, length / unit.Length + 1))[..length];

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
