using System.Collections.Concurrent;
using System.Diagnostics;
using Balancer.Api.Hosting;
using Balancer.Contracts.Api;
using Balancer.Contracts.Grains;
using Balancer.Grains;
using Balancer.Storage;
using Microsoft.Extensions.Options;

namespace Balancer.Api.Ingest;

/// <summary>
/// Rebuilds a tenant's figures from its journal: takes the tenant's recovery lease, which resets every grain
/// of the tenant into a new epoch, replays every journaled batch in order through a <see cref="BatchProcessor"/>,
/// and ends the lease, which opens the tenant's gate to new batches again. One run per tenant per host at a
/// time; where another host holds the lease, this one leaves the rebuild to it.
/// </summary>
/// <remarks>
/// A run that fails (storage down, a silo lost meanwhile) starts over after a pause that doubles from 250 ms
/// to 5 s, until the host stops. A journal entry that fails for a reason other than those is logged and skipped,
/// so one bad entry cannot keep a tenant closed.
/// </remarks>
public sealed class RecoveryRunner(
    IGrainFactory grains,
    TenantCatalogCache catalogs,
    IOptions<ApiOptions> options,
    BalancerClock clock,
    IEventJournal journal,
    IHostApplicationLifetime lifetime,
    ILogger<RecoveryRunner> logger)
{
    /// <summary>Journal entries read at once: up to 64 batches of at most 5,000 events by default.</summary>
    private const int PageSize = 64;

    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, Task> _running = new(StringComparer.Ordinal);

    /// <summary>Starts a rebuild of the tenant's figures unless one runs on this host already.</summary>
    public void Ensure(string tenantId)
    {
        if (_running.ContainsKey(tenantId))
        {
            return;
        }

        var run = new Task<Task>(() => Run(tenantId));
        if (_running.TryAdd(tenantId, run.Unwrap()))
        {
            run.Start(TaskScheduler.Default);
        }
    }

    /// <summary>The rebuild running on this host for the tenant, if any; for tests and the bench.</summary>
    public Task? Running(string tenantId) => _running.GetValueOrDefault(tenantId);

    private async Task Run(string tenantId)
    {
        var stopping = lifetime.ApplicationStopping;
        var pause = FirstPause;
        // Every attempt asks with the same id, so one whose call failed after the lease was taken takes it over.
        var holder = Guid.NewGuid();
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                try
                {
                    if (await RebuildOnce(tenantId, holder, stopping))
                    {
                        return;
                    }
                }
                catch (Exception ex) when (!stopping.IsCancellationRequested)
                {
                    logger.LogWarningReplayFailed(ex, tenantId, (long)pause.TotalMilliseconds);
                    await Task.Delay(pause, stopping);
                    pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestPause.Ticks));
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The host is stopping; the lease runs out, and another host takes the rebuild over.
        }
        finally
        {
            _running.TryRemove(tenantId, out _);
        }
    }

    /// <returns>True once the tenant is rebuilt, here or by another host; false when the lease was lost.</returns>
    private async Task<bool> RebuildOnce(string tenantId, Guid holder, CancellationToken stopping)
    {
        var tenant = grains.GetGrain<ITenantGrain>(tenantId);
        var lease = await tenant.BeginRecovery(holder);
        if (lease is null)
        {
            return true;
        }

        logger.LogInformationReplayStarted(tenantId, lease.Epoch);
        var watch = Stopwatch.StartNew();
        var processor = new BatchProcessor(
            tenantId, grains, catalogs, options.Value, clock.Time, IngestDurability.None);
        var renewAt = clock.Now + (lease.ExpiresAt - clock.Now) / 3;
        long after = 0, events = 0;
        var entries = 0;
        while (true)
        {
            var page = await journal.Read(tenantId, after, PageSize, stopping);
            if (page.Count == 0)
            {
                break;
            }

            foreach (var entry in page)
            {
                events += await ReplayEntry(processor, tenantId, entry, lease.Epoch);
                after = entry.Position;
                entries++;
            }

            if (clock.Now >= renewAt)
            {
                lease = await tenant.RenewRecovery(lease.Token);
                if (lease is null)
                {
                    return false;
                }

                renewAt = clock.Now + (lease.ExpiresAt - clock.Now) / 3;
            }
        }

        if (!await tenant.EndRecovery(lease.Token))
        {
            return false;
        }

        logger.LogInformationReplayed(tenantId, entries, events, watch.ElapsedMilliseconds);
        return true;
    }

    private async Task<int> ReplayEntry(BatchProcessor processor, string tenantId, JournalEntry entry, long epoch)
    {
        try
        {
            return await processor.Replay(EventBatch.Parser.ParseFrom(entry.Batch), entry.AppendedAt, epoch);
        }
        catch (Exception ex) when (!IngestFailures.IsUnavailable(ex))
        {
            logger.LogErrorEntrySkipped(ex, tenantId, entry.Position);
            return 0;
        }
    }
}
