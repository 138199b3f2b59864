namespace FeedbackBot.Testing;

/// <summary>An IHttpClientFactory for unit tests: every name gets a client for <paramref name="baseAddress"/>.</summary>
public sealed class SingleHttpClientFactory(Uri baseAddress) : IHttpClientFactory
{
    public HttpClient CreateClient(string name) => new() { BaseAddress = baseAddress };
}
