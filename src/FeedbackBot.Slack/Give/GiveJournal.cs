using System.Text.Json;
using System.Text.Json.Serialization;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Slack.Inbound;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace FeedbackBot.Slack.Give;

/// <summary>
/// A give whose ack said "saving…": the command, the Slack identifier it is acted on once for, who hears its late
/// outcome (the command's response_url; none for a modal, whose late answer goes by DM) and when it started.
/// </summary>
public sealed record GiveJournalEntry(GiveFeedbackCommand Command, string OnceKind, string? OnceId, SlackRequester TellTo, DateTimeOffset StartedAt)
{
    public OnceKey Once => new(OnceKind, OnceId);
}

/// <summary>
/// The host-local write-ahead journal of gives answered "saving…" (issue 9): one file per give in
/// <c>{Storage:DataDirectory}/give-journal/</c>, written before Slack gets the ack and removed once the late outcome
/// was told. A kill in between leaves the file, and <see cref="GiveJournalReplay"/> finishes the give at the next
/// start. Files are written atomically (temp file, fsync, rename), so a replay never reads half a give.
/// </summary>
public sealed class GiveJournal(IConfiguration configuration, ILogger<GiveJournal> logger) : IDisposable
{
    /// <summary>The journal's folder inside the data directory.</summary>
    public const string FolderName = "give-journal";

    /// <summary>
    /// Threads of the journal's own that write and fsync its files. Never the .NET pool's: an fsync holds its thread
    /// for as long as the disk takes, and at 200 gives/s with a slow store 25 pool threads sat in fsync here while
    /// every storage reply queued behind them (a stack dump of the host) — the store's timeouts made more gives
    /// late, and every late give another fsync. Several, so the file system can commit concurrent fsyncs together.
    /// </summary>
    private const int Writers = 8;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    // A plain queue under a lock, each entry waking one writer (Monitor.Pulse): a Channel woke all eight waiting
    // writers for every entry, and each then spun in a sync-over-async wait before sleeping again — a tenth of a
    // fresh host's CPU samples at 100 gives/s once gives were late (dotnet-trace), exactly when CPU is short.
    private readonly Queue<(GiveJournalEntry Entry, TaskCompletionSource<string?> Written)> _queue = new();
    private bool _closed;

    private int _started;

    /// <summary>The folder this host journals to and replays from.</summary>
    public string Folder { get; } = Path.GetFullPath(Path.Combine(configuration["Storage:DataDirectory"] ?? "data", FolderName));

    /// <summary>
    /// Writes <paramref name="entry"/> durably (on the journal's own threads); returns its file, or null when the
    /// disk refused (logged: the give still runs, it just has no crash protection).
    /// </summary>
    public Task<string?> WriteAsync(GiveJournalEntry entry)
    {
        if (Interlocked.Exchange(ref _started, 1) == 0)
        {
            for (var i = 0; i < Writers; i++)
            {
                new Thread(WriteLoop) { IsBackground = true, Name = $"give-journal-{i}" }.Start();
            }
        }

        var written = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_queue)
        {
            if (!_closed)
            {
                _queue.Enqueue((entry, written));
                Monitor.Pulse(_queue);
                return written.Task;
            }
        }

        written.SetResult(null); // shutting down: no crash protection, as when the disk refuses
        return written.Task;
    }

    public void Dispose()
    {
        lock (_queue)
        {
            _closed = true;
            Monitor.PulseAll(_queue);
        }
    }

    private void WriteLoop()
    {
        // This thread is the journal's own, so waiting on it blocks nobody else.
        while (Next() is { } item)
        {
            try
            {
                item.Written.SetResult(Write(item.Entry));
            }
            catch (Exception ex)
            {
                // Not the disk (Write handles that): a bug. The give still runs; this thread keeps serving.
                logger.LogError(ex, "Journalling give {OnceKind}:{OnceId} failed", item.Entry.OnceKind, item.Entry.OnceId);
                item.Written.TrySetResult(null);
            }
        }
    }

    /// <summary>The next entry to write, waiting (asleep, not spinning) until there is one; null once closed and drained.</summary>
    private (GiveJournalEntry Entry, TaskCompletionSource<string?> Written)? Next()
    {
        lock (_queue)
        {
            while (_queue.Count == 0)
            {
                if (_closed)
                {
                    return null;
                }

                Monitor.Wait(_queue);
            }

            return _queue.Dequeue();
        }
    }

    private string? Write(GiveJournalEntry entry)
    {
        var path = Path.Combine(Folder, $"{entry.StartedAt.ToUnixTimeMilliseconds()}-{Guid.NewGuid():N}.json");
        var temp = path + ".tmp";
        try
        {
            Directory.CreateDirectory(Folder);
            // Once started, the entry must be complete or absent.
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                JsonSerializer.Serialize(file, entry, Json);
                file.Flush(flushToDisk: true); // fsync: the rename below must never point at unwritten data
            }

            File.Move(temp, path);
            return path;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogError(ex, "Could not journal give {OnceKind}:{OnceId} in {Folder}; a crash before its save would lose it",
                entry.OnceKind, entry.OnceId, Folder);
            TryDelete(temp);
            return null;
        }
    }

    /// <summary>Removes a journal file once its give's outcome was told.</summary>
    public void Remove(string? file)
    {
        if (file is not null)
        {
            TryDelete(file);
        }
    }

    /// <summary>
    /// Every complete journal file, oldest first. A leftover temp file was never acknowledged as journalled (the
    /// kill came before its rename), so it goes; an unreadable file is set aside as <c>.bad</c> for an operator.
    /// </summary>
    public IReadOnlyList<(string File, GiveJournalEntry Entry)> ReadAll()
    {
        if (!Directory.Exists(Folder))
        {
            return [];
        }

        foreach (var temp in Directory.EnumerateFiles(Folder, "*.tmp"))
        {
            TryDelete(temp);
        }

        var entries = new List<(string, GiveJournalEntry)>();
        foreach (var file in Directory.EnumerateFiles(Folder, "*.json").Order(StringComparer.Ordinal))
        {
            try
            {
                if (JsonSerializer.Deserialize<GiveJournalEntry>(File.ReadAllText(file), Json) is { } entry)
                {
                    entries.Add((file, entry));
                    continue;
                }
            }
            catch (JsonException ex)
            {
                logger.LogError(ex, "Give journal file {File} is unreadable; set aside as .bad", Path.GetFileName(file));
            }

            File.Move(file, file + ".bad", overwrite: true);
        }

        return entries;
    }

    private void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (IOException ex)
        {
            logger.LogWarning(ex, "Could not remove give journal file {File}", Path.GetFileName(file));
        }
    }
}
