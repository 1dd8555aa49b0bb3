using System.Net.Sockets;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Balancer.Storage;

/// <summary>
/// The journal in PostgreSQL's <c>balancer_journal</c> (migration 3), written by group commit: appends made at
/// the same time wait in one queue, and a single writer takes all that are pending, up to
/// <see cref="JournalOptions.MaxGroupBatches"/> batches and <see cref="JournalOptions.MaxGroupBytes"/> bytes,
/// and writes them with one binary COPY, one transaction, before it completes each of their tasks. So ingest
/// pays one round trip and one commit per group, not per batch. A group that fails fails every append in it
/// with <see cref="JournalUnavailableException"/>, and none of its batches is written; one that gets no answer
/// within <see cref="JournalOptions.Timeout"/> fails the same way, and the writer moves on to the next group,
/// but the abandoned attempt may yet commit if PostgreSQL answers late. Within one journal, positions follow
/// the order of the appends.
/// </summary>
/// <remarks>
/// Npgsql does not heed cancellation while it opens a connection, only its own connect timeout: give the data
/// source a connect timeout no longer than <see cref="JournalOptions.Timeout"/>, as
/// <see cref="JournalServiceCollectionExtensions.AddBalancerJournal"/> does, so that abandoned attempts end soon.
/// </remarks>
public sealed class PostgresJournal : IEventJournal, IAsyncDisposable
{
    /// <summary>Rows one trimming statement deletes at most, so that no statement holds long.</summary>
    internal const int TrimChunk = 10_000;

    private const string CopyRows =
        "COPY balancer_journal (tenant_id, appended_at, events, batch) FROM STDIN (FORMAT BINARY)";

    private const string Select = """
        SELECT position, appended_at, batch
        FROM balancer_journal
        WHERE tenant_id = $1 AND position > $2
        ORDER BY position
        LIMIT $3
        """;

    // Skips from one tenant to the next along the primary key instead of reading every row.
    private const string SelectTenants = """
        WITH RECURSIVE t AS
        (
            (SELECT tenant_id FROM balancer_journal ORDER BY tenant_id LIMIT 1)
            UNION ALL
            SELECT (SELECT j.tenant_id FROM balancer_journal j WHERE j.tenant_id > t.tenant_id
                    ORDER BY j.tenant_id LIMIT 1)
            FROM t WHERE t.tenant_id IS NOT NULL
        )
        SELECT tenant_id FROM t WHERE tenant_id IS NOT NULL
        """;

    // SKIP LOCKED: rows another host is trimming at the same moment are left to it rather than waited for.
    private const string DeleteChunk = """
        DELETE FROM balancer_journal j
        USING
        (
            SELECT tenant_id, position FROM balancer_journal
            WHERE appended_at < $1
            LIMIT $2
            FOR UPDATE SKIP LOCKED
        ) old
        WHERE j.tenant_id = old.tenant_id AND j.position = old.position
        """;

    private readonly NpgsqlDataSource _dataSource;

    private readonly JournalOptions _options;

    private readonly ILogger<PostgresJournal> _logger;

    private readonly Channel<PendingAppend> _queue = Channel.CreateUnbounded<PendingAppend>();

    private readonly CancellationTokenSource _stopping = new();

    private readonly Task _writer;

    private long _groups;

    private long _batches;

    private int _disposed;

    /// <summary>
    /// Starts the journal's writer on <paramref name="dataSource"/>, whose lifetime stays the caller's.
    /// </summary>
    /// <exception cref="OptionsValidationException">The options are out of range.</exception>
    public PostgresJournal(
        NpgsqlDataSource dataSource, IOptions<JournalOptions> options, ILogger<PostgresJournal> logger)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        var problems = options.Value.Validate().ToList();
        if (problems.Count > 0)
        {
            throw new OptionsValidationException(JournalOptions.Section, typeof(JournalOptions), problems);
        }

