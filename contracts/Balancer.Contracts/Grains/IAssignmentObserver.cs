using Orleans.Concurrency;
using Balancer.Contracts.Model;

namespace Balancer.Contracts.Grains;

/// <summary>One per api host: receives the offers for the agents connected to it.</summary>
[Alias("balancer.IAssignmentObserver")]
public interface IAssignmentObserver : IGrainObserver
{
    [OneWay, Alias("OnOffers")]
    Task OnOffers(IReadOnlyList<ConversationOffer> offers);
}
