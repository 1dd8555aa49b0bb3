using Balancer.Contracts.Api;
using Grpc.Core;
using Grpc.Net.Client;

namespace Balancer.Cluster.Tests;

/// <summary>
/// The events' limit kept for the whole cluster (<c>Balancer:Limits:EventScope=Cluster</c>): two api processes
/// draw one tenant's events from one bucket of 1,000, which does not refill while the test runs (one event per
/// 1,000 s), so what one host took is gone for the other.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ClusterLimitTests(PostgresServer server)
{
    private static readonly TimeSpan CallLimit = TimeSpan.FromSeconds(30);

    private static readonly Dictionary<string, string?> OneBucket = new()
    {
        ["Balancer__Limits__EventScope"] = "Cluster",
        ["Balancer__Limits__EventsPerSecond"] = "0.001",
        ["Balancer__Limits__EventBurst"] = "1000",
        ["Balancer__Api__MaxEventsPerBatch"] = "1000",
    };

    [Fact]
    public async Task EventsLimit_KeptForTheCluster_WhatOneHostTookIsGoneForTheOther()
    {
        await using var deployment = new ClusterDeployment(await server.CreateDatabase());
        await deployment.StartSilo();
        using var first = new TenantKeys((await deployment.StartApi(settings: OneBucket)).GrpcUrl);
        using var second = new TenantKeys((await deployment.StartApi(settings: OneBucket)).GrpcUrl);
        await TenantCatalog.Configure(first.For("acme"), CallLimit);
        await TenantCatalog.Configure(first.For("bolt"), CallLimit);

        var taken = await Submit(first.For("acme"), "a", 600);
        var refused = await Assert.ThrowsAsync<RpcException>(() => Submit(second.For("acme"), "b", 600));
        var rest = await Submit(second.For("acme"), "c", 400);
        var none = await Assert.ThrowsAsync<RpcException>(() => Submit(first.For("acme"), "d", 1));
        var other = await Submit(second.For("bolt"), "e", 1000);

        Assert.Equal((600, 400, 1000), (taken.Accepted, rest.Accepted, other.Accepted));
        Assert.Equal(
            (StatusCode.ResourceExhausted,
                "Too many events: tenant 'acme' may send 0.001 events a second across the cluster, 1000 at once; " +
                "this batch of 600 was not taken; retry after 200000000 ms.",
                "200000000"),
            (refused.StatusCode, refused.Status.Detail, refused.Trailers.GetValue("grpc-retry-pushback-ms")));
        Assert.Equal(
            (StatusCode.ResourceExhausted, "1000000"),
            (none.StatusCode, none.Trailers.GetValue("grpc-retry-pushback-ms")));
        var sends = await new Query.QueryClient(second.For("acme")).GetSequenceAsync(
            new EntityRequest { Id = TenantCatalog.Sequence }, deadline: DateTime.UtcNow + CallLimit);
        Assert.Equal(1000, sends.Total.Sends.OneHour);
    }

    private static async Task<BatchAck> Submit(GrpcChannel channel, string batchId, int events) =>
        await new Ingest.IngestClient(channel).SubmitAsync(
            TenantCatalog.Sends(batchId, batchId, events, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()),
            deadline: DateTime.UtcNow + CallLimit);
}
