using System.Globalization;

namespace FeedbackBot.Web.Charts;

/// <summary>How a chart draws its series.</summary>
public enum ChartKind
{
    Bars,
    Lines,
}

/// <summary>One named series; a null value is a gap (no data, or a suppressed cell).</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<double?> Values);

/// <summary>
/// A chart as data: what the SVG draws, what its title and description say, and the data table shown as its
/// fallback. <see cref="GapText"/> is what a null cell says in the table ("no data", "fewer than 5 people").
/// </summary>
public sealed record Chart(
    string Id,
    string Title,
    string Description,
    string Unit,
    ChartKind Kind,
    IReadOnlyList<string> Labels,
    IReadOnlyList<ChartSeries> Series,
    string GapText = "no data")
{
    public bool IsEmpty => Series.All(s => s.Values.All(v => v is null));

    public string Format(double? value) => value is { } v
        ? (Unit == "%" ? v.ToString("0", CultureInfo.InvariantCulture) + " %" : v.ToString(v % 1 == 0 ? "0" : "0.0", CultureInfo.InvariantCulture) + (Unit.Length > 0 ? " " + Unit : ""))
        : GapText;
}

/// <summary>A bar to draw (series index for its colour class), a line's points, an axis tick.</summary>
public sealed record SvgBar(int Series, double X, double Y, double Width, double Height, string Tip);

public sealed record SvgLine(int Series, string Points, IReadOnlyList<(double X, double Y, string Tip)> Dots);

public sealed record SvgTick(double Pos, string Text);

/// <summary>
/// The geometry of a chart in a fixed 640×260 view box (scaled by CSS): y axis with "nice" ticks starting at 0,
/// one slot per label on x, grouped bars or one polyline per series (broken at gaps). Pure and deterministic, so
/// it is unit-tested without a browser.
/// </summary>
public sealed class ChartGeometry
{
    public const double Width = 640, Height = 260, Left = 48, Right = 12, Top = 12, Bottom = 36;

    private ChartGeometry(double max, IReadOnlyList<SvgTick> yTicks, IReadOnlyList<SvgTick> xTicks, IReadOnlyList<SvgBar> bars, IReadOnlyList<SvgLine> lines)
    {
        Max = max;
        YTicks = yTicks;
        XTicks = xTicks;
        Bars = bars;
        Lines = lines;
    }

    public double Max { get; }
    public IReadOnlyList<SvgTick> YTicks { get; }
    public IReadOnlyList<SvgTick> XTicks { get; }
    public IReadOnlyList<SvgBar> Bars { get; }
    public IReadOnlyList<SvgLine> Lines { get; }

    public static double PlotBottom => Height - Bottom;

    public static ChartGeometry For(Chart chart)
    {
        var n = Math.Max(1, chart.Labels.Count);
        var dataMax = chart.Series.SelectMany(s => s.Values).Where(v => v is not null).Select(v => v!.Value).DefaultIfEmpty(0).Max();
        var max = chart.Unit == "%" ? 100 : NiceMax(dataMax);
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        var slot = plotWidth / n;
        double Y(double v) => Math.Round(Top + plotHeight * (1 - v / max), 1);
        double Center(int i) => Math.Round(Left + slot * (i + 0.5), 1);

        var yTicks = Enumerable.Range(0, 5).Select(i => max * i / 4)
            .Select(v => new SvgTick(Y(v), v.ToString(v % 1 == 0 ? "0" : "0.#", CultureInfo.InvariantCulture))).ToArray();
        // Every label when they fit, else every k-th (the table lists them all).
        var step = (int)Math.Ceiling(n / 12.0);
        var xTicks = chart.Labels.Select((l, i) => (l, i)).Where(x => x.i % step == 0).Select(x => new SvgTick(Center(x.i), x.l)).ToArray();

        var bars = new List<SvgBar>();
        var lines = new List<SvgLine>();
        var seriesCount = Math.Max(1, chart.Series.Count);
        for (var s = 0; s < chart.Series.Count; s++)
        {
            var series = chart.Series[s];
            if (chart.Kind == ChartKind.Bars)
            {
                var barWidth = slot * 0.8 / seriesCount;
                for (var i = 0; i < Math.Min(n, series.Values.Count); i++)
                {
                    if (series.Values[i] is not { } v)
                    {
                        continue;
                    }

                    var x = Left + slot * i + slot * 0.1 + barWidth * s;
                    bars.Add(new SvgBar(s, Math.Round(x, 1), Y(v), Math.Round(barWidth, 1), Math.Round(PlotBottom - Y(v), 1),
                        $"{series.Name}, {chart.Labels[i]}: {chart.Format(v)}"));
                }
            }
            else
            {
                // One polyline per unbroken run; a lone point still gets its dot.
                var run = new List<string>();
                var dots = new List<(double, double, string)>();
                void Flush()
                {
                    if (run.Count > 1)
                    {
                        lines.Add(new SvgLine(s, string.Join(' ', run), []));
                    }

                    run.Clear();
                }

                for (var i = 0; i < Math.Min(n, series.Values.Count); i++)
                {
                    if (series.Values[i] is not { } v)
                    {
                        Flush();
                        continue;
                    }

                    run.Add(string.Create(CultureInfo.InvariantCulture, $"{Center(i)},{Y(v)}"));
                    dots.Add((Center(i), Y(v), $"{series.Name}, {chart.Labels[i]}: {chart.Format(v)}"));
                }

                Flush();
                lines.Add(new SvgLine(s, "", dots));
            }
        }

        return new ChartGeometry(max, yTicks, xTicks, bars, lines);
    }

    /// <summary>The smallest of 1, 2, 2.5, 5 × 10^k at or above <paramref name="value"/> (at least 4, so ticks stay whole).</summary>
    public static double NiceMax(double value)
    {
        if (value <= 4)
        {
            return 4;
        }

        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var f in new[] { 1, 2, 2.5, 4, 5, 8, 10 })
        {
            if (f * magnitude >= value)
            {
                return f * magnitude;
            }
        }

        return 10 * magnitude;
    }
}
