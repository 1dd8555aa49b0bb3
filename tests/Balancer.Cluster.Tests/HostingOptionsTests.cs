using System.Net;
using System.Net.Sockets;
using Balancer.Api.Hosting;
using Balancer.Hosting;
using Microsoft.Extensions.Configuration;
using Orleans.Configuration;
using ClusterOptions = Balancer.Api.Hosting.ClusterOptions;

namespace Balancer.Cluster.Tests;

public sealed class HostingOptionsTests
{
    [Fact]
    public void Defaults_AreValid()
    {
        Assert.Empty(StorageOptions.From(new ConfigurationBuilder().Build()).Validate());
        Assert.Empty(new ClusterIdentityOptions().Validate());
        Assert.Empty(new SiloEndpointOptions().Validate(SiloEndpointOptions.Section));
        Assert.Empty(new MembershipOptions().Validate());
        Assert.Empty(new ClusterOptions().Validate());
    }

    [Fact]
    public void StorageOptions_ConnectionStringSet_DurableAndMigratingOnStart()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Balancer"] = "Host=db;Database=balancer;Username=balancer;Password=secret",
        }).Build();

        var storage = StorageOptions.From(configuration);

        Assert.Equal((true, true), (storage.IsDurable, storage.MigrateOnStart));
        Assert.Empty(storage.Validate());
        Assert.False(StorageOptions.From(new ConfigurationBuilder().Build()).IsDurable);
    }

    [Fact]
    public void StorageOptions_BadConnectionString_NamesTheKeyNotThePassword()
    {
        var problems = new StorageOptions { ConnectionString = "Host=db;Passwrd=secret" }.Validate().ToList();
        var noHost = new StorageOptions { ConnectionString = "Database=balancer" }.Validate();

        Assert.StartsWith(
            "ConnectionStrings:Balancer is not a PostgreSQL connection string: ", Assert.Single(problems));
        Assert.DoesNotContain("secret", problems[0], StringComparison.Ordinal);
        Assert.Equal(["ConnectionStrings:Balancer must name a Host."], noHost);
    }

    [Fact]
    public void ClusterIdentityOptions_EmptyOrSpaced_NameEachOption()
    {
        var problems = new ClusterIdentityOptions { ClusterId = "", ServiceId = "my service" }.Validate();

        Assert.Equal(
            [
                "Balancer:Cluster:ClusterId must be 1 to 100 characters without white space; it is ''.",
                "Balancer:Cluster:ServiceId must be 1 to 100 characters without white space; it is 'my service'.",
            ],
            problems);
    }

    [Fact]
    public void SiloEndpointOptions_OutOfRange_NameEachOptionUnderItsSection()
    {
        var options = new SiloEndpointOptions { SiloPort = 0, GatewayPort = 70000, AdvertisedAddress = "silo-1" };

        Assert.Equal(
            [
                "Balancer:Cluster:SiloPort must be from 1 to 65535; it is 0.",
                "Balancer:Cluster:GatewayPort must be from 1 to 65535; it is 70000.",
                "Balancer:Cluster:AdvertisedAddress must be an IPv4 or IPv6 address; it is 'silo-1'.",
            ],
            options.Validate("Balancer:Cluster"));
        Assert.Equal(
            ["Balancer:Silo:SiloPort and GatewayPort must differ; both are 4000."],
            new SiloEndpointOptions { SiloPort = 4000, GatewayPort = 4000 }.Validate(SiloEndpointOptions.Section));
    }

    [Fact]
    public void SiloEndpointOptions_AdvertisedAddress_ConfiguredOrTheHostsFirstIPv4()
    {
        var configured = new SiloEndpointOptions { AdvertisedAddress = "10.1.2.3" }.ResolveAdvertisedAddress();
        var found = new SiloEndpointOptions().ResolveAdvertisedAddress();

        Assert.Equal(IPAddress.Parse("10.1.2.3"), configured);
        Assert.Equal(AddressFamily.InterNetwork, found.AddressFamily);
    }

    [Fact]
    public void MembershipOptions_OutOfRange_NameEachOption()
    {
        var options = new MembershipOptions
        {
            ProbeTimeout = TimeSpan.FromMilliseconds(10),
            NumMissedProbesLimit = 0,
            NumVotesForDeathDeclaration = 11,
            DeathVoteExpirationTimeout = TimeSpan.FromHours(2),
            IAmAliveTablePublishTimeout = TimeSpan.Zero,
            TableRefreshTimeout = TimeSpan.FromMinutes(11),
            DefunctSiloExpiration = TimeSpan.FromSeconds(30),
            DefunctSiloCleanupPeriod = TimeSpan.FromDays(2),
        };

        Assert.Equal(
            [
                "Balancer:Membership:ProbeTimeout must be from 100 ms to 1 minute; it is 00:00:00.0100000.",
                "Balancer:Membership:NumMissedProbesLimit must be from 1 to 10; it is 0.",
                "Balancer:Membership:NumVotesForDeathDeclaration must be from 1 to 10; it is 11.",
                "Balancer:Membership:DeathVoteExpirationTimeout must be from 1 s to 1 hour; it is 02:00:00.",
                "Balancer:Membership:IAmAliveTablePublishTimeout must be from 1 s to 10 minutes; it is 00:00:00.",
                "Balancer:Membership:TableRefreshTimeout must be from 1 s to 10 minutes; it is 00:11:00.",
                "Balancer:Membership:DefunctSiloExpiration must be from 1 minute to 365 days; it is 00:00:30.",
                "Balancer:Membership:DefunctSiloCleanupPeriod must be from 10 s to 1 day; it is 2.00:00:00.",
            ],
            options.Validate());
    }

    [Fact]
    public void MembershipOptions_ApplyTo_SetsWhatIsSetAndKeepsOrleansDefaults()
    {
        var orleans = new ClusterMembershipOptions();
        var defaults = new ClusterMembershipOptions();

        new MembershipOptions { ProbeTimeout = TimeSpan.FromSeconds(1), NumMissedProbesLimit = 2 }.ApplyTo(orleans);

        Assert.Equal((TimeSpan.FromSeconds(1), 2), (orleans.ProbeTimeout, orleans.NumMissedProbesLimit));
        Assert.Equal(
            (defaults.NumVotesForDeathDeclaration, defaults.TableRefreshTimeout, defaults.IAmAliveTablePublishTimeout,
                defaults.DeathVoteExpirationTimeout, defaults.DefunctSiloExpiration, defaults.DefunctSiloCleanupPeriod),
            (orleans.NumVotesForDeathDeclaration, orleans.TableRefreshTimeout, orleans.IAmAliveTablePublishTimeout,
                orleans.DeathVoteExpirationTimeout, orleans.DefunctSiloExpiration, orleans.DefunctSiloCleanupPeriod));
    }

    [Fact]
    public void ClusterOptions_OutOfRange_NameEachOption()
    {
        var options = new ClusterOptions
        {
            Mode = (ClusterMode)7,
            GatewayPort = 0,
            GatewayListRefreshPeriod = TimeSpan.FromMilliseconds(500),
        };

        Assert.Equal(
            [
                "Balancer:Cluster:Mode must be Embedded or Client; it is 7.",
                "Balancer:Cluster:GatewayPort must be from 1 to 65535; it is 0.",
                "Balancer:Cluster:GatewayListRefreshPeriod must be from 1 s to 1 hour; it is 00:00:00.5000000.",
            ],
            options.Validate());
    }
}
