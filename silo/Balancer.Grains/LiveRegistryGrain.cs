using Balancer.Contracts.Grains;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Utilities;

namespace Balancer.Grains;

/// <summary>The api hosts listening for live updates; each renews its subscription well inside the expiry.</summary>
public sealed class LiveRegistryGrain(IOptions<LiveOptions> options, ILogger<LiveRegistryGrain> logger)
    : Grain, ILiveRegistryGrain
{
    private readonly ObserverManager<ILiveObserver> _observers = new(options.Value.SubscriptionExpiry, logger);

    public Task Subscribe(ILiveObserver observer)
    {
        var known = _observers.Count;
        _observers.Subscribe(observer, observer);
        if (_observers.Count > known)
        {
            logger.LogInformationObserverSubscribed(_observers.Count);
        }

        return Task.CompletedTask;
    }

    public Task Unsubscribe(ILiveObserver observer)
    {
        _observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ILiveObserver>> GetObservers()
    {
        _observers.ClearExpired();
        return Task.FromResult<IReadOnlyList<ILiveObserver>>([.. _observers]);
    }
}
