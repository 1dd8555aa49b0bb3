using System.Collections.Concurrent;
using Balancer.Contracts.Api;
using Grpc.Core;
using Grpc.Net.Client;

namespace Balancer.Testing;

/// <summary>
/// Issues tenants' API keys through an api's <c>Keys</c> service with the deployment's bootstrap key, as an
/// operator would, and opens gRPC channels that present a key on every call.
/// </summary>
public sealed class TenantKeys(string grpcUrl, string bootstrapKey = TenantKeys.TestBootstrapKey) : IDisposable
{
    /// <summary>The bootstrap key the tests' hosts are configured with (<c>Balancer:Auth:BootstrapKey</c>).</summary>
    public const string TestBootstrapKey = "balancer-test-bootstrap-key-0123456789abcdef";

    /// <summary>Every role: what a tenant's own test needs to configure, send and read.</summary>
    public static readonly Role[] AllRoles = [Role.Sender, Role.Viewer, Role.Admin];

    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _keys = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, GrpcChannel> _channels = new(StringComparer.Ordinal);
    private GrpcChannel? _operator;

    /// <summary>A channel that presents <paramref name="key"/>, or nothing when it is null.</summary>
    public static GrpcChannel Open(string url, string? key) =>
        Open(url, key is null ? null : () => Task.FromResult(key));

    /// <summary>Issues a key of <paramref name="tenant"/> with <paramref name="roles"/>; returns its secret.</summary>
    public async Task<string> Issue(string tenant, params Role[] roles)
    {
        _operator ??= Open(grpcUrl, bootstrapKey);
        var request = new CreateKeyRequest { TenantId = tenant, Name = "test" };
        request.Roles.AddRange(roles);
        var created = await new Keys.KeysClient(_operator)
            .CreateKeyAsync(request, deadline: DateTime.UtcNow.AddSeconds(30));
        return created.Secret;
    }

    /// <summary>The tenant's key with every role, issued on first use.</summary>
    public Task<string> KeyOf(string tenant) =>
        _keys.GetOrAdd(tenant, t => new Lazy<Task<string>>(() => Issue(t, AllRoles))).Value;

    /// <summary>A channel presenting the tenant's key with every role; the key is issued on the first call.</summary>
    public GrpcChannel For(string tenant) => _channels.GetOrAdd(tenant, t => Open(grpcUrl, () => KeyOf(t)));

    public void Dispose()
    {
        _operator?.Dispose();
        foreach (var channel in _channels.Values)
        {
            channel.Dispose();
        }
    }

    private static GrpcChannel Open(string url, Func<Task<string>>? key)
    {
        if (key is null)
        {
            return GrpcChannel.ForAddress(url);
        }

        var credentials = CallCredentials.FromInterceptor(async (_, metadata) =>
            metadata.Add("authorization", "Bearer " + await key()));
        return GrpcChannel.ForAddress(url, new GrpcChannelOptions
        {
            Credentials = ChannelCredentials.Create(ChannelCredentials.Insecure, credentials),
            UnsafeUseInsecureChannelCallCredentials = true,
        });
    }
}
