using Balancer.Api.Access;
using Balancer.Api.Hosting;
using Balancer.Api.Ingest;
using Balancer.Api.Limits;
using Balancer.Contracts.Api;
using Balancer.Capacity;
using Balancer.Contracts.Grains;
using Balancer.Grains;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Balancer.Api.Services;

/// <summary>What the balancer decided for a tenant's sequences, and why.</summary>
public sealed class RebalancingService(
    IGrainFactory grains,
    TenantCatalogCache catalogs,
    IOptions<ApiOptions> options,
    IOptions<CadenceOptions> cadence,
    IOptions<StaffingOptions> staffing,
    IOptions<CostModel> cost,
    BalancerClock clock) : Rebalancing.RebalancingBase
{
    /// <summary>The furthest staffing advice looks ahead, in hours.</summary>
    public const int MaxStaffingHours = 72;

    /// <summary>The most sends one admission may ask for.</summary>
    public const int MaxAdmitCount = 100_000;

    [Authorize(Roles = $"{Callers.Viewer},{Callers.Sender}")]
    public override async Task<DirectivesView> GetDirectives(TenantRequest request, ServerCallContext context)
    {
        var tenantId = context.Tenant();
        var report = await grains.GetGrain<ITenantGrain>(tenantId).GetDirectives().Within(context);
        var view = new DirectivesView();
        view.Current.AddRange(report.Current.Select(d => d.ToProto()));
        view.History.AddRange(report.History.Select(d => d.ToProto()));
        return view;
    }

    [Authorize(Roles = Callers.Sender)]
    public override async Task<AdmitReply> Admit(AdmitRequest request, ServerCallContext context)
    {
        var tenantId = context.Tenant();
        CheckId("sequence_id", request.SequenceId);
        var catalog = await catalogs.Refresh(tenantId).Within(context);
        if (!catalog.SequenceSteps.TryGetValue(request.SequenceId, out var steps))
        {
            throw new RpcException(new Status(
                StatusCode.NotFound,
                $"sequence_id: no sequence '{request.SequenceId}' is configured for this tenant."));
        }

        if (request.Step < 1 || request.Step > steps)
        {
            throw Invalid("step", $"must be from 1 to the sequence's {steps} steps; it is {request.Step}");
        }

        if (request.Count is < 1 or > MaxAdmitCount)
        {
            throw Invalid("count", $"must be from 1 to {MaxAdmitCount}; it is {request.Count}");
        }

        // A grant the caller stopped waiting for is spent all the same: the sequence sends less, never more.
        var result = await grains.GetGrain<ISequenceGrain>(GrainKeys.Of(tenantId, request.SequenceId))
            .Admit(request.Step, request.Count).Within(context);
        var reply = new AdmitReply { Granted = result.Granted, Grade = result.Grade.ToProto(), Reason = result.Reason };
        if (result.RetryAfter is { } retry)
        {
            reply.RetryAfterMs = (long)Math.Ceiling(retry.TotalMilliseconds);
        }

        return reply;
    }

    [Authorize(Roles = Callers.Viewer)]
    public override async Task<StaffingView> GetStaffingAdvice(StaffingRequest request, ServerCallContext context)
    {
        var tenantId = context.Tenant();
        if (request.Hours is < 0 or > MaxStaffingHours)
        {
            throw Invalid("hours", $"must be from 1 to {MaxStaffingHours}, or 0 for 24; it is {request.Hours}");
        }

        var catalog = await catalogs.Refresh(tenantId).Within(context);
        string Key(string id) => GrainKeys.Of(tenantId, id);
        var queues = await Task.WhenAll(
            catalog.QueueIds.Select(id => grains.GetGrain<IQueueGrain>(Key(id)).GetFigures())).Within(context);
        var sequences = await Task.WhenAll(catalog.SequenceSteps.Keys
            .Select(id => grains.GetGrain<ISequenceGrain>(Key(id)).GetFigures())).Within(context);
        var agents = await Task.WhenAll(
            catalog.AgentIds.Select(id => grains.GetGrain<IAgentGrain>(Key(id)).GetFigures())).Within(context);
        var directives = await grains.GetGrain<ITenantGrain>(tenantId).GetDirectives().Within(context);
        var plan = StaffingPlanner.Plan(
            clock.Now, request.Hours == 0 ? 24 : request.Hours, queues, sequences, directives.Current, agents,
            cadence.Value.AssumedHandleTime, staffing.Value, cost.Value);
        return plan.ToProto();
    }

    private static RpcException Invalid(string field, string reason) => RequestFields.Invalid(field, reason);

    private void CheckId(string field, string value) => RequestFields.Id(options.Value, field, value);
}
