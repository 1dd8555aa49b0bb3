using Balancer.Api.Hosting;
using Balancer.Api.Ingest;
using Balancer.Contracts.Api;
using Balancer.Contracts.Grains;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Balancer.Api.Services;

/// <summary>What the balancer decided for a tenant's sequences, and why.</summary>
public sealed class RebalancingService(IGrainFactory grains, IOptions<ApiOptions> options) : Rebalancing.RebalancingBase
{
    public override async Task<DirectivesView> GetDirectives(TenantRequest request, ServerCallContext context)
    {
        CheckId("tenant_id", request.TenantId);
        var report = await grains.GetGrain<ITenantGrain>(request.TenantId).GetDirectives();
        var view = new DirectivesView();
        view.Current.AddRange(report.Current.Select(d => d.ToProto()));
        view.History.AddRange(report.History.Select(d => d.ToProto()));
        return view;
    }

    private void CheckId(string field, string value)
    {
        if (Fields.IdProblem(value, options.Value.MaxIdLength) is { } problem)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"{field} {problem}."));
        }
    }
}
