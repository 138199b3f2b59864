using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Growth;
using FeedbackBot.Core.Ports;
using FeedbackBot.Core.Ratings;
using FeedbackBot.Teams.Cards;
using FeedbackBot.Teams.Growth;
using FeedbackBot.Teams.Received;
using FeedbackBot.Testing;
using FeedbackBot.Testing.Teams;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static FeedbackBot.Teams.Tests.TeamsTestHost;

namespace FeedbackBot.Teams.Tests;

/// <summary>
/// The growth loop on the delivered feedback card in Teams, through the real pipeline (signed invokes, the fake
/// connector): Reflect → a private commitment through Core's GrowthBook, and "Was it useful?" through Core's
/// RateFeedback (one rating per person and item, changeable), both only for the feedback's recipient.
/// </summary>
public sealed class GrowthFlowTests
{
    [Fact]
    public async Task DeliveredFeedback_CarriesReflectAndWasItUseful_BesideThankAndFollowUp()
    {
        await using var kit = await GrowthKit.StartAsync();

        var (_, card) = await kit.DeliveredAsync(Ana, Ben, GrowthKit.DelegationFeedback);

        var verbs = RequestKit.Executes(card).Select(b => (string?)b["verb"]).ToArray();
        Assert.Contains(ThankAction.Verb, verbs);
        Assert.Contains(ReflectOpenAction.Verb, verbs);
        Assert.Equal(2, verbs.Count(v => v == UsefulAction.Verb));
        Assert.Contains(GrowthWords.UsefulQuestion, RequestKit.Text(card));
    }

