using FsCheck.Fluent;
using Xunit.Abstractions;

namespace Balancer.Access.Tests.Properties;

/// <summary>Hostile upserts over the whole configuration schema, on the real api.</summary>
[Collection(PropertyCollection.Name)]
public sealed class ConfigurationProperties(PropertyHost fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Upsert_HostileQueuesAgentsAndSequences_FailNamingTheFieldWhileValidOnesAreStoredExactly()
    {
        var generators = new ConfigGenerators(new HostileValues(fixture.Limits));
        ConfigTenant? tenant = null;

        await Task.Run(() => PropertyRun.Check(
            output, "hostile configuration", 2500, 1004, Arb.From(generators.Case, c => c.Shrink()), async c =>
            {
                tenant ??= await ConfigTenant.Start(fixture.Host);
                try
                {
                    await tenant.Check(c, fixture.Limits);
                }
                catch
                {
                    // What the tenant holds may differ from the model now: the next run starts a fresh one.
                    tenant = null;
                    throw;
                }
            }));
    }
}
