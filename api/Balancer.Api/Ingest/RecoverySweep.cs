using Balancer.Api.Hosting;
using Balancer.Contracts.Grains;
using Balancer.Grains;
using Balancer.Storage;
using Microsoft.Extensions.Options;

namespace Balancer.Api.Ingest;

/// <summary>
/// Every <see cref="RecoveryOptions.SweepInterval"/>, from the host's start, asks each tenant in the journal
/// whether its figures wait to be rebuilt, and has the <see cref="RecoveryRunner"/> rebuild them if so.
/// Asking activates the tenant, which finds out then whether its rollup was lost. So figures come back after a
/// restart of the whole cluster, or the loss of a tenant no batch reaches, without waiting for a batch.
/// </summary>
public sealed class RecoverySweep(
    IEventJournal journal,
    IGrainFactory grains,
    RecoveryRunner runner,
    IOptions<RecoveryOptions> options,
    ILogger<RecoverySweep> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval);
        do
        {
            try
            {
                await Sweep(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarningSweepFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task Sweep(CancellationToken stoppingToken)
    {
        foreach (var tenantId in await journal.Tenants(stoppingToken))
        {
            var status = await grains.GetGrain<ITenantGrain>(tenantId).GetEpoch().WaitAsync(stoppingToken);
            if (status.Recovering && runner.Running(tenantId) is null)
            {
                runner.Ensure(tenantId);
            }
        }
    }
}
