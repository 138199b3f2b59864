using System.Globalization;

namespace FeedbackBot.Bench.Burst;

/// <summary>Resident memory and children of a process, read from Linux's /proc (null / empty elsewhere or once gone).</summary>
internal static class ProcessRss
{
    /// <summary><c>VmRSS</c> in MB.</summary>
    public static double? VmRssMb(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? null : Math.Round(double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>CPU time (user + system) the process has used so far, in seconds, from <c>/proc/{pid}/stat</c>.</summary>
    public static double? CpuSeconds(int pid)
    {
        try
        {
            // Fields after the ")" that ends the command name: state is field 3, utime 14 and stime 15 (clock ticks).
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return ticks / 100.0; // USER_HZ is 100 on Linux
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Direct children (from every thread's <c>children</c> list: a child belongs to the thread that started it).</summary>
    public static IReadOnlyList<int> Children(int pid)
    {
        try
        {
            return Directory.EnumerateDirectories($"/proc/{pid}/task")
                .SelectMany(t => File.ReadAllText(Path.Combine(t, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Select(c => int.Parse(c, CultureInfo.InvariantCulture))
                .Distinct()
                .ToArray();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
