using System.Net;
using FeedbackBot.Core.Ports;
using StackExchange.Redis;
using StackExchange.Redis.Maintenance;
using StackExchange.Redis.Profiling;

namespace FeedbackBot.Redis;

/// <summary>
/// The bot's storage connections seen as one multiplexer: <see cref="GetDatabase"/> answers with the connection of the
/// current <see cref="StorageLane"/>, everything else (servers, subscriber, events, status) is the first connection's.
/// <para>
/// Why more than one: StackExchange.Redis sends everything over one socket per server, and the server answers one
/// connection's commands one after another. The embedded Garnet also waits for its append-only file before it
/// answers (every acknowledged write is on disk), so one connection's throughput is bounded by that wait
/// (redis-benchmark against it, pipelined SETs: 11 k/s on one connection, 30 k/s on four, same machine). And a
/// transaction with conditions holds its connection while the WATCHed values come back: on a busy host every other
/// command queues behind that round trip. A 200 gives/s burst needs ~8,500 commands/s, with two such transactions
/// per give.
/// </para>
/// </summary>
internal sealed class LanedMultiplexer(IReadOnlyList<ConnectionMultiplexer> lanes) : IConnectionMultiplexer
{
    private readonly ConnectionMultiplexer[] _lanes = [.. lanes];

    private ConnectionMultiplexer First => _lanes[0];

    /// <summary>Every connection, the first one first.</summary>
    public IReadOnlyList<ConnectionMultiplexer> Lanes => _lanes;

    public IDatabase GetDatabase(int db = -1, object? asyncState = null) =>
        _lanes[StorageLane.Current % _lanes.Length].GetDatabase(db, asyncState);

    public string ClientName => First.ClientName;

    public string Configuration => First.Configuration;

    public int TimeoutMilliseconds => First.TimeoutMilliseconds;

    public long OperationCount => _lanes.Sum(l => l.OperationCount);

    [Obsolete("Not supported by StackExchange.Redis either.")]
    public bool PreserveAsyncOrder
    {
        get => false;
        set { }
    }

    [Obsolete("Not supported by StackExchange.Redis either: ConfigurationOptions.IncludeDetailInExceptions.")]
    public bool IncludeDetailInExceptions
    {
        get => false;
        set { }
    }

    public bool IsConnected => _lanes.All(l => l.IsConnected);

    public bool IsConnecting => _lanes.Any(l => l.IsConnecting);

    public int StormLogThreshold
    {
        get => First.StormLogThreshold;
        set
        {
            foreach (var lane in _lanes)
            {
                lane.StormLogThreshold = value;
            }
        }
    }

    public event EventHandler<RedisErrorEventArgs>? ErrorMessage
    {
        add => First.ErrorMessage += value;
        remove => First.ErrorMessage -= value;
    }

    public event EventHandler<ConnectionFailedEventArgs>? ConnectionFailed
    {
        add => First.ConnectionFailed += value;
        remove => First.ConnectionFailed -= value;
    }

    public event EventHandler<InternalErrorEventArgs>? InternalError
    {
        add => First.InternalError += value;
        remove => First.InternalError -= value;
    }

    public event EventHandler<ConnectionFailedEventArgs>? ConnectionRestored
    {
        add => First.ConnectionRestored += value;
        remove => First.ConnectionRestored -= value;
    }

    public event EventHandler<EndPointEventArgs>? ConfigurationChanged
    {
        add => First.ConfigurationChanged += value;
        remove => First.ConfigurationChanged -= value;
    }

    public event EventHandler<EndPointEventArgs>? ConfigurationChangedBroadcast
    {
        add => First.ConfigurationChangedBroadcast += value;
        remove => First.ConfigurationChangedBroadcast -= value;
    }

    public event EventHandler<ServerMaintenanceEvent>? ServerMaintenanceEvent
    {
        add => First.ServerMaintenanceEvent += value;
        remove => First.ServerMaintenanceEvent -= value;
    }

    public event EventHandler<HashSlotMovedEventArgs>? HashSlotMoved
    {
        add => First.HashSlotMoved += value;
        remove => First.HashSlotMoved -= value;
    }

    public void RegisterProfiler(Func<ProfilingSession?> profilingSessionProvider)
    {
        foreach (var lane in _lanes)
        {
            lane.RegisterProfiler(profilingSessionProvider);
        }
    }

    public ServerCounters GetCounters() => First.GetCounters();

    public EndPoint[] GetEndPoints(bool configuredOnly = false) => First.GetEndPoints(configuredOnly);

#pragma warning disable SER308 // the interface has them; the bot awaits instead and never calls these
    public void Wait(Task task) => First.Wait(task);

    public T Wait<T>(Task<T> task) => First.Wait(task);

    public void WaitAll(params Task[] tasks) => First.WaitAll(tasks);
#pragma warning restore SER308

    public int HashSlot(RedisKey key) => First.HashSlot(key);

    public ISubscriber GetSubscriber(object? asyncState = null) => First.GetSubscriber(asyncState);

    public IServer GetServer(string host, int port, object? asyncState = null) => First.GetServer(host, port, asyncState);

    public IServer GetServer(string hostAndPort, object? asyncState = null) => First.GetServer(hostAndPort, asyncState);

    public IServer GetServer(IPAddress host, int port) => First.GetServer(host, port);

    public IServer GetServer(EndPoint endpoint, object? asyncState = null) => First.GetServer(endpoint, asyncState);

    public IServer GetServer(RedisKey key, object? asyncState = null, CommandFlags flags = CommandFlags.None) => First.GetServer(key, asyncState, flags);

    public IServer[] GetServers() => First.GetServers();

    public Task<bool> ConfigureAsync(TextWriter? log = null) => First.ConfigureAsync(log);

    public bool Configure(TextWriter? log = null) => First.Configure(log);

    public string GetStatus() => First.GetStatus();

    public void GetStatus(TextWriter log) => First.GetStatus(log);

    public override string ToString() => First.ToString();

    public void Close(bool allowCommandsToComplete = true)
    {
        foreach (var lane in _lanes)
        {
            lane.Close(allowCommandsToComplete);
        }
    }

    public Task CloseAsync(bool allowCommandsToComplete = true) => Task.WhenAll(_lanes.Select(l => l.CloseAsync(allowCommandsToComplete)));

    public string? GetStormLog() => First.GetStormLog();

    public void ResetStormLog() => First.ResetStormLog();

    public long PublishReconfigure(CommandFlags flags = CommandFlags.None) => First.PublishReconfigure(flags);

    public Task<long> PublishReconfigureAsync(CommandFlags flags = CommandFlags.None) => First.PublishReconfigureAsync(flags);

    public int GetHashSlot(RedisKey key) => First.GetHashSlot(key);

    public void ExportConfiguration(Stream destination, ExportOptions options = ExportOptions.All) => First.ExportConfiguration(destination, options);

    public void AddLibraryNameSuffix(string suffix)
    {
        foreach (var lane in _lanes)
        {
            lane.AddLibraryNameSuffix(suffix);
        }
    }

    public void Dispose()
    {
        foreach (var lane in _lanes)
        {
            lane.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var lane in _lanes)
        {
            await lane.DisposeAsync();
        }
    }
}
