using StackExchange.Redis;

namespace FeedbackBot.Redis;

/// <summary>
/// Connections of their own for transactions with conditions (<c>WATCH</c>, <see cref="ITransaction.AddCondition"/>).
/// StackExchange.Redis sends a conditional transaction's WATCH and checks, then waits for their replies while it
/// holds the connection's writer, and only then sends MULTI…EXEC: for one round trip nothing else can be written on
/// that connection (seen in a host's trace: <c>Monitor.Wait</c> in <c>RedisTransaction.TransactionMessage.GetMessages</c>
/// under <c>PhysicalBridge.WriteMessageInsideLock</c>). A delivery makes two such updates; at 200 gives/s on a busy
/// store that held up every other command of the bot (acks, saves, limits) behind them. Here they queue only
/// behind each other, spread over a few sockets. Same server, same database: only the socket differs, so a WATCH
/// still sees every write made on any connection. How many: <c>Storage:ConditionalConnections</c>.
/// </summary>
public sealed class ConditionalConnections
{
    private readonly IReadOnlyList<IConnectionMultiplexer> _connections;
    private int _next;

    public ConditionalConnections(IReadOnlyList<IConnectionMultiplexer> connections)
    {
        ArgumentOutOfRangeException.ThrowIfZero(connections.Count);
        _connections = connections;
    }

    /// <summary>The database to run the next conditional transaction on (round robin).</summary>
    public IDatabase Next() =>
        _connections[(int)((uint)Interlocked.Increment(ref _next) % (uint)_connections.Count)].GetDatabase();
}
