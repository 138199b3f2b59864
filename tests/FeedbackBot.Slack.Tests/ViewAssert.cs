using System.Text.Json.Nodes;

namespace FeedbackBot.Slack.Tests;

/// <summary>Checks a view against the Block Kit limits in the protocol brief §8.</summary>
public static class ViewAssert
{
    public static void WithinSlackLimits(JsonObject view)
    {
        Assert.True(view["title"]!["text"]!.GetValue<string>().Length <= 24, "title over 24 chars");
        if (view["submit"] is JsonObject submit)
        {
            Assert.True(submit["text"]!.GetValue<string>().Length <= 24);
        }

        var blocks = view["blocks"]!.AsArray();
        Assert.InRange(blocks.Count, 1, 100);
        Assert.True((view["private_metadata"]?.GetValue<string>() ?? "").Length <= 3000);
        Assert.True(view.ToJsonString().Length < 250_000);
        foreach (var text in AllTextObjects(view))
        {
            Assert.InRange(text.Length, 1, 3000);
        }

        foreach (var block in blocks)
        {
            if (block!["type"]!.GetValue<string>() == "input" && block["element"]!["type"]!.GetValue<string>() == "plain_text_input")
            {
                Assert.InRange(block["element"]!["max_length"]!.GetValue<int>(), 1, 3000);
                Assert.True((block["element"]!["initial_value"]?.GetValue<string>() ?? "").Length <= 3000);
            }
        }
    }

    private static IEnumerable<string> AllTextObjects(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["type"]?.GetValueKind() == System.Text.Json.JsonValueKind.String
                    && obj["type"]!.GetValue<string>() is "plain_text" or "mrkdwn" && obj["text"] is JsonValue t)
                {
                    yield return t.GetValue<string>();
                }

                foreach (var (_, child) in obj)
                {
                    foreach (var s in AllTextObjects(child))
                    {
                        yield return s;
                    }
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    foreach (var s in AllTextObjects(child))
                    {
                        yield return s;
                    }
                }

                break;
        }
    }
}
