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
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<ThresholdOptions>, ThresholdOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<QueueOptions>, QueueOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LiveOptions>, LiveOptionsValidator>());
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<CadenceOptions>, CadenceOptionsValidator>());
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<AdmissionOptions>, AdmissionOptionsValidator>());
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<DispatchOptions>, DispatchOptionsValidator>());
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<AssignmentOptions>, AssignmentOptionsValidator>());
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<PriorityOptions>, PriorityOptionsValidator>());
        services.TryAddSingleton(BalancerClock.System);
        return silo;
    }

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
