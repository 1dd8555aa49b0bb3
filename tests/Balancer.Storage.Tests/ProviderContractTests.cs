using Orleans.Storage;

namespace Balancer.Storage.Tests;

/// <summary>The provider's queries of version 1, driven straight through the silo's grain storage.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ProviderContractTests(PostgresServer server) : IAsyncLifetime
{
    private static readonly TimeSpan Limit = StorageCluster.CallLimit;

    private static readonly GrainId Grain = GrainId.Create("balancer-test", "acme");

    private string? _database;

    private StorageCluster? _cluster;

    private string Database => _database ?? throw new InvalidOperationException("Not initialised.");

    private IGrainStorage Storage =>
        (_cluster ?? throw new InvalidOperationException("Not initialised.")).Storage;

    public async Task InitializeAsync()
    {
        _database = await server.CreateDatabase();
        await BalancerMigrations.Apply(_database, CancellationToken.None).WaitAsync(Limit);
        _cluster = await StorageCluster.Start(_database);
    }

    public async Task DisposeAsync()
    {
        if (_cluster is { } cluster)
        {
            await cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task Write_TwoStateNamesSameKey_KeepSeparateRows()
    {
        await Storage.WriteStateAsync("tenant", Grain, State("a tenant")).WaitAsync(Limit);
        await Storage.WriteStateAsync("queue", Grain, State("a queue")).WaitAsync(Limit);

        var tenant = State();
        var queue = State();
        await Storage.ReadStateAsync("tenant", Grain, tenant).WaitAsync(Limit);
        await Storage.ReadStateAsync("queue", Grain, queue).WaitAsync(Limit);

        Assert.Equal(["a tenant"], tenant.State);
        Assert.Equal(["a queue"], queue.State);
        Assert.Equal([("queue", "acme", 1), ("tenant", "acme", 1)], await GrainStorageTests.Rows(Database));
    }

    [Fact]
    public async Task Write_TwoConcurrentFirstWrites_OneRowAndOneConflict()
    {
        var one = State("one");
        var two = State("two");

        var writes = new[]
        {
            Task.Run(() => Storage.WriteStateAsync("tenant", Grain, one)),
            Task.Run(() => Storage.WriteStateAsync("tenant", Grain, two)),
        };
        await Assert.ThrowsAsync<InconsistentStateException>(() => Task.WhenAll(writes).WaitAsync(Limit));

        Assert.Equal(1, writes.Count(w => w.IsCompletedSuccessfully));
        var winner = writes[0].IsCompletedSuccessfully ? one : two;
        Assert.Equal("1", winner.ETag);
        Assert.Equal([("tenant", "acme", 1)], await GrainStorageTests.Rows(Database));

        var read = State();
        await Storage.ReadStateAsync("tenant", Grain, read).WaitAsync(Limit);
        Assert.Equal(winner.State, read.State);
    }

    [Fact]
    public async Task Write_StaleVersion_FailsAndLeavesTheNewerState()
    {
        var current = State("first");
        await Storage.WriteStateAsync("tenant", Grain, current).WaitAsync(Limit);
        var stale = State("stale");
        stale.ETag = current.ETag;
        current.State = ["second"];
        await Storage.WriteStateAsync("tenant", Grain, current).WaitAsync(Limit);

        await Assert.ThrowsAsync<InconsistentStateException>(
            () => Storage.WriteStateAsync("tenant", Grain, stale).WaitAsync(Limit));

        var read = State();
        await Storage.ReadStateAsync("tenant", Grain, read).WaitAsync(Limit);
        Assert.Equal(["second"], read.State);
        Assert.Equal("2", read.ETag);
        Assert.Equal("1", stale.ETag);
    }

    [Fact]
    public async Task Write_FirstWriteOverAnExistingRow_Fails()
    {
        await Storage.WriteStateAsync("tenant", Grain, State("first")).WaitAsync(Limit);

        await Assert.ThrowsAsync<InconsistentStateException>(
            () => Storage.WriteStateAsync("tenant", Grain, State("second activation")).WaitAsync(Limit));

        Assert.Equal([("tenant", "acme", 1)], await GrainStorageTests.Rows(Database));
    }

    [Fact]
    public async Task Clear_CurrentVersion_EmptiesStateAndMovesVersionOn()
    {
        var current = State("first");
        await Storage.WriteStateAsync("tenant", Grain, current).WaitAsync(Limit);
        var stale = State("stale");
        stale.ETag = current.ETag;

        await Storage.ClearStateAsync("tenant", Grain, current).WaitAsync(Limit);

        Assert.Equal("2", current.ETag);
        await Assert.ThrowsAsync<InconsistentStateException>(
            () => Storage.WriteStateAsync("tenant", Grain, stale).WaitAsync(Limit));
        var read = State();
        await Storage.ReadStateAsync("tenant", Grain, read).WaitAsync(Limit);
        Assert.Equal(new List<string>(), read.State);
        Assert.Equal("2", read.ETag);
    }

    private static GrainState<List<string>> State(params string[] items) => new([.. items]);
}
