using FeedbackBot.Core.People;

namespace FeedbackBot.Core.Tests.People;

public sealed class PersonRefTests
{
    [Theory]
    [InlineData(Platform.Slack, "T024BE7LD", "U0G9QF9C6")]
    [InlineData(Platform.Teams, "72f988bf-86f1-41af-91ab-2d7cd011db47", "29:1GcS4EyB_oSI8A88XmWBN7NJFyMqe3QGnJdgLfFGkJnVelzRGos0bPbpsfJjcbAD22bmKc4GMbrY2g4JDrWA8vQ")]
    public void Key_RoundTripsThroughParse(Platform platform, string workspace, string user)
    {
        var person = new PersonRef(platform, workspace, user);

        Assert.Equal(person, PersonRef.Parse(person.Key));
    }

    [Theory]
    [InlineData("")]
    [InlineData("slack:T1")]
    [InlineData("irc:T1:U1")]
    public void Parse_MalformedKeyThrowsFormatException(string key) =>
        Assert.Throws<FormatException>(() => PersonRef.Parse(key));
}
