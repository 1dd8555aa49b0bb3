using Balancer.Api.Hosting;
using Balancer.Api.Limits;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Balancer.Access.Tests;

/// <summary>
/// The limits' options: their defaults, every bound's message naming its key, and a host refusing to start.
/// </summary>
public sealed class LimitsOptionsTests
{
    [Fact]
    public void Defaults_AreValidAndGiveTwoSecondsOfBurst()
    {
        var options = new LimitsOptions();

        Assert.Empty(options.Validate(5000));
        Assert.Equal(
            (100_000d, 200_000, LimitScope.Host, 1000d, 2000, 4 * 1024 * 1024, 4096),
            (options.EventsPerSecond, options.EventBucket(5000), options.EventScope, options.CallsPerSecond,
                options.CallBucket, options.MaxMessageBytes, options.MaxHubMessageBytes));
    }

    [Fact]
    public void EventBucket_ByDefault_HoldsAtLeastAFullBatch()
    {
        var options = new LimitsOptions { EventsPerSecond = 1000, CallsPerSecond = 0.1 };

        Assert.Equal((5000, 1), (options.EventBucket(5000), options.CallBucket));
        Assert.Empty(options.Validate(5000));
    }

    [Fact]
    public void Zero_TurnsARateOff()
    {
        Assert.Empty(new LimitsOptions { EventsPerSecond = 0, CallsPerSecond = 0 }.Validate(5000));
    }

    [Fact]
    public void Validate_EveryBoundBroken_NamesEachKeyWithItsRangeAndValue()
    {
        var options = new LimitsOptions
        {
            EventsPerSecond = 0.0001,
            EventBurst = 4999,
            EventScope = (LimitScope)7,
            CallsPerSecond = 2_000_000,
            CallBurst = 0,
            MaxMessageBytes = 1000,
            MaxHubMessageBytes = 2 * 1024 * 1024,
        };

        Assert.Equal(
            [
                "Balancer:Limits:EventsPerSecond must be 0 (no limit) or from 0.001 to 10000000; it is 0.0001.",
                "Balancer:Limits:EventBurst must be from 5000 (Balancer:Api:MaxEventsPerBatch, so that a full batch " +
                "can pass) to 100000000; it is 4999.",
                "Balancer:Limits:EventScope must be Host or Cluster; it is 7.",
                "Balancer:Limits:CallsPerSecond must be 0 (no limit) or from 0.001 to 1000000; it is 2000000.",
                "Balancer:Limits:CallBurst must be from 1 to 10000000; it is 0.",
                "Balancer:Limits:MaxMessageBytes must be from 65536 to 67108864; it is 1000.",
                "Balancer:Limits:MaxHubMessageBytes must be from 1024 to 1048576; it is 2097152.",
            ],
            options.Validate(5000));
    }

    [Fact]
    public void Validate_NegativeRates_NamesTheirKeys()
    {
        var options = new LimitsOptions { EventsPerSecond = -1, CallsPerSecond = double.NaN };

        Assert.Equal(
            [
                "Balancer:Limits:EventsPerSecond must be 0 (no limit) or from 0.001 to 10000000; it is -1.",
                "Balancer:Limits:CallsPerSecond must be 0 (no limit) or from 0.001 to 1000000; it is NaN.",
            ],
            options.Validate(5000));
    }

    [Fact]
    public async Task Start_BurstSmallerThanABatch_StopsTheHostNamingBothKeys()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Balancer:Auth:BootstrapKey"] = TenantKeys.TestBootstrapKey,
            ["Balancer:Api:MaxEventsPerBatch"] = "500",
            ["Balancer:Limits:EventBurst"] = "499",
            ["Balancer:Cluster:SiloPort"] = $"{LoopbackPort.Free()}",
            ["Balancer:Cluster:GatewayPort"] = $"{LoopbackPort.Free()}",
            ["Kestrel:Endpoints:Grpc:Url"] = $"http://127.0.0.1:{LoopbackPort.Free()}",
        };

        // Mapping the gRPC services reads the options already, so the host fails as it is built.
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var app = BalancerApiHost.Build(
                [], builder => builder.Configuration.AddInMemoryCollection(settings));
            await app.StartAsync().WaitAsync(TimeSpan.FromSeconds(60));
        });

        Assert.Equal(
            "Balancer:Limits:EventBurst must be from 500 (Balancer:Api:MaxEventsPerBatch, so that a full batch " +
            "can pass) to 100000000; it is 499.",
            ex.Message);
    }
}
