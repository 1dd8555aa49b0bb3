using System.Security.Cryptography;
using Balancer.Contracts.Api;
using Balancer.Contracts.Live;
using Grpc.Core;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.IdentityModel.Tokens;

namespace Balancer.Access.Tests;

/// <summary>An api configured for the JWTs of an external issuer, which it finds through OpenID discovery.</summary>
public sealed class TokenFixture : IAsyncLifetime
{
    public TokenIssuer Issuer { get; private set; } = null!;

    public AccessHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Issuer = await TokenIssuer.Start();
        Host = await AccessHost.Start(new Dictionary<string, string?>
        {
            ["Balancer:Auth:Jwt:Authority"] = Issuer.Url,
            ["Balancer:Auth:Jwt:Audience"] = TokenIssuer.Audience,
            ["Balancer:Auth:Jwt:RequireHttpsMetadata"] = "false",
        });
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Issuer.DisposeAsync();
    }
}

public sealed class TokenTests(TokenFixture fixture) : IClassFixture<TokenFixture>
{
    private AccessHost Host => fixture.Host;

    [Fact]
    public async Task Token_TenantAndRolesFromItsClaims_ConfiguresSendsAndReads()
    {
        var tenant = AccessHost.NewTenant("jwt");
        using var admin = Channel(Claims(tenant, "admin"));
        using var sender = Channel(Claims(tenant, "sender"));
        using var viewer = Channel(Claims(tenant, "viewer"));

        await Rpcs.Configure(admin);
        var ack = await new Ingest.IngestClient(sender).SubmitAsync(
            Rpcs.Batch(Rpcs.Send("s"), Rpcs.Send("s")), deadline: Rpcs.Deadline());
        var sequence = await new Query.QueryClient(viewer).GetSequenceAsync(
            new EntityRequest { Id = "s" }, deadline: Rpcs.Deadline());

        Assert.Equal(2, ack.Accepted);
        Assert.Equal(2L, sequence.Total.Sends.OneHour);
        // The issuer's tenant is the same tenant as the one its keys are issued for.
        var overview = await new Query.QueryClient(Host.For(tenant)).GetTenantOverviewAsync(
            new TenantRequest(), deadline: Rpcs.Deadline());
        Assert.Equal(["q"], overview.QueueIds);
    }

    [Fact]
    public async Task Token_RefusedForEachReason_UnauthenticatedSayingWhy()
    {
        var tenant = AccessHost.NewTenant("jwt-bad");
        using var stranger = RSA.Create(2048);

        Assert.Equal("Unauthenticated: the token has no 'tenant' claim.",
            await Refusal(fixture.Issuer.Token(new Dictionary<string, object> { ["roles"] = "viewer" })));
        Assert.Equal(
            "Unauthenticated: the token's 'tenant' claim may not contain '/', white space or control characters.",
            await Refusal(fixture.Issuer.Token(Claims("a/b", "viewer"))));
        Assert.Equal("Unauthenticated: the bearer token has expired.",
            await Refusal(fixture.Issuer.Token(Claims(tenant, "viewer"), lifetime: TimeSpan.FromMinutes(-10))));
        Assert.Equal("Unauthenticated: the bearer token is for another audience.",
            await Refusal(fixture.Issuer.Token(Claims(tenant, "viewer"), audience: "someone-else")));
        Assert.Equal("Unauthenticated: the bearer token is not signed by the issuer.",
            await Refusal(fixture.Issuer.Token(
                Claims(tenant, "viewer"), signedBy: new RsaSecurityKey(stranger) { KeyId = "signing-1" })));

        Task<string> Refusal(string token) => Rpcs.Unauthenticated(Host.GrpcUrl, token);
    }

    [Fact]
    public async Task Token_WithoutTheRole_PermissionDenied()
    {
        using var viewer = Channel(Claims(AccessHost.NewTenant("jwt-role"), "viewer", "auditor"));
        using var none = Channel(new Dictionary<string, object> { ["tenant"] = AccessHost.NewTenant("jwt-role") });

        var send = await Assert.ThrowsAsync<RpcException>(() => Rpcs.Named("Ingest.Submit").Call(viewer));
        var read = await Assert.ThrowsAsync<RpcException>(() => Rpcs.Named("Query.GetTenantOverview").Call(none));

        Assert.Equal(
            (StatusCode.PermissionDenied,
                "Permission denied: this call needs the sender role; the credential holds viewer."),
            (send.StatusCode, send.Status.Detail));
        Assert.Equal(
            (StatusCode.PermissionDenied,
                "Permission denied: this call needs the viewer role; the credential holds none."),
            (read.StatusCode, read.Status.Detail));
    }

    [Fact]
    public async Task Token_OnTheHub_JoinsItsTenant()
    {
        var tenant = AccessHost.NewTenant("jwt-hub");
        await Rpcs.Configure(Host.For(tenant));
        var token = fixture.Issuer.Token(Claims(tenant, "viewer"));
        await using var hub = new HubConnectionBuilder()
            .WithUrl(
                Host.WebUrl + LiveHubContract.Path,
                o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();

        await hub.StartAsync().WaitAsync(TimeSpan.FromSeconds(20));
        var joined = await hub.InvokeAsync<LiveSnapshot>(LiveHubContract.Join).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(tenant, joined.TenantId);
        Assert.Equal(["q"], joined.Queues.Select(q => q.QueueId));
    }

    [Fact]
    public async Task Token_ExpiresWhileOnTheHub_ToldWhyAndClosedByTheServer()
    {
        var tenant = AccessHost.NewTenant("jwt-hub-expiry");
        await Rpcs.Configure(Host.For(tenant));
        // Accepted at connect, within the validator's clock skew; the watch holds it to its expiry exactly.
        var token = fixture.Issuer.Token(Claims(tenant, "viewer"), lifetime: TimeSpan.FromSeconds(3));
        await using var hub = new HubConnectionBuilder()
            .WithUrl(
                Host.WebUrl + LiveHubContract.Path,
                o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        var ending = new HubEnding(hub);

        await hub.StartAsync().WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(tenant, (await hub.InvokeAsync<LiveSnapshot>(LiveHubContract.Join)
            .WaitAsync(TimeSpan.FromSeconds(20))).TenantId);

        Assert.Equal("the bearer token has expired", await ending.Reason.WaitAsync(TimeSpan.FromSeconds(20)));
        await ending.Closed.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(HubConnectionState.Disconnected, hub.State);
    }

    private Grpc.Net.Client.GrpcChannel Channel(IDictionary<string, object> claims) =>
        TenantKeys.Open(Host.GrpcUrl, fixture.Issuer.Token(claims));

    private static Dictionary<string, object> Claims(string tenant, params string[] roles) => new()
    {
        ["tenant"] = tenant,
        ["roles"] = roles,
    };
}
