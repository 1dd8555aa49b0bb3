using System.Globalization;
using Balancer.Api.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Balancer.Access.Tests.Properties;

/// <summary>
/// The one api host the property tests share, so that thousands of cases pay for one start. Balancer's clock
/// stands still for the whole run; the cadence controller's period is longer than the run, so no directive
/// changes a figure behind a case's back; the queues report to their tenant every 10 ms, so what they send it
/// arrives within a case's bounded wait; and a batch holds at most 64 events, so an oversized one is cheap.
/// </summary>
public sealed class PropertyHost : IAsyncLifetime
{
    /// <summary>The limit of events per batch the host is started with.</summary>
    public const int MaxEventsPerBatch = 64;

    private AccessHost? _host;

    public AccessHost Host => _host ?? throw new InvalidOperationException("The host has not started.");

    /// <summary>The api's limits as the host bound them: the generators size their hostile values by them.</summary>
    public ApiOptions Limits => Host.App.Services.GetRequiredService<IOptions<ApiOptions>>().Value;

    public async Task InitializeAsync()
    {
        _host = await AccessHost.Start(new Dictionary<string, string?>
        {
            ["Balancer:Cadence:Period"] = "00:10:00",
            ["Balancer:Queues:BreachScanInterval"] = "00:00:00.010",
            ["Balancer:Api:MaxEventsPerBatch"] = MaxEventsPerBatch.ToString(CultureInfo.InvariantCulture),

            // The properties judge validation, thousands of calls a tenant as fast as the host answers; the
            // rates have tests of their own.
            ["Balancer:Limits:CallsPerSecond"] = "0",
            ["Balancer:Limits:EventsPerSecond"] = "0",
        });

        // On to the next whole second, so that a time a millisecond inside a limit is inside it to the tick.
        var now = _host.Time.GetUtcNow();
        _host.Time.Advance(TimeSpan.FromTicks(TimeSpan.TicksPerSecond - (now.Ticks % TimeSpan.TicksPerSecond)));
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}

/// <summary>The property test classes, run one after the other on one <see cref="PropertyHost"/>.</summary>
[CollectionDefinition(Name)]
public sealed class PropertyCollection : ICollectionFixture<PropertyHost>
{
    public const string Name = "Properties";
}
