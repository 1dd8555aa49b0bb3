using Balancer.Api.Access;
using Balancer.Api.Hosting;
using Balancer.Api.Ingest;
using Balancer.Api.Limits;
using Balancer.Contracts.Api;
using Balancer.Contracts.Grains;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Balancer.Api.Services;

/// <summary>Reads the live figures of a tenant and of its queues, sequences and agents.</summary>
[Authorize(Roles = Callers.Viewer)]
public sealed class QueryService(IGrainFactory grains, TenantCatalogCache catalogs, IOptions<ApiOptions> options)
    : Query.QueryBase
{
    public override async Task<TenantOverview> GetTenantOverview(TenantRequest request, ServerCallContext context)
    {
        return (await grains.GetGrain<ITenantGrain>(context.Tenant()).GetFigures().Within(context)).ToProto();
    }

    public override async Task<QueueView> GetQueue(EntityRequest request, ServerCallContext context)
    {
        var (tenantId, catalog) = await Catalog(request, context);
        Require(catalog.QueueIds.Contains(request.Id), "queue", request.Id);
        return (await grains.GetGrain<IQueueGrain>(GrainKeys.Of(tenantId, request.Id)).GetFigures().Within(context))
            .ToProto();
    }

    public override async Task<SequenceView> GetSequence(EntityRequest request, ServerCallContext context)
    {
        var (tenantId, catalog) = await Catalog(request, context);
        Require(catalog.SequenceSteps.ContainsKey(request.Id), "sequence", request.Id);
        return (await grains.GetGrain<ISequenceGrain>(GrainKeys.Of(tenantId, request.Id)).GetFigures().Within(context))
            .ToProto();
    }

    public override async Task<AgentView> GetAgent(EntityRequest request, ServerCallContext context)
    {
        var (tenantId, catalog) = await Catalog(request, context);
        Require(catalog.AgentIds.Contains(request.Id), "agent", request.Id);
        return (await grains.GetGrain<IAgentGrain>(GrainKeys.Of(tenantId, request.Id)).GetFigures().Within(context))
            .ToProto();
    }

    private async Task<(string TenantId, Contracts.Model.TenantCatalog Catalog)> Catalog(
        EntityRequest request, ServerCallContext context)
    {
        var tenantId = context.Tenant();
        CheckId("id", request.Id);
        return (tenantId, await catalogs.Refresh(tenantId).Within(context));
    }

    private void CheckId(string field, string value) => RequestFields.Id(options.Value, field, value);

    private static void Require(bool exists, string kind, string id)
    {
        if (!exists)
        {
            throw new RpcException(new Status(
                StatusCode.NotFound, $"id: no {kind} '{id}' is configured for this tenant."));
        }
    }
}