        _dataSource = dataSource;
        _options = options.Value;
        _logger = logger;
        _writer = Task.Run(Write);
    }

    /// <summary>Groups committed since the journal started, each one transaction of one or more batches.</summary>
    public long GroupsWritten => Interlocked.Read(ref _groups);

    /// <summary>Batches committed since the journal started; over <see cref="GroupsWritten"/>, the grouping.</summary>
    public long BatchesWritten => Interlocked.Read(ref _batches);

    /// <inheritdoc />
    /// <remarks>
    /// Waits at most <see cref="JournalOptions.Timeout"/> for the commit. A caller that stops waiting, cancelled
    /// or timed out, takes its batch out of the queue if the writer has not taken it yet; otherwise the batch
    /// may still be written. After <see cref="DisposeAsync"/>, appends fail as unavailable.
    /// </remarks>
    public async Task Append(
        string tenantId,
        ReadOnlyMemory<byte> batch,
        int events,
        DateTimeOffset at,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        ArgumentOutOfRangeException.ThrowIfNegative(events);
        cancellationToken.ThrowIfCancellationRequested();

        var append = new PendingAppend(tenantId, batch.ToArray(), events, at.ToUniversalTime());
        if (!_queue.Writer.TryWrite(append))
        {
            throw JournalUnavailableException.Because("the journal is shut down.", null);
        }

        try
        {
            await append.Committed.WaitAsync(_options.Timeout, cancellationToken);
        }
        catch (TimeoutException e)
        {
            append.Abandon();
            throw JournalUnavailableException.Because(
                $"the batch was not committed within {Seconds(_options.Timeout)}.", e);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            append.Abandon();
            throw;
        }
    }

    /// <inheritdoc />
    /// <remarks>Waits at most <see cref="JournalOptions.Timeout"/>.</remarks>
    public Task<IReadOnlyList<JournalEntry>> Read(
        string tenantId, long after, int limit, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        ArgumentOutOfRangeException.ThrowIfNegative(after);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return Bounded<IReadOnlyList<JournalEntry>>(
            async token =>
            {
                await using var connection = await _dataSource.OpenConnectionAsync(token);
                await using var command = new NpgsqlCommand(Select, connection)
                {
                    Parameters =
                    {
                        new NpgsqlParameter { Value = tenantId },
                        new NpgsqlParameter { Value = after },
                        new NpgsqlParameter { Value = limit },
                    },
                };
                await using var reader = await command.ExecuteReaderAsync(token);
                var entries = new List<JournalEntry>();
                while (await reader.ReadAsync(token))
                {
                    entries.Add(new JournalEntry(
                        reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetFieldValue<byte[]>(2)));
                }

                return entries;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>Waits at most <see cref="JournalOptions.Timeout"/>.</remarks>
    public Task<IReadOnlyList<string>> Tenants(CancellationToken cancellationToken) =>
        Bounded<IReadOnlyList<string>>(
            async token =>
            {
                await using var connection = await _dataSource.OpenConnectionAsync(token);
                await using var command = new NpgsqlCommand(SelectTenants, connection);
                await using var reader = await command.ExecuteReaderAsync(token);
                var tenants = new List<string>();
                while (await reader.ReadAsync(token))
                {
                    tenants.Add(reader.GetString(0));
                }

                return tenants;
            },
            cancellationToken);

    /// <inheritdoc />
    /// <remarks>
    /// Deletes in statements of at most 10,000 rows, each committed on its own and each given at most
    /// <see cref="JournalOptions.Timeout"/>, so a long backlog is trimmed step by step rather than in one long
    /// transaction. If a step fails, the steps before it stay done. Rows another host is trimming at the same
    /// time are left to it and not counted here.
    /// </remarks>
    public async Task<long> Trim(DateTimeOffset before, CancellationToken cancellationToken)
    {
        var cutoff = before.ToUniversalTime();
        long total = 0;
        while (true)
        {
            var deleted = await Bounded(
                async token =>
                {
                    await using var connection = await _dataSource.OpenConnectionAsync(token);
                    await using var command = new NpgsqlCommand(DeleteChunk, connection)
                    {
                        Parameters =
                        {
                            new NpgsqlParameter { Value = cutoff },
                            new NpgsqlParameter { Value = TrimChunk },
                        },
                    };
                    return await command.ExecuteNonQueryAsync(token);
                },
                cancellationToken);
            total += deleted;
            if (deleted < TrimChunk)
            {
                return total;
            }
        }
    }

    /// <summary>
    /// Stops taking appends, writes those already queued, for at most <see cref="JournalOptions.Timeout"/>, and
    /// fails as unavailable whatever is still pending after that. Safe to call twice.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _queue.Writer.TryComplete();
        var stopped = await Stopped(_writer, _options.Timeout);
        if (!stopped)
        {
            await _stopping.CancelAsync();
            stopped = await Stopped(_writer, _options.Timeout);
            if (!stopped)
            {
                _logger.LogWarningJournalWriterStuck(_options.Timeout);
            }
        }

        if (stopped)
        {
            _stopping.Dispose();
        }

        var shutDown = JournalUnavailableException.Because(
            "the journal was shut down before the batch was committed.", null);
        while (_queue.Reader.TryRead(out var left))
        {
            left.Fail(shutDown);
        }
    }

    private static async Task<bool> Stopped(Task task, TimeSpan limit)
    {
        try
        {
            await task.WaitAsync(limit);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private static string Seconds(TimeSpan duration) => $"{duration.TotalSeconds:0.###} s";

    private static string Describe(Exception e) =>
        e.InnerException is { } inner && inner.Message != e.Message ? $"{e.Message} ({inner.Message})" : e.Message;

    private static bool IsStorageFailure(Exception e) =>
        e is NpgsqlException or TimeoutException or OperationCanceledException or IOException or SocketException;

    /// <summary>The single writer: takes each group from the queue and writes it, until the queue completes.</summary>
    private async Task Write()
    {
        var reader = _queue.Reader;
        var group = new List<PendingAppend>(_options.MaxGroupBatches);
        PendingAppend? carried = null;
        while (carried is not null || await reader.WaitToReadAsync())
        {
            group.Clear();
            long bytes = 0;
            if (carried is not null)
            {
                group.Add(carried);
                bytes = carried.Batch.Length;
                carried = null;
            }

            while (group.Count < _options.MaxGroupBatches && reader.TryRead(out var next))
            {
                if (next.IsAbandoned)
                {
                    continue;
                }

                if (group.Count > 0 && bytes + next.Batch.Length > _options.MaxGroupBytes)
                {
                    carried = next;
                    break;
                }

                group.Add(next);
                bytes += next.Batch.Length;
            }

            if (group.Count > 0)
            {
                await WriteGroup(group, bytes);
            }
        }
    }

    private async Task WriteGroup(List<PendingAppend> group, long bytes)
    {
        var limit = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        limit.CancelAfter(_options.Timeout);
        var write = Copy(group.ToArray(), limit.Token);
        try
        {
            await write.WaitAsync(_options.Timeout);
            foreach (var append in group)
            {
                append.Commit();
            }
        }
        catch (Exception e)
        {
            var error = _stopping.IsCancellationRequested
                ? JournalUnavailableException.Because("the journal was shut down before the batch was committed.", e)
                : e is TimeoutException || limit.IsCancellationRequested
                    ? JournalUnavailableException.Because($"no answer within {Seconds(_options.Timeout)}.", e)
                    : JournalUnavailableException.Because(Describe(e), e);
            _logger.LogWarningJournalGroupFailed(e, group.Count, bytes);
            foreach (var append in group)
            {
                append.Fail(error);
            }
        }
        finally
        {
            Release(write, limit);
        }
    }

    /// <summary>Writes one group with one binary COPY, its own transaction, and counts it once committed.</summary>
    private async Task Copy(PendingAppend[] group, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using (var importer = await connection.BeginBinaryImportAsync(CopyRows, cancellationToken))
        {
            foreach (var append in group)
            {
                await importer.StartRowAsync(cancellationToken);
                await importer.WriteAsync(append.TenantId, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(append.At, NpgsqlDbType.TimestampTz, cancellationToken);
                await importer.WriteAsync(append.Events, NpgsqlDbType.Integer, cancellationToken);
                await importer.WriteAsync(append.Batch, NpgsqlDbType.Bytea, cancellationToken);
            }

            await importer.CompleteAsync(cancellationToken);
        }

        Interlocked.Increment(ref _groups);
        Interlocked.Add(ref _batches, group.Length);
    }

    /// <summary>
    /// Runs one command of PostgreSQL under <see cref="JournalOptions.Timeout"/>: cancelled when it runs out, and
    /// abandoned, should the cancellation itself not come back, so the caller never waits longer.
    /// </summary>
    private async Task<T> Bounded<T>(Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(_options.Timeout);
        var task = operation(limit.Token);
        try
        {
            return await task.WaitAsync(_options.Timeout, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && IsStorageFailure(e))
        {
            throw e is TimeoutException or OperationCanceledException
                ? JournalUnavailableException.Because($"no answer within {Seconds(_options.Timeout)}.", e)
                : JournalUnavailableException.Because(Describe(e), e);
        }
        finally
        {
            Release(task, limit);
        }
    }

    /// <summary>
    /// Disposes <paramref name="limit"/> once <paramref name="task"/>, which uses its token, is done. A task
    /// given up on is left to finish: its eventual failure is of no interest, but must not go unobserved.
    /// </summary>
    private static void Release(Task task, CancellationTokenSource limit)
    {
        if (task.IsCompleted)
        {
            _ = task.Exception;
            limit.Dispose();
            return;
        }

        _ = task.ContinueWith(
            static (t, state) =>
            {
                _ = t.Exception;
                ((CancellationTokenSource)state!).Dispose();
            },
            limit,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>One append waiting in the queue for its group's commit.</summary>
    private sealed class PendingAppend(string tenantId, byte[] batch, int events, DateTimeOffset at)
    {
        private readonly TaskCompletionSource _committed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string TenantId { get; } = tenantId;

        public byte[] Batch { get; } = batch;

        public int Events { get; } = events;

        public DateTimeOffset At { get; } = at;

        public Task Committed => _committed.Task;

        /// <summary>Its caller stopped waiting before the writer took it: not worth writing.</summary>
        public bool IsAbandoned => _committed.Task.IsCompleted;

        public void Commit() => _committed.TrySetResult();

        public void Fail(Exception error) => _committed.TrySetException(error);

        public void Abandon() => _committed.TrySetCanceled();
    }
}
