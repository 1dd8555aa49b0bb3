using System.Security.Cryptography;
using System.Text;
using Balancer.Contracts.Api;
using Grpc.Core;
using Npgsql;

namespace Balancer.Access.Tests;

/// <summary>Keys on a durable host: kept in PostgreSQL as hashes, and in force, or revoked, across a restart.</summary>
public sealed class DurableKeysTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task Keys_DurableHost_StoredHashedAndKeptAcrossARestart()
    {
        var database = await server.CreateDatabase();
        var tenant = AccessHost.NewTenant("durable-keys");
        string kept, revoked;
        await using (var host = await Start(database))
        {
            await Rpcs.Configure(host.For(tenant));
            kept = await host.Keys.Issue(tenant, Role.Viewer);
            revoked = await host.Keys.Issue(tenant, Role.Viewer);
            await new Keys.KeysClient(host.For(tenant)).RevokeKeyAsync(
                new RevokeKeyRequest { KeyId = revoked.Substring(4, 24) }, deadline: Rpcs.Deadline());
        }

        var stored = await Payload(database, kept.Substring(4, 24));
        Assert.DoesNotContain(kept[29..], Encoding.UTF8.GetString(stored), StringComparison.Ordinal);
        Assert.True(
            stored.AsSpan().IndexOf(SHA256.HashData(Encoding.UTF8.GetBytes(kept[29..]))) >= 0,
            "the stored key holds the SHA-256 of its secret");

        await using var restarted = await Start(database);
        using var viewer = TenantKeys.Open(restarted.GrpcUrl, kept);
        var overview = await new Query.QueryClient(viewer).GetTenantOverviewAsync(
            new TenantRequest(), deadline: Rpcs.Deadline());
        Assert.Equal((tenant, "q"), (overview.TenantId, overview.QueueIds.Single()));
        using var refused = TenantKeys.Open(restarted.GrpcUrl, revoked);
        var error = await Assert.ThrowsAsync<RpcException>(() => Rpcs.Named("Query.GetTenantOverview").Call(refused));
        Assert.Equal(
            (StatusCode.Unauthenticated, $"Unauthenticated: the API key {revoked.Substring(4, 24)} was revoked."),
            (error.StatusCode, error.Status.Detail));
    }

    private static Task<AccessHost> Start(string database) => AccessHost.Start(new Dictionary<string, string?>
    {
        ["ConnectionStrings:Balancer"] = database,
        ["Balancer:Cluster:AdvertisedAddress"] = "127.0.0.1",
    });

    /// <summary>The stored state of the key's grain, whose string key is the key id.</summary>
    private static async Task<byte[]> Payload(string database, string keyId)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT payload FROM balancer_grain_state WHERE grain_id_extension LIKE @key", connection);
        command.Parameters.AddWithValue("key", "%" + keyId);
        return (byte[])(await command.ExecuteScalarAsync() ??
            throw new InvalidOperationException("no row for the key"));
    }
}
