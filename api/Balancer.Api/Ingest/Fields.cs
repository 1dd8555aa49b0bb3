namespace Balancer.Api.Ingest;

/// <summary>Checks of single fields, each giving the reason a person reads in the rejection.</summary>
public static class Fields
{
    private const string Forbidden = "may not contain '/', white space or control characters";

    /// <summary>
    /// An id: required, at most <paramref name="maxLength"/> characters, no slash, space or control character.
    /// </summary>
    public static string? IdProblem(string value, int maxLength)
    {
        if (value.Length == 0)
        {
            return "is required";
        }

        if (value.Length > maxLength)
        {
            return $"is {value.Length} characters long; the limit is {maxLength}";
        }

        // Printable ASCII, the usual case, is checked with one vectorised search.
        var text = value.AsSpan();
        if (text.IndexOfAnyExceptInRange('!', '~') < 0)
        {
            return text.Contains('/') ? Forbidden : null;
        }

        foreach (var c in text)
        {
            if (c == '/' || char.IsWhiteSpace(c) || char.IsControl(c))
            {
                return Forbidden;
            }
        }

        return null;
    }

    /// <summary>
    /// The largest amount, such as a lifetime value, taken: well inside what a decimal holds, and far
    /// above any real account.
    /// </summary>
    public const double MaxAmount = 1e15;

    /// <summary>An amount of money: finite, from 0 to <see cref="MaxAmount"/>.</summary>
    public static string? AmountProblem(double value) =>
        double.IsFinite(value) && value is >= 0 and <= MaxAmount
            ? null
            : $"must be a finite amount from 0 to {MaxAmount:0}; it is {value}";

    /// <summary>Free text such as a display name: at most <paramref name="maxLength"/> characters.</summary>
    public static string? TextProblem(string value, int maxLength) =>
        value.Length > maxLength ? $"is {value.Length} characters long; the limit is {maxLength}" : null;
}
