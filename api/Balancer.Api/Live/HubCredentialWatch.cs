using System.Collections.Concurrent;
using Balancer.Api.Access;
using Balancer.Api.Hosting;
using Balancer.Contracts.Live;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Balancer.Api.Live;

/// <summary>
/// Ends the live hub's connections whose credential no longer holds. A connection is authorized once, when it
/// opens; every <see cref="AuthOptions.HubCheckInterval"/> this host checks each of its connections again,
/// through the same <see cref="CredentialCheck"/> as the ingest streams. A connection whose key was revoked, or
/// whose token expired, is told why with <see cref="LiveHubContract.Ended"/> and closed <see cref="Grace"/>
/// later, whether or not the client closed it first.
/// </summary>
/// <remarks>
/// A key revoked on this host is refused at the next check; one revoked on another host once this host's
/// reading of it is older than <see cref="AuthOptions.KeyCacheDuration"/>.
/// </remarks>
public sealed class HubCredentialWatch(
    CredentialCheck credentials,
    IHubContext<LiveHub> hub,
    IOptions<AuthOptions> options,
    TimeProvider time,
    ILogger<HubCredentialWatch> logger) : BackgroundService
{
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<string, HubCallerContext> _connections = new(StringComparer.Ordinal);

    public void Opened(HubCallerContext connection) => _connections[connection.ConnectionId] = connection;

    public void Closed(HubCallerContext connection) => _connections.TryRemove(connection.ConnectionId, out _);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.HubCheckInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var connection in _connections.Values)
            {
                try
                {
                    if (connection.User is { } user && await credentials.Problem(user) is { } problem)
                    {
                        _connections.TryRemove(connection.ConnectionId, out _);
                        await End(connection, problem, stoppingToken);
                    }
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    // The key's grain could not be read: the connection keeps what it had until the next check.
                    logger.LogWarningHubCheckFailed(ex, connection.ConnectionId);
                }
            }
        }
    }

    private async Task End(HubCallerContext connection, string problem, CancellationToken stoppingToken)
    {
        logger.LogInformationHubConnectionEnded(connection.ConnectionId, problem);
        // Closed after the grace whatever becomes of the message.
        _ = Task.Delay(Grace, time, stoppingToken).ContinueWith(
            _ => connection.Abort(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        await hub.Clients.Client(connection.ConnectionId).SendAsync(LiveHubContract.Ended, problem, stoppingToken);
    }
}
