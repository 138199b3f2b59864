using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using FeedbackBot.Core.Coaching;
using FeedbackBot.Core.Feedback;

namespace FeedbackBot.Host.Cli;

/// <summary>
/// <c>coach</c>: the feedback coach for people and scripts. With text arguments it reviews that draft and
/// prints a readable report; without, it reads one draft per line from stdin (plain text or a JSON object)
/// and writes one JSON report per line, so it can sit in a pipe.
/// </summary>
public static class CoachCommand
{
    public const string Name = "coach";

    private const string Usage = """
        Usage:
          coach "draft text" [--kind praise|constructive] [--date yyyy-mm-dd] [--lang auto|en|es|de]
                                                                               review one draft, readable report
          coach [--json] [--lang ...] < drafts.txt                             one draft per line, one JSON report per line

        --lang: the language to coach in. auto (the default) reads each draft in its own language (English,
        Spanish or German) and uses English when it cannot tell; en, es or de reads every draft as that language.
        The report says which language it used ("language" in JSON).

        Each stdin line is plain text or a JSON object:
          {"text": "...", "kind": "praise|constructive", "event_date": "2026-03-01", "locale": "es-ES"}
          {"template": "sbi", "parts": {"situation": "...", "behaviour": "...", "impact": "...", "suggestion": "..."}}
        Templates: free, sbi, sandwich, start_stop_continue. An invalid line yields {"error": "..."} and the next line is read.
        """;

