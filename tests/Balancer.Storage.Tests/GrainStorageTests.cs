using Balancer.Contracts.Grains;
using Balancer.Contracts.Model;
using Npgsql;

namespace Balancer.Storage.Tests;

[Collection(PostgresCollection.Name)]
public sealed class GrainStorageTests(PostgresServer server)
{
    private static readonly TimeSpan Limit = StorageCluster.CallLimit;

    [Fact]
    public async Task UpsertQueue_ClusterRestarted_CatalogReadsBack()
    {
        var database = await Migrated();
        var settings = new QueueSettings(TimeSpan.FromMinutes(10), "Support");
        await using (var first = await StorageCluster.Start(database))
        {
            var tenant = first.Client.GetGrain<ITenantGrain>("acme");
            Assert.True(await tenant.UpsertQueue("support", settings).WaitAsync(Limit));
        }

        await using var second = await StorageCluster.Start(database);
        var catalog = await second.Client.GetGrain<ITenantGrain>("acme").GetCatalog().WaitAsync(Limit);

        Assert.Equal(["support"], catalog.QueueIds);
        Assert.Equal(
            [("dispatch", "acme", 1), ("queue", "acme/support", 1), ("tenant", "acme", 1)],
            await Rows(database));
    }

    private async Task<string> Migrated()
    {
        var database = await server.CreateDatabase();
        await BalancerMigrations.Apply(database, CancellationToken.None).WaitAsync(Limit);
        return database;
    }

    internal static async Task<List<(string Type, string Key, int Version)>> Rows(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync().WaitAsync(Limit);
        await using var command = new NpgsqlCommand(
            "SELECT grain_type, grain_id_extension, version FROM balancer_grain_state ORDER BY 1, 2", connection);
        await using var reader = await command.ExecuteReaderAsync().WaitAsync(Limit);
        var rows = new List<(string, string, int)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetInt32(2)));
        }

        return rows;
    }
}
