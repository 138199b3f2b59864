using FeedbackBot.Slack.Inbound.Wire;

namespace FeedbackBot.Slack.Inbound;

/// <summary>
/// An input element's current value. Only the fields of the element's type are set; lists are never null and hold
/// no empty entries. Values come from a payload a workspace member can shape: readers still check each one.
/// </summary>
public sealed record StateValue(
    string? Type,
    string? Value,
    string? SelectedOption,
    IReadOnlyList<string> SelectedOptions,
    string? SelectedUser,
    IReadOnlyList<string> SelectedUsers,
    string? SelectedConversation,
    string? SelectedChannel,
    string? SelectedDate,
    string? SelectedTime)
{
    internal static StateValue From(ElementWire e) => new(
        e.Type,
        e.Value,
        e.SelectedOption?.Value,
        [.. (e.SelectedOptions ?? []).Select(o => o?.Value).OfType<string>()],
        e.SelectedUser,
        [.. (e.SelectedUsers ?? []).OfType<string>()],
        e.SelectedConversation,
        e.SelectedChannel,
        e.SelectedDate,
        e.SelectedTime);
}

/// <summary>A view's <c>state.values</c>, typed: block_id → action_id → <see cref="StateValue"/>.</summary>
public sealed class ViewState
{
    public static readonly ViewState Empty = new(new Dictionary<string, IReadOnlyDictionary<string, StateValue>>());

    private ViewState(IReadOnlyDictionary<string, IReadOnlyDictionary<string, StateValue>> blocks) => Blocks = blocks;

    /// <summary>Every input block Slack sent, by block_id.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, StateValue>> Blocks { get; }

    /// <summary>The value of one element, or null when the view has no such block or element.</summary>
    public StateValue? this[string blockId, string actionId] =>
        Blocks.TryGetValue(blockId, out var actions) && actions.TryGetValue(actionId, out var value) ? value : null;

    internal static ViewState From(StateWire? state)
    {
        if (state?.Values is not { Count: > 0 } values)
        {
            return Empty;
        }

        var blocks = new Dictionary<string, IReadOnlyDictionary<string, StateValue>>(StringComparer.Ordinal);
        foreach (var (blockId, actions) in values)
        {
            if (actions is null)
            {
                continue;
            }

            var elements = new Dictionary<string, StateValue>(StringComparer.Ordinal);
            foreach (var (actionId, element) in actions)
            {
                if (element is not null)
                {
                    elements[actionId] = StateValue.From(element);
                }
            }

            blocks[blockId] = elements;
        }

        return new ViewState(blocks);
    }
}