    /// <param name="args">The arguments after <c>coach</c>.</param>
    /// <param name="stdin">Drafts, one per line, when no text is given in <paramref name="args"/>.</param>
    /// <param name="stdout">Where reports go.</param>
    /// <param name="time">The clock for timeliness.</param>
    /// <param name="ct">Stops reading stdin.</param>
    /// <returns>0 on success, 2 on a usage error.</returns>
    public static async Task<int> RunAsync(string[] args, TextReader stdin, TextWriter stdout, TimeProvider time, CancellationToken ct)
    {
        CoachLanguage? language = null;
        FeedbackKind? kind = null;
        DateOnly? eventDate = null;
        var words = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "-h" or "--help":
                    await stdout.WriteLineAsync(Usage.AsMemory(), ct);
                    return 0;
                case "--json":
                    break;
                case "--kind" when i + 1 < args.Length && TryParseKind(args[i + 1], out var k):
                    kind = k;
                    i++;
                    break;
                case "--date" when i + 1 < args.Length && DateOnly.TryParseExact(args[i + 1], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d):
                    eventDate = d;
                    i++;
                    break;
                case "--lang" when i + 1 < args.Length && TryParseLanguage(args[i + 1], out var l):
                    language = l;
                    i++;
                    break;
                case var option when option.StartsWith("--", StringComparison.Ordinal):
                    await stdout.WriteLineAsync($"Unknown or incomplete option '{option}'.\n{Usage}".AsMemory(), ct);
                    return 2;
                default:
                    words.Add(args[i]);
                    break;
            }
        }

        var coach = new FeedbackCoach(time, language);
        if (words.Count > 0)
        {
            var draft = CoachDraft.FromText(string.Join(' ', words), kind) with { EventDate = eventDate };
            await stdout.WriteAsync(CoachReportText.Format(coach.Review(draft)).AsMemory(), ct);
            return 0;
        }

        while (await stdin.ReadLineAsync(ct) is { } line)
        {
            await stdout.WriteLineAsync(ReviewLine(coach, line, kind, eventDate).AsMemory(), ct);
            // Flushed per line so a script writing one draft and waiting for its answer is not left hanging.
            await stdout.FlushAsync(ct);
        }
        return 0;
    }

    private static string ReviewLine(FeedbackCoach coach, string line, FeedbackKind? kind, DateOnly? eventDate)
    {
        if (!line.TrimStart().StartsWith('{'))
        {
            return CoachReportJson.Serialize(coach.Review(CoachDraft.FromText(line, kind) with { EventDate = eventDate }));
        }
        return TryParseDraft(line, out var draft, out var error)
            ? CoachReportJson.Serialize(coach.Review(draft with { Kind = draft.Kind ?? kind, EventDate = draft.EventDate ?? eventDate }))
            : ErrorJson(error);
    }

    private static bool TryParseDraft(string line, out CoachDraft draft, out string error)
    {
        draft = CoachDraft.FromText("");
        try
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return Fail("expected a JSON object", out error);

            FeedbackKind? kind = null;
            if (root.TryGetProperty("kind", out var kindJson) && kindJson.ValueKind != JsonValueKind.Null)
            {
                if (kindJson.ValueKind != JsonValueKind.String || !TryParseKind(kindJson.GetString()!, out var k))
                {
                    return Fail("\"kind\" must be \"praise\" or \"constructive\"", out error);
                }
                kind = k;
            }

            DateOnly? eventDate = null;
            if (root.TryGetProperty("event_date", out var dateJson) && dateJson.ValueKind != JsonValueKind.Null)
            {
                if (dateJson.ValueKind != JsonValueKind.String
                    || !DateOnly.TryParseExact(dateJson.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                {
                    return Fail("\"event_date\" must be a date like \"2026-03-01\"", out error);
                }
                eventDate = d;
            }

            var template = FeedbackTemplate.Free;
            if (root.TryGetProperty("template", out var templateJson) && templateJson.ValueKind != JsonValueKind.Null)
            {
                if (templateJson.ValueKind != JsonValueKind.String || !TryParseTemplate(templateJson.GetString()!, out template))
                {
                    return Fail("\"template\" must be one of free, sbi, sandwich, start_stop_continue", out error);
                }
            }

            var parts = new Dictionary<string, string>(StringComparer.Ordinal);
            if (root.TryGetProperty("text", out var textJson))
            {
                if (textJson.ValueKind != JsonValueKind.String) return Fail("\"text\" must be a string", out error);
                parts[TemplateParts.Text] = textJson.GetString()!;
            }
            if (root.TryGetProperty("parts", out var partsJson))
            {
                if (partsJson.ValueKind != JsonValueKind.Object) return Fail("\"parts\" must be an object of strings", out error);
                foreach (var part in partsJson.EnumerateObject())
                {
                    if (part.Value.ValueKind != JsonValueKind.String) return Fail($"part \"{part.Name}\" must be a string", out error);
                    parts[part.Name] = part.Value.GetString()!;
                }
            }
            if (parts.Count == 0) return Fail("expected \"text\" or \"parts\"", out error);

            string? locale = null;
            if (root.TryGetProperty("locale", out var localeJson) && localeJson.ValueKind != JsonValueKind.Null)
            {
                if (localeJson.ValueKind != JsonValueKind.String) return Fail("\"locale\" must be a string like \"es-ES\"", out error);
                locale = localeJson.GetString();
            }

            draft = new CoachDraft(template, parts, kind, eventDate, locale);
            error = "";
            return true;
        }
        catch (JsonException e)
        {
            return Fail($"invalid JSON: {e.Message}", out error);
        }
    }

    private static bool Fail(string message, out string error)
    {
        error = message;
        return false;
    }

    private static string ErrorJson(string message)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("error", message);
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    // "auto" leaves the language to each draft; a code picks one of the coach's languages.
    private static bool TryParseLanguage(string value, out CoachLanguage? language)
    {
        language = CoachLanguages.Find(value);
        return language is not null || value.Equals("auto", StringComparison.OrdinalIgnoreCase);
    }

    private static bool TryParseKind(string value, out FeedbackKind kind)
    {
        switch (value.ToLowerInvariant())
        {
            case "praise":
                kind = FeedbackKind.Praise;
                return true;
            case "constructive":
                kind = FeedbackKind.Constructive;
                return true;
            default:
                kind = default;
                return false;
        }
    }

    private static bool TryParseTemplate(string value, out FeedbackTemplate template)
    {
        FeedbackTemplate? parsed = value.ToLowerInvariant() switch
        {
            "free" => FeedbackTemplate.Free,
            "sbi" => FeedbackTemplate.Sbi,
            "sandwich" => FeedbackTemplate.Sandwich,
            "start_stop_continue" or "ssc" => FeedbackTemplate.StartStopContinue,
            _ => null,
        };
        template = parsed ?? FeedbackTemplate.Free;
        return parsed is not null;
    }
}
