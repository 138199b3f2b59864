using System.Globalization;
using FeedbackBot.Bench.Burst;
using FeedbackBot.Host.Tests;
using FeedbackBot.Redis;

namespace FeedbackBot.Bench.Memory;

/// <summary>
/// <c>idle-memory</c>: what a fresh, idle host costs the machine. Starts the Release host (embedded default, or an
/// external redis-server with <c>--storage redis</c>), waits for <c>/health/ready</c>, lets it idle, then reads for
/// the host and its storage child: <c>VmRSS</c>, <c>Pss</c> (shared pages divided among the processes that map
/// them, <c>/proc/PID/smaps_rollup</c>) and, as root, the exact number of distinct physical pages the processes hold
/// together (the union of the frames in <c>/proc/PID/pagemap</c> over their resident mappings). RSS counts the
/// runtime files both .NET processes map twice; the union counts them once.
/// <code>
/// idle-memory [--runs 3] [--idle 60] [--storage embedded|redis] [--set Key=Value]...
/// </code>
/// <c>--set</c> goes into the host's environment (<c>:</c> → <c>__</c>), so it reaches the storage child too,
/// e.g. <c>--set DOTNET_GCgen0size=0x100000</c>.
/// </summary>
internal static class IdleMemory
{
    private const int PageSize = 4096;

    public static async Task<int> RunAsync(string[] args)
    {
        var runs = 3;
        var idle = 60;
        var redis = false;
        var extra = new Dictionary<string, string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--runs": runs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--idle": idle = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--storage": redis = args[++i] == "redis"; break;
                case "--set":
                    var (key, value) = args[++i].Split('=', 2) is [var k, var v] ? (k, v) : throw new ArgumentException($"--set wants Key=Value, got '{args[i]}'");
                    extra[key] = value;
                    break;
                default:
                    Console.Error.WriteLine($"unknown argument '{args[i]}'");
                    return 2;
            }
        }

        Console.WriteLine($"idle-memory: {runs} run(s), {idle} s idle, storage {(redis ? "redis-server" : "embedded")}" +
            (extra.Count == 0 ? "" : ", " + string.Join(", ", extra.Select(e => $"{e.Key}={e.Value}"))));
        Console.WriteLine("run | host RSS | child RSS | RSS sum | host PSS | child PSS | PSS sum | distinct pages (MB)");
        for (var run = 1; run <= runs; run++)
        {
            var work = Directory.CreateTempSubdirectory("fb-idle-").FullName;
            RedisServerProcess? server = null;
            try
            {
                var settings = new Dictionary<string, string>(extra) { ["Storage:DataDirectory"] = Path.Combine(work, "data") };
                if (redis)
                {
                    server = new RedisServerProcess(LoopbackPort.Pick(), Path.Combine(work, "redis"));
                    server.Start();
                    await server.WaitReadyAsync(TimeSpan.FromSeconds(30));
                    settings["Storage:Redis"] = server.ConnectionString;
                }

                await using var host = HostProcess.Start(settings);
                await host.WaitReadyAsync(TimeSpan.FromSeconds(90));
                await Task.Delay(TimeSpan.FromSeconds(idle));

                var pids = new[] { host.ProcessId }.Concat(ProcessRss.Children(host.ProcessId)).ToArray();
                var rss = pids.Select(p => ProcessRss.VmRssMb(p) ?? 0).ToArray();
                var pss = pids.Select(PssMb).ToArray();
                var distinct = DistinctPagesMb(pids);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{run} | {rss[0]:0} | {(rss.Length > 1 ? rss[1] : 0):0} | {rss.Sum():0} | {pss[0]:0} | {(pss.Length > 1 ? pss[1] : 0):0} | {pss.Sum():0} | {(distinct is { } d ? d.ToString("0", CultureInfo.InvariantCulture) : "n/a (needs root)")}"));
            }
            finally
            {
                server?.Dispose();
                Directory.Delete(work, recursive: true);
            }
        }

        return 0;
    }

    /// <summary><c>Pss</c> of <c>/proc/PID/smaps_rollup</c> in MB.</summary>
    private static double PssMb(int pid) =>
        File.ReadLines($"/proc/{pid}/smaps_rollup")
            .Where(l => l.StartsWith("Pss:", StringComparison.Ordinal))
            .Select(l => double.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024)
            .FirstOrDefault();

    /// <summary>
    /// Distinct physical frames of every resident page of <paramref name="pids"/>, in MB; null when the kernel
    /// hides frame numbers (not root). pagemap: one 64-bit entry per virtual page, bit 63 = present, bits 0–54 =
    /// the frame (https://www.kernel.org/doc/Documentation/vm/pagemap.txt).
    /// </summary>
    private static double? DistinctPagesMb(IEnumerable<int> pids)
    {
        var frames = new HashSet<long>();
        var buffer = new byte[512 * 8];
        foreach (var pid in pids)
        {
            using var pagemap = File.OpenRead($"/proc/{pid}/pagemap");
            foreach (var (start, end) in ResidentRanges(pid))
            {
                for (var page = start / PageSize; page < end / PageSize; page += 512)
                {
                    var count = (int)Math.Min(512, end / PageSize - page);
                    pagemap.Position = page * 8;
                    pagemap.ReadExactly(buffer, 0, count * 8);
                    for (var i = 0; i < count; i++)
                    {
                        var entry = BitConverter.ToInt64(buffer, i * 8);
                        if (entry < 0) // bit 63: present
                        {
                            var frame = entry & ((1L << 55) - 1);
                            if (frame == 0)
                            {
                                return null;
                            }

                            frames.Add(frame);
                        }
                    }
                }
            }
        }

        return frames.Count * (double)PageSize / (1024 * 1024);
    }

    /// <summary>The mappings of <c>/proc/PID/smaps</c> with a non-zero <c>Rss</c>.</summary>
    private static IEnumerable<(long Start, long End)> ResidentRanges(int pid)
    {
        (long, long)? current = null;
        foreach (var line in File.ReadLines($"/proc/{pid}/smaps"))
        {
            var dash = line.IndexOf('-');
            var space = line.IndexOf(' ');
            if (dash > 0 && space > dash && long.TryParse(line.AsSpan(0, dash), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var start))
            {
                current = (start, long.Parse(line.AsSpan(dash + 1, space - dash - 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
            }
            else if (line.StartsWith("Rss:", StringComparison.Ordinal) && current is { } range
                && !line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1].Equals("0", StringComparison.Ordinal))
            {
                yield return range;
            }
        }
    }
}
