using Balancer.Api.Hosting;
using Balancer.Contracts.Api;
using Google.Protobuf;
using Grpc.Core;

namespace Balancer.Access.Tests.Properties;

/// <summary>
/// The tenant of the configuration property and what its catalog must hold: the last valid upsert of each id.
/// Each case's upserts go in order; a valid one must say whether it created the entity, a hostile one must fail
/// with INVALID_ARGUMENT naming its field; then every entity the case named is read back and compared with the
/// model, an entity never validly upserted must not be found, and the overview must list exactly the model's ids.
/// </summary>
public sealed class ConfigTenant
{
    private readonly Dictionary<string, QueueConfig> _queues = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AgentConfig> _agents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SequenceConfig> _sequences = new(StringComparer.Ordinal);
    private readonly AccessHost _host;
    private readonly TenantClients _tenant;

    private ConfigTenant(AccessHost host)
    {
        _host = host;
        _tenant = new TenantClients(host, AccessHost.NewTenant("config"));
    }

    public static async Task<ConfigTenant> Start(AccessHost host)
    {
        var tenant = new ConfigTenant(host);
        foreach (var id in ConfigGenerators.BaseQueues)
        {
            var queue = new QueueConfig { QueueId = id, ReplyWindowSeconds = 60 };
            await tenant._tenant.Configuration.UpsertQueueAsync(queue, deadline: Calls.Deadline());
            tenant._queues[id] = queue;
        }

        return tenant;
    }

    public async Task Check(RequestCase c, ApiOptions limits)
    {
        var named = new HashSet<EntityRef>();
        foreach (var op in c.Ops)
        {
            var message = op.Message(_host.NowMs);
            var entity = Named(op.Valid);
            named.Add(entity);
            if (op.Broken is { } broken)
            {
                var refused = await Assert.ThrowsAsync<RpcException>(() => Upsert(message));
                ExpectRefusal(refused, broken, limits);
            }
            else
            {
                var ack = await Upsert(message);
                Assert.Equal(!Known(entity), ack.Created);
                Record(message);
            }
        }

        await ExpectCatalog(named);
    }

    /// <summary>A refusal names the field first, in the api's words where they are the same everywhere.</summary>
    public static void ExpectRefusal(RpcException refused, Breakage broken, ApiOptions limits)
    {
        var detail = refused.Status.Detail;
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.StartsWith(broken.Field + " ", detail, StringComparison.Ordinal);
        Assert.EndsWith(".", detail, StringComparison.Ordinal);
        if (Reasons.Of(broken, limits) is { } reason)
        {
            Assert.Equal($"{broken.Field} {reason}.", detail);
        }
    }

    private async Task<ConfigAck> Upsert(IMessage message)
    {
        var config = _tenant.Configuration;
        return message switch
        {
            QueueConfig q => await config.UpsertQueueAsync(q, deadline: Calls.Deadline()),
            AgentConfig a => await config.UpsertAgentAsync(a, deadline: Calls.Deadline()),
            _ => await config.UpsertSequenceAsync((SequenceConfig)message, deadline: Calls.Deadline()),
        };
    }

    private static EntityRef Named(IMessage message) => message switch
    {
        QueueConfig q => new EntityRef(EntityKind.Queue, q.QueueId),
        AgentConfig a => new EntityRef(EntityKind.Agent, a.AgentId),
        _ => new EntityRef(EntityKind.Sequence, ((SequenceConfig)message).SequenceId),
    };

    private bool Known(EntityRef entity) => entity.Kind switch
    {
        EntityKind.Queue => _queues.ContainsKey(entity.Id),
        EntityKind.Agent => _agents.ContainsKey(entity.Id),
        _ => _sequences.ContainsKey(entity.Id),
    };

    private void Record(IMessage message)
    {
        switch (message)
        {
            case QueueConfig q:
                _queues[q.QueueId] = q;
                break;
            case AgentConfig a:
                _agents[a.AgentId] = a;
                break;
            case SequenceConfig s:
                _sequences[s.SequenceId] = s;
                break;
        }
    }

    private async Task ExpectCatalog(IEnumerable<EntityRef> named)
    {
        var query = _tenant.Query;
        foreach (var entity in named)
        {
            var request = new EntityRequest { Id = entity.Id };
            if (!Known(entity))
            {
                var missing = await Assert.ThrowsAsync<RpcException>(() => entity.Kind switch
                {
                    EntityKind.Queue => query.GetQueueAsync(request, deadline: Calls.Deadline()).ResponseAsync,
                    EntityKind.Agent => query.GetAgentAsync(request, deadline: Calls.Deadline()).ResponseAsync,
                    _ => (Task)query.GetSequenceAsync(request, deadline: Calls.Deadline()).ResponseAsync,
                });
                var kind = entity.Kind.ToString().ToLowerInvariant();
                Assert.Equal(
                    (StatusCode.NotFound, $"id: no {kind} '{entity.Id}' is configured for this tenant."),
                    (missing.StatusCode, missing.Status.Detail));
                continue;
            }

            switch (entity.Kind)
            {
                case EntityKind.Queue:
                    var q = _queues[entity.Id];
                    var queue = await query.GetQueueAsync(request, deadline: Calls.Deadline());
                    Assert.Equal(
                        (q.QueueId, q.DisplayName, q.ReplyWindowSeconds, q.Live),
                        (queue.QueueId, queue.DisplayName, queue.ReplyWindowSeconds, queue.Live));
                    break;
                case EntityKind.Agent:
                    var a = _agents[entity.Id];
                    var agent = await query.GetAgentAsync(request, deadline: Calls.Deadline());
                    Assert.Equal(
                        (a.AgentId, a.DisplayName, a.Tier, a.Slots, a.DailyCeiling),
                        (agent.AgentId, agent.DisplayName, agent.Tier, agent.Slots, agent.DailyCeiling));
                    break;
                default:
                    var s = _sequences[entity.Id];
                    var sequence = await query.GetSequenceAsync(request, deadline: Calls.Deadline());
                    Assert.Equal(
                        (s.SequenceId, s.DisplayName, s.Channel, s.TriggerSource, s.Urgent, s.Steps.Count),
                        (sequence.SequenceId, sequence.DisplayName, sequence.Channel, sequence.TriggerSource,
                            sequence.Urgent, sequence.StepCount));
                    break;
            }
        }

        var overview = await query.GetTenantOverviewAsync(new TenantRequest(), deadline: Calls.Deadline());
        Assert.Equal(Sorted(_queues.Keys), Sorted(overview.QueueIds));
        Assert.Equal(Sorted(_agents.Keys), Sorted(overview.AgentIds));
        Assert.Equal(Sorted(_sequences.Keys), Sorted(overview.SequenceIds));
    }

    private static List<string> Sorted(IEnumerable<string> ids) => [.. ids.Order(StringComparer.Ordinal)];
}
