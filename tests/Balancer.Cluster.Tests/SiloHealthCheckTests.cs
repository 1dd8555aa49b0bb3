using System.Net;
using Balancer.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Balancer.Cluster.Tests;

public sealed class SiloHealthCheckTests
{
    [Theory]
    [InlineData(SiloStatus.Created, HealthStatus.Unhealthy)]
    [InlineData(SiloStatus.Joining, HealthStatus.Unhealthy)]
    [InlineData(SiloStatus.Active, HealthStatus.Healthy)]
    [InlineData(SiloStatus.ShuttingDown, HealthStatus.Unhealthy)]
    [InlineData(SiloStatus.Dead, HealthStatus.Unhealthy)]
    public async Task CheckHealth_OnlyAnActiveSiloIsHealthy(SiloStatus status, HealthStatus expected)
    {
        var check = new SiloHealthCheck(new FixedStatus(status));

        var result = await check.CheckHealthAsync(new HealthCheckContext()).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(expected, result.Status);
        Assert.Contains(status == SiloStatus.Active ? "is active" : $"is {status}", result.Description);
    }

    private sealed class FixedStatus(SiloStatus status) : ISiloStatusOracle
    {
        public SiloStatus CurrentStatus => status;

        public string SiloName => "silo";

        public SiloAddress SiloAddress { get; } = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11111), 1);

        public SiloAddress[] GetActiveSilos() => throw new NotSupportedException();

        public SiloStatus GetApproximateSiloStatus(SiloAddress siloAddress) => throw new NotSupportedException();

        public Dictionary<SiloAddress, SiloStatus> GetApproximateSiloStatuses(bool onlyActive = false) =>
            throw new NotSupportedException();

        public bool TryGetSiloName(SiloAddress siloAddress, out string siloName) => throw new NotSupportedException();

        public bool IsFunctionalDirectory(SiloAddress siloAddress) => throw new NotSupportedException();

        public bool IsDeadSilo(SiloAddress silo) => throw new NotSupportedException();

        public bool SubscribeToSiloStatusEvents(ISiloStatusListener observer) => throw new NotSupportedException();

        public bool UnSubscribeFromSiloStatusEvents(ISiloStatusListener observer) => throw new NotSupportedException();
    }
}
