using Balancer.Contracts.Api;
using Grpc.Net.Client;

namespace Balancer.EndToEnd.Tests;

/// <summary>Sets up a tenant through the real configuration API.</summary>
public static class Tenants
{
    /// <summary>Configures queues, agents and sequences for the tenant <paramref name="channel"/> calls as.</summary>
    public static async Task Configure(
        GrpcChannel channel, IEnumerable<(string Id, int WindowSeconds)> queues,
        IEnumerable<string> agents, IEnumerable<(string Id, int Steps)> sequences)
    {
        var config = new Configuration.ConfigurationClient(channel);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        foreach (var (id, window) in queues)
        {
            await config.UpsertQueueAsync(
                new QueueConfig { QueueId = id, ReplyWindowSeconds = window }, deadline: deadline);
        }

        foreach (var id in agents)
        {
            await config.UpsertAgentAsync(
                new AgentConfig { AgentId = id, Tier = AgentTier.Standard, Slots = 5, DailyCeiling = 100 },
                deadline: deadline);
        }

        foreach (var (id, steps) in sequences)
        {
            var sequence = new SequenceConfig { SequenceId = id, Channel = Channel.Email };
            sequence.Steps.AddRange(
                Enumerable.Range(0, steps).Select(i => new SequenceStep { DelaySeconds = 3600 * i }));
            await config.UpsertSequenceAsync(sequence, deadline: deadline);
        }
    }
}
