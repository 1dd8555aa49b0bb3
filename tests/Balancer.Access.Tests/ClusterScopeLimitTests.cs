using Balancer.Contracts.Api;
using Balancer.Contracts.Grains;
using Balancer.Grains;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Balancer.Access.Tests;

/// <summary>
/// The events' limit kept for the cluster (<c>Balancer:Limits:EventScope=Cluster</c>) on one host, whose limits'
/// time stands still unless a test moves it: each tenant's bucket of 1,000 refills by 1,000 a second, and the
/// host takes it in slices of 100, a tenth of a second's worth. The bucket itself is read through its grain.
/// Two hosts sharing one bucket are in the cluster tests.
/// </summary>
public sealed class ClusterScopeLimitTests(ClusterScopeLimitTests.Host fixture)
    : IClassFixture<ClusterScopeLimitTests.Host>
{
    private const double Rate = 1000;
    private const int Burst = 1000;

    [Fact]
    public async Task Batches_SpendTheHostsSliceBeforeAskingTheBucketAgain()
    {
        var tenant = await Configured("slices");

        var first = await Submit(tenant, 10);
        // A slice of 100 for a batch of 10: the bucket holds 900, one short of 901.
        var probe = await Bucket(tenant).Take(901, 901, Rate, Burst);
        var fromTheSlice = await Submit(tenant, 90);
        // None taken for the second batch: the 900 are all there, and taking them empties the bucket.
        var left = await Bucket(tenant).Take(900, 900, Rate, Burst);
        var refused = await Assert.ThrowsAsync<RpcException>(() => Submit(tenant, 1));

        Assert.Equal((10, 90), (first.Accepted, fromTheSlice.Accepted));
        Assert.Equal(new BudgetGrant(0, TimeSpan.FromSeconds(1)), probe);
        Assert.Equal(new BudgetGrant(900, TimeSpan.Zero), left);
        Assert.Equal(
            (StatusCode.ResourceExhausted,
                $"Too many events: tenant '{tenant}' may send 1000 events a second across the cluster, 1000 at " +
                "once; this batch of 1 was not taken; retry after 1000 ms.",
                "1000"),
            (refused.StatusCode, refused.Status.Detail, refused.Trailers.GetValue("grpc-retry-pushback-ms")));
        Assert.Equal(100, await TenantSetup.SendsOf(fixture.Access.For(tenant)));
    }

    [Fact]
    public async Task Slice_UnspentPastItsLifetime_DroppedSoTheNextBatchTakesANewOne()
    {
        var tenant = await Configured("expired-slice");
        Assert.Equal(10, (await Submit(tenant, 10)).Accepted);

        // A second and a half: the slice's 90 may no longer be spent, and the bucket is full again.
        fixture.Time.Advance(TimeSpan.FromSeconds(1.5));
        var next = await Submit(tenant, 50);

        // The batch took a new slice of 100 from the full bucket, rather than 50 of the old one.
        Assert.Equal(50, next.Accepted);
        Assert.Equal(new BudgetGrant(900, TimeSpan.Zero), await Bucket(tenant).Take(900, 900, Rate, Burst));
        Assert.Equal(new BudgetGrant(0, TimeSpan.FromSeconds(1)), await Bucket(tenant).Take(1, 1, Rate, Burst));
    }

    private async Task<string> Configured(string name)
    {
        var tenant = AccessHost.NewTenant(name);
        await TenantSetup.QueueAndSequence(fixture.Access.For(tenant));
        return tenant;
    }

    private async Task<BatchAck> Submit(string tenant, int events) =>
        await new Ingest.IngestClient(fixture.Access.For(tenant))
            .SubmitAsync(TenantSetup.Sends(fixture.Access.NowMs, events), deadline: TenantSetup.Deadline());

    private IEventBudgetGrain Bucket(string tenant) =>
        fixture.Access.App.Services.GetRequiredService<IGrainFactory>().GetGrain<IEventBudgetGrain>(tenant);

    /// <summary>The host of these tests, its limits' time in their hands.</summary>
    public sealed class Host : IAsyncLifetime
    {
        public AccessHost Access { get; private set; } = null!;

        public FakeTimeProvider Time { get; } = new();

        public async Task InitializeAsync() => Access = await AccessHost.Start(
            new Dictionary<string, string?>
            {
                ["Balancer:Limits:EventScope"] = "Cluster",
                ["Balancer:Limits:EventsPerSecond"] = $"{Rate}",
                ["Balancer:Limits:EventBurst"] = $"{Burst}",
                ["Balancer:Api:MaxEventsPerBatch"] = $"{Burst}",
            },
            services => services.AddSingleton(new LimitsClock(Time)));

        public async Task DisposeAsync() => await Access.DisposeAsync();
    }
}
