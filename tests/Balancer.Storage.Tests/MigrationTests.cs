using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Balancer.Storage.Tests;

[Collection(PostgresCollection.Name)]
public sealed class MigrationTests(PostgresServer server)
{
    /// <summary>The persistence provider's three queries and the clustering provider's nine.</summary>
    private const long QueryCount = 3 + 9;

    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Apply_EmptyDatabase_AppliesEveryVersionInOrder()
    {
        var database = await server.CreateDatabase();

        var applied = await BalancerMigrations.Apply(database, CancellationToken.None).WaitAsync(Limit);

        Assert.Equal(Migration.Embedded.Select(m => m.Version), applied);
        Assert.Equal([1, 2, 3], applied);
        Assert.Equal(applied, await RecordedVersions(database));
    }

    [Fact]
    public async Task Apply_Twice_SecondRunAppliesNothing()
    {
        var database = await server.CreateDatabase();
        await BalancerMigrations.Apply(database, CancellationToken.None).WaitAsync(Limit);

        var again = await BalancerMigrations.Apply(database, CancellationToken.None).WaitAsync(Limit);

        Assert.Empty(again);
        Assert.Equal(Migration.Embedded.Select(m => m.Version), await RecordedVersions(database));
        Assert.Equal(QueryCount, await Scalar<long>(database, "SELECT count(*) FROM OrleansQuery"));
    }

    [Fact]
    public async Task Apply_FromTwoTasksAtOnce_AppliesEachVersionOnce()
    {
        var database = await server.CreateDatabase();

        var runs = await Task.WhenAll(
            Task.Run(() => BalancerMigrations.Apply(database, CancellationToken.None)),
            Task.Run(() => BalancerMigrations.Apply(database, CancellationToken.None))).WaitAsync(Limit);

        var versions = Migration.Embedded.Select(m => m.Version).ToList();
        Assert.Equal(versions, runs.SelectMany(r => r).Order());
        Assert.Contains(runs, r => r.Count == 0);
        Assert.Equal(versions, await RecordedVersions(database));
        Assert.Equal(
            1L,
            await Scalar<long>(database, "SELECT count(*) FROM pg_tables WHERE tablename = 'balancer_grain_state'"));
        Assert.Equal(QueryCount, await Scalar<long>(database, "SELECT count(*) FROM OrleansQuery"));
    }

    [Fact]
    public async Task Apply_FailingMigration_LeavesNothingApplied()
    {
        var database = await server.CreateDatabase();
        Migration[] migrations = [Migration.Embedded[0], new(2, "broken", "CREATE TABLE nowhere (")];

        await Assert.ThrowsAsync<PostgresException>(
            () => BalancerMigrations.Apply(database, migrations, NullLogger.Instance, CancellationToken.None)
                .WaitAsync(Limit));

        Assert.Equal(
            0L,
            await Scalar<long>(database, "SELECT count(*) FROM pg_tables WHERE tablename = 'balancer_grain_state'"));
        Assert.Equal(
            0L,
            await Scalar<long>(database, "SELECT count(*) FROM pg_tables WHERE tablename = 'balancer_schema_version'"));
    }

    [Fact]
    public async Task GrainStateTable_SecondRowForOneIdentity_IsRefused()
    {
        var database = await server.CreateDatabase();
        await BalancerMigrations.Apply(database, CancellationToken.None).WaitAsync(Limit);
        const string Insert = """
            INSERT INTO balancer_grain_state (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_extension,
                grain_type_hash, grain_id_hash, payload, version)
            VALUES ('s', 'tenant', 0, 0, 'acme', 1, 1, NULL, 1)
            """;
        await Scalar<object>(database, Insert);

        var refused = await Assert.ThrowsAsync<PostgresException>(() => Scalar<object>(database, Insert));

        Assert.Equal(PostgresErrorCodes.UniqueViolation, refused.SqlState);
        Assert.Equal("balancer_grain_state_identity", refused.ConstraintName);
    }

    private static async Task<List<int>> RecordedVersions(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync().WaitAsync(Limit);
        await using var command = new NpgsqlCommand(
            "SELECT version FROM balancer_schema_version ORDER BY version", connection);
        await using var reader = await command.ExecuteReaderAsync().WaitAsync(Limit);
        var versions = new List<int>();
        while (await reader.ReadAsync())
        {
            versions.Add(reader.GetInt32(0));
        }

        return versions;
    }

    internal static async Task<T> Scalar<T>(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync().WaitAsync(Limit);
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync().WaitAsync(Limit) ?? DBNull.Value);
    }
}
