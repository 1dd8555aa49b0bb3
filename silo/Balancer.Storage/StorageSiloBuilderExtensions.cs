using Balancer.Grains;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;

namespace Balancer.Storage;

public static class StorageSiloBuilderExtensions
{
    /// <summary>The ADO.NET invariant of PostgreSQL's provider, Npgsql.</summary>
    public const string Invariant = "Npgsql";

    /// <summary>
    /// Keeps Balancer's grain state (<see cref="StorageNames.Balancer"/>) in PostgreSQL, through the Orleans
    /// ADO.NET provider and the queries of Balancer's own schema, which <see cref="BalancerMigrations.Apply(string,
    /// CancellationToken)"/> must have created first. States are written with the Orleans serializer, the one
    /// their <c>[GenerateSerializer]</c> attributes describe. Safe to call twice; a later
    /// <c>UseBalancerMemoryStorage</c> then leaves this storage in place.
    /// </summary>
    public static ISiloBuilder UseBalancerPostgresStorage(this ISiloBuilder silo, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        if (silo.Services.Any(d => d.IsKeyedService && Equals(d.ServiceKey, StorageNames.Balancer)))
        {
            return silo;
        }

        return silo.AddAdoNetGrainStorage(StorageNames.Balancer, options => options
            .Configure<Serializer>((o, serializer) =>
            {
                o.Invariant = Invariant;
                o.ConnectionString = connectionString;
                o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
            }));
    }

    /// <summary>
    /// Keeps the cluster's membership in PostgreSQL, in the tables and queries of migration 2, so silos on
    /// different hosts find each other. Replaces localhost clustering; call it instead of
    /// <c>UseLocalhostClustering</c>.
    /// </summary>
    public static ISiloBuilder UseBalancerPostgresClustering(this ISiloBuilder silo, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return silo.UseAdoNetClustering(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
        });
    }

    /// <summary>Finds the cluster's gateways in the PostgreSQL membership of migration 2.</summary>
    public static IClientBuilder UseBalancerPostgresClustering(this IClientBuilder client, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return client.UseAdoNetClustering(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
        });
    }
}
