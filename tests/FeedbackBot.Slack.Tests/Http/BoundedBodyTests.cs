using System.Globalization;
using System.Net;
using System.Text;
using FeedbackBot.Slack.Http;
using FeedbackBot.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace FeedbackBot.Slack.Tests.Http;

/// <summary>Issue 10 #14: the gate reads at most the cap, and nothing at all of an unsigned body.</summary>
public sealed class BoundedBodyTests
{
    private const int FiveMegabytes = 5 * 1024 * 1024;
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    [Fact]
    public async Task UnsignedChunkedFiveMegabytes_Rejected401_WithoutReadingAByte()
    {
        var body = new CountingStream(FiveMegabytes);
        var (status, nextRan) = await RunFilterAsync(body, headers: null);

        Assert.Equal(StatusCodes.Status401Unauthorized, status);
        Assert.False(nextRan);
        Assert.Equal(0, body.BytesRead);
    }

    [Theory]
    [InlineData("v0=nothex")]
    [InlineData("v1=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("garbage")]
    public async Task GarbledSignatureHeader_Rejected401_WithoutReadingTheBody(string signature)
    {
        var body = new CountingStream(FiveMegabytes);
        var (status, _) = await RunFilterAsync(body, (Now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), signature));

        Assert.Equal(StatusCodes.Status401Unauthorized, status);
        Assert.Equal(0, body.BytesRead);
    }

    [Fact]
    public async Task StaleTimestamp_Rejected401_WithoutReadingTheBody()
    {
        var body = new CountingStream(FiveMegabytes);
        var stale = Now.AddMinutes(-6).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var (status, _) = await RunFilterAsync(body, (stale, "v0=" + new string('a', 64)));

        Assert.Equal(StatusCodes.Status401Unauthorized, status);
        Assert.Equal(0, body.BytesRead);
    }

    [Fact]
    public async Task WellFormedHeadersWithChunkedFiveMegabytes_Rejected413_AfterAtMostTheCap()
    {
        var body = new CountingStream(FiveMegabytes);
        var (status, nextRan) = await RunFilterAsync(body, (Now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), "v0=" + new string('a', 64)));

        Assert.Equal(StatusCodes.Status413PayloadTooLarge, status);
        Assert.False(nextRan);
        Assert.InRange(body.BytesRead, 1, SlackSignatureFilter.MaxBody + 1);
    }

    [Fact]
    public async Task ReadBounded_BodyAtTheCap_IsReadWhole()
    {
        var bytes = await SlackSignatureFilter.ReadBoundedAsync(new CountingStream(1000), 1000, CancellationToken.None);
        Assert.Equal(1000, bytes!.Length);
        Assert.Null(await SlackSignatureFilter.ReadBoundedAsync(new CountingStream(1001), 1000, CancellationToken.None));
    }

    [Fact]
    public async Task UnsignedChunkedBody_ThroughKestrel_Gets401BeforeTheBodyIsSent()
    {
        await using var host = await SlackTestHost.StartAsync();
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(host.Http.BaseAddress!.Host, host.Http.BaseAddress.Port);
        var stream = tcp.GetStream();
        // Headers and one chunk of a body that claims to go on: a server that reads before it checks would wait here.
        var head = "POST /slack/commands HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n" + "10000\r\n" + new string('a', 0x10000) + "\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));

        using var reader = new StreamReader(stream, Encoding.ASCII);
        var status = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.StartsWith("HTTP/1.1 401", status);
        Assert.Empty(host.Slack.Calls);
        Assert.Empty(host.Feedback.All);
    }

    [Fact]
    public async Task SignedBodyOverTheCap_ThroughKestrel_Gets413()
    {
        await using var host = await SlackTestHost.StartAsync();
        var body = "text=" + new string('a', SlackSignatureFilter.MaxBody);
        using var request = SlackRequestSigner.Signed("/slack/commands", body, SlackTestHost.Secret, host.Time.GetUtcNow());

        using var response = await host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(host.Feedback.All);
    }

    private static async Task<(int Status, bool NextRan)> RunFilterAsync(Stream body, (string Ts, string Sig)? headers)
    {
        var http = new DefaultHttpContext { RequestServices = new EmptyServices() };
        http.Request.Method = "POST";
        http.Request.Path = "/slack/commands";
        http.Request.Body = body;
        http.Request.ContentType = "application/x-www-form-urlencoded";
        http.Response.Body = new MemoryStream();
        if (headers is { } h)
        {
            http.Request.Headers[SlackSignature.TimestampHeader] = h.Ts;
            http.Request.Headers[SlackSignature.SignatureHeader] = h.Sig;
        }

        var options = Mock.Of<IOptionsMonitor<SlackOptions>>(o => o.CurrentValue == new SlackOptions { SigningSecret = "s", BotToken = "xoxb" });
        var filter = new SlackSignatureFilter(options, new FakeTimeProvider(Now), NullLogger<SlackSignatureFilter>.Instance);
        var nextRan = false;
        var result = await filter.InvokeAsync(new DefaultEndpointFilterInvocationContext(http), _ =>
        {
            nextRan = true;
            return ValueTask.FromResult<object?>(Results.Ok());
        });
        return (Assert.IsAssignableFrom<IStatusCodeHttpResult>(result).StatusCode ?? 200, nextRan);
    }

    private sealed class EmptyServices : IServiceProvider
    {
        public object? GetService(Type serviceType) => null;
    }

    /// <summary>An endless-looking, non-seekable body of <c>a</c> bytes that counts what the server pulled.</summary>
    private sealed class CountingStream(long length) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = (int)Math.Min(buffer.Length, length - BytesRead);
            buffer[..n].Fill((byte)'a');
            BytesRead += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer.AsSpan(offset, count)));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
