using System.Globalization;
using System.Text;
using FeedbackBot.Core.Coaching;
using FeedbackBot.Core.Feedback;

namespace FeedbackBot.Core.Tests.Coaching;

/// <summary>
/// Reads labelled drafts from a tab-separated file: a header line, then <c>kind labels hard text</c> per line.
/// kind: <c>p</c> praise, <c>c</c> constructive, <c>-</c> not said (the coach infers it). labels: five letters in
/// the order specific, why, actionable, kind, timely: <c>m</c> met, <c>x</c> missing, <c>n</c> not applicable.
/// hard: <c>h</c> or <c>-</c>. text: the draft, with <c>\n</c>, <c>\t</c> and <c>\\</c> escapes. Blank lines are
/// skipped; anything else malformed is an error naming its line, so a typo never silently drops a draft.
/// </summary>
public static class LabelledTsv
{
    /// <summary>The folder the labelled files are copied to next to the tests.</summary>
    public static string Folder(string subfolder) => Path.Combine(AppContext.BaseDirectory, "Coaching", subfolder);

    public static IReadOnlyList<LabelledDrafts.Case> Load(string path) => Parse(File.ReadAllLines(path), Path.GetFileName(path));

    public static IReadOnlyList<LabelledDrafts.Case> Parse(IReadOnlyList<string> lines, string source)
    {
        var cases = new List<LabelledDrafts.Case>();
        for (var n = 1; n < lines.Count; n++)
        {
            var line = lines[n].TrimEnd('\r');
            if (line.Length == 0) continue;
            var columns = line.Split('\t', 4);
            string Where() => $"{source} line {(n + 1).ToString(CultureInfo.InvariantCulture)}";
            if (columns.Length != 4) throw new FormatException($"{Where()}: expected 4 tab-separated columns, got {columns.Length}");
            FeedbackKind? kind = columns[0] switch
            {
                "p" => FeedbackKind.Praise,
                "c" => FeedbackKind.Constructive,
                "-" => null,
                _ => throw new FormatException($"{Where()}: kind must be p, c or -, got '{columns[0]}'"),
            };
            var labels = columns[1];
            if (labels.Length != 5 || labels.Any(c => c is not ('m' or 'x' or 'n')))
            {
                throw new FormatException($"{Where()}: labels must be five of m/x/n, got '{labels}'");
            }
            if (columns[2] is not ("h" or "-")) throw new FormatException($"{Where()}: hard must be h or -, got '{columns[2]}'");
            var text = Unescape(columns[3]);
            if (string.IsNullOrWhiteSpace(text)) throw new FormatException($"{Where()}: empty text");
            cases.Add(new LabelledDrafts.Case(text, CoachDraft.FromText(text, kind), labels, Hard: columns[2] == "h"));
        }
        return cases;
    }

    private static string Unescape(string text)
    {
        if (!text.Contains('\\', StringComparison.Ordinal)) return text;
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length && text[i + 1] is 'n' or 't' or '\\')
            {
                result.Append(text[i + 1] switch { 'n' => '\n', 't' => '\t', _ => '\\' });
                i++;
                continue;
            }
            result.Append(text[i]);
        }
        return result.ToString();
    }
}
