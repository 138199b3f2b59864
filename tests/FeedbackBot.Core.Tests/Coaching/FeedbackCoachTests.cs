using System.Diagnostics;
using System.Text;
using System.Text.Json;
using FeedbackBot.Core.Coaching;
using FeedbackBot.Core.Coaching.Languages;
using FeedbackBot.Core.Feedback;
using Microsoft.Extensions.Time.Testing;

namespace FeedbackBot.Core.Tests.Coaching;

public sealed class FeedbackCoachTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 18, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = DateOnly.FromDateTime(Now.UtcDateTime);
    private readonly FeedbackCoach _coach = new(new FakeTimeProvider(Now));

    private CoachReport Review(string text, FeedbackKind? kind = null) => _coach.Review(CoachDraft.FromText(text, kind));

    private static IEnumerable<string> Codes(CoachReport report) => report.Tips.Select(t => t.Code);

    [Fact]
    public void ReviewGoodConstructive_MeetsEveryCriterionWithEvidence()
    {
        var report = Review("In yesterday's standup you interrupted Maria twice, so she stopped sharing. Next time, could you let her finish?", FeedbackKind.Constructive);

        Assert.All(report.Criteria, c => Assert.Equal(Verdict.Met, c.Result.Verdict));
        Assert.Contains("occasion: \"standup\"", report.Specific.Evidence);
        Assert.Contains("reason: \", so\"", report.Why.Evidence);
        Assert.Contains("next time", report.Actionable.Evidence);
        Assert.False(report.HasAdvice);
    }

    [Fact]
    public void ReviewPurePraise_ActionableIsNotApplicable()
    {
        var report = Review("In Tuesday's demo you answered every question calmly, which made the client trust us.", FeedbackKind.Praise);

        Assert.Equal(Verdict.NotApplicable, report.Actionable.Verdict);
        Assert.Null(report.Actionable.Tip);
    }

    [Fact]
    public void ReviewVaguePraise_SpecificMissingWithVaguePraiseTip()
    {
        var report = Review("Great job!", FeedbackKind.Praise);

        Assert.Equal(Verdict.Missing, report.Specific.Verdict);
        Assert.Contains(report.Specific.Evidence, e => e.Contains("great job"));
        Assert.NotNull(report.Specific.Example);
        Assert.Contains("vague_praise", Codes(report));
    }

    [Theory]
    [InlineData("next time")]
    [InlineData("could you")]
    [InlineData("try")]
    [InlineData("i suggest")]
    [InlineData("what if")]
    public void ReviewConstructiveWithSuggestion_ActionableMet(string phrase)
    {
        var report = Review($"The report on Friday was late. {phrase} send a heads-up when a deadline slips", FeedbackKind.Constructive);

        Assert.Equal(Verdict.Met, report.Actionable.Verdict);
        Assert.Contains(phrase, report.Actionable.Evidence);
    }

    [Fact]
    public void ReviewPleaseHave_IsASuggestion()
    {
        // Regression: "have" once voided any suggestion before it, meant only for hindsight like "you could have".
        var report = Review("The deck on Monday had typos. Please have someone proofread it.", FeedbackKind.Constructive);

        Assert.Equal(Verdict.Met, report.Actionable.Verdict);
    }

    [Fact]
    public void ReviewHindsight_IsNotASuggestion()
    {
        var report = Review("You could have prepared better for Tuesday's interview.", FeedbackKind.Constructive);

        Assert.Equal(Verdict.Missing, report.Actionable.Verdict);
    }

    [Theory]
    [InlineData("You are lazy.", "label")]
    [InlineData("You're so careless with the release.", "label")]
    [InlineData("This is ridiculous.", "anger")]
    [InlineData("WHY IS THE BUILD BROKEN AGAIN", "anger")]
    [InlineData("The build is broken!!!", "anger")]
    [InlineData("Nice going, the build broke. Real smooth.", "sarcasm")]
    [InlineData("You never listen in the standup.", "label")]
    public void ReviewUnkindConstructive_KindMissingWithCode(string text, string code)
    {
        var report = Review(text, FeedbackKind.Constructive);

        Assert.Equal(Verdict.Missing, report.Kind.Verdict);
        Assert.Contains(code, Codes(report));
    }

    [Fact]
    public void ReviewEnthusiasticPraise_ExclamationsAreNotAnger()
    {
        var report = Review("Great demo on Tuesday!!! The client loved it.", FeedbackKind.Praise);

        Assert.Equal(Verdict.Met, report.Kind.Verdict);
    }

    [Fact]
    public void ReviewAcronyms_AreNotShouting()
    {
        var report = Review("The API docs and the SQL in your PR on Monday were clear, so QA finished early.", FeedbackKind.Praise);

        Assert.Equal(Verdict.Met, report.Kind.Verdict);
    }

    [Fact]
    public void ReviewLabelAboutWork_IsNotAPersonalLabel()
    {
        var report = Review("The migration plan on Monday was difficult to follow, so the team asked the same questions twice.", FeedbackKind.Constructive);

        Assert.Equal(Verdict.Met, report.Kind.Verdict);
    }

    [Theory]
    [InlineData("Your report was thorough and it always helps.", "absolute")]
    [InlineData("Sorry, it's probably just me, but the demo ran long.", "hedging")]
    [InlineData("Maybe the demo was just a bit long, I guess.", "hedging")]
    public void ReviewStyleIssues_AddTip(string text, string code)
    {
        Assert.Contains(code, Codes(Review(text)));
    }

    [Fact]
    public void ReviewLongDraft_AddsConciseTip()
    {
        var text = string.Join(" ", Enumerable.Repeat("In the demo you explained the plan well, so the client understood it.", 20));

        Assert.Contains("concise", Codes(Review(text)));
    }

    [Fact]
    public void ReviewStalePhrase_TimelyMissing()
    {
        var report = Review("Last quarter your sales report was really thorough.", FeedbackKind.Praise);

        Assert.Equal(Verdict.Missing, report.Timely.Verdict);
        Assert.Contains("last quarter", report.Timely.Evidence);
        Assert.Contains("stale", Codes(report));
    }

    [Fact]
    public void ReviewPossessiveTimePhrase_IsNotStale()
    {
        var report = Review("In this morning's call the slide had last year's numbers, so the client was confused.", FeedbackKind.Constructive);

        Assert.Equal(Verdict.Met, report.Timely.Verdict);
    }

    [Theory]
    [InlineData(14, Verdict.Met)]
    [InlineData(15, Verdict.Missing)]
    [InlineData(-2, Verdict.Met)]
    public void ReviewEventDate_UsesInjectedClock(int daysAgo, Verdict expected)
    {
        var draft = CoachDraft.FromText("In the demo you explained the roadmap, which helped sales.", FeedbackKind.Praise) with { EventDate = Today.AddDays(-daysAgo) };

        Assert.Equal(expected, _coach.Review(draft).Timely.Verdict);
    }

    [Fact]
    public void ReviewEventDate_FollowsTheClockAsItAdvances()
    {
        var time = new FakeTimeProvider(Now);
        var coach = new FeedbackCoach(time);
        var draft = CoachDraft.FromText("In the demo you explained the roadmap, which helped sales.", FeedbackKind.Praise) with { EventDate = Today };

        Assert.Equal(Verdict.Met, coach.Review(draft).Timely.Verdict);
        time.Advance(TimeSpan.FromDays(20));
        Assert.Equal(Verdict.Missing, coach.Review(draft).Timely.Verdict);
    }

    [Fact]
    public void ReviewSbiWithEmptyImpact_WhyMissingEvenIfBehaviourSaysSo()
    {
        var draft = new CoachDraft(FeedbackTemplate.Sbi, new Dictionary<string, string>
        {
            [TemplateParts.Situation] = "In Tuesday's planning",
            [TemplateParts.Behaviour] = "you wrote the estimates down, so everyone could see them",
            [TemplateParts.Impact] = "  ",
        }, FeedbackKind.Praise);

        var report = _coach.Review(draft);

        Assert.Equal(Verdict.Missing, report.Why.Verdict);
        Assert.Contains("the Impact field is empty", report.Why.Evidence);
        Assert.Equal(Verdict.Met, report.Specific.Verdict);
    }

    [Fact]
    public void ReviewSandwichWithoutMiddle_ActionableMissing()
    {
        var draft = new CoachDraft(FeedbackTemplate.Sandwich, new Dictionary<string, string>
        {
            [TemplateParts.Positive] = "Great demo on Tuesday",
            [TemplateParts.Closing] = "Keep it up",
        });

        var report = _coach.Review(draft);

        Assert.Equal(Verdict.Missing, report.Actionable.Verdict);
        Assert.Contains("the What could be better field is empty", report.Actionable.Evidence);
    }

    [Fact]
    public void ReviewStartStopContinue_StartIsANextStep()
    {
        var draft = new CoachDraft(FeedbackTemplate.StartStopContinue, new Dictionary<string, string>
        {
            [TemplateParts.Start] = "sending the agenda the day before the planning meeting",
        });

        var report = _coach.Review(draft);

        Assert.Equal(Verdict.Met, report.Actionable.Verdict);
    }

    [Fact]
    public void Review_IsDeterministic()
    {
        var text = LabelledDrafts.All[60].Draft;

        Assert.Equal(CoachReportJson.Serialize(_coach.Review(text)), CoachReportJson.Serialize(_coach.Review(text)));
    }

    [Fact]
    public void ReviewInParallel_GivesTheSameReports()
    {
        var expected = LabelledDrafts.All.Select(c => CoachReportJson.Serialize(_coach.Review(c.Draft))).ToArray();

        var actual = new string[expected.Length];
        Parallel.For(0, expected.Length * 20, i => actual[i % expected.Length] = CoachReportJson.Serialize(_coach.Review(LabelledDrafts.All[i % expected.Length].Draft)));

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void ReviewEveryLabelledDraft_TipsPassTheCoachsOwnKindCheck()
    {
        var tips = LabelledDrafts.All
            .Select(c => _coach.Review(c.Draft))
            .SelectMany(r => r.Tips.Select(t => t.Message).Concat(r.Criteria.SelectMany(c => new[] { c.Result.Tip, c.Result.Example })))
            .OfType<string>()
            .Distinct()
            .ToList();

        Assert.True(tips.Count >= 15, $"only {tips.Count} distinct tips sampled");
        Assert.All(tips, tip =>
        {
            Assert.Equal(Verdict.Met, Review(tip, FeedbackKind.Constructive).Kind.Verdict);
            Assert.Equal(Verdict.Met, Review(tip, FeedbackKind.Praise).Kind.Verdict);
        });
    }

    [Theory]
    [InlineData("en")]
    [InlineData("es")]
    [InlineData("de")]
    public void EveryMessageInTheLanguagePack_PassesTheKindCheck(string code)
    {
        var language = CoachLanguages.Find(code)!;
        var coach = new FeedbackCoach(new FakeTimeProvider(Now), language);
        var messages = typeof(CoachMessages).GetProperties().Select(p => (string)p.GetValue(language.Messages)!);

        Assert.All(messages, m => Assert.Equal(Verdict.Met, coach.Review(CoachDraft.FromText(m, FeedbackKind.Constructive)).Kind.Verdict));
    }

    [Fact]
    public void ReviewMissingCriteria_TipsOfferAnExampleOrANextStep()
    {
        var report = Review("Your work has been below expectations.", FeedbackKind.Constructive);

        foreach (var (_, result) in report.Criteria.Where(c => c.Result.Verdict == Verdict.Missing))
        {
            Assert.False(string.IsNullOrWhiteSpace(result.Tip));
            Assert.False(string.IsNullOrWhiteSpace(result.Example));
        }
    }

    [Fact]
    public void ReviewWithAnotherLanguagePack_UsesItsData()
    {
        // A language is only data: swapping the lists changes what counts, with no code change.
        var pirate = English.Language with
        {
            Code = "x-pirate",
            TimePhrases = [],
            SituationPhrases = ["voyage"],
            ImpactPhrases = ["arr"],
            Messages = English.Language.Messages with { SpecificTip = "Name the voyage, matey." },
        };
        var coach = new FeedbackCoach(new FakeTimeProvider(Now), pirate);

        var met = coach.Review(CoachDraft.FromText("On the voyage ye steered true, arr.", FeedbackKind.Praise));
        var missing = coach.Review(CoachDraft.FromText("In the demo ye steered true.", FeedbackKind.Praise));

        Assert.Equal(Verdict.Met, met.Specific.Verdict);
        Assert.Equal(Verdict.Met, met.Why.Verdict);
        Assert.Equal(Verdict.Missing, missing.Specific.Verdict);
        Assert.Equal("Name the voyage, matey.", missing.Specific.Tip);
    }

    public static TheoryData<string, string> BadInputs() => new()
    {
        { "empty", "" },
        { "whitespace", "   \n\t  " },
        { "emoji only", "🎉🎉🙂👍" },
        { "punctuation only", "!!!???...,,," },
        { "binary junk", Junk(4_000, seed: 1) },
        { "lone surrogates", "\uD800 great \uDC00 job \uD83D" },
        { "chinese", "在周二的演示中，你清楚地解释了计划，客户因此签了合同。" },
        { "arabic", "في العرض يوم الثلاثاء شرحت الخطة بوضوح" },
        { "cyrillic", "На демо во вторник ты отлично объяснил план." },
        { "nul bytes", "great\0job\0\0\0" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void ReviewBadInput_ReturnsAReportAndSerialises(string name, string text)
    {
        var report = Review(text);

        Assert.NotNull(report);
        Assert.DoesNotContain("internal_error", Codes(report));
        using var json = JsonDocument.Parse(CoachReportJson.Serialize(report));
        Assert.True(json.RootElement.TryGetProperty("nothing_to_review", out _), name);
    }

    [Theory]
    [InlineData("")]
    [InlineData("!!!???...")]
    [InlineData("\0\u0001\u0002\u0003")]
    public void ReviewNothingToReview_SaysSoClearly(string text)
    {
        var report = Review(text);

        Assert.True(report.NothingToReview);
        Assert.All(report.Criteria, c => Assert.Equal(Verdict.NotApplicable, c.Result.Verdict));
        Assert.Single(report.Tips);
    }

    // A reaction sent as feedback ("👍") is praise that names nothing: the tips say what to add.
    [Theory]
    [InlineData("👍")]
    [InlineData("👏👏👏")]
    [InlineData("🎉🎉🙂")]
    public void ReviewEmojiOnly_IsPraiseThatNamesNoMomentAndNoEffect(string text)
    {
        var report = Review(text);

        Assert.False(report.NothingToReview);
        Assert.Equal(Verdict.Missing, report.Specific.Verdict);
        Assert.Equal(Verdict.Missing, report.Why.Verdict);
        Assert.Equal(Verdict.NotApplicable, report.Actionable.Verdict);
        Assert.Equal(Verdict.Met, report.Kind.Verdict);
        Assert.Equal(Verdict.Met, report.Timely.Verdict);
        Assert.Contains("specific", Codes(report));
    }

    [Fact]
    public void ReviewOtherScript_SaysWhichLanguagesItCoaches()
    {
        Assert.Contains("other_language", Codes(Review("На демо во вторник ты отлично объяснил план.")));
    }

    [Fact]
    public void ReviewNullDraft_IsNothingToReview()
    {
        Assert.True(_coach.Review(null!).NothingToReview);
        Assert.True(_coach.Review(new CoachDraft(FeedbackTemplate.Free, null!)).NothingToReview);
    }

    [Fact]
    public void Review100KilobyteDraft_ReviewsFirstTenThousandCharactersQuickly()
    {
        var text = string.Concat(Enumerable.Repeat("In the demo you were clear, which helped. ", 2_500));
        Assert.True(text.Length > 100_000);

        var watch = Stopwatch.StartNew();
        var report = Review(text);
        watch.Stop();

        Assert.Contains("truncated", Codes(report));
        Assert.True(watch.ElapsedMilliseconds < 500, $"took {watch.ElapsedMilliseconds} ms");
    }

    [Theory]
    [InlineData("a")]
    [InlineData("you ")]
    [InlineData("!")]
    [InlineData("'s")]
    [InlineData(", ")]
    [InlineData("ALLCAPS ")]
    public void ReviewPathologicalRepetition_StaysFast(string unit)
    {
        // Repeated prefixes of phrases are what makes backtracking matchers blow up; here they must stay linear.
        var text = string.Concat(Enumerable.Repeat(unit, 100_000 / unit.Length));

        var watch = Stopwatch.StartNew();
        var report = Review(text);
        watch.Stop();

        Assert.NotNull(report);
        Assert.True(watch.ElapsedMilliseconds < 500, $"took {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void ReviewRandomJunk_NeverFails()
    {
        for (var seed = 0; seed < 300; seed++)
        {
            var report = Review(Junk(1 + seed * 7, seed));
            Assert.DoesNotContain("internal_error", Codes(report));
            CoachReportJson.Serialize(report);
        }
    }

    private static string Junk(int length, int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder(length);
        for (var i = 0; i < length; i++) text.Append((char)random.Next(0, 0x10000));
        return text.ToString();
    }
}
