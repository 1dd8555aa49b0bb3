using Balancer.Contracts.Api;
using Google.Protobuf;

namespace Balancer.Access.Tests.Properties;

public enum EntityKind
{
    Queue,
    Sequence,
    Agent,
}

/// <summary>A queue, sequence or agent of a tenant, whose view a case may have changed.</summary>
public readonly record struct EntityRef(EntityKind Kind, string Id);

/// <summary>
/// Reads a tenant's figures through the Query service: its overview and the views of the entities asked for, each
/// as the JSON of its protobuf message with the tenant's id blanked and the catalog's ids in order, so that two
/// tenants' figures compare as text, field by field.
/// </summary>
public static class Figures
{
    public static async Task<SortedDictionary<string, string>> Read(
        Query.QueryClient query, string tenant, IEnumerable<EntityRef> entities)
    {
        var overview = query.GetTenantOverviewAsync(new TenantRequest(), deadline: Calls.Deadline()).ResponseAsync;
        var views = entities.Distinct().Select(async e => (e, await View(query, e))).ToList();
        var figures = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["overview"] = Normal(Sorted(await overview), tenant),
        };
        foreach (var (entity, view) in await Task.WhenAll(views))
        {
            figures[$"{entity.Kind} {entity.Id}"] = Normal(view, tenant);
        }

        return figures;
    }

    /// <summary>Where two readings differ, view by view, for a failure's message.</summary>
    public static string Differences(
        IReadOnlyDictionary<string, string> expected, IReadOnlyDictionary<string, string> actual)
    {
        var lines = expected.Keys.Union(actual.Keys)
            .Where(k => expected.GetValueOrDefault(k) != actual.GetValueOrDefault(k))
            .Select(k => $"{k}:\n  expected {expected.GetValueOrDefault(k)}\n  actual   {actual.GetValueOrDefault(k)}");
        return string.Join('\n', lines);
    }

    private static async Task<IMessage> View(Query.QueryClient query, EntityRef entity)
    {
        var request = new EntityRequest { Id = entity.Id };
        var deadline = Calls.Deadline();
        return entity.Kind switch
        {
            EntityKind.Queue => await query.GetQueueAsync(request, deadline: deadline),
            EntityKind.Sequence => await query.GetSequenceAsync(request, deadline: deadline),
            _ => await query.GetAgentAsync(request, deadline: deadline),
        };
    }

    private static TenantOverview Sorted(TenantOverview overview)
    {
        var sorted = overview.Clone();
        foreach (var ids in new[] { sorted.QueueIds, sorted.SequenceIds, sorted.AgentIds })
        {
            var inOrder = ids.Order(StringComparer.Ordinal).ToList();
            ids.Clear();
            ids.AddRange(inOrder);
        }

        return sorted;
    }

    /// <summary>A message as JSON with the tenant's id blanked.</summary>
    public static string Normal(IMessage message, string tenant) =>
        JsonFormatter.Default.Format(message).Replace(tenant, "<tenant>", StringComparison.Ordinal);
}
