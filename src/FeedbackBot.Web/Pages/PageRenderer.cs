using System.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FeedbackBot.Web.Pages;

/// <summary>
/// Renders a Razor component to HTML on the server (static SSR with <see cref="HtmlRenderer"/>): Razor encodes every
/// value it writes, so user text (feedback, names, theme names) is escaped exactly once, with no opt-out in our code.
/// </summary>
internal sealed class PageRenderer(IServiceProvider services, ILoggerFactory loggers)
{
    public async Task<string> RenderAsync<T>(IDictionary<string, object?> parameters) where T : IComponent
    {
        await using var renderer = new HtmlRenderer(services, loggers);
        return await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<T>(ParameterView.FromDictionary(parameters))).ToHtmlString());
    }

    public async Task<IResult> PageAsync<T>(int status, IDictionary<string, object?> parameters) where T : IComponent =>
        Results.Content(await RenderAsync<T>(parameters), "text/html; charset=utf-8", Encoding.UTF8, status);

    /// <summary>A <see cref="MessagePage"/>.</summary>
    public Task<IResult> MessageAsync(int status, string title, string message, string? hint = null, FormToken? signOut = null) =>
        PageAsync<MessagePage>(status, new Dictionary<string, object?>
        {
            [nameof(MessagePage.Title)] = title,
            [nameof(MessagePage.Message)] = message,
            [nameof(MessagePage.Hint)] = hint,
            [nameof(MessagePage.SignOut)] = signOut,
        });
}
