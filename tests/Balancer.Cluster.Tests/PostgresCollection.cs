namespace Balancer.Cluster.Tests;

/// <summary>
/// The tests that share the assembly's PostgreSQL server, one at a time: each deploys several processes,
/// which two cores run well only one deployment at a time.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL server";
}
