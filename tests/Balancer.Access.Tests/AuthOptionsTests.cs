using System.Globalization;
using Balancer.Api.Access;
using Balancer.Api.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Balancer.Access.Tests;

public sealed class AuthOptionsTests
{
    [Fact]
    public void Validate_Defaults_NoProblem() => Assert.Empty(new AuthOptions().Validate());

    [Fact]
    public void Validate_BadValues_NameEachOption()
    {
        var options = new AuthOptions
        {
            BootstrapKey = "short key",
            KeyCacheDuration = TimeSpan.FromMinutes(6),
            HubCheckInterval = TimeSpan.FromMilliseconds(99),
            Jwt = new JwtOptions { Authority = "http://issuer.example", TenantClaim = " ", RoleClaim = "" },
        };

        Assert.Equal(
            [
                "Balancer:Auth:BootstrapKey must be at least 32 characters without white space; " +
                "it is 9 characters long.",
                "Balancer:Auth:KeyCacheDuration must be from 0 to 5 minutes; it is 00:06:00.",
                "Balancer:Auth:HubCheckInterval must be from 100 ms to 1 minute; it is 00:00:00.0990000.",
                "Balancer:Auth:Jwt:Authority must be https while Balancer:Auth:Jwt:RequireHttpsMetadata is true.",
                "Balancer:Auth:Jwt:Audience is required with Balancer:Auth:Jwt:Authority.",
                "Balancer:Auth:Jwt:TenantClaim must name a claim.",
                "Balancer:Auth:Jwt:RoleClaim must name a claim.",
            ],
            options.Validate());
    }

    [Fact]
    public void Validate_AuthorityNotAnAddress_Named()
    {
        var options = new AuthOptions { Jwt = new JwtOptions { Authority = "issuer", Audience = "balancer" } };

        Assert.Equal(
            ["Balancer:Auth:Jwt:Authority must be an absolute http or https address; it is 'issuer'."],
            options.Validate());
    }

    [Fact]
    public void Build_DurableHostWithTheDevelopmentKey_RefusesToStart()
    {
        var error = Assert.Throws<OptionsValidationException>(() => BalancerApiHost.Build([], builder =>
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Balancer"] = "Host=127.0.0.1;Port=1;Database=none",
                ["Balancer:Storage:MigrateOnStart"] = "false",
                ["Balancer:Auth:BootstrapKey"] = AuthOptions.DevelopmentBootstrapKey,
            })));

        Assert.Equal(
            "Balancer:Auth:BootstrapKey is the development key of appsettings.Development.json, which a durable " +
            "host refuses; set a secret of your own, or none.",
            error.Message);
    }

    [Fact]
    public async Task Build_EmptyBootstrapKey_MeansNone()
    {
        // As compose passes an unset BALANCER_BOOTSTRAP_KEY: no key, rather than one too short.
        await using var app = BalancerApiHost.Build([], builder =>
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Balancer:Auth:BootstrapKey"] = "",
                ["Balancer:Cluster:SiloPort"] = LoopbackPort.Free().ToString(CultureInfo.InvariantCulture),
            }));

        Assert.Equal("", app.Services.GetRequiredService<IOptions<AuthOptions>>().Value.BootstrapKey);
    }
}
