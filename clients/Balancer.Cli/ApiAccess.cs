using Balancer.Contracts.Api;
using Grpc.Core;
using Grpc.Net.Client;

namespace Balancer.Cli;

/// <summary>
/// How the tool calls the api: over a channel presenting one key, an API key or the bootstrap key, as
/// <c>authorization: Bearer</c> on every call; and how it names the keys' roles.
/// </summary>
public static class ApiAccess
{
    /// <summary>The roles as the tool's options spell them.</summary>
    public static readonly IReadOnlyDictionary<string, Role> RoleNames = new Dictionary<string, Role>(
        StringComparer.OrdinalIgnoreCase)
    {
        ["sender"] = Role.Sender,
        ["viewer"] = Role.Viewer,
        ["admin"] = Role.Admin,
    };

    /// <summary>A channel to the api's gRPC endpoint that presents <paramref name="key"/> on every call.</summary>
    public static GrpcChannel Channel(string url, string key)
    {
        var credentials = CallCredentials.FromInterceptor((_, metadata) =>
        {
            metadata.Add("authorization", "Bearer " + key);
            return Task.CompletedTask;
        });
        return GrpcChannel.ForAddress(url, new GrpcChannelOptions
        {
            Credentials = ChannelCredentials.Create(ChannelCredentials.Insecure, credentials),
            // The api serves gRPC without TLS on its own port, as a local deployment does.
            UnsafeUseInsecureChannelCallCredentials = true,
        });
    }

    /// <summary>
    /// Issues a key with <paramref name="roles"/>: of <paramref name="tenant"/> through a channel presenting the
    /// bootstrap key, or of the caller's own tenant, <paramref name="tenant"/> empty, through one presenting an
    /// admin key. The reply holds the secret, which the api never shows again.
    /// </summary>
    public static async Task<CreatedKey> Issue(GrpcChannel channel, string tenant, string name, params Role[] roles)
    {
        var request = new CreateKeyRequest { TenantId = tenant, Name = name };
        request.Roles.AddRange(roles);
        return await new Keys.KeysClient(channel).CreateKeyAsync(request);
    }

    /// <summary>Roles written as <c>sender,viewer,admin</c>, in any case and order.</summary>
    public static Role[] ParseRoles(string text)
    {
        var names = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Length == 0)
        {
            throw new ArgumentException("--role must name at least one role: sender, viewer or admin.");
        }

        return [.. names.Select(n => RoleNames.TryGetValue(n, out var role)
            ? role
            : throw new ArgumentException($"--role: '{n}' is not a role; the roles are sender, viewer and admin."))
            .Distinct()];
    }

    /// <summary>The role as the tool's options spell it.</summary>
    public static string NameOf(Role role) => RoleNames.First(r => r.Value == role).Key;
}
