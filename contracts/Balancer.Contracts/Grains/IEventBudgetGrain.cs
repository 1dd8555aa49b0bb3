namespace Balancer.Contracts.Grains;

/// <summary>
/// A tenant's events a second across the whole cluster: one token bucket that every api host draws from in
/// slices, when the hosts are configured to keep the events' limit for the cluster rather than each for itself.
/// Key: the tenant id.
/// </summary>
[Alias("balancer.IEventBudgetGrain")]
public interface IEventBudgetGrain : IGrainWithStringKey
{
    /// <summary>
    /// Takes between <paramref name="atLeast"/> and <paramref name="wanted"/> tokens if the bucket holds at least
    /// <paramref name="atLeast"/>; otherwise takes none and says how long until it will. The host passes its
    /// configured rate and bucket size with each call, so the bucket follows the configuration it is asked with.
    /// </summary>
    [Alias("Take")]
    Task<BudgetGrant> Take(int wanted, int atLeast, double perSecond, int burst);
}

/// <summary>What a host got from a tenant's <see cref="IEventBudgetGrain"/>.</summary>
/// <param name="Granted">Tokens taken: 0, or from the call's least to its most.</param>
/// <param name="Wait">With none taken, how long until the bucket holds the least asked for.</param>
[GenerateSerializer, Immutable, Alias("balancer.BudgetGrant")]
public readonly record struct BudgetGrant(int Granted, TimeSpan Wait);
