using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace FeedbackBot.Core.Coaching;

/// <summary>
/// Writes a <see cref="CoachReport"/> in its wire shape:
/// <c>{"specific":{"verdict":"met","evidence":[...],"tip":null,"example":null},...,"tips":[{"code":...,"message":...}],"nothing_to_review":false,"language":"en"}</c>.
/// Hand-written with <see cref="Utf8JsonWriter"/> so the shape is explicit here and costs no reflection.
/// </summary>
public static class CoachReportJson
{
    // The output goes to terminals, scripts and chat APIs, not into HTML, so apostrophes and accents stay
    // readable instead of becoming \u0027 escapes.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The wire name of a verdict.</summary>
    public static string VerdictName(Verdict verdict) => verdict switch
    {
        Verdict.Met => "met",
        Verdict.Missing => "missing",
        _ => "not_applicable",
    };

    /// <summary>The report as one line of JSON.</summary>
    public static string Serialize(CoachReport report)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            Write(writer, report);
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writes the report as one JSON object.</summary>
    public static void Write(Utf8JsonWriter writer, CoachReport report)
    {
        writer.WriteStartObject();
        foreach (var (name, result) in report.Criteria)
        {
            writer.WriteStartObject(name);
            writer.WriteString("verdict", VerdictName(result.Verdict));
            writer.WriteStartArray("evidence");
            foreach (var item in result.Evidence) writer.WriteStringValue(item);
            writer.WriteEndArray();
            writer.WriteString("tip", result.Tip);
            writer.WriteString("example", result.Example);
            writer.WriteEndObject();
        }
        writer.WriteStartArray("tips");
        foreach (var tip in report.Tips)
        {
            writer.WriteStartObject();
            writer.WriteString("code", tip.Code);
            writer.WriteString("message", tip.Message);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteBoolean("nothing_to_review", report.NothingToReview);
        writer.WriteString("language", report.Language);
        writer.WriteEndObject();
    }
}
