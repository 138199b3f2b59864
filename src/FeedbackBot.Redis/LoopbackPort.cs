using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace FeedbackBot.Redis;

/// <summary>
/// Picks a loopback TCP port for a server that another process binds later (the storage child, a test's host or
/// redis-server). Not port 0: the kernel hands port 0 out of its ephemeral range, the same range every outgoing
/// connection takes its local port from, so between "pick" and the child's bind any connection could take it
/// ("address already in use"). A port below that range is taken only by a server binding exactly that number.
/// </summary>
public static class LoopbackPort
{
    /// <summary>The lowest port picked: above the well-known and most registered service ports.</summary>
    public const int Floor = 20000;

    /// <summary>Linux's setting for the ephemeral range: two numbers, "32768\t60999" by default.</summary>
    public const string RangeFile = "/proc/sys/net/ipv4/ip_local_port_range";

    /// <summary>IANA's dynamic range (RFC 6335), which Windows and macOS use: the fallback without <see cref="RangeFile"/>.</summary>
    public static readonly (int First, int Last) IanaEphemeral = (49152, 65535);

    private const int Attempts = 50;

    /// <summary>A port outside this machine's ephemeral range that could be bound on 127.0.0.1 just now.</summary>
    public static int Pick() => Pick(ReadRangeFile(), Random.Shared, IsFree);

    /// <summary>
    /// <see cref="Pick()"/> with its inputs given: the text of <see cref="RangeFile"/> (null when absent), the random
    /// source, and the bind check. Throws when <see cref="Attempts"/> random candidates were all taken.
    /// </summary>
    public static int Pick(string? rangeText, Random random, Func<int, bool> isFree)
    {
        var (first, last) = Candidates(EphemeralRange(rangeText));
        for (var i = 0; i < Attempts; i++)
        {
            var port = random.Next(first, last + 1);
            if (isFree(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException(
            $"No free loopback port found in {first}–{last} after {Attempts} tries; is something binding that whole range?");
    }

    /// <summary>The ephemeral range read from <paramref name="rangeText"/>, or <see cref="IanaEphemeral"/> when it cannot be read.</summary>
    public static (int First, int Last) EphemeralRange(string? rangeText)
    {
        var parts = (rangeText ?? "").Split([' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var first)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var last)
            && first is >= 1 and <= 65535 && last is >= 1 and <= 65535 && first <= last
                ? (first, last)
                : IanaEphemeral;
    }

    /// <summary>True when 127.0.0.1:<paramref name="port"/> can be bound (and listened on) at this moment.</summary>
    public static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>
    /// Where to pick: from <see cref="Floor"/> to just below the ephemeral range; if an operator moved the range so
    /// low that nothing is left there, above it; if it covers everything above the floor, there is no safe place
    /// and the whole range above the floor is used (the bind check and the callers' retries still apply).
    /// </summary>
    private static (int First, int Last) Candidates((int First, int Last) ephemeral)
    {
        if (ephemeral.First - 1 >= Floor)
        {
            return (Floor, ephemeral.First - 1);
        }

        return ephemeral.Last + 1 <= 65535 ? (Math.Max(Floor, ephemeral.Last + 1), 65535) : (Floor, 65535);
    }

    private static string? ReadRangeFile()
    {
        try
        {
            return File.Exists(RangeFile) ? File.ReadAllText(RangeFile) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
