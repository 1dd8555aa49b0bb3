using System.Text.RegularExpressions;
using Balancer.Cli;
using Balancer.Contracts.Api;
using Grpc.Core;

namespace Balancer.EndToEnd.Tests;

/// <summary><c>balancer keys</c> against the real api: what an operator does to hand a tenant its keys.</summary>
[Collection(ApiCollection.Name)]
public sealed class KeysCommandTests(ApiFixture fixture)
{
    private const string Time = @"\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Keys_CreatedWithTheBootstrapKey_WorksForItsTenantUntilRevoked()
    {
        var tenant = ApiFixture.NewTenant("cli-keys");

        var (created, output) = await Keys("create", "--tenant", tenant, "--role", "viewer,sender", "--name", "ci");

        Assert.Equal(0, created);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        var described = $"key ([0-9a-f]{{24}}) of tenant {Regex.Escape(tenant)}: sender, viewer; named 'ci'; " +
            $"created {Time}";
        var match = Regex.Match(lines[0], $"^Created {described}\\.$");
        Assert.True(match.Success, lines[0]);
        var keyId = match.Groups[1].Value;
        Assert.Equal("The key, shown only this once; present it as 'authorization: Bearer <key>':", lines[1]);
        Assert.StartsWith($"bal_{keyId}_", lines[2]);
        using var channel = TenantKeys.Open(fixture.GrpcUrl, lines[2]);
        var overview = await new Query.QueryClient(channel)
            .GetTenantOverviewAsync(new TenantRequest(), deadline: DateTime.UtcNow + Timeout);
        Assert.Equal(tenant, overview.TenantId);

        var (listed, list) = await Keys("list", "--tenant", tenant);
        var (revoked, revoke) = await Keys("revoke", "--id", keyId, "--tenant", tenant);

        Assert.Equal((0, 0), (listed, revoked));
        Assert.Equal(lines[0]["Created ".Length..^1], list.TrimEnd());
        Assert.Matches($"^Revoked {described}; revoked {Time}\\.$", revoke.TrimEnd());
        var refused = await Assert.ThrowsAsync<RpcException>(() => new Query.QueryClient(channel)
            .GetTenantOverviewAsync(new TenantRequest(), deadline: DateTime.UtcNow + Timeout).ResponseAsync);
        Assert.Equal(
            (StatusCode.Unauthenticated, $"Unauthenticated: the API key {keyId} was revoked."),
            (refused.StatusCode, refused.Status.Detail));
    }

    [Fact]
    public async Task Keys_ListWithAnAdminKey_ListsItsOwnTenantsKeys()
    {
        var tenant = ApiFixture.NewTenant("cli-admin");
        var admin = await fixture.Keys.Issue(tenant, Role.Admin);

        var (listed, output) = await Keys("list", "--key", admin);

        Assert.Equal(0, listed);
        Assert.Matches(
            $"^key {admin[4..28]} of tenant {Regex.Escape(tenant)}: admin; named 'test'; created {Time}$",
            output.TrimEnd());
    }

    [Fact]
    public async Task Keys_UnknownRole_FailsNamingIt()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => Keys("create", "--tenant", "t", "--role", "sender,owner"));

        Assert.Equal("--role: 'owner' is not a role; the roles are sender, viewer and admin.", error.Message);
    }

    /// <summary>Runs a keys command against the fixture's api, with the bootstrap key unless given another.</summary>
    private async Task<(int Exit, string Output)> Keys(string action, params string[] options)
    {
        using var output = new StringWriter();
        string[] defaults = ["--grpc", fixture.GrpcUrl, "--key", TenantKeys.TestBootstrapKey];
        var exit = await KeyCommands.Run(action, Options.Parse([.. defaults, .. options]), output).WaitAsync(Timeout);
        return (exit, output.ToString().Replace("\r", "", StringComparison.Ordinal));
    }
}
