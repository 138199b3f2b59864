using System.Text.Json;
using System.Text.Json.Nodes;
using FeedbackBot.Slack.Inbound;
using FeedbackBot.Slack.People;

namespace FeedbackBot.Slack.Tests.People;

/// <summary>users.info's user object read into a profile (https://docs.slack.dev/reference/objects/user-object).</summary>
public sealed class SlackProfileReadingTests
{
    [Theory]
    [InlineData("{\"name\":\"ana\",\"real_name\":\"Ana Real\",\"profile\":{\"display_name\":\"\",\"real_name\":\"Ana P\"}}", "Ana P")]
    [InlineData("{\"name\":\"ana\",\"real_name\":\"Ana Real\",\"profile\":{\"display_name\":\"Ana D\"}}", "Ana D")]
    [InlineData("{\"name\":\"ana\",\"real_name\":\"Ana Real\"}", "Ana Real")]
    [InlineData("{\"name\":\"ana\"}", "ana")]
    [InlineData("{}", "U7")]
    public void DisplayName_FallsBackInSlacksOrder(string json, string expected)
    {
        var profile = SlackPeopleDirectory.ToProfile(SlackIds.Person("T1", "U7"), JsonNode.Parse(json)!.AsObject());

        Assert.Equal(expected, profile.DisplayName);
    }

    [Fact]
    public void BotDeletedAndZone_AreRead()
    {
        var profile = SlackPeopleDirectory.ToProfile(SlackIds.Person("T1", "U7"),
            JsonNode.Parse("{\"is_bot\":true,\"deleted\":true,\"tz\":\"Europe/Paris\"}")!.AsObject());

        Assert.Equal((true, true, "Europe/Paris"), (profile.IsBot, profile.IsDeleted, profile.TimeZoneId));
    }

    [Fact]
    public void WrongType_IsAJsonException_NotAnInvalidOperation()
    {
        Assert.Throws<JsonException>(() => SlackPeopleDirectory.ToProfile(SlackIds.Person("T1", "U7"), JsonNode.Parse("{\"deleted\":\"yes\"}")!.AsObject()));
    }
}
