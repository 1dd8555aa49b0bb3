using System.Net;
using Balancer.Grains;
using Balancer.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Balancer.Hosting;

/// <summary>
/// Joins this process to Balancer's cluster by configuration. Without <c>ConnectionStrings:Balancer</c>:
/// localhost clustering and grain state in memory. With it: membership and grain state in that PostgreSQL
/// database, the schema migrated first unless <c>Balancer:Storage:MigrateOnStart</c> is false. With
/// <c>Balancer:Tls:Enabled</c>, every silo and gateway connection it opens or accepts is mutual TLS.
/// </summary>
public static class BalancerHosting
{
    /// <summary>
    /// Hosts Balancer's grains in a silo of this process, listening where <paramref name="endpointSection"/>
    /// says (<see cref="SiloEndpointOptions"/>), and serves the silo's health to the health checks. Options
    /// read here are validated here: a bad value throws, naming it.
    /// </summary>
    public static IHostApplicationBuilder UseBalancerSilo(
        this IHostApplicationBuilder builder, string endpointSection)
    {
        var configuration = builder.Configuration;
        var endpoints = SiloEndpointOptions.From(configuration, endpointSection);
        ThrowIfInvalid<SiloEndpointOptions>(endpointSection, endpoints.Validate(endpointSection));
        var (storage, identity) = AddStorage(builder, "silo");
        var tls = AddTls(builder, "silo");
        builder.UseOrleans(silo =>
        {
            silo.AddBalancerGrains(configuration);
            if (tls is not null)
            {
                silo.UseTls(tls.Certificate, tls.ApplyTo);
            }

            if (storage.IsDurable)
            {
                var advertised = endpoints.ResolveAdvertisedAddress();
                silo.ConfigureEndpoints(
                        advertised,
                        endpoints.SiloPort,
                        endpoints.GatewayPort,
                        listenOnAnyHostAddress: !IPAddress.IsLoopback(advertised))
                    .UseBalancerPostgresClustering(storage.ConnectionString!)
                    .UseBalancerPostgresStorage(storage.ConnectionString!)
                    .Configure<ClusterOptions>(identity.ApplyTo);

                // With the api journaling every batch, the grains' figures can be rebuilt: they fence them by
                // epoch and report a loss. Off without a journal, where a rebuild would only empty them.
                silo.Services.PostConfigure<RecoveryOptions>(o => o.Enabled = true);
            }
            else
            {
                silo.UseLocalhostClustering(
                        endpoints.SiloPort,
                        endpoints.GatewayPort,
                        serviceId: identity.ServiceId,
                        clusterId: identity.ClusterId)
                    .UseBalancerMemoryStorage();
            }
        });
        AddMembership(builder);
        builder.Services.AddHealthChecks().AddCheck<SiloHealthCheck>(SiloHealthCheck.Name);
        return builder;
    }

    /// <summary>
    /// Connects this process to Balancer's cluster as an Orleans client: through the PostgreSQL membership's
    /// gateway list when durable, refreshed every <paramref name="gatewayListRefreshPeriod"/> (Orleans'
    /// default when null); to the gateway on <paramref name="gatewayPort"/> of localhost otherwise.
    /// </summary>
    public static IHostApplicationBuilder UseBalancerClient(
        this IHostApplicationBuilder builder, int gatewayPort, TimeSpan? gatewayListRefreshPeriod)
    {
        var (storage, identity) = AddStorage(builder, "client");
        var tls = AddTls(builder, "client");
        builder.UseOrleansClient(client =>
        {
            if (tls is not null)
            {
                client.UseTls(tls.Certificate, tls.ApplyTo);
            }

            if (storage.IsDurable)
            {
                client.UseBalancerPostgresClustering(storage.ConnectionString!)
                    .Configure<ClusterOptions>(identity.ApplyTo);
            }
            else
            {
                client.UseLocalhostClustering(gatewayPort, identity.ServiceId, identity.ClusterId);
            }

            if (gatewayListRefreshPeriod is { } refresh)
            {
                client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = refresh);
            }
        });
        return builder;
    }

    /// <summary>
    /// Reads and checks the storage and identity options, offers the storage options to the container, and
    /// registers <see cref="StorageStartup"/>, which must come before Orleans' hosted service.
    /// </summary>
    private static (StorageOptions Storage, ClusterIdentityOptions Identity) AddStorage(
        IHostApplicationBuilder builder, string role)
    {
        var storage = StorageOptions.From(builder.Configuration);
        ThrowIfInvalid<StorageOptions>(StorageOptions.Section, storage.Validate());
        var identity = ClusterIdentityOptions.From(builder.Configuration);
        ThrowIfInvalid<ClusterIdentityOptions>(ClusterIdentityOptions.Section, identity.Validate());
        builder.Services.TryAddSingleton(Options.Create(storage));
        builder.Services.AddHostedService(services => new StorageStartup(
            services.GetRequiredService<IOptions<StorageOptions>>(),
            identity,
            role,
            services.GetRequiredService<ILogger<StorageStartup>>()));
        return (storage, identity);
    }

    /// <summary>
    /// Reads, checks and opens the TLS options (<see cref="TlsOptions"/>) for a <paramref name="role"/> of
    /// "silo" or "client", and registers <see cref="TlsStartup"/> ahead of Orleans; null when TLS is off.
    /// </summary>
    private static TlsCredentials? AddTls(IHostApplicationBuilder builder, string role)
    {
        var options = TlsOptions.From(builder.Configuration);
        ThrowIfInvalid<TlsOptions>(TlsOptions.Section, options.Validate());
        if (!options.Enabled)
        {
            return null;
        }

        var (credentials, problems) = TlsCredentials.Read(options, silo: role == "silo");
        ThrowIfInvalid<TlsOptions>(TlsOptions.Section, problems);
        builder.Services.AddHostedService(services => new TlsStartup(
            credentials!, role, services.GetRequiredService<ILogger<TlsStartup>>()));
        return credentials;
    }

    private static void AddMembership(IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<MembershipOptions>()
            .Bind(builder.Configuration.GetSection(MembershipOptions.Section))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MembershipOptions>>(
            new OptionsCheck<MembershipOptions>(o => o.Validate())));
        services.AddOptions<ClusterMembershipOptions>()
            .Configure<IOptions<MembershipOptions>>((orleans, balancer) => balancer.Value.ApplyTo(orleans));
    }

    private static void ThrowIfInvalid<T>(string section, IEnumerable<string> problems)
    {
        var found = problems.ToList();
        if (found.Count > 0)
        {
            throw new OptionsValidationException(section, typeof(T), found);
        }
    }
}
