using Balancer.Api.Hosting;
using Balancer.Contracts.Api;
using Grpc.Core;

namespace Balancer.Access.Tests.Properties;

/// <summary>
/// The tenant of the routing property and the rules it must hold: the last valid ones set. A valid call must say
/// whether it turned routing on and be read back as it was sent, its lifetime value as the api stores it (a
/// decimal); a hostile one must fail with INVALID_ARGUMENT naming its field and leave the view as it was.
/// </summary>
public sealed class RoutingTenant
{
    private readonly AccessHost _host;
    private readonly TenantClients _tenant;
    private RoutingConfig? _rules;
    private RoutingView? _view;

    private RoutingTenant(AccessHost host)
    {
        _host = host;
        _tenant = new TenantClients(host, AccessHost.NewTenant("routing"));
    }

    public static async Task<RoutingTenant> Start(AccessHost host)
    {
        var tenant = new RoutingTenant(host);
        foreach (var id in RoutingGenerators.Queues)
        {
            await tenant._tenant.Configuration.UpsertQueueAsync(
                new QueueConfig { QueueId = id, ReplyWindowSeconds = 600 }, deadline: Calls.Deadline());
        }

        tenant._view = await tenant.View();
        return tenant;
    }

    public async Task Check(RequestCase c, ApiOptions limits)
    {
        var changed = false;
        foreach (var op in c.Ops)
        {
            var message = (RoutingConfig)op.Message(_host.NowMs);
            if (op.Broken is { } broken)
            {
                var refused = await Assert.ThrowsAsync<RpcException>(() => _tenant.Routing
                    .SetRoutingRulesAsync(message, deadline: Calls.Deadline()).ResponseAsync);
                ConfigTenant.ExpectRefusal(refused, broken, limits);
            }
            else
            {
                var ack = await _tenant.Routing.SetRoutingRulesAsync(message, deadline: Calls.Deadline());
                Assert.Equal(_rules is null, ack.Created);
                _rules = message;
                changed = true;
            }
        }

        var view = await View();
        if (!changed)
        {
            Assert.Equal(_view, view);
        }

        Assert.Equal(Stored(_rules?.Control), view.Control);
        Assert.Equal(Stored(_rules?.Trial), view.Trial);
        Assert.Equal(_rules?.TrialPercent ?? 0, view.TrialPercent);
        _view = view;
    }

    private async Task<RoutingView> View() =>
        await _tenant.Routing.GetRoutingAsync(new TenantRequest(), deadline: Calls.Deadline());

    /// <summary>Rules as the api keeps them: the lifetime value as a decimal, read back as a double.</summary>
    private static RoutingRules? Stored(RoutingRules? rules)
    {
        if (rules is null)
        {
            return null;
        }

        var stored = rules.Clone();
        if (stored.HasSeniorLifetimeValue)
        {
            stored.SeniorLifetimeValue = (double)(decimal)stored.SeniorLifetimeValue;
        }

        return stored;
    }
}
