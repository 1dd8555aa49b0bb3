namespace Balancer.Capacity;

/// <summary>
/// What kind of person an agent is. Mirrors <c>Balancer.Contracts.Model.AgentTier</c> value for value,
/// as <see cref="Channel"/> mirrors its contract, so that the arithmetic needs no Orleans.
/// </summary>
public enum AgentTier
{
    Standard = 1,
    Senior = 2,
    Contractor = 3,
}
