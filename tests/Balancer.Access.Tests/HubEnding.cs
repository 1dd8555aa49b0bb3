using Balancer.Contracts.Live;
using Microsoft.AspNetCore.SignalR.Client;

namespace Balancer.Access.Tests;

/// <summary>
/// What a hub connection hears when the server ends it: the reason it is told, then the close. The client itself
/// does nothing on being told, so the close is the server's.
/// </summary>
public sealed class HubEnding
{
    private readonly TaskCompletionSource<string> _reason = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public HubEnding(HubConnection hub)
    {
        hub.On<string>(LiveHubContract.Ended, reason => _reason.TrySetResult(reason));
        hub.Closed += _ =>
        {
            _closed.TrySetResult();
            return Task.CompletedTask;
        };
    }

    public Task<string> Reason => _reason.Task;

    public Task Closed => _closed.Task;
}
