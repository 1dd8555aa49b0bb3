namespace Balancer.Contracts.Grains;

/// <summary>A grain whose figures are rebuilt with its tenant's when the tenant recovers.</summary>
[Alias("balancer.IRecoverableGrain")]
public interface IRecoverableGrain : IGrainWithStringKey
{
    /// <summary>Drops the figures and deactivates; the next activation starts empty, in the next epoch.</summary>
    [Alias("Reset")]
    Task Reset();
}
