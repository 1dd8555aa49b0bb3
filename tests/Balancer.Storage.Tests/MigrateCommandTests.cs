using Balancer.Cli;

namespace Balancer.Storage.Tests;

[Collection(PostgresCollection.Name)]
public sealed class MigrateCommandTests(PostgresServer server)
{
    [Fact]
    public async Task Migrate_Twice_AppliesEveryVersionThenNothing()
    {
        var database = await server.CreateDatabase();

        var first = await Commands.Run(["migrate", "--connection", database]).WaitAsync(Migrate.Limit);
        var second = await Commands.Run(["migrate", "--connection", database]).WaitAsync(Migrate.Limit);

        Assert.Equal((0, 0), (first, second));
        Assert.Equal(
            "1,2,3",
            await MigrationTests.Scalar<string>(
                database, "SELECT string_agg(version::text, ',' ORDER BY version) FROM balancer_schema_version"));
    }

    [Fact]
    public async Task Migrate_WithoutConnection_FailsWithUsage()
    {
        Assert.Equal(2, await Commands.Run(["migrate"]).WaitAsync(Migrate.Limit));
    }
}
