using Balancer.Api.Hosting;
using Balancer.Contracts.Grains;

namespace Balancer.Api.Live;

/// <summary>Keeps this host subscribed to the cluster's live updates, renewing well inside the expiry.</summary>
public sealed class LiveSubscription(IGrainFactory grains, LiveObserver observer, ILogger<LiveSubscription> logger)
    : BackgroundService
{
    // Balancer:Live:SubscriptionExpiry is at least 90 s on the silos, three of these.
    private static readonly TimeSpan RenewInterval = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reference = grains.CreateObjectReference<ILiveObserver>(observer);
        var registry = grains.GetGrain<ILiveRegistryGrain>(0);
        var subscribed = false;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await registry.Subscribe(reference);
                    if (!subscribed)
                    {
                        subscribed = true;
                        logger.LogInformationLiveSubscribed();
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarningLiveRenewFailed(ex);
                    await Task.Delay(RetryInterval, stoppingToken);
                    continue;
                }

                await Task.Delay(RenewInterval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        grains.DeleteObjectReference<ILiveObserver>(reference);
    }
}
