using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Balancer.Storage;

/// <summary>
/// Brings a PostgreSQL database up to Balancer's schema. Each run takes a transaction-scoped advisory lock,
/// so runs from several processes at once queue behind each other, and applies in one transaction every
/// embedded migration not yet recorded in <c>balancer_schema_version</c>: each version is applied once.
/// </summary>
public static class BalancerMigrations
{
    /// <summary>
    /// The advisory lock key all of Balancer's migration runs share: "balancer" in ASCII, as a number.
    /// </summary>
    public const long LockKey = 0x62616C616E636572;

    private const string CreateVersionTable = """
        CREATE TABLE IF NOT EXISTS balancer_schema_version
        (
            version integer NOT NULL PRIMARY KEY,
            name text NOT NULL,
            applied_on timestamptz NOT NULL DEFAULT now()
        )
        """;

    /// <summary>
    /// Applies the migrations the database lacks and returns their versions, in order; none if it is
    /// up to date. Nothing is applied if any of them fails.
    /// </summary>
    public static Task<IReadOnlyList<int>> Apply(string connectionString, CancellationToken cancellationToken) =>
        Apply(connectionString, Migration.Embedded, NullLogger.Instance, cancellationToken);

    /// <summary>
    /// Applies the migrations the database lacks, as <see cref="Apply(string, CancellationToken)"/> does, and
    /// logs each one to <paramref name="logger"/>.
    /// </summary>
    public static Task<IReadOnlyList<int>> Apply(
        string connectionString, ILogger logger, CancellationToken cancellationToken) =>
        Apply(connectionString, Migration.Embedded, logger, cancellationToken);

    /// <summary>
    /// Applies <paramref name="migrations"/>, in version order, as <see cref="Apply(string, CancellationToken)"/>
    /// does the embedded ones.
    /// </summary>
    public static async Task<IReadOnlyList<int>> Apply(
        string connectionString,
        IReadOnlyList<Migration> migrations,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(migrations);
        ArgumentNullException.ThrowIfNull(logger);

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        logger.LogDebugWaitingForLock(LockKey);
        await Execute(connection, "SELECT pg_advisory_xact_lock(@key)", cancellationToken, ("key", LockKey));
        await Execute(connection, CreateVersionTable, cancellationToken);
        var applied = await AppliedVersions(connection, cancellationToken);

        var now = new List<int>();
        foreach (var migration in migrations.OrderBy(m => m.Version))
        {
            if (applied.Contains(migration.Version))
            {
                continue;
            }

            await Execute(connection, migration.Sql, cancellationToken);
            await Execute(
                connection,
                "INSERT INTO balancer_schema_version (version, name) VALUES (@version, @name)",
                cancellationToken,
                ("version", migration.Version),
                ("name", migration.Name));
            now.Add(migration.Version);
        }

        await transaction.CommitAsync(cancellationToken);
        foreach (var version in now)
        {
            logger.LogInformationMigrationApplied(version, migrations.First(m => m.Version == version).Name);
        }

        if (now.Count == 0)
        {
            logger.LogInformationSchemaUpToDate(applied.Count == 0 ? 0 : applied.Max());
        }

        return now;
    }

    private static async Task<HashSet<int>> AppliedVersions(
        NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT version FROM balancer_schema_version", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var versions = new HashSet<int>();
        while (await reader.ReadAsync(cancellationToken))
        {
            versions.Add(reader.GetInt32(0));
        }

        return versions;
    }

    private static async Task Execute(
        NpgsqlConnection connection,
        string sql,
        CancellationToken cancellationToken,
        params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
