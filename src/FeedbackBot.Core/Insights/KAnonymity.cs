namespace FeedbackBot.Core.Insights;

/// <summary>
/// The rule every shown figure passes (docs/insights.md). A cell is computed over the distinct people it is
/// about (the givers of a week's given volume, the asked people of an answer rate, a team's members for a share).
/// <list type="number">
/// <item>At least <c>k</c> of them: otherwise the cell is suppressed.</item>
/// <item>The complement: for a team, the people the same cell of the whole workspace is about but the team's is
/// not. Workspace minus team would otherwise give a figure over them, so when there are 1 to <c>k</c>−1 of them
/// the team's cell is suppressed too (none is fine: both cells are then over the same people).</item>
/// </list>
/// Not guarded: differences between two teams (team A against team A plus one person) and between weeks, which
/// only a report over fixed, published groups could rule out; see docs/insights.md.
/// </summary>
public static class KAnonymity
{
    /// <summary>Whether a cell over <paramref name="people"/> distinct people, with <paramref name="complement"/> left out of it, may be shown.</summary>
    public static bool MayShow(int people, int complement, int k) =>
        people >= k && (complement == 0 || complement >= k);
}
