using FeedbackBot.Core.Ports;
using FeedbackBot.Web.Charts;
using FeedbackBot.Web.Insights;

namespace FeedbackBot.Web.Tests;

public sealed class ChartTests
{
    private static Chart Bars(params double?[] values) =>
        new("c", "T", "D", "", ChartKind.Bars, values.Select((_, i) => $"L{i}").ToArray(), [new ChartSeries("S", values)]);

    [Theory]
    [InlineData(0, 4)]
    [InlineData(3, 4)]
    [InlineData(7, 8)]
    [InlineData(11, 20)]
    [InlineData(99, 100)]
    [InlineData(101, 200)]
    [InlineData(1234, 2000)]
    public void NiceMax_IsARoundNumberAtOrAboveTheData(double data, double expected) =>
        Assert.Equal(expected, ChartGeometry.NiceMax(data));

    [Fact]
    public void Bars_HeightsAreProportional_GapsDrawNothing()
    {
        var g = ChartGeometry.For(Bars(2, null, 8));

        Assert.Equal(8, g.Max);
        Assert.Equal(2, g.Bars.Count);
        var (small, big) = (g.Bars[0], g.Bars[1]);
        Assert.Equal(big.Height / 4, small.Height, precision: 0);
        Assert.Equal(ChartGeometry.PlotBottom, big.Y + big.Height, precision: 0); // bars stand on the axis
        Assert.Equal("S, L2: 8", big.Tip);
    }

    [Fact]
    public void Percentages_UseAFixedHundredScale()
    {
        var chart = new Chart("c", "T", "D", "%", ChartKind.Lines, ["a", "b", "c", "d"], [new ChartSeries("S", [10, 20, null, 40])]);
        var g = ChartGeometry.For(chart);

        Assert.Equal(100, g.Max);
        Assert.Equal(["0", "25", "50", "75", "100"], g.YTicks.Select(t => t.Text));
        // The line breaks at the gap: one segment a→b, and d alone as a dot.
        Assert.Single(g.Lines, l => l.Points.Length > 0);
        Assert.Equal(3, g.Lines.Single(l => l.Dots.Count > 0).Dots.Count);
        Assert.Equal("no data", chart.Format(null));
        Assert.Equal("40 %", chart.Format(40));
    }

    [Fact]
    public void ManyLabels_AxisShowsEveryKth_TableKeepsAll()
    {
        var g = ChartGeometry.For(Bars(Enumerable.Range(0, 26).Select(i => (double?)i).ToArray()));
        Assert.Equal(9, g.XTicks.Count); // every 3rd of 26
    }

    [Fact]
    public void InsightsSeries_SuppressedCellsAreGapsThatSayWhy()
    {
        var series = new InsightsSeries("Given per week", "Items given.", "", [new("W1", 12, false), new("W2", null, true), new("W3", 3, true)]);
        var chart = InsightsPageModel.ToChart(series, 0, minGroupSize: 5);

        Assert.Equal([12, null, null], chart.Series[0].Values);
        Assert.Equal("fewer than 5 people", chart.Format(chart.Series[0].Values[1]));
        Assert.Contains("2 of 3 cells are hidden because they cover fewer than 5 people", chart.Description);
    }
}
