using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Balancer.Storage;

public static class JournalServiceCollectionExtensions
{
    /// <summary>
    /// The key of the journal's <see cref="NpgsqlDataSource"/> among keyed services, so that it stands apart
    /// from any other data source the host registers.
    /// </summary>
    public const string DataSourceKey = JournalOptions.Section;

    /// <summary>
    /// Adds the ingest journal in PostgreSQL: <see cref="JournalOptions"/> bound from
    /// <paramref name="configuration"/> and validated at start-up, a data source for
    /// <paramref name="connectionString"/> (keyed <see cref="DataSourceKey"/>, its connect timeout cut to the
    /// journal's timeout), <see cref="IEventJournal"/> as one <see cref="PostgresJournal"/>, and the
    /// <see cref="JournalTrimmer"/>. The schema must be migrated first
    /// (<see cref="BalancerMigrations"/>). Safe to call twice: the second call changes nothing, so the first
    /// call's connection string stays.
    /// </summary>
    public static IServiceCollection AddBalancerJournal(
        this IServiceCollection services, string connectionString, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(IEventJournal)))
        {
            return services;
        }

        services.AddOptions<JournalOptions>()
            .Bind(configuration.GetSection(JournalOptions.Section))
            .ValidateOnStart();
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<JournalOptions>, JournalOptionsValidator>());
        services.TryAddKeyedSingleton(DataSourceKey, (provider, _) => DataSource(provider, connectionString));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IEventJournal>(provider => new PostgresJournal(
            provider.GetRequiredKeyedService<NpgsqlDataSource>(DataSourceKey),
            provider.GetRequiredService<IOptions<JournalOptions>>(),
            provider.GetRequiredService<ILogger<PostgresJournal>>()));
        services.AddHostedService<JournalTrimmer>();
        return services;
    }

    /// <summary>
    /// The journal's data source, logging through the host, and with a connect timeout no longer than the
    /// journal's <see cref="JournalOptions.Timeout"/> (rounded up to whole seconds, Npgsql's unit): Npgsql does
    /// not heed cancellation while it connects, so without it an attempt abandoned at the journal's timeout
    /// would go on for the connect timeout, 15 s by default.
    /// </summary>
    private static NpgsqlDataSource DataSource(IServiceProvider provider, string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        var timeout = provider.GetRequiredService<IOptions<JournalOptions>>().Value.Timeout;
        var seconds = (int)Math.Ceiling(timeout.TotalSeconds);
        if (builder.ConnectionStringBuilder.Timeout is 0 || builder.ConnectionStringBuilder.Timeout > seconds)
        {
            builder.ConnectionStringBuilder.Timeout = seconds;
        }

        if (provider.GetService<ILoggerFactory>() is { } loggers)
        {
            builder.UseLoggerFactory(loggers);
        }

        return builder.Build();
    }
}
