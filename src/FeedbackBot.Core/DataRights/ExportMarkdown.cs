using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FeedbackBot.Core.DataRights;

/// <summary>
/// The Markdown twin of the JSON export, for reading: one section per part, one bullet per item, nested fields
/// indented. Generic over the JSON, so every part (also those added later) appears without code here. User text is
/// written as text: Markdown characters in it are escaped, so feedback cannot format or link the document.
/// </summary>
public static class ExportMarkdown
{
    public static string Render(JsonObject export)
    {
        var md = new StringBuilder();
        md.Append("# Your FeedbackBot data\n\n");
        md.Append("Person: ").Append(Escape(Str(export["person"]))).Append("  \nExported: ").Append(Escape(Str(export["exportedAt"]))).Append("\n\n");
        md.Append("Only you received this export. Feedback whose giver chose to stay anonymous shows no giver.\n");
        foreach (var (name, value) in export["parts"] as JsonObject ?? [])
        {
            md.Append("\n## ").Append(Escape(name)).Append("\n\n");
            switch (value)
            {
                case null:
                case JsonArray { Count: 0 }:
                case JsonObject { Count: 0 }:
                    md.Append("Nothing stored.\n");
                    break;
                case JsonArray items:
                    foreach (var item in items)
                    {
                        Write(md, item, 0, bullet: true);
                    }

                    break;
                default:
                    Write(md, value, 0, bullet: false);
                    break;
            }
        }

        return md.ToString();
    }

    private static void Write(StringBuilder md, JsonNode? node, int depth, bool bullet)
    {
        var indent = new string(' ', depth * 2);
        switch (node)
        {
            case JsonObject obj:
                var first = bullet;
                foreach (var (key, value) in obj)
                {
                    md.Append(indent).Append(first ? "- " : bullet ? "  " : "- ").Append("**").Append(Escape(key)).Append("**:");
                    first = false;
                    if (value is JsonObject or JsonArray { Count: > 0 })
                    {
                        md.Append('\n');
                        Write(md, value, depth + (bullet ? 2 : 1), bullet: value is JsonArray);
                    }
                    else
                    {
                        md.Append(' ').Append(Scalar(value)).Append('\n');
                    }
                }

                break;
            case JsonArray arr:
                foreach (var item in arr)
                {
                    if (item is JsonObject or JsonArray)
                    {
                        Write(md, item, depth, bullet: true);
                    }
                    else
                    {
                        md.Append(indent).Append("- ").Append(Scalar(item)).Append('\n');
                    }
                }

                break;
            default:
                md.Append(indent).Append(bullet ? "- " : "").Append(Scalar(node)).Append('\n');
                break;
        }
    }

    private static string Scalar(JsonNode? node) => node switch
    {
        null => "—",
        JsonArray { Count: 0 } => "—",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => Escape(JsonSerializer.Deserialize<string>(v.ToJsonString()) ?? ""),
        JsonValue v => Escape(v.ToJsonString()),
        _ => Escape(node.ToJsonString()),
    };

    private static string Str(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? JsonSerializer.Deserialize<string>(v.ToJsonString()) ?? "" : "";

    // Line breaks inside a value stay inside its bullet; Markdown's special characters are backslash-escaped.
    private static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c == '\n')
            {
                sb.Append("<br>");
            }
            else if (c == '\r')
            {
            }
            else if ("\\`*_{}[]()#+-.!|<>~".Contains(c))
            {
                sb.Append('\\').Append(c);
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }
}
