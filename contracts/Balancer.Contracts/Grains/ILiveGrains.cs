using Orleans.Concurrency;
using Balancer.Contracts.Model;

namespace Balancer.Contracts.Grains;

/// <summary>One per api host: receives the notifier's batches and pushes them to the tenants' live views.</summary>
[Alias("balancer.ILiveObserver")]
public interface ILiveObserver : IGrainObserver
{
    [OneWay, Alias("OnLive")]
    Task OnLive(LiveBatch batch);
}

/// <summary>The api hosts currently listening. Key: 0. Subscriptions expire unless renewed.</summary>
[Alias("balancer.ILiveRegistryGrain")]
public interface ILiveRegistryGrain : IGrainWithIntegerKey
{
    [Alias("Subscribe")]
    Task Subscribe(ILiveObserver observer);

    [Alias("Unsubscribe")]
    Task Unsubscribe(ILiveObserver observer);

    [Alias("GetObservers")]
    Task<IReadOnlyList<ILiveObserver>> GetObservers();
}

/// <summary>
/// Gathers changes worth showing and sends them to every listening api host on a short timer, one
/// message per host per flush. A stateless worker: each silo has its own. Key: 0.
/// </summary>
[Alias("balancer.INotifierGrain")]
public interface INotifierGrain : IGrainWithIntegerKey
{
    [OneWay, Alias("Publish")]
    Task Publish(LiveUpdate update);
}
