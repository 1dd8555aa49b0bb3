using Balancer.Api.Hosting;
using Balancer.Api.Ingest;
using Balancer.Contracts.Api;
using Balancer.Contracts.Grains;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Balancer.Api.Services;

/// <summary>What the balancer decided for a tenant's sequences, and why.</summary>
public sealed class RebalancingService(IGrainFactory grains, TenantCatalogCache catalogs, IOptions<ApiOptions> options)
    : Rebalancing.RebalancingBase
{
    /// <summary>The most sends one admission may ask for.</summary>
    public const int MaxAdmitCount = 100_000;

    public override async Task<DirectivesView> GetDirectives(TenantRequest request, ServerCallContext context)
    {
        CheckId("tenant_id", request.TenantId);
        var report = await grains.GetGrain<ITenantGrain>(request.TenantId).GetDirectives();
        var view = new DirectivesView();
        view.Current.AddRange(report.Current.Select(d => d.ToProto()));
        view.History.AddRange(report.History.Select(d => d.ToProto()));
        return view;
    }

    public override async Task<AdmitReply> Admit(AdmitRequest request, ServerCallContext context)
    {
        CheckId("tenant_id", request.TenantId);
        CheckId("sequence_id", request.SequenceId);
        var catalog = await catalogs.Refresh(request.TenantId);
        if (!catalog.SequenceSteps.TryGetValue(request.SequenceId, out var steps))
        {
            throw new RpcException(new Status(
                StatusCode.NotFound, $"sequence_id: no sequence '{request.SequenceId}' is configured for this tenant."));
        }

        if (request.Step < 1 || request.Step > steps)
        {
            throw Invalid("step", $"must be from 1 to the sequence's {steps} steps; it is {request.Step}");
        }

        if (request.Count is < 1 or > MaxAdmitCount)
        {
            throw Invalid("count", $"must be from 1 to {MaxAdmitCount}; it is {request.Count}");
        }

        var result = await grains.GetGrain<ISequenceGrain>(GrainKeys.Of(request.TenantId, request.SequenceId))
            .Admit(request.Step, request.Count);
        var reply = new AdmitReply { Granted = result.Granted, Grade = result.Grade.ToProto(), Reason = result.Reason };
        if (result.RetryAfter is { } retry)
        {
            reply.RetryAfterMs = (long)Math.Ceiling(retry.TotalMilliseconds);
        }

        return reply;
    }

    private static RpcException Invalid(string field, string problem) =>
        new(new Status(StatusCode.InvalidArgument, $"{field} {problem}."));

    private void CheckId(string field, string value)
    {
        if (Fields.IdProblem(value, options.Value.MaxIdLength) is { } problem)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"{field} {problem}."));
        }
    }
}
