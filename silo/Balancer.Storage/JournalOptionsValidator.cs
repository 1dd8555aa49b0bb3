using Microsoft.Extensions.Options;

namespace Balancer.Storage;

/// <summary>Fails the host's start when <see cref="JournalOptions.Validate"/> finds a problem.</summary>
internal sealed class JournalOptionsValidator : IValidateOptions<JournalOptions>
{
    public ValidateOptionsResult Validate(string? name, JournalOptions options)
    {
        var problems = options.Validate().ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
