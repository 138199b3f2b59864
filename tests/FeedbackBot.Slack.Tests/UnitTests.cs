using FeedbackBot.Core.Feedback;
using FeedbackBot.Slack.Blocks;
using FeedbackBot.Slack.Give;
using FeedbackBot.Slack.Text;

namespace FeedbackBot.Slack.Tests;

public sealed class FeedbackCommandParserTests
{
    [Theory]
    [InlineData("")]
    [InlineData("  give ")]
    [InlineData("GIVE")]
    public void Parse_EmptyOrGive_OpensModal(string text) =>
        Assert.Equal([], Assert.IsType<FeedbackCommandIntent.OpenGive>(FeedbackCommandParser.Parse(text)).Recipients);

    [Fact]
    public void Parse_MentionsWithAndWithoutNames_QuickGivesToAll()
    {
        var intent = Assert.IsType<FeedbackCommandIntent.QuickGive>(FeedbackCommandParser.Parse("<@U123|ann>, <@W456> <@U123> thanks for the review!"));
        Assert.Equal(["U123", "W456"], intent.Recipients);
        Assert.Equal("thanks for the review!", intent.Text);
    }

    [Fact]
    public void Parse_GiveWithMention_QuickGives() =>
        Assert.Equal("nice", Assert.IsType<FeedbackCommandIntent.QuickGive>(FeedbackCommandParser.Parse("give <@U1> nice")).Text);

    [Fact]
    public void Parse_MentionWithoutText_OpensModalForThem() =>
        Assert.Equal(["U9"], Assert.IsType<FeedbackCommandIntent.OpenGive>(FeedbackCommandParser.Parse("<@U9>")).Recipients);

    [Theory]
    [InlineData("inbox", typeof(FeedbackCommandIntent.Inbox))]
    [InlineData("help", typeof(FeedbackCommandIntent.Help))]
    [InlineData("banana split", typeof(FeedbackCommandIntent.Invalid))]
    [InlineData("@ann great job", typeof(FeedbackCommandIntent.Invalid))]
    [InlineData("<!subteam^S1|@devs> great job", typeof(FeedbackCommandIntent.Invalid))]
    [InlineData("<#C1|general> hi", typeof(FeedbackCommandIntent.Invalid))]
    [InlineData("inbox now", typeof(FeedbackCommandIntent.Invalid))]
    public void Parse_Words_MapToIntent(string text, Type expected) =>
        Assert.IsType(expected, FeedbackCommandParser.Parse(text));
}

public sealed class MrkdwnTests
{
    [Fact]
    public void Escape_ControlCharacters_AmpersandFirst() =>
        Assert.Equal("a &amp;lt; b &lt;!channel&gt; &lt;@U1&gt; &amp;", Mrkdwn.Escape("a &lt; b <!channel> <@U1> &"));

    [Fact]
    public void Truncate_NeverSplitsAnEntityOrSurrogate()
    {
        Assert.Equal("ab…", Mrkdwn.Truncate("ab&amp;cdef", 5));
        Assert.Equal("a…", Mrkdwn.Truncate("a😀bcd", 3));
        Assert.True(Mrkdwn.Truncate(new string('x', 5000), 3000).Length <= 3000);
    }

    [Theory]
    [InlineData("U123", true)]
    [InlineData("W1", true)]
    [InlineData("u123", false)]
    [InlineData("U1>", false)]
    [InlineData("!channel", false)]
    public void IsUserId_OnlySlackIds(string id, bool expected) => Assert.Equal(expected, Mrkdwn.IsUserId(id));
}

public sealed class QuickDraftTests
{
    [Fact]
    public void Encode_RoundTripsUnicodeText()
    {
        var draft = new QuickDraft(["U1", "U2"], "Danke für die Demo 🎉 <!here> & more", FeedbackKind.Constructive);
        var back = QuickDraft.Decode(draft.Encode());
        Assert.NotNull(back);
        Assert.Equal(draft.Recipients, back.Recipients);
        Assert.Equal(draft.Text, back.Text);
        Assert.Equal(draft.Kind, back.Kind);
    }

    [Fact]
    public void Encode_TypicalLongText_FitsInAButton()
    {
        // Varied English prose, not a repeated sentence that would compress unrealistically well.
        var words = ("in the planning meeting you summarised trade offs clearly which helped us decide faster and the team " +
            "felt heard when you asked quiet people for their view next time could share notes earlier so everyone " +
            "prepares customer demo release review incident retro sprint budget roadmap design").Split(' ');
        var random = new Random(7);
        var text = "";
        while (text.Length < 2900)
        {
            text += words[random.Next(words.Length)] + (random.Next(12) == 0 ? ". " : " ");
        }

        Assert.NotNull(new QuickDraft(["U1"], text[..2900], FeedbackKind.Praise).Encode());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-base64!!")]
    [InlineData("AAAA")]
    public void Decode_Garbage_ReturnsNull(string? value) => Assert.Null(QuickDraft.Decode(value));
}

public sealed class GiveModalTests
{
    public static TheoryData<FeedbackTemplate> Templates => [FeedbackTemplate.Free, FeedbackTemplate.Sbi, FeedbackTemplate.Sandwich, FeedbackTemplate.StartStopContinue];

    [Theory]
    [MemberData(nameof(Templates))]
    public void Build_EveryTemplate_ObeysSlackLimits(FeedbackTemplate template)
    {
        var parts = TemplateParts.For(template).ToDictionary(p => p, _ => new string('x', 5000));
        var view = GiveModal.Build(GiveDraft.Empty with
        {
            Template = template,
            Parts = parts,
            Source = new SourceLink("https://acme.slack.com/archives/C1/p1", new string('y', 5000)),
        }, new Coaching.DraftAdvice(true, [new string('z', 5000)]));

        ViewAssert.WithinSlackLimits(view);
        foreach (var part in TemplateParts.For(template))
        {
            Assert.Contains(view["blocks"]!.AsArray(), b => b!["block_id"]?.GetValue<string>() == GiveModal.PartBlock(part));
        }
    }
}
