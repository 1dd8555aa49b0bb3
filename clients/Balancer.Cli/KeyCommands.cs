using System.Globalization;
using Balancer.Contracts.Api;

namespace Balancer.Cli;

/// <summary>
/// <c>keys create | list | revoke</c>: a tenant's API keys, managed with the deployment's bootstrap key (naming the
/// tenant) or with an admin key of the tenant (which manages its own).
/// </summary>
public static class KeyCommands
{
    /// <summary>The variable the key to manage keys with is read from when <c>--key</c> is not given.</summary>
    public const string KeyVariable = "BALANCER_KEY";

    public static async Task<int> Run(string action, Options options, TextWriter output)
    {
        var grpc = options.Text("grpc", "http://localhost:5081");
        var key = options.Text("key", Environment.GetEnvironmentVariable(KeyVariable) ?? "");
        if (key.Length == 0)
        {
            throw new ArgumentException(
                $"keys needs --key KEY or {KeyVariable}: the bootstrap key, or an admin key of the tenant.");
        }

        using var channel = ApiAccess.Channel(grpc, key);
        var keys = new Keys.KeysClient(channel);
        var tenant = options.Text("tenant", "");
        switch (action)
        {
            case "create":
                var created = await ApiAccess.Issue(
                    channel, tenant, options.Text("name", ""), ApiAccess.ParseRoles(options.Text("role", "")));
                output.WriteLine($"Created {Describe(created.Key)}.");
                output.WriteLine("The key, shown only this once; present it as 'authorization: Bearer <key>':");
                output.WriteLine(created.Secret);
                return 0;
            case "list":
                var list = await keys.ListKeysAsync(new ListKeysRequest { TenantId = tenant });
                foreach (var listed in list.Keys)
                {
                    output.WriteLine(Describe(listed));
                }

                if (list.Keys.Count == 0)
                {
                    output.WriteLine("No keys.");
                }

                return 0;
            case "revoke":
                var id = options.Text("id", "");
                if (id.Length == 0)
                {
                    throw new ArgumentException("keys revoke needs --id KEYID.");
                }

                var revoked = await keys.RevokeKeyAsync(new RevokeKeyRequest { TenantId = tenant, KeyId = id });
                output.WriteLine($"Revoked {Describe(revoked)}.");
                return 0;
            default:
                throw new ArgumentException($"Unknown keys command '{action}': create, list or revoke.");
        }
    }

    /// <summary>One key on one line: id, tenant, roles, name, when made and, if it was, when revoked.</summary>
    private static string Describe(KeyInfo key) =>
        $"key {key.KeyId} of tenant {key.TenantId}: {string.Join(", ", key.Roles.Select(ApiAccess.NameOf))}; " +
        (key.Name.Length > 0 ? $"named '{key.Name}'; " : "") + $"created {Time(key.CreatedAtMs)}" +
        (key.RevokedAtMs > 0 ? $"; revoked {Time(key.RevokedAtMs)}" : "");

    private static string Time(long ms) =>
        DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
