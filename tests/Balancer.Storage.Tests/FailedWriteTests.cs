using Balancer.Contracts.Grains;
using Balancer.Contracts.Model;
using Npgsql;

namespace Balancer.Storage.Tests;

/// <summary>
/// The providers leave a change in the grain's memory when its write fails; Balancer's grains undo it, so
/// what is in effect is always what is stored, and a retry stores it.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class FailedWriteTests(PostgresServer server)
{
    private static readonly TimeSpan Limit = StorageCluster.CallLimit;

    [Fact]
    public async Task Configure_WriteFails_OldSettingsStayInEffectAndTheRetryIsStored()
    {
        var database = await server.CreateDatabase();
        await BalancerMigrations.Apply(database, CancellationToken.None).WaitAsync(Limit);
        await using (var cluster = await StorageCluster.Start(database))
        {
            var tenant = cluster.Client.GetGrain<ITenantGrain>("acme");
            await tenant.UpsertQueue("support", new QueueSettings(TimeSpan.FromMinutes(10), "Support"))
                .WaitAsync(Limit);
            var queue = cluster.Client.GetGrain<IQueueGrain>(GrainKeys.Of("acme", "support"));
            var longer = new QueueSettings(TimeSpan.FromMinutes(20), "Support");

            await RenameStateTable(database, "balancer_grain_state", "balancer_grain_state_away");
            await Assert.ThrowsAnyAsync<Exception>(() => queue.Configure(longer).WaitAsync(Limit));
            await Assert.ThrowsAnyAsync<Exception>(() => tenant
                .UpsertQueue("billing", new QueueSettings(TimeSpan.FromMinutes(5), "Billing")).WaitAsync(Limit));
            await RenameStateTable(database, "balancer_grain_state_away", "balancer_grain_state");

            Assert.Equal(600, (await queue.GetFigures().WaitAsync(Limit)).ReplyWindowSeconds);
            Assert.Equal(["support"], (await tenant.GetCatalog().WaitAsync(Limit)).QueueIds);
            await queue.Configure(longer).WaitAsync(Limit);
            Assert.True(await tenant.UpsertQueue("billing", new QueueSettings(TimeSpan.FromMinutes(5), "Billing"))
                .WaitAsync(Limit));
        }

        await using var restarted = await StorageCluster.Start(database);
        var figures = await restarted.Client.GetGrain<IQueueGrain>(GrainKeys.Of("acme", "support")).GetFigures()
            .WaitAsync(Limit);
        Assert.Equal(1200, figures.ReplyWindowSeconds);
        Assert.Equal(
            ["billing", "support"],
            (await restarted.Client.GetGrain<ITenantGrain>("acme").GetCatalog().WaitAsync(Limit)).QueueIds.Order());
    }

    /// <summary>Makes every read and write of grain state fail, with the server up, and undoes it.</summary>
    private static async Task RenameStateTable(string database, string from, string to)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync().WaitAsync(Limit);
        await using var command = new NpgsqlCommand($"ALTER TABLE {from} RENAME TO {to}", connection);
        await command.ExecuteNonQueryAsync().WaitAsync(Limit);
    }
}
