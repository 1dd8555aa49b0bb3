using Balancer.Api.Hosting;
using Balancer.Contracts.Api;
using Grpc.Core;

namespace Balancer.Access.Tests.Properties;

/// <summary>
/// The tenant of the requests property, with the event properties' catalog and no event: its figures, read once at
/// the start, must read the same after every case. A valid admission is granted in full, as every one is before
/// the tenant's first cadence decision; valid staffing advice covers each queue for each hour asked; a valid query
/// returns the view read at the start. A hostile request fails naming its field: INVALID_ARGUMENT for a malformed
/// value, NOT_FOUND for a well-formed id the tenant does not have.
/// </summary>
public sealed class RequestTenant
{
    private readonly AccessHost _host;
    private readonly TenantClients _tenant;
    private SortedDictionary<string, string> _figures = [];
    private StaffingView _staffing = new();

    private RequestTenant(AccessHost host)
    {
        _host = host;
        _tenant = new TenantClients(host, AccessHost.NewTenant("requests"));
    }

    private static IEnumerable<EntityRef> All =>
    [
        .. EventCatalog.Queues.Select(id => new EntityRef(EntityKind.Queue, id)),
        .. EventCatalog.Sequences.Select(s => new EntityRef(EntityKind.Sequence, s.Id)),
        .. EventCatalog.Agents.Select(id => new EntityRef(EntityKind.Agent, id)),
    ];

    public static async Task<RequestTenant> Start(AccessHost host)
    {
        var tenant = new RequestTenant(host);
        await EventCatalog.Configure(tenant._tenant.Channel);
        await EventCatalog.ConfigureElsewhere(host.For(AccessHost.NewTenant("requests-elsewhere")));
        tenant._figures = await Figures.Read(tenant._tenant.Query, tenant._tenant.Tenant, All);
        tenant._staffing = await tenant.Staffing(new StaffingRequest { Hours = 24 });
        return tenant;
    }

    public async Task Check(RequestCase c, ApiOptions limits)
    {
        var named = new HashSet<EntityRef>();
        var advised = false;
        foreach (var op in c.Ops)
        {
            switch (op.Message(_host.NowMs))
            {
                case AdmitRequest admit:
                    named.Add(new EntityRef(EntityKind.Sequence, ((AdmitRequest)op.Valid).SequenceId));
                    await Admit(admit, op.Broken, limits);
                    break;
                case StaffingRequest staffing:
                    advised = true;
                    await Advise(staffing, op.Broken, limits);
                    break;
                case EntityRequest entity:
                    var kind = Kind(op.Call);
                    named.Add(new EntityRef(kind, ((EntityRequest)op.Valid).Id));
                    await Get(kind, entity, op.Broken, limits);
                    break;
            }
        }

        var figures = await Figures.Read(_tenant.Query, _tenant.Tenant, named);
        Assert.Equal(
            figures.Keys.Select(k => (k, _figures[k])).ToList(), figures.Select(f => (f.Key, f.Value)).ToList());
        if (advised)
        {
            Assert.Equal(_staffing, await Staffing(new StaffingRequest { Hours = 24 }));
        }
    }

    private async Task Admit(AdmitRequest request, Breakage? broken, ApiOptions limits)
    {
        var rebalancing = _tenant.Rebalancing;
        if (broken is null)
        {
            var reply = await rebalancing.AdmitAsync(request, deadline: Calls.Deadline());
            Assert.Equal((request.Count, false, Grade.Normal), (reply.Granted, reply.HasRetryAfterMs, reply.Grade));
            return;
        }

        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            rebalancing.AdmitAsync(request, deadline: Calls.Deadline()).ResponseAsync);
        ExpectRefusal(refused, broken, limits, "sequence");
    }

    private async Task Advise(StaffingRequest request, Breakage? broken, ApiOptions limits)
    {
        if (broken is null)
        {
            var view = await Staffing(request);
            var hours = request.Hours == 0 ? 24 : request.Hours;
            Assert.Equal(EventCatalog.Queues.Length * hours, view.Hours.Count);
            return;
        }

        var refused = await Assert.ThrowsAsync<RpcException>(() => Staffing(request));
        ConfigTenant.ExpectRefusal(refused, broken, limits);
    }

    private async Task Get(EntityKind kind, EntityRequest request, Breakage? broken, ApiOptions limits)
    {
        if (broken is null)
        {
            var view = await Figures.Read(_tenant.Query, _tenant.Tenant, [new EntityRef(kind, request.Id)]);
            Assert.Equal(_figures[$"{kind} {request.Id}"], view[$"{kind} {request.Id}"]);
            return;
        }

        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            Figures.Read(_tenant.Query, _tenant.Tenant, [new EntityRef(kind, request.Id)]));
        ExpectRefusal(refused, broken, limits, kind.ToString().ToLowerInvariant());
    }

    /// <summary>A well-formed id the tenant does not have is NOT_FOUND, "field: reason."; the rest refusals.</summary>
    private static void ExpectRefusal(RpcException refused, Breakage broken, ApiOptions limits, string kind)
    {
        if (broken.Harm == "unknown")
        {
            Assert.Equal(
                (StatusCode.NotFound, $"{broken.Field}: no {kind} '{broken.Value}' is configured for this tenant."),
                (refused.StatusCode, refused.Status.Detail));
            return;
        }

        ConfigTenant.ExpectRefusal(refused, broken, limits);
    }

    private async Task<StaffingView> Staffing(StaffingRequest request) =>
        await _tenant.Rebalancing.GetStaffingAdviceAsync(request, deadline: Calls.Deadline());

    private static EntityKind Kind(string call) => call switch
    {
        "GetQueue" => EntityKind.Queue,
        "GetSequence" => EntityKind.Sequence,
        _ => EntityKind.Agent,
    };
}
