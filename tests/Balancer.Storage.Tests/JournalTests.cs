using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Balancer.Storage.Tests;

[Collection(PostgresCollection.Name)]
public sealed class JournalTests(PostgresServer server)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    private static readonly DateTimeOffset Start = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Read_TwoTenantsAppended_ReturnsOnlyThatTenantsEntriesInAppendOrder()
    {
        var database = await Migrated();
        await using var source = NpgsqlDataSource.Create(database);
        await using var journal = Journal(source);

        await journal.Append("acme", new byte[] { 0, 255, 1 }, 3, Start, CancellationToken.None).WaitAsync(Limit);
        await journal.Append("globex", new byte[] { 9 }, 1, Start.AddSeconds(1), CancellationToken.None)
            .WaitAsync(Limit);
        var elsewhere = Start.AddSeconds(2).ToOffset(TimeSpan.FromHours(2));
        await journal.Append("acme", new byte[] { 7, 7 }, 2, elsewhere, CancellationToken.None).WaitAsync(Limit);
        await journal.Append("acme", Array.Empty<byte>(), 0, Start.AddMilliseconds(2500), CancellationToken.None)
            .WaitAsync(Limit);

        var acme = await journal.Read("acme", 0, 10, CancellationToken.None).WaitAsync(Limit);
        var globex = await journal.Read("globex", 0, 10, CancellationToken.None).WaitAsync(Limit);

        Assert.Equal(
            [
                (Start, new byte[] { 0, 255, 1 }),
                (Start.AddSeconds(2), new byte[] { 7, 7 }),
                (Start.AddMilliseconds(2500), Array.Empty<byte>()),
            ],
            acme.Select(e => (e.AppendedAt, e.Batch)));
        Assert.True(acme[0].Position < acme[1].Position && acme[1].Position < acme[2].Position);
        Assert.Equal([(Start.AddSeconds(1), new byte[] { 9 })], globex.Select(e => (e.AppendedAt, e.Batch)));
        Assert.Equal(
            "acme 3,acme 2,acme 0,globex 1",
            await MigrationTests.Scalar<string>(
                database,
                """
                SELECT string_agg(tenant_id || ' ' || events, ',' ORDER BY tenant_id, position)
                FROM balancer_journal
                """));
        Assert.Equal(
            acme.Select(e => e.Position),
            await Positions(database, "acme"));
    }

    [Fact]
    public async Task Tenants_SeveralWithManyEntries_NamesEachOnce()
    {
        var database = await Migrated();
        await using var source = NpgsqlDataSource.Create(database);
        await using var journal = Journal(source);
        Assert.Empty(await journal.Tenants(CancellationToken.None).WaitAsync(Limit));

        foreach (var tenant in new[] { "globex", "acme", "globex", "initech", "acme", "acme" })
        {
            await journal.Append(tenant, new byte[] { 1 }, 1, Start, CancellationToken.None).WaitAsync(Limit);
        }

        var tenants = await journal.Tenants(CancellationToken.None).WaitAsync(Limit);

        Assert.Equal(["acme", "globex", "initech"], tenants.Order());
    }

    [Fact]
    public async Task Read_AfterAndLimit_PagesThroughTheTenantsEntries()
    {
        var database = await Migrated();
        await using var source = NpgsqlDataSource.Create(database);
        await using var journal = Journal(source);
        for (byte i = 0; i < 5; i++)
        {
            await journal.Append("acme", new[] { i }, 1, Start.AddSeconds(i), CancellationToken.None).WaitAsync(Limit);
        }

        var all = await journal.Read("acme", 0, 5, CancellationToken.None).WaitAsync(Limit);
        var first = await journal.Read("acme", 0, 2, CancellationToken.None).WaitAsync(Limit);
        var second = await journal.Read("acme", first[^1].Position, 2, CancellationToken.None).WaitAsync(Limit);
        var third = await journal.Read("acme", second[^1].Position, 2, CancellationToken.None).WaitAsync(Limit);
        var past = await journal.Read("acme", third[^1].Position, 2, CancellationToken.None).WaitAsync(Limit);

        Assert.Equal([0, 1, 2, 3, 4], all.Select(e => (int)e.Batch.Single()));
        Assert.Equal([0, 1], first.Select(e => (int)e.Batch.Single()));
        Assert.Equal([2, 3], second.Select(e => (int)e.Batch.Single()));
        Assert.Equal([4], third.Select(e => (int)e.Batch.Single()));
        Assert.Empty(past);
        Assert.Equal(all.Select(e => e.Position), first.Concat(second).Concat(third).Select(e => e.Position));
    }

    [Fact]
    public async Task Append_200AtOnce_WritesEachOnceInFewerTransactionsThanAppends()
    {
        const int Appends = 200;
        var database = await Migrated();
        await using var source = NpgsqlDataSource.Create(database);
        await using var journal = Journal(source);

        await Task.WhenAll(
                Enumerable.Range(0, Appends).Select(i => journal.Append(
                    $"tenant-{i % 4}", BitConverter.GetBytes(i), i, Start, CancellationToken.None)))
            .WaitAsync(Limit);

        var transactions = await MigrationTests.Scalar<long>(
            database, "SELECT count(DISTINCT xmin::text) FROM balancer_journal");
        Assert.Equal(transactions, journal.GroupsWritten);
        Assert.True(journal.GroupsWritten < Appends, $"{journal.GroupsWritten} groups for {Appends} appends");
        Assert.Equal(Appends, journal.BatchesWritten);
        for (var tenant = 0; tenant < 4; tenant++)
        {
            var entries = await journal.Read($"tenant-{tenant}", 0, Appends, CancellationToken.None).WaitAsync(Limit);
            Assert.Equal(
                Enumerable.Range(0, Appends).Where(i => i % 4 == tenant),
                entries.Select(e => BitConverter.ToInt32(e.Batch)));
        }

        Assert.Equal(
            (long)Enumerable.Range(0, Appends).Sum(),
            await MigrationTests.Scalar<long>(database, "SELECT sum(events) FROM balancer_journal"));
    }

    [Fact]
    public async Task Append_MoreThanMaxGroupBatchesAtOnce_NoTransactionHoldsMore()
    {
        var database = await Migrated();
        await using var source = NpgsqlDataSource.Create(database);
        await using var journal = Journal(source, new JournalOptions { MaxGroupBatches = 16 });

        await Task.WhenAll(
                Enumerable.Range(0, 100).Select(i => journal.Append(
                    "acme", BitConverter.GetBytes(i), 1, Start, CancellationToken.None)))
            .WaitAsync(Limit);

        Assert.Equal(
            16L,
            await MigrationTests.Scalar<long>(
                database, "SELECT max(n) FROM (SELECT count(*) AS n FROM balancer_journal GROUP BY xmin::text) g"));
        Assert.InRange(journal.GroupsWritten, 7, 99);
        Assert.Equal(
            Enumerable.Range(0, 100),
            (await journal.Read("acme", 0, 1000, CancellationToken.None).WaitAsync(Limit))
                .Select(e => BitConverter.ToInt32(e.Batch)));
    }

    [Fact]
    public async Task Trim_EntriesAroundTheCutOff_DeletesExactlyThoseBeforeIt()
    {
        var database = await Migrated();
        await using var source = NpgsqlDataSource.Create(database);
        await using var journal = Journal(source);
        var cutOff = Start.AddDays(2);
        (string Tenant, DateTimeOffset At)[] appends =
        [
            ("acme", Start),
            ("globex", cutOff.AddMilliseconds(-1)),
            ("acme", cutOff),
            ("globex", cutOff.AddMilliseconds(1)),
            ("acme", cutOff.AddDays(1)),
        ];
        foreach (var (tenant, at) in appends)
        {
            await journal.Append(tenant, new byte[] { 1 }, 1, at, CancellationToken.None).WaitAsync(Limit);
        }

        var trimmed = await journal.Trim(cutOff, CancellationToken.None).WaitAsync(Limit);
        var again = await journal.Trim(cutOff, CancellationToken.None).WaitAsync(Limit);

        Assert.Equal((2L, 0L), (trimmed, again));
        Assert.Equal(
            [cutOff, cutOff.AddDays(1)],
            (await journal.Read("acme", 0, 10, CancellationToken.None).WaitAsync(Limit)).Select(e => e.AppendedAt));
        Assert.Equal(
            [cutOff.AddMilliseconds(1)],
            (await journal.Read("globex", 0, 10, CancellationToken.None).WaitAsync(Limit)).Select(e => e.AppendedAt));
    }

    [Fact]
    public async Task Trim_BacklogOfSeveralSteps_DeletesEveryOlderEntry()
    {
        var database = await Migrated();
        await using var source = NpgsqlDataSource.Create(database);
        await using var journal = Journal(source);
        // More than two of the trim's 10,000-row statements' worth to delete, and four to keep.
        await MigrationTests.Scalar<object>(
            database,
            """
            INSERT INTO balancer_journal (tenant_id, appended_at, events, batch)
            SELECT 't' || (n % 7), timestamptz '2025-03-01 00:00:00+00' + n * interval '1 ms', 1, '\x01'
            FROM generate_series(1, 25003) AS n
            """);

        var trimmed = await journal.Trim(
            new DateTimeOffset(2025, 3, 1, 0, 0, 25, TimeSpan.Zero), CancellationToken.None).WaitAsync(Limit);

        Assert.Equal(24_999L, trimmed);
        Assert.Equal(4L, await MigrationTests.Scalar<long>(database, "SELECT count(*) FROM balancer_journal"));
    }

    [Fact]
    public async Task Operations_ServerRefusingConnections_ThrowUnavailableWithinTheTimeout()
    {
        var timeout = TimeSpan.FromSeconds(1);
        await using var source = NpgsqlDataSource.Create(Unreachable(ClosedPort()));
        await using var journal = Journal(source, new JournalOptions { Timeout = timeout });

        var append = await Failure(() => journal.Append("acme", new byte[] { 1 }, 1, Start, CancellationToken.None));
        var read = await Failure(() => journal.Read("acme", 0, 10, CancellationToken.None));
        var trim = await Failure(() => journal.Trim(Start, CancellationToken.None));

        foreach (var (error, elapsed) in new[] { append, read, trim })
        {
            Assert.StartsWith("The journal's storage (PostgreSQL) is unavailable: ", error.Message);
            Assert.IsAssignableFrom<NpgsqlException>(error.InnerException);
            Assert.True(elapsed < timeout + TimeSpan.FromSeconds(5), $"took {elapsed}");
        }

        Assert.Equal(0, journal.GroupsWritten);
    }

    [Fact]
    public async Task Operations_ServerSilent_ThrowUnavailableOnceTheTimeoutRunsOut()
    {
        var timeout = TimeSpan.FromSeconds(1);
        // Connections are taken into the listener's backlog and never answered: a server that hangs.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        await using var source = NpgsqlDataSource.Create(Unreachable(((IPEndPoint)silent.LocalEndpoint).Port));
        var journal = Journal(source, new JournalOptions { Timeout = timeout });

        var append = await Failure(() => journal.Append("acme", new byte[] { 1 }, 1, Start, CancellationToken.None));
        var read = await Failure(() => journal.Read("acme", 0, 10, CancellationToken.None));
        var trim = await Failure(() => journal.Trim(Start, CancellationToken.None));

        foreach (var (error, elapsed) in new[] { append, read, trim })
        {
            Assert.StartsWith("The journal's storage (PostgreSQL) is unavailable: ", error.Message);
            Assert.Contains("within 1 s", error.Message);
            Assert.InRange(elapsed, timeout - TimeSpan.FromMilliseconds(50), timeout + TimeSpan.FromSeconds(5));
        }

        // The writer gave the append's group up at the timeout too, rather than waiting on the connection
        // (Npgsql's own connect timeout is 15 s), so nothing is left for the disposal to wait for.
        var disposing = Stopwatch.StartNew();
        await journal.DisposeAsync().AsTask().WaitAsync(Limit);
        Assert.True(disposing.Elapsed < timeout, $"disposing took {disposing.Elapsed}");
    }

    [Fact]
    public async Task DisposeAsync_AppendsPending_WritesThemThenRefusesMore()
    {
        var database = await Migrated();
        await using var source = NpgsqlDataSource.Create(database);
        var journal = Journal(source);
        var pending = Enumerable.Range(0, 50)
            .Select(i => journal.Append("acme", BitConverter.GetBytes(i), 1, Start, CancellationToken.None))
            .ToList();

        await journal.DisposeAsync().AsTask().WaitAsync(Limit);
        await Task.WhenAll(pending).WaitAsync(Limit);
        var after = await Failure(() => journal.Append("acme", new byte[] { 1 }, 1, Start, CancellationToken.None));
        await journal.DisposeAsync().AsTask().WaitAsync(Limit);

        Assert.Equal(
            "The journal's storage (PostgreSQL) is unavailable: the journal is shut down.", after.Error.Message);
        Assert.Equal(50L, await MigrationTests.Scalar<long>(database, "SELECT count(*) FROM balancer_journal"));
    }

    private static PostgresJournal Journal(NpgsqlDataSource source, JournalOptions? options = null) =>
        new(source, Options.Create(options ?? new JournalOptions()), NullLogger<PostgresJournal>.Instance);

    private static async Task<(JournalUnavailableException Error, TimeSpan Elapsed)> Failure(Func<Task> operation)
    {
        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<JournalUnavailableException>(() => operation().WaitAsync(Limit));
        return (error, clock.Elapsed);
    }

    private static string Unreachable(int port) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = IPAddress.Loopback.ToString(),
            Port = port,
            Username = "postgres",
            Database = "postgres",
            Pooling = false,
        }.ConnectionString;

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static async Task<List<long>> Positions(string database, string tenant)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync().WaitAsync(Limit);
        await using var command = new NpgsqlCommand(
            "SELECT position FROM balancer_journal WHERE tenant_id = $1 ORDER BY position", connection)
        {
            Parameters = { new NpgsqlParameter { Value = tenant } },
        };
        await using var reader = await command.ExecuteReaderAsync().WaitAsync(Limit);
        var positions = new List<long>();
        while (await reader.ReadAsync())
        {
            positions.Add(reader.GetInt64(0));
        }

        return positions;
    }

    private async Task<string> Migrated()
    {
        var database = await server.CreateDatabase();
        await BalancerMigrations.Apply(database, CancellationToken.None).WaitAsync(Limit);
        return database;
    }
}
