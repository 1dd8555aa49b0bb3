using Balancer.Contracts.Model;

namespace Balancer.Contracts.Grains;

/// <summary>An agent's presence, load and measured pace. Key: <see cref="GrainKeys.Of"/>(tenant, agent).</summary>
[Alias("balancer.IAgentGrain")]
public interface IAgentGrain : IRecoverableGrain
{
    [Alias("Configure")]
    Task Configure(AgentSettings settings);

    [Alias("Apply")]
    Task Apply(AgentSlice slice);

    [Alias("GetFigures")]
    Task<AgentFigures> GetFigures();
}
