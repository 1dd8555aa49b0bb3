using Balancer.Capacity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Balancer.Grains;

public static class SiloBuilderExtensions
{
    /// <summary>
    /// Adds Balancer's grains' options, bound from <paramref name="configuration"/> and validated at
    /// start-up, and the clock they judge time by. Safe to call twice.
    /// </summary>
    public static ISiloBuilder AddBalancerGrains(this ISiloBuilder silo, IConfiguration configuration)
    {
        var services = silo.Services;
        services.AddOptions<ThresholdOptions>()
            .Bind(configuration.GetSection(ThresholdOptions.Section))
            .ValidateOnStart();
        services.AddOptions<QueueOptions>().Bind(configuration.GetSection(QueueOptions.Section)).ValidateOnStart();
        services.AddOptions<LiveOptions>().Bind(configuration.GetSection(LiveOptions.Section)).ValidateOnStart();
        services.AddOptions<CadenceOptions>().Bind(configuration.GetSection(CadenceOptions.Section)).ValidateOnStart();
        services.AddOptions<AdmissionOptions>()
            .Bind(configuration.GetSection(AdmissionOptions.Section))
            .ValidateOnStart();
        services.AddOptions<DispatchOptions>()
            .Bind(configuration.GetSection(DispatchOptions.Section))
            .ValidateOnStart();
        services.AddOptions<AssignmentOptions>()
            .Bind(configuration.GetSection(AssignmentOptions.Section))
            .ValidateOnStart();
        services.AddOptions<PriorityOptions>()
            .Bind(configuration.GetSection(PriorityOptions.Section))
            .ValidateOnStart();
        services.AddOptions<RecoveryOptions>()
            .Bind(configuration.GetSection(RecoveryOptions.Section))
            .ValidateOnStart();
        services.AddOptions<DedupOptions>().Bind(configuration.GetSection(DedupOptions.Section)).ValidateOnStart();
        services.AddSelfChecked<RecoveryOptions>(o => o.Validate());
        services.AddSelfChecked<DedupOptions>(o => o.Validate());
        services.AddSelfChecked<ThresholdOptions>(o => o.Validate());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<QueueOptions>, QueueOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LiveOptions>, LiveOptionsValidator>());
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<DispatchOptions>, DispatchOptionsValidator>());
        services.AddSelfChecked<CadenceOptions>(o => o.Validate());
        services.AddSelfChecked<AdmissionOptions>(o => o.Validate());
        services.AddSelfChecked<AssignmentOptions>(o => o.Validate());
        services.AddSelfChecked<PriorityOptions>(o => o.Validate());
        services.TryAddSingleton(BalancerClock.System);
        services.TryAddSingleton(LimitsClock.System);
        return silo;
    }

    /// <summary>
    /// Adds the options staffing advice reads, for a host that answers it (the api), bound from
    /// <paramref name="configuration"/> and validated at start-up. Safe to call twice.
    /// </summary>
    public static IServiceCollection AddBalancerAdvice(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CadenceOptions>()
            .Bind(configuration.GetSection(CadenceOptions.Section))
            .ValidateOnStart();
        services.AddOptions<StaffingOptions>()
            .Bind(configuration.GetSection(StaffingOptions.Section))
            .ValidateOnStart();
        services.AddOptions<CostModel>().Bind(configuration.GetSection(CostModel.Section)).ValidateOnStart();
        services.AddSelfChecked<CadenceOptions>(o => o.Validate());
        services.AddSelfChecked<StaffingOptions>(o => o.Validate());
        services.AddSelfChecked<CostModel>(o => o.Validate());
        return services;
    }

    private static void AddSelfChecked<T>(this IServiceCollection services, Func<T, IEnumerable<string>> problems)
        where T : class =>
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<T>>(new SelfCheckedOptions<T>(problems)));

    /// <summary>Keeps configuration in the silo's memory: lost when the silo stops. Safe to call twice.</summary>
    public static ISiloBuilder UseBalancerMemoryStorage(this ISiloBuilder silo)
    {
        if (!silo.Services.Any(d => d.IsKeyedService && Equals(d.ServiceKey, StorageNames.Balancer)))
        {
            silo.AddMemoryGrainStorage(StorageNames.Balancer);
        }

        return silo;
    }
}
