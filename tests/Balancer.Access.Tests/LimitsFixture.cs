using Grpc.AspNetCore.Server;
using Microsoft.Extensions.DependencyInjection;

namespace Balancer.Access.Tests;

/// <summary>
/// One host for the limit tests that share it: a bucket of <see cref="Bucket"/> events per tenant that, at one
/// event per 1,000 s, does not refill while the tests run; batches of at most <see cref="MaxEventsPerBatch"/>
/// events; messages of at most 64 KiB. It is durable, on a PostgreSQL server of its own, so that the tests see
/// what its journal took; and the tests can hold grain calls and see how the server's handlers ended.
/// </summary>
public sealed class LimitsFixture : IAsyncLifetime
{
    public const int Bucket = 1000;
    public const int MaxEventsPerBatch = 500;
    public const int MaxMessageBytes = 64 * 1024;
    public const int MaxHubMessageBytes = 1024;

    public AccessHost Host { get; private set; } = null!;

    private readonly PostgresServer _server = new();

    public JournaledEvents Journal { get; private set; } = null!;

    public HeldGrainCalls Held { get; } = new();

    public CallRecorder Recorder { get; } = new();

    public async Task InitializeAsync()
    {
        await _server.InitializeAsync();
        var database = await _server.CreateDatabase();
        Journal = new JournaledEvents(database);
        Host = await AccessHost.Start(
            new Dictionary<string, string?>
            {
                ["ConnectionStrings:Balancer"] = database,
                ["Balancer:Cluster:AdvertisedAddress"] = "127.0.0.1",
                ["Balancer:Limits:EventsPerSecond"] = "0.001",
                ["Balancer:Limits:EventBurst"] = $"{Bucket}",
                ["Balancer:Limits:MaxMessageBytes"] = $"{MaxMessageBytes}",
                ["Balancer:Limits:MaxHubMessageBytes"] = $"{MaxHubMessageBytes}",
                ["Balancer:Api:MaxEventsPerBatch"] = $"{MaxEventsPerBatch}",
            },
            services =>
            {
                services.AddSingleton<IIncomingGrainCallFilter>(Held);
                services.AddSingleton(Recorder);
                services.Configure<GrpcServiceOptions>(o => o.Interceptors.Add<CallRecorder>());
            });
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await _server.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class LimitsCollection : ICollectionFixture<LimitsFixture>
{
    public const string Name = "Limits";
}
