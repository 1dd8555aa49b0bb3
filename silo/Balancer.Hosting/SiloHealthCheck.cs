using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Balancer.Hosting;

/// <summary>
/// Healthy only while this process's silo is active in the cluster: not while it is still joining, nor once
/// it is shutting down, so that a load balancer or an orchestrator waits for the silo, not for Kestrel.
/// </summary>
internal sealed class SiloHealthCheck(ISiloStatusOracle silo) : IHealthCheck
{
    public const string Name = "silo";

    public Task<HealthCheckResult> CheckHealthAsync(
        HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = silo.CurrentStatus;
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy($"Silo {silo.SiloAddress} is active.")
            : HealthCheckResult.Unhealthy($"Silo {silo.SiloAddress} is {status}."));
    }
}
