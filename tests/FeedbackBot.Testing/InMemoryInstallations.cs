using System.Collections.Concurrent;
using FeedbackBot.Core.People;
using FeedbackBot.Core.Ports;

namespace FeedbackBot.Testing;

/// <summary>Installations in memory (no encryption: the Redis store's encryption is tested against real servers).</summary>
public sealed class InMemoryInstallationStore : IInstallationStore
{
    private readonly ConcurrentDictionary<WorkspaceRef, string> _values = new();

    public IReadOnlyDictionary<WorkspaceRef, string> Values => _values;

    public Task<string?> GetAsync(WorkspaceRef workspace, CancellationToken ct) => Task.FromResult(_values.GetValueOrDefault(workspace));

    public Task SetAsync(WorkspaceRef workspace, string value, CancellationToken ct)
    {
        _values[workspace] = value;
        return Task.CompletedTask;
    }

    public Task<bool> RemoveAsync(WorkspaceRef workspace, CancellationToken ct) => Task.FromResult(_values.TryRemove(workspace, out _));
}

/// <summary>Records which workspaces had their work stopped or their data erased (the Redis implementation is tested on redis-server).</summary>
public sealed class RecordingWorkspaceData : IWorkspaceData
{
    private readonly ConcurrentQueue<WorkspaceRef> _stopped = new();
    private readonly ConcurrentQueue<WorkspaceRef> _erased = new();

    public IReadOnlyList<WorkspaceRef> Stopped => _stopped.ToArray();

    public IReadOnlyList<WorkspaceRef> Erased => _erased.ToArray();

    public Task StopWorkAsync(WorkspaceRef workspace, CancellationToken ct)
    {
        _stopped.Enqueue(workspace);
        return Task.CompletedTask;
    }

    public Task<long> EraseAsync(WorkspaceRef workspace, CancellationToken ct)
    {
        _erased.Enqueue(workspace);
        return Task.FromResult(1L);
    }
}

/// <summary>A Data Protection key ring in memory, so tests never write keys to the runner's <c>~/.aspnet</c>.</summary>
public sealed class InMemoryXmlRepository : Microsoft.AspNetCore.DataProtection.Repositories.IXmlRepository
{
    private readonly ConcurrentQueue<System.Xml.Linq.XElement> _elements = new();

    public IReadOnlyCollection<System.Xml.Linq.XElement> GetAllElements() => _elements.ToArray();

    public void StoreElement(System.Xml.Linq.XElement element, string friendlyName) => _elements.Enqueue(element);
}
