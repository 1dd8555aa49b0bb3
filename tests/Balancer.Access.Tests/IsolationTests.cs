using Balancer.Contracts.Api;
using Grpc.Core;
using Channel = Balancer.Contracts.Api.Channel;

namespace Balancer.Access.Tests;

/// <summary>
/// Two tenants on one host, each with the same ids (queue <c>q</c>, agent <c>a</c>, sequence <c>s</c>) and ids of
/// its own. Keys are read afresh on every call (<c>KeyCacheDuration</c> 0), so a revocation shows at once.
/// </summary>
public sealed class IsolationFixture : IAsyncLifetime
{
    public AccessHost Host { get; private set; } = null!;

    public string A { get; } = AccessHost.NewTenant("acme");

    public string B { get; } = AccessHost.NewTenant("bolt");

    public async Task InitializeAsync()
    {
        Host = await AccessHost.Start(
            new Dictionary<string, string?> { ["Balancer:Auth:KeyCacheDuration"] = "00:00:00" });
        foreach (var tenant in new[] { A, B })
        {
            await Rpcs.Configure(Host.For(tenant));
        }

        var config = new Configuration.ConfigurationClient(Host.For(B));
        await config.UpsertQueueAsync(
            new QueueConfig { QueueId = "b-queue", ReplyWindowSeconds = 600 }, deadline: Rpcs.Deadline());
        await config.UpsertAgentAsync(
            new AgentConfig { AgentId = "b-agent", Tier = AgentTier.Standard, Slots = 1, DailyCeiling = 10 },
            deadline: Rpcs.Deadline());
        await config.UpsertSequenceAsync(
            new SequenceConfig
            {
                SequenceId = "b-sequence", Channel = Channel.Sms, Steps = { new SequenceStep() },
            }, deadline: Rpcs.Deadline());
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

public sealed class IsolationTests(IsolationFixture fixture) : IClassFixture<IsolationFixture>
{
    private static readonly string[] RoleNames = ["sender", "viewer", "admin"];

    private AccessHost Host => fixture.Host;

    [Theory]
    [MemberData(nameof(Rpcs.Names), MemberType = typeof(Rpcs))]
    public async Task EveryRpc_NoCredential_Unauthenticated(string rpc)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Rpcs.Named(rpc).Call(Host.Anonymous));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Equal(
            "Unauthenticated: an API key or a bearer token is required, as 'authorization: Bearer <key>'.",
            error.Status.Detail);
    }

    [Theory]
    [MemberData(nameof(Rpcs.Names), MemberType = typeof(Rpcs))]
    public async Task EveryRpc_KeyWithoutItsRole_PermissionDenied(string rpc)
    {
        var call = Rpcs.Named(rpc);
        var others = RoleNames.Except(call.Roles).ToArray();
        using var channel = TenantKeys.Open(Host.GrpcUrl, await Host.Keys.Issue(fixture.A, [.. others.Select(Role)]));

        var error = await Assert.ThrowsAsync<RpcException>(() => call.Call(channel));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        var needed = call.Roles.Length == 1
            ? $"the {call.Roles[0]} role"
            : $"one of the roles {string.Join(", ", call.Roles)}";
        Assert.Equal(
            $"Permission denied: this call needs {needed}; the credential holds {string.Join(", ", others)}.",
            error.Status.Detail);
    }

    [Theory]
    [MemberData(nameof(Rpcs.Names), MemberType = typeof(Rpcs))]
    public async Task EveryRpc_KeyWithOnlyItsRole_Served(string rpc)
    {
        var call = Rpcs.Named(rpc);
        foreach (var role in call.Roles)
        {
            using var channel = TenantKeys.Open(Host.GrpcUrl, await Host.Keys.Issue(fixture.A, Role(role)));

            await call.Call(channel);
        }
    }

