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
using RoutingRules = Balancer.Contracts.Api.RoutingRules;

namespace Balancer.Api.Services;

/// <summary>
/// Sets a tenant's routing rules and shows how each variant does; every malformed field fails the call, named.
/// </summary>
public sealed class RoutingService(IGrainFactory grains, TenantCatalogCache catalogs, IOptions<ApiOptions> options)
    : Routing.RoutingBase
{
    /// <summary>The most intents one variant may give the bot.</summary>
    public const int MaxBotIntents = 200;

    private static readonly TimeSpan MinComplaintWindow = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan MaxComplaintWindow = TimeSpan.FromDays(366);

    [Authorize(Roles = Callers.Admin)]
    public override async Task<ConfigAck> SetRoutingRules(RoutingConfig request, ServerCallContext context)
    {
        var tenantId = context.Tenant();
        if (request.TrialPercent is < 0 or > 100)
        {
            throw Invalid("trial_percent", $"must be from 0 to 100; it is {request.TrialPercent}");
        }

        if (request.Control is null)
        {
            throw Invalid("control", "is required");
        }

        if (request.Trial is null && request.TrialPercent > 0)
        {
            throw Invalid("trial", $"is required when trial_percent is above 0; it is {request.TrialPercent}");
        }

        var catalog = await catalogs.Refresh(tenantId).Within(context);
        var control = Rules("control", request.Control, catalog);
        var trial = request.Trial is null ? null : Rules("trial", request.Trial, catalog);
        var change = grains.GetGrain<ITenantGrain>(tenantId)
            .SetRouting(new RoutingSettings(control, trial, request.TrialPercent));
        try
        {
            return new ConfigAck { Created = await change.Within(context) };
        }
        finally
        {
            catalogs.Invalidate(tenantId);
        }
    }

    [Authorize(Roles = Callers.Viewer)]
    public override async Task<RoutingView> GetRouting(TenantRequest request, ServerCallContext context)
    {
        var tenantId = context.Tenant();
        return (await grains.GetGrain<IDispatchGrain>(tenantId).GetRouting().Within(context)).ToProto();
    }

    private RoutingRuleSettings Rules(string variant, RoutingRules rules, TenantCatalog catalog)
    {
        if (rules.BotIntents.Count > MaxBotIntents)
        {
            throw Invalid(
                $"{variant}.bot_intents",
                $"may hold at most {MaxBotIntents} intents; it holds {rules.BotIntents.Count}");
        }

        for (var i = 0; i < rules.BotIntents.Count; i++)
        {
            var intent = rules.BotIntents[i];
            if (string.IsNullOrWhiteSpace(intent))
            {
                throw Invalid($"{variant}.bot_intents[{i}]", "is required");
            }

            Text($"{variant}.bot_intents[{i}]", intent);
        }

        if (rules.HasEscalateAfterTouches && rules.EscalateAfterTouches is < 1 or > 20)
        {
            throw Invalid(
                $"{variant}.escalate_after_touches", $"must be from 1 to 20; it is {rules.EscalateAfterTouches}");
        }

        Queue($"{variant}.senior_queue_id", rules.SeniorQueueId, catalog);
        if (rules.HasSeniorLifetimeValue && Fields.AmountProblem(rules.SeniorLifetimeValue) is { } amount)
        {
            throw Invalid($"{variant}.senior_lifetime_value", amount);
        }

        if (rules.HasSeniorComplaints && rules.SeniorComplaints is < 1 or > 100)
        {
            throw Invalid($"{variant}.senior_complaints", $"must be from 1 to 100; it is {rules.SeniorComplaints}");
        }

        TimeSpan? window = null;
        if (rules.HasComplaintWindowSeconds)
        {
            var seconds = rules.ComplaintWindowSeconds;
            if (seconds < MinComplaintWindow.TotalSeconds || seconds > MaxComplaintWindow.TotalSeconds)
            {
                throw Invalid(
                    $"{variant}.complaint_window_seconds",
                    $"must be from {MinComplaintWindow.TotalSeconds:F0} to {MaxComplaintWindow.TotalSeconds:F0}; " +
                    $"it is {seconds}");
            }

            window = TimeSpan.FromSeconds(seconds);
        }

        Queue($"{variant}.overflow_queue_id", rules.OverflowQueueId, catalog);
        return new RoutingRuleSettings(
            [.. rules.BotIntents],
            rules.HasEscalateAfterTouches ? rules.EscalateAfterTouches : null,
            rules.SeniorQueueId,
            rules.HasSeniorLifetimeValue ? (decimal)rules.SeniorLifetimeValue : null,
            rules.HasSeniorComplaints ? rules.SeniorComplaints : null,
            window,
            rules.OverflowQueueId);
    }

    private void Queue(string field, string queueId, TenantCatalog catalog)
    {
        Id(field, queueId);
        if (!catalog.QueueIds.Contains(queueId))
        {
            throw Invalid(field, $"no queue '{queueId}' is configured for this tenant");
        }
    }

    private void Id(string field, string value) => RequestFields.Id(options.Value, field, value);

    private void Text(string field, string value) => RequestFields.Text(options.Value, field, value);

    private static RpcException Invalid(string field, string reason) => RequestFields.Invalid(field, reason);
}
