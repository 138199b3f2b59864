using System.Buffers.Text;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Slack.Blocks;

namespace FeedbackBot.Slack.Give;

/// <summary>
/// A quick give waiting for "Send as is" / "Edit". Ephemeral messages are not stored by Slack for us and their
/// button clicks do not echo the message back, so the draft rides in the button value itself (deflated,
/// base64url, at most 2000 chars). The giver is always the person who clicks, never something in the value.
/// </summary>
public sealed record QuickDraft(
    [property: JsonPropertyName("r")] IReadOnlyList<string> Recipients,
    [property: JsonPropertyName("t")] string Text,
    [property: JsonPropertyName("k")] FeedbackKind Kind,
    [property: JsonPropertyName("i")] string? Id = null)
{
    /// <summary>This draft with a fresh one-shot id: "Send as is" acts once per id, however often it is clicked.</summary>
    public QuickDraft WithNewId() => this with { Id = Guid.NewGuid().ToString("N") };

    /// <summary>The button value, or null when the draft is too long to fit in one.</summary>
    public string? Encode()
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(this, QuickDraftJson.Default.QuickDraft);
        using var output = new MemoryStream();
        using (var deflate = new DeflateStream(output, CompressionLevel.SmallestSize))
        {
            deflate.Write(json);
        }

        var value = Base64Url.EncodeToString(output.ToArray());
        return value.Length <= Bk.MaxButtonValue ? value : null;
    }

    /// <summary>Reads a button value back; null when it is not one of ours.</summary>
    public static QuickDraft? Decode(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > Bk.MaxButtonValue)
        {
            return null;
        }

        try
        {
            using var input = new DeflateStream(new MemoryStream(Base64Url.DecodeFromChars(value)), CompressionMode.Decompress);
            using var limited = new MemoryStream();
            // A draft is at most a few KB; refuse anything that inflates beyond that.
            var buffer = new byte[4096];
            int read;
            while ((read = input.Read(buffer)) > 0)
            {
                limited.Write(buffer, 0, read);
                if (limited.Length > 64 * 1024)
                {
                    return null;
                }
            }

            var draft = JsonSerializer.Deserialize(limited.ToArray(), QuickDraftJson.Default.QuickDraft);
            return draft is { Recipients.Count: > 0, Text: not null } ? draft : null;
        }
        catch (Exception ex) when (ex is FormatException or InvalidDataException or JsonException)
        {
            return null;
        }
    }
}

[JsonSerializable(typeof(QuickDraft))]
internal sealed partial class QuickDraftJson : JsonSerializerContext;
