namespace Balancer.Cluster.Tests;

/// <summary>A bad hosting option stops the process before it serves, with a message naming the option.</summary>
[Collection(PostgresCollection.Name)]
public sealed class StartupValidationTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Silo_MembershipTimingOutOfRange_ExitsNamingTheOption()
    {
        await using var silo = ProcessHost.Start(
            "silo/Balancer.Silo",
            $"--Urls=http://127.0.0.1:{LoopbackPort.Free()}",
            $"--Balancer:Silo:SiloPort={LoopbackPort.Free()}",
            $"--Balancer:Silo:GatewayPort={LoopbackPort.Free()}",
            "--Balancer:Membership:ProbeTimeout=00:00:00.010");

        Assert.NotEqual(0, await silo.WaitForExit(Limit));
        Assert.Contains(
            "Balancer:Membership:ProbeTimeout must be from 100 ms to 1 minute; it is 00:00:00.0100000.", silo.Output);
    }

    [Fact]
    public async Task Api_AdvertisedAddressNotAnAddress_ExitsNamingTheOption()
    {
        await using var api = ProcessHost.Start(
            "api/Balancer.Api",
            new Dictionary<string, string?> { ["Balancer__Auth__BootstrapKey"] = TenantKeys.TestBootstrapKey },
            "--Balancer:Cluster:AdvertisedAddress=silo-1",
            $"--Kestrel:Endpoints:Web:Url=http://127.0.0.1:{LoopbackPort.Free()}",
            $"--Kestrel:Endpoints:Grpc:Url=http://127.0.0.1:{LoopbackPort.Free()}");

        Assert.NotEqual(0, await api.WaitForExit(Limit));
        Assert.Contains(
            "Balancer:Cluster:AdvertisedAddress must be an IPv4 or IPv6 address; it is 'silo-1'.", api.Output);
    }
}
