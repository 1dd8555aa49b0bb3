using Balancer.Contracts.Live;
using Microsoft.AspNetCore.SignalR.Client;

namespace Balancer.EndToEnd.Tests;

/// <summary>Connections to the live hub, as a dashboard holding a tenant's viewer key opens them.</summary>
public static class LiveHubs
{
    /// <summary>A connection, not yet started, to the hub of <paramref name="webUrl"/>, presenting the key.</summary>
    public static HubConnection Connect(string webUrl, string key) => new HubConnectionBuilder()
        .WithUrl(webUrl + LiveHubContract.Path, o => o.AccessTokenProvider = () => Task.FromResult<string?>(key))
        .Build();
}
