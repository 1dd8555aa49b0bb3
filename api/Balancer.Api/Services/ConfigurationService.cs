using Balancer.Api.Access;
using Balancer.Api.Hosting;
using Balancer.Api.Ingest;
using Balancer.Api.Limits;
using Balancer.Contracts.Api;
using Balancer.Contracts.Grains;
using Balancer.Contracts.Model;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using AgentTier = Balancer.Contracts.Api.AgentTier;
using Channel = Balancer.Contracts.Api.Channel;

namespace Balancer.Api.Services;

/// <summary>Creates and updates queues, agents and sequences; every malformed field fails the call, named.</summary>
[Authorize(Roles = Callers.Admin)]
public sealed class ConfigurationService(
    IGrainFactory grains, TenantCatalogCache catalogs, IOptions<ApiOptions> options)
    : Contracts.Api.Configuration.ConfigurationBase
{
    private static readonly TimeSpan MaxReplyWindow = TimeSpan.FromDays(7);
    private static readonly TimeSpan MaxStepDelay = TimeSpan.FromDays(365);

    public override async Task<ConfigAck> UpsertQueue(QueueConfig request, ServerCallContext context)
    {
        var tenantId = context.Tenant();
        Id("queue_id", request.QueueId);
        Text("display_name", request.DisplayName);
        if (request.ReplyWindowSeconds < 1 || request.ReplyWindowSeconds > MaxReplyWindow.TotalSeconds)
        {
            throw Invalid(
                "reply_window_seconds",
                $"must be from 1 to {MaxReplyWindow.TotalSeconds:F0}; it is {request.ReplyWindowSeconds}");
        }

        var settings = new QueueSettings(
            TimeSpan.FromSeconds(request.ReplyWindowSeconds), request.DisplayName, request.Live);
        return await Upsert(tenantId, tenant => tenant.UpsertQueue(request.QueueId, settings), context);
    }

    public override async Task<ConfigAck> UpsertAgent(AgentConfig request, ServerCallContext context)
    {
        var tenantId = context.Tenant();
        Id("agent_id", request.AgentId);
        Text("display_name", request.DisplayName);
        var tier = request.Tier switch
        {
            AgentTier.Standard => Contracts.Model.AgentTier.Standard,
            AgentTier.Senior => Contracts.Model.AgentTier.Senior,
            AgentTier.Contractor => Contracts.Model.AgentTier.Contractor,
            _ => throw Invalid(
                "tier",
                $"must be AGENT_TIER_STANDARD, AGENT_TIER_SENIOR or AGENT_TIER_CONTRACTOR; it is {request.Tier}"),
        };
        if (request.Slots is < 1 or > 100)
        {
            throw Invalid("slots", $"must be from 1 to 100; it is {request.Slots}");
        }

        if (request.DailyCeiling is < 1 or > 1000)
        {
            throw Invalid("daily_ceiling", $"must be from 1 to 1000; it is {request.DailyCeiling}");
        }

        var settings = new AgentSettings(tier, request.Slots, request.DailyCeiling, request.DisplayName);
        return await Upsert(tenantId, tenant => tenant.UpsertAgent(request.AgentId, settings), context);
    }

    public override async Task<ConfigAck> UpsertSequence(SequenceConfig request, ServerCallContext context)
    {
        var tenantId = context.Tenant();
        Id("sequence_id", request.SequenceId);
        Text("display_name", request.DisplayName);
        Text("trigger_source", request.TriggerSource);
        if (request.Channel is not (Channel.Email or Channel.Sms or Channel.Chat))
        {
            throw Invalid("channel", $"must be CHANNEL_EMAIL, CHANNEL_SMS or CHANNEL_CHAT; it is {request.Channel}");
        }

        if (request.Steps.Count < 1 || request.Steps.Count > options.Value.MaxSequenceSteps)
        {
            throw Invalid(
                "steps", $"must hold from 1 to {options.Value.MaxSequenceSteps} steps; it holds {request.Steps.Count}");
        }

        var steps = new List<SequenceStepSettings>(request.Steps.Count);
        for (var i = 0; i < request.Steps.Count; i++)
        {
            var step = request.Steps[i];
            if (step.DelaySeconds < 0 || step.DelaySeconds > MaxStepDelay.TotalSeconds)
            {
                throw Invalid(
                    $"steps[{i}].delay_seconds",
                    $"must be from 0 to {MaxStepDelay.TotalSeconds:F0}; it is {step.DelaySeconds}");
            }

            Text($"steps[{i}].name", step.Name);
            steps.Add(new SequenceStepSettings(TimeSpan.FromSeconds(step.DelaySeconds), step.Name));
        }

        if (request.QueueId.Length > 0)
        {
            Id("queue_id", request.QueueId);
            if (!(await catalogs.Refresh(tenantId).Within(context)).QueueIds.Contains(request.QueueId))
            {
                throw Invalid("queue_id", $"names no configured queue: '{request.QueueId}'");
            }
        }

        var settings = new SequenceSettings(
            BatchProcessor.ToModel(request.Channel), request.TriggerSource, request.Urgent, steps, request.DisplayName,
            request.QueueId);
        return await Upsert(tenantId, tenant => tenant.UpsertSequence(request.SequenceId, settings), context);
    }

    /// <summary>
    /// Applies the change through the tenant, whose catalog this host then reads afresh. A call whose deadline
    /// passes meanwhile stops waiting, while the change may still be made: an upsert sent again is harmless.
    /// </summary>
    private async Task<ConfigAck> Upsert(
        string tenantId, Func<ITenantGrain, Task<bool>> upsert, ServerCallContext context)
    {
        var change = upsert(grains.GetGrain<ITenantGrain>(tenantId));
        try
        {
            return new ConfigAck { Created = await change.Within(context) };
        }
        finally
        {
            catalogs.Invalidate(tenantId);
        }
    }

    private void Id(string field, string value) => RequestFields.Id(options.Value, field, value);

    private void Text(string field, string value) => RequestFields.Text(options.Value, field, value);

    private static RpcException Invalid(string field, string reason) => RequestFields.Invalid(field, reason);
}
