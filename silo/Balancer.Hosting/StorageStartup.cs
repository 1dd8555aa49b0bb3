using System.Diagnostics;
using Balancer.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Balancer.Hosting;

/// <summary>
/// Says how the process is clustered and, when durable and asked to, brings the database up to Balancer's
/// schema. Registered before Orleans' own hosted service, so it starts, and migrates, before the silo or
/// the client touches the membership table or the grain state.
/// </summary>
internal sealed class StorageStartup(
    IOptions<StorageOptions> storage,
    ClusterIdentityOptions identity,
    string role,
    ILogger<StorageStartup> logger) : IHostedService
{
    private const string MigrateOnStartKey = StorageOptions.Section + ":" + nameof(StorageOptions.MigrateOnStart);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var options = storage.Value;
        if (!options.IsDurable)
        {
            logger.LogInformationInMemory(
                role, identity.ClusterId, identity.ServiceId, StorageOptions.ConnectionStringKey);
            return;
        }

        var (host, database) = options.Describe();
        logger.LogInformationDurable(role, identity.ClusterId, identity.ServiceId, database, host);
        if (!options.MigrateOnStart)
        {
            logger.LogInformationMigrationSkipped(MigrateOnStartKey);
            return;
        }

        var watch = Stopwatch.StartNew();
        var applied = await BalancerMigrations.Apply(options.ConnectionString!, logger, cancellationToken);
        logger.LogInformationMigrated(role, applied.Count, string.Join(", ", applied), watch.ElapsedMilliseconds);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
