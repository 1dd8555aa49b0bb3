using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Balancer.Storage.Tests;

public sealed class JournalOptionsTests
{
    private const string Database = "Host=127.0.0.1;Username=postgres;Database=postgres";

    [Fact]
    public void Validate_Defaults_FindsNothing()
    {
        Assert.Empty(new JournalOptions().Validate());
    }

    [Fact]
    public void Validate_EveryBound_FindsNothing()
    {
        var lowest = new JournalOptions
        {
            Timeout = TimeSpan.FromMilliseconds(100),
            MaxGroupBatches = 1,
            MaxGroupBytes = 1024 * 1024,
            Retention = TimeSpan.FromDays(1),
            TrimInterval = TimeSpan.FromMinutes(1),
        };
        var highest = new JournalOptions
        {
            Timeout = TimeSpan.FromMinutes(1),
            MaxGroupBatches = 10_000,
            MaxGroupBytes = 1024 * 1024 * 1024,
            Retention = TimeSpan.FromDays(365),
            TrimInterval = TimeSpan.FromDays(1),
        };

        Assert.Empty(lowest.Validate().Concat(highest.Validate()));
    }

    [Fact]
    public void Validate_EveryOptionOutOfRange_NamesEachOption()
    {
        var options = new JournalOptions
        {
            Timeout = TimeSpan.FromMilliseconds(99),
            MaxGroupBatches = 10_001,
            MaxGroupBytes = 1024 * 1024 - 1,
            Retention = TimeSpan.FromHours(23),
            TrimInterval = TimeSpan.FromDays(2),
        };

        Assert.Equal(
            [
                "Balancer:Journal:Timeout must be from 100 ms to 1 minute; it is 00:00:00.0990000.",
                "Balancer:Journal:MaxGroupBatches must be from 1 to 10000; it is 10001.",
                "Balancer:Journal:MaxGroupBytes must be from 1048576 (1 MiB) to 1073741824 (1 GiB); it is 1048575.",
                "Balancer:Journal:Retention must be from 1 day to 365 days; it is 23:00:00.",
                "Balancer:Journal:TrimInterval must be from 1 minute to 1 day; it is 2.00:00:00.",
            ],
            options.Validate());
    }

    [Fact]
    public void AddBalancerJournal_OptionOutOfRangeInConfiguration_FailsNamingIt()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Balancer:Journal:MaxGroupBatches"] = "0" })
            .Build();
        using var provider = new ServiceCollection()
            .AddLogging()
            .AddBalancerJournal(Database, configuration)
            .BuildServiceProvider();

        var refused = Assert.Throws<OptionsValidationException>(
            () => provider.GetRequiredService<IOptions<JournalOptions>>().Value);

        Assert.Equal(["Balancer:Journal:MaxGroupBatches must be from 1 to 10000; it is 0."], refused.Failures);
    }

    [Fact]
    public async Task AddBalancerJournal_CalledTwice_RegistersOneOfEach()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Balancer:Journal:Timeout"] = "00:00:02" })
            .Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddBalancerJournal(Database, configuration)
            .AddBalancerJournal("Host=elsewhere", configuration);

        await using var provider = services.BuildServiceProvider();

        Assert.Equal(1, services.Count(d => d.ServiceType == typeof(IEventJournal)));
        Assert.Equal(
            [typeof(JournalTrimmer)], provider.GetServices<IHostedService>().Select(s => s.GetType()));
        Assert.IsType<PostgresJournal>(provider.GetRequiredService<IEventJournal>());
        Assert.Equal(TimeSpan.FromSeconds(2), provider.GetRequiredService<IOptions<JournalOptions>>().Value.Timeout);
        var source = new NpgsqlConnectionStringBuilder(
            provider.GetRequiredKeyedService<NpgsqlDataSource>(JournalServiceCollectionExtensions.DataSourceKey)
                .ConnectionString);
        Assert.Equal(("127.0.0.1", 2), (source.Host, source.Timeout));
    }
}