    [Fact]
    public async Task Reflect_SavesOnePrivateCommitment_WithTheSuggestedTheme_AndTheCheckInInTheRecipientsCalendar()
    {
        await using var kit = await GrowthKit.StartAsync();
        var (feedbackId, delivered) = await kit.DeliveredAsync(Ana, Ben, GrowthKit.DelegationFeedback);

        var form = await kit.ClickAsync(Ben, delivered, ReflectOpenAction.Verb);

        // The suggestion is picked in the select, with the word that suggested it; nothing is stored yet.
        Assert.Contains("Suggested because the feedback mentions “delegate”", RequestKit.Text(form));
        Assert.Equal(GrowthCards.NewThemePrefix + "Delegation", (string?)RequestKit.Input(form, GrowthCards.ThemeInput)["value"]);
        Assert.Empty(kit.Growth.All);

        var inputs = new JsonObject
        {
            [GrowthCards.TextInput] = GiveKit.Hostile,
            [GrowthCards.ThemeInput] = GrowthCards.NewThemePrefix + "Delegation",
            [GrowthCards.CheckInInput] = nameof(CheckInChoice.OneWeek),
        };
        var saved = await kit.ClickAsync(Ben, form, ReflectSaveAction.Verb, inputs);
        var again = await kit.ClickAsync(Ben, form, ReflectSaveAction.Verb, inputs);

        var commitment = Assert.Single(kit.Growth.All);
        Assert.Equal(Ben.Person, commitment.Owner);
        Assert.Equal(GiveKit.Hostile, commitment.Text);
        Assert.Equal(feedbackId, commitment.FeedbackId);
        Assert.Equal(CheckInChoice.OneWeek, commitment.CheckIn);
        // Monday 7 Dec + one week, when Ben's working hours open (UTC: his client reported no zone).
        Assert.Equal(new DateTimeOffset(2026, 12, 14, 9, 0, 0, TimeSpan.Zero), commitment.CheckInAt);
        var theme = Assert.Single(await kit.Growth.ListThemesAsync(Ben.Person, default));
        Assert.Equal("Delegation", theme.Name);
        Assert.Equal(theme.Id, commitment.ThemeId);
        Assert.Equal([feedbackId], theme.FeedbackIds);

        Assert.Contains("Saved, only for you", RequestKit.Text(saved));
        Assert.Contains("I'll check in on Mon 14 Dec at 09:00 (UTC)", RequestKit.Text(saved));
        RoutingTests.AssertUserTextOnlyInTextRuns(saved, GiveKit.Hostile);
        Assert.Contains("Saved already", RequestKit.Text(again));
        // Private: nothing of it reached the giver.
        Assert.DoesNotContain(kit.Host.Connector.PersonalMessages(Ana.Id), m => m.CardText.Contains(GiveKit.Hostile, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reflect_WithoutText_ComesBackWithTheProblem_AndBySomeoneElse_FindsNothing()
    {
        await using var kit = await GrowthKit.StartAsync();
        var (_, delivered) = await kit.DeliveredAsync(Ana, Ben, GrowthKit.DelegationFeedback);
        var form = await kit.ClickAsync(Ben, delivered, ReflectOpenAction.Verb);

        var empty = await kit.ClickAsync(Ben, form, ReflectSaveAction.Verb, new JsonObject { [GrowthCards.TextInput] = "  " });
        var byGiver = await kit.MessageAsync(Ana, ReflectSaveAction.Verb, GiveKit.Data(form, ReflectSaveAction.Verb, new JsonObject { [GrowthCards.TextInput] = "take over" }));
        var openByGiver = await kit.MessageAsync(Ana, ReflectOpenAction.Verb, GiveKit.Data(delivered, ReflectOpenAction.Verb));

        Assert.Contains(GrowthResult.Describe(GrowthProblem.EmptyText), RequestKit.Text(empty));
        Assert.NotNull(GiveKit.Find(empty, o => (string?)o["verb"] == ReflectSaveAction.Verb));
        Assert.Equal(ThankAction.NotFoundText, byGiver);
        Assert.Equal(ThankAction.NotFoundText, openByGiver);
        Assert.Empty(kit.Growth.All);
    }

    [Fact]
    public async Task WasItUseful_OneRatingPerPersonAndItem_Changeable_WithReasons()
    {
        await using var kit = await GrowthKit.StartAsync();
        var (feedbackId, delivered) = await kit.DeliveredAsync(Ana, Ben, GrowthKit.DelegationFeedback);

        var helpful = await kit.ClickAsync(Ben, delivered, UsefulAction.Verb, which: Helpful(true));
        await kit.ClickAsync(Ben, delivered, UsefulAction.Verb, which: Helpful(true));
        Assert.Equal<(bool, int)?>((true, 0), await kit.RatingAsync(Ben, feedbackId));
        Assert.Contains(GrowthWords.NotedHelpful(), RequestKit.Text(helpful));

        // A reason toggles on and shows picked; the card stays the delivered feedback.
        var reasoned = await kit.ClickAsync(Ben, helpful, UsefulReasonAction.Verb, which: Reason(UsefulReason.Specific));
        Assert.Equal([UsefulReason.Specific], (await kit.Ratings.GetAsync(Ben.Person, feedbackId, default))!.Reasons);
        Assert.NotNull(GiveKit.Find(reasoned, o => (string?)o["title"] == "✓ specific"));
        Assert.Contains(GrowthKit.DelegationFeedback, RequestKit.Text(reasoned));

        // Changed to "not really": the reasons go, still one rating.
        var changed = await kit.ClickAsync(Ben, reasoned, UsefulAction.Verb, which: Helpful(false));
        Assert.Equal<(bool, int)?>((false, 0), await kit.RatingAsync(Ben, feedbackId));
        Assert.Single(await kit.Ratings.ListAsync(Ben.Person, default));
        Assert.Contains(GrowthWords.NotedNotHelpful(), RequestKit.Text(changed));

        // The giver cannot rate it, and learns nothing.
        var byGiver = await kit.MessageAsync(Ana, UsefulAction.Verb, GiveKit.Data(delivered, UsefulAction.Verb));
        Assert.Equal(GrowthWords.OnlyRecipientRates, byGiver);
        Assert.Empty(await kit.Ratings.ListAsync(Ana.Person, default));
        Assert.DoesNotContain(kit.Host.Connector.PersonalMessages(Ana.Id), m => m.CardText.Contains("helpful", StringComparison.OrdinalIgnoreCase));
    }

    private static Func<JsonObject, bool> Helpful(bool yes) =>
        o => (string?)o["data"]?[GrowthCards.HelpfulKey] == (yes ? UsefulAction.Yes : UsefulAction.No);

    private static Func<JsonObject, bool> Reason(UsefulReason reason) => o => (string?)o["data"]?[GrowthCards.ReasonKey] == reason.ToString();
}

/// <summary>
/// A Teams host for the growth flows: a fake clock on Monday 7 December 2026 10:00 UTC, the in-memory growth,
/// rating and value-tag stores, background work stored until <see cref="RunWorkAsync"/>, and Ana, Ben and Cem installed.
/// </summary>
internal sealed class GrowthKit(TeamsTestHost host, FakeTimeProvider time, RecordingBackgroundWork work) : IAsyncDisposable
{
    public static readonly DateTimeOffset Monday = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);

    public const string DelegationFeedback = "You could delegate the weekly report to Sam, so you have time for the roadmap.";

    public TeamsTestHost Host { get; } = host;
    public FakeTimeProvider Time { get; } = time;
    public RecordingBackgroundWork Work { get; } = work;
    public InMemoryGrowthStore Growth => (InMemoryGrowthStore)Host.Services.GetRequiredService<IGrowthStore>();
    public IRatingStore Ratings => Host.Services.GetRequiredService<IRatingStore>();

    public static async Task<GrowthKit> StartAsync()
    {
        var time = new FakeTimeProvider(Monday);
        var work = new RecordingBackgroundWork();
        var host = await RequestKit.StartAsync(time, work, meetAll: true, more: services =>
        {
            services.AddSingleton<IGrowthStore>(new InMemoryGrowthStore());
            services.AddInMemoryDataRights();
        });
        return new GrowthKit(host, time, work);
    }

    /// <summary><paramref name="from"/> gives <paramref name="to"/> feedback (Core's give) and it is delivered; returns its id and the card in their 1:1.</summary>
    public async Task<(string FeedbackId, JsonObject Card)> DeliveredAsync(TestUser from, TestUser to, string text, bool anonymous = false, FeedbackKind kind = FeedbackKind.Constructive)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        if (anonymous)
        {
            var prefs = scope.ServiceProvider.GetRequiredService<IPreferencesStore>();
            await prefs.SaveAsync(to.Person, (await prefs.GetAsync(to.Person, default)) with { AcceptsAnonymous = true }, default);
        }

        var result = await scope.ServiceProvider.GetRequiredService<GiveFeedback>().GiveAsync(
            new GiveFeedbackCommand(from.Person, [to.Person], FeedbackContent.FromText(text), kind, Anonymous: anonymous), default);
        Assert.True(result.Succeeded, string.Join(", ", result.Problems.Select(p => p.Code)));
        var id = Assert.Single(result.Created).Id;
        Assert.Equal(DeliveryOutcome.Delivered, await Host.DeliverAsync(id));
        return (id, Host.Connector.PersonalMessages(to.Id).Last().Card!);
    }

    /// <summary>
    /// Clicks the button with <paramref name="verb"/> (the first, or the one <paramref name="which"/> picks) on
    /// <paramref name="card"/>, inputs merged into its data as Teams does; returns the card that replaces it.
    /// </summary>
    public async Task<JsonObject> ClickAsync(TestUser from, JsonObject card, string verb, JsonObject? inputs = null, Func<JsonObject, bool>? which = null, string? replyToId = null)
    {
        var (status, body) = await RequestKit.ExecuteAsync(Host, from, verb, GiveKit.Data(card, verb, inputs, which), replyToId);
        Assert.Equal(System.Net.HttpStatusCode.OK, status);
        return RequestKit.CardOf(body);
    }

    /// <summary>A click whose answer is a short message (the card stays); returns the message.</summary>
    public async Task<string?> MessageAsync(TestUser from, string verb, JsonObject data)
    {
        var (_, body) = await RequestKit.ExecuteAsync(Host, from, verb, data);
        Assert.Equal("application/vnd.microsoft.activity.message", (string?)body?["type"]);
        return (string?)body!["value"];
    }

    /// <summary>Ben reflects on a delivered card: text, a new theme, a check-in; returns the stored commitment.</summary>
    public async Task<Commitment> ReflectAsync(TestUser who, JsonObject delivered, string text, string theme, CheckInChoice checkIn)
    {
        var form = await ClickAsync(who, delivered, ReflectOpenAction.Verb);
        await ClickAsync(who, form, ReflectSaveAction.Verb, new JsonObject
        {
            [GrowthCards.TextInput] = text,
            [GrowthCards.ThemeInput] = "",
            [GrowthCards.NewThemeInput] = theme,
            [GrowthCards.CheckInInput] = checkIn.ToString(),
        });
        return Growth.All.Single(c => c.Text == text);
    }

    /// <summary>Helpful or not, and how many reasons, as stored for <paramref name="rater"/>.</summary>
    public async Task<(bool Helpful, int Reasons)?> RatingAsync(TestUser rater, string feedbackId) =>
        await Ratings.GetAsync(rater.Person, feedbackId, default) is { } r ? (r.Helpful, r.Reasons.Count) : null;

    /// <summary>One pass of the recurring check-in job (Core's RunCheckIns, as on Slack); returns how many were sent.</summary>
    public async Task<int> RunCheckInsAsync()
    {
        await using var scope = Host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RunCheckIns>().RunAsync(CancellationToken.None);
    }

    /// <summary>Plays the job server for the work stored after the answers so far.</summary>
    public Task<int> RunWorkAsync() => Work.RunPendingAsync(Host.Services);

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
