using Microsoft.Extensions.Options;

namespace Balancer.Hosting;

/// <summary>
/// Validates options that check themselves (<c>Validate()</c>, each problem naming its option), for those
/// bound into the container and validated at start-up.
/// </summary>
internal sealed class OptionsCheck<T>(Func<T, IEnumerable<string>> problems) : IValidateOptions<T>
    where T : class
{
    public ValidateOptionsResult Validate(string? name, T options)
    {
        var found = problems(options).ToList();
        return found.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(found);
    }
}