    [Theory]
    [MemberData(nameof(Rpcs.Names), MemberType = typeof(Rpcs))]
    public async Task EveryRpc_BootstrapKey_ManagesKeysOnly(string rpc)
    {
        var call = Rpcs.Named(rpc);
        using var channel = TenantKeys.Open(Host.GrpcUrl, TenantKeys.TestBootstrapKey);

        var error = await Assert.ThrowsAsync<RpcException>(() => call.Call(channel));

        if (rpc.StartsWith("Keys.", StringComparison.Ordinal))
        {
            // Authorized, and then asked which tenant it means.
            Assert.Equal(
                (StatusCode.InvalidArgument, "tenant_id is required."), (error.StatusCode, error.Status.Detail));
        }
        else
        {
            Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
            Assert.EndsWith("the credential holds operator.", error.Status.Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Credential_UnknownMalformedOrRevoked_UnauthenticatedSayingWhy()
    {
        var key = await Host.Keys.Issue(fixture.A, Contracts.Api.Role.Viewer);
        var forged = key[..^4] + (key.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        var unknownId = "bal_" + new string('0', 24) + key[28..];

        Assert.Equal("Unauthenticated: the API key is not known.", await Refusal(forged));
        Assert.Equal("Unauthenticated: the API key is not known.", await Refusal(unknownId));
        Assert.Equal("Unauthenticated: the bearer token is not a Balancer API key.", await Refusal("hello"));

        var keyId = key.Substring(4, 24);
        var admin = new Keys.KeysClient(Host.For(fixture.A));
        var revoked = await admin.RevokeKeyAsync(new RevokeKeyRequest { KeyId = keyId }, deadline: Rpcs.Deadline());
        Assert.NotEqual(0, revoked.RevokedAtMs);
        Assert.Equal($"Unauthenticated: the API key {keyId} was revoked.", await Refusal(key));

        Task<string> Refusal(string token) => Rpcs.Unauthenticated(Host.GrpcUrl, token);
    }

    [Fact]
    public async Task Stream_KeyRevokedWhileOpen_EndsBeforeTheNextBatchWhichIsNotApplied()
    {
        var tenant = AccessHost.NewTenant("revoked-stream");
        await Rpcs.Configure(Host.For(tenant));
        var key = await Host.Keys.Issue(tenant, Contracts.Api.Role.Sender);
        using var channel = TenantKeys.Open(Host.GrpcUrl, key);
        using var call = new Ingest.IngestClient(channel).Stream(deadline: Rpcs.Deadline());
        await call.RequestStream.WriteAsync(Rpcs.Batch(Rpcs.Send("s"), Rpcs.Send("s")));
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(2, call.ResponseStream.Current.Ack.Accepted);

        await new Keys.KeysClient(Host.For(tenant)).RevokeKeyAsync(
            new RevokeKeyRequest { KeyId = key.Substring(4, 24) }, deadline: Rpcs.Deadline());
        await call.RequestStream.WriteAsync(Rpcs.Batch(Rpcs.Send("s")));
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await call.ResponseStream.MoveNext(CancellationToken.None))
            {
            }
        });

        Assert.Equal(
            (StatusCode.Unauthenticated, $"Unauthenticated: the API key {key.Substring(4, 24)} was revoked."),
            (error.StatusCode, error.Status.Detail));
        var sequence = await new Query.QueryClient(Host.For(tenant)).GetSequenceAsync(
            new EntityRequest { Id = "s" }, deadline: Rpcs.Deadline());
        Assert.Equal(2, sequence.Total.Sends.OneHour);
    }

    [Fact]
    public async Task Keys_CreatedListedRevoked_SecretShownOnceAndNeverListed()
    {
        var tenant = AccessHost.NewTenant("keys");
        var admin = new Keys.KeysClient(Host.For(tenant));
        var created = await admin.CreateKeyAsync(
            new CreateKeyRequest
            {
                Name = "crm sender", Roles = { Contracts.Api.Role.Sender, Contracts.Api.Role.Viewer },
            },
            deadline: Rpcs.Deadline());

        Assert.Matches("^bal_[0-9a-f]{24}_[A-Za-z0-9_-]{43}$", created.Secret);
        Assert.Equal(created.Secret.Substring(4, 24), created.Key.KeyId);
        Assert.Equal((tenant, "crm sender", 0L), (created.Key.TenantId, created.Key.Name, created.Key.RevokedAtMs));
        Assert.Equal([Contracts.Api.Role.Sender, Contracts.Api.Role.Viewer], created.Key.Roles);

        var listed = await admin.ListKeysAsync(new ListKeysRequest(), deadline: Rpcs.Deadline());
        // Newest first: the new key, then the all-roles key the test's channel presents.
        Assert.Equal(2, listed.Keys.Count);
        Assert.Equal(created.Key, listed.Keys[0]);
        Assert.DoesNotContain(created.Secret[29..], listed.ToString(), StringComparison.Ordinal);

        var revoked = await admin.RevokeKeyAsync(
            new RevokeKeyRequest { KeyId = created.Key.KeyId }, deadline: Rpcs.Deadline());
        var again = await admin.RevokeKeyAsync(
            new RevokeKeyRequest { KeyId = created.Key.KeyId }, deadline: Rpcs.Deadline());
        Assert.Equal(revoked, again);
        Assert.Equal(revoked, (await admin.ListKeysAsync(new ListKeysRequest(), deadline: Rpcs.Deadline())).Keys[0]);
    }

    [Fact]
    public async Task Keys_BadRequests_NameTheField()
    {
        var admin = new Keys.KeysClient(Host.For(fixture.A));
        var bootstrap = TenantKeys.Open(Host.GrpcUrl, TenantKeys.TestBootstrapKey);
        var operatorKeys = new Keys.KeysClient(bootstrap);

        Assert.Equal("roles must hold at least one role.", await Invalid(admin.CreateKeyAsync(new CreateKeyRequest())));
        Assert.Equal("roles[1] must be ROLE_SENDER, ROLE_VIEWER or ROLE_ADMIN; it is 9.", await Invalid(
            admin.CreateKeyAsync(new CreateKeyRequest { Roles = { Contracts.Api.Role.Viewer, (Role)9 } })));
        Assert.Equal("roles[0] must be ROLE_SENDER, ROLE_VIEWER or ROLE_ADMIN; it is 0.", await Invalid(
            admin.CreateKeyAsync(new CreateKeyRequest { Roles = { Contracts.Api.Role.Unspecified } })));
        Assert.Equal("name is 201 characters long; the limit is 200.", await Invalid(admin.CreateKeyAsync(
            new CreateKeyRequest { Name = new string('n', 201), Roles = { Contracts.Api.Role.Viewer } })));
        Assert.Equal("tenant_id may only be given with the bootstrap key.", await Invalid(admin.CreateKeyAsync(
            new CreateKeyRequest { TenantId = fixture.B, Roles = { Contracts.Api.Role.Admin } })));
        Assert.Equal("tenant_id may not contain '/', white space or control characters.", await Invalid(
            operatorKeys.CreateKeyAsync(
                new CreateKeyRequest { TenantId = "a/b", Roles = { Contracts.Api.Role.Admin } })));
        bootstrap.Dispose();

        static async Task<string> Invalid<T>(AsyncUnaryCall<T> call)
        {
            var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
            Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
            return error.Status.Detail;
        }
    }

    [Fact]
    public async Task Keys_AnotherTenantsKey_NotFoundLikeAMissingOneAndStillInForce()
    {
        var bKey = await Host.Keys.Issue(fixture.B, Contracts.Api.Role.Viewer);
        var bKeyId = bKey.Substring(4, 24);
        var admin = new Keys.KeysClient(Host.For(fixture.A));

        var theirs = await Assert.ThrowsAsync<RpcException>(() => admin.RevokeKeyAsync(
            new RevokeKeyRequest { KeyId = bKeyId }, deadline: Rpcs.Deadline()).ResponseAsync);
        var missing = await Assert.ThrowsAsync<RpcException>(() => admin.RevokeKeyAsync(
            new RevokeKeyRequest { KeyId = new string('f', 24) }, deadline: Rpcs.Deadline()).ResponseAsync);

        Assert.Equal((StatusCode.NotFound, $"key_id: no key '{bKeyId}' belongs to this tenant."),
            (theirs.StatusCode, theirs.Status.Detail));
        Assert.Equal(missing.Status.Detail.Replace(new string('f', 24), bKeyId, StringComparison.Ordinal),
            theirs.Status.Detail);
        var listed = await admin.ListKeysAsync(new ListKeysRequest(), deadline: Rpcs.Deadline());
        Assert.All(listed.Keys, k => Assert.Equal(fixture.A, k.TenantId));
        Assert.DoesNotContain(listed.Keys, k => k.KeyId == bKeyId);
        using var b = TenantKeys.Open(Host.GrpcUrl, bKey);
        var overview = await new Query.QueryClient(b)
            .GetTenantOverviewAsync(new TenantRequest(), deadline: Rpcs.Deadline());
        Assert.Equal(fixture.B, overview.TenantId);
    }

    private static Role Role(string name) => name switch
    {
        "sender" => Contracts.Api.Role.Sender,
        "viewer" => Contracts.Api.Role.Viewer,
        _ => Contracts.Api.Role.Admin,
    };
}
