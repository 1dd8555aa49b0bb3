using Balancer.Contracts.Api;

namespace Balancer.Access.Tests.Properties;

/// <summary>
/// Two tenants configured alike. The hostile one takes every generated batch whole; the clean one takes only the
/// events Balancer must apply, in the same order. After each case their figures must be equal, view for view:
/// nothing refused changed a figure, and what was accepted counted exactly as it counts without the hostile
/// company. <see cref="Model"/> adds up what was applied, for the totals checked at the end.
/// </summary>
public sealed class TwinTenants
{
    private static readonly TimeSpan SettleLimit = TimeSpan.FromSeconds(3);

    private readonly List<Event> _accepted = [];
    private readonly HashSet<string> _acceptedIds = new(StringComparer.Ordinal);
    private int _cases;

    private TwinTenants(AccessHost host, string hostile, string clean, string? routedTo)
    {
        Host = host;
        Hostile = new TenantClients(host, hostile);
        Clean = new TenantClients(host, clean);
        Model = new EventModel { RoutedTo = routedTo };
    }

    public AccessHost Host { get; }

    public TenantClients Hostile { get; }

    public TenantClients Clean { get; }

    public EventModel Model { get; }

    /// <summary>Events the hostile tenant accepted, oldest first: what a case may send again.</summary>
    public IReadOnlyList<Event> Accepted => _accepted;

    /// <summary>
    /// Configures a pair, and a third tenant whose ids the pair's hostile events name. Given
    /// <paramref name="routedTo"/>, both route replies: every one that names no queue goes there, the overflow
    /// queue of rules with no bot intent and no senior rule, and the figures compared include the routing view.
    /// </summary>
    public static async Task<TwinTenants> Start(AccessHost host, string name, string? routedTo = null)
    {
        var twins = new TwinTenants(
            host, AccessHost.NewTenant($"{name}-hostile"), AccessHost.NewTenant($"{name}-clean"), routedTo);
        await Task.WhenAll(
            Configure(twins.Hostile, routedTo),
            Configure(twins.Clean, routedTo),
            EventCatalog.ConfigureElsewhere(host.For(AccessHost.NewTenant($"{name}-elsewhere"))));
        return twins;
    }

    private static async Task Configure(TenantClients tenant, string? routedTo)
    {
        await EventCatalog.Configure(tenant.Channel);
        if (routedTo is not null)
        {
            var rules = new RoutingRules { SeniorQueueId = EventCatalog.Queues[1], OverflowQueueId = routedTo };
            await tenant.Routing.SetRoutingRulesAsync(
                new RoutingConfig { Control = rules }, deadline: Calls.Deadline());
        }
    }

    /// <summary>A prefix no earlier case of the pair used, for the ids of a case.</summary>
    public string NextTag() => $"k{++_cases}";

    /// <summary>Whether the hostile tenant accepted an event with this id before.</summary>
    public bool WasAccepted(string eventId) => _acceptedIds.Contains(eventId);

    /// <summary>Records what both tenants applied.</summary>
    public void Applied(IEnumerable<Event> events, long nowMs)
    {
        foreach (var e in events)
        {
            _accepted.Add(e);
            _acceptedIds.Add(e.EventId);
            Model.Apply(e, nowMs);
        }
    }

    /// <summary>
    /// Reads both tenants until their figures agree, as the queues' reports to their tenant and sequences arrive
    /// a few milliseconds after a batch; fails with the differences if they still disagree after a few seconds.
    /// </summary>
    public async Task ExpectSameFigures(IEnumerable<EntityRef> touched)
    {
        var entities = touched.ToList();
        var until = DateTime.UtcNow + SettleLimit;
        while (true)
        {
            var hostile = Read(Hostile, entities);
            var clean = Read(Clean, entities);
            var (h, c) = (await hostile, await clean);
            if (h.SequenceEqual(c))
            {
                return;
            }

            if (DateTime.UtcNow > until)
            {
                Assert.Fail($"The hostile tenant's figures differ from the clean one's:\n{Figures.Differences(c, h)}");
            }

            await Task.Delay(10);
        }
    }

    /// <summary>A tenant's figures, and for a routed one its routing view: variants and board.</summary>
    private async Task<SortedDictionary<string, string>> Read(TenantClients tenant, List<EntityRef> entities)
    {
        var figures = await Figures.Read(tenant.Query, tenant.Tenant, entities);
        if (Model.RoutedTo is not null)
        {
            var routing = await tenant.Routing.GetRoutingAsync(new TenantRequest(), deadline: Calls.Deadline());
            figures["routing"] = Figures.Normal(routing, tenant.Tenant);
        }

        return figures;
    }

    /// <summary>
    /// Compares both tenants' figures over 24 hours with what the model added up, once the queues' reports are in.
    /// </summary>
    public async Task ExpectModelTotals()
    {
        foreach (var tenant in new[] { Hostile, Clean })
        {
            await Totals.Expect(tenant, Model);
        }
    }
}

/// <summary>The clients of one tenant, all over one channel with its key of every role.</summary>
public sealed class TenantClients(AccessHost host, string tenant)
{
    public string Tenant { get; } = tenant;

    public Grpc.Net.Client.GrpcChannel Channel { get; } = host.For(tenant);

    public Ingest.IngestClient Ingest => new(Channel);

    public Query.QueryClient Query => new(Channel);

    public Configuration.ConfigurationClient Configuration => new(Channel);

    public Routing.RoutingClient Routing => new(Channel);

    public Rebalancing.RebalancingClient Rebalancing => new(Channel);
}
