using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using FeedbackBot.Core;
using FeedbackBot.Core.Coaching;
using FeedbackBot.Core.Insights;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;
using FeedbackBot.Redis;
using FeedbackBot.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FeedbackBot.Bench.Web;

/// <summary>
/// <c>web [--items 1000] [--requests 300] [--redis host:port]</c>: the growth page of a person with many feedback
/// items, served by the real web pipeline (Kestrel on loopback, cookie session checked in storage, Razor rendering)
/// over real Redis-protocol storage (embedded Garnet unless <c>--redis</c>). Reports the page's and its stylesheet's
/// bytes, the first (cold) request, and time to first byte p50/p99 over sequential requests. The items are saved
/// straight to storage (their figures counted as they are saved, not marked complete), so the first view runs the
/// one-time backfill, as it would for data from before figures were kept.
/// </summary>
public static partial class WebScenario
{
    public static async Task<int> RunAsync(string[] args)
    {
        var items = Arg(args, "--items", 1000);
        var requests = Arg(args, "--requests", 300);
        var external = args.SkipWhile(a => a != "--redis").Skip(1).FirstOrDefault();
        var dataDir = Path.Combine(Path.GetTempPath(), "feedbackbot-web-bench-" + Guid.NewGuid().ToString("N"));
        var garnet = external is null ? EmbeddedGarnet.Start(dataDir, 0) : null;
        try
        {
            return await RunAsync(items, requests, external ?? garnet!.ConnectionString, external is null ? "embedded Garnet (in-process, AOF)" : $"redis at {external}");
        }
        finally
        {
            garnet?.Dispose();
            try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task<int> RunAsync(int items, int requests, string connection, string storage)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Redis"] = connection,
            ["Storage:KeyPrefix"] = "fbweb" + Environment.ProcessId,
        });
        builder.Services.AddTransient<IPeopleDirectory, NamedPeople>(); // names as from a warm directory cache
        builder.AddFeedbackStorage();
        builder.AddFeedbackInstallations();
        builder.Services.AddFeedbackCore();
        builder.AddFeedbackWeb();
        await using var app = builder.Build();
        await app.Services.StartStorageAsync();
        app.MapFeedbackWeb();
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());

        var me = new PersonRef(Platform.Slack, "T1", "U1");
        var store = app.Services.GetRequiredService<IFeedbackStore>();
        var time = TimeProvider.System;
        var now = time.GetUtcNow();
        var rng = new Random(42);
        string[] texts =
        [
            "In Tuesday's demo you walked the client through the rollback plan step by step, which calmed them down.",
            "Thanks for reviewing my pull request within the hour yesterday; it unblocked the release.",
            "In Monday's planning the estimates came late; next time could you share them the day before?",
            "great job",
        ];
        // Each item carries the coach's verdict, as GiveFeedback stores it.
        var coach = app.Services.GetRequiredService<FeedbackCoach>();
        FeedbackItem Item(PersonRef from, PersonRef to, int i)
        {
            var content = FeedbackContent.FromText(texts[i % texts.Length]);
            var kind = i % 4 == 2 ? FeedbackKind.Constructive : FeedbackKind.Praise;
            return new(Ids.New(time, me.Workspace), from, to, content, kind, FeedbackVisibility.Private, i % 7 == 0, null, null,
                now.AddMinutes(-rng.Next(0, 365 * 24 * 60)), DeliveryStatus.Delivered, Coach: CoachVerdicts.Of(coach, content, kind));
        }

        var received = Enumerable.Range(0, items).Select(i => Item(new PersonRef(Platform.Slack, "T1", $"U{2 + i % 20}"), me, i)).ToArray();
        var given = Enumerable.Range(0, items / 3).Select(i => Item(me, new PersonRef(Platform.Slack, "T1", $"U{2 + i % 20}"), i)).ToArray();
        foreach (var chunk in received.Concat(given).Chunk(100))
        {
            await store.SaveAsync(chunk, now.AddYears(1), CancellationToken.None);
        }

        using var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = address };
        var link = await app.Services.GetRequiredService<IWebSignInLinks>().IssueAsync(me, CancellationToken.None);
        var continuePage = await http.GetStringAsync(link.Url.PathAndQuery);
        var token = WebUtility.HtmlDecode(Field().Match(continuePage).Groups[1].Value);
        using (var signIn = await http.PostAsync(link.Url.PathAndQuery, new FormUrlEncodedContent([new("__af", token)])))
        {
            if (signIn.StatusCode != HttpStatusCode.SeeOther) throw new InvalidOperationException($"sign-in answered {signIn.StatusCode}");
        }

        var (coldMs, _) = await FirstByteAsync(http, "/app");
        var page = await http.GetByteArrayAsync("/app");
        var cssUrl = CssLink().Match(System.Text.Encoding.UTF8.GetString(page)).Groups[1].Value;
        var css = await http.GetByteArrayAsync(WebUtility.HtmlDecode(cssUrl));
        for (var i = 0; i < 20; i++) await FirstByteAsync(http, "/app"); // warm-up
        var ttfb = new List<double>();
        var total = new List<double>();
        // CPU time of the whole process per request: on a shared, loaded machine wall-clock figures mostly measure the queue.
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        for (var i = 0; i < requests; i++)
        {
            var (first, all) = await FirstByteAsync(http, "/app");
            ttfb.Add(first);
            total.Add(all);
        }

        var cpuPerRequest = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / requests;
        // Where the time goes: the page's storage reads alone (the figures hash and one page of the timeline).
        var figures = app.Services.GetRequiredService<IGrowthFigures>();
        var reads = new List<double>();
        for (var i = 0; i < 50; i++)
        {
            var watch = Stopwatch.StartNew();
            await Task.WhenAll(figures.GetAsync(me, CancellationToken.None), figures.ListReceivedAsync(me, null, null, 26, CancellationToken.None));
            reads.Add(watch.Elapsed.TotalMilliseconds);
        }

        reads.Sort();

        ttfb.Sort();
        total.Sort();
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine($"web scenario: {items:N0} received + {given.Length:N0} given items, {storage}, {Environment.ProcessorCount} cores");
        Console.WriteLine(string.Create(inv, $"page /app: {page.Length:N0} bytes HTML + {css.Length:N0} bytes CSS = {page.Length + css.Length:N0} bytes (no other asset)"));
        Console.WriteLine(string.Create(inv, $"first request (cold: JIT, and the one-time count of the figures from all {items + given.Length:N0} items): {coldMs:F1} ms to first byte"));
        Console.WriteLine(string.Create(inv, $"{requests} sequential requests: first byte p50 {P(ttfb, 0.50):F1} ms, p99 {P(ttfb, 0.99):F1} ms, max {ttfb[^1]:F1} ms; whole page p50 {P(total, 0.50):F1} ms, p99 {P(total, 0.99):F1} ms"));
        Console.WriteLine(string.Create(inv, $"CPU per request (client and server in one process): {cpuPerRequest:F1} ms; the page's storage reads alone (figures + 26 items): p50 {P(reads, 0.5):F1} ms"));
        Console.WriteLine(string.Create(inv, $"load average during the run: {File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
        await app.StopAsync();
        return 0;
    }

    private static async Task<(double FirstByte, double Total)> FirstByteAsync(HttpClient http, string path)
    {
        var watch = Stopwatch.StartNew();
        using var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[16 * 1024];
        var first = await body.ReadAsync(buffer);
        var firstByte = watch.Elapsed.TotalMilliseconds;
        while (first > 0) first = await body.ReadAsync(buffer);
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"/app answered {response.StatusCode}");
        return (firstByte, watch.Elapsed.TotalMilliseconds);
    }

    private static double P(List<double> sorted, double q) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];

    private static int Arg(string[] args, string name, int fallback) =>
        args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() is { } v && int.TryParse(v, out var n) ? n : fallback;

    [GeneratedRegex("name=\"__af\" value=\"([^\"]+)\"")]
    private static partial Regex Field();

    [GeneratedRegex("<link rel=\"stylesheet\" href=\"([^\"]+)\"")]
    private static partial Regex CssLink();

    private sealed class NamedPeople : IPeopleDirectory
    {
        public Task<PersonProfile?> GetProfileAsync(PersonRef person, CancellationToken ct) =>
            Task.FromResult<PersonProfile?>(new PersonProfile(person, "Person " + person.UserId, "Europe/Berlin", false));
    }
}
