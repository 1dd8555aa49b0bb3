namespace Balancer.Storage.Tests;

/// <summary>The tests that share the assembly's PostgreSQL server, one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL server";
}
