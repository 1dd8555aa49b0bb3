using Balancer.Api.Hosting;
using FsCheck;
using FsCheck.Fluent;
using Choose64 = FsCheck.FSharp.Gen;

namespace Balancer.Access.Tests.Properties;

/// <summary>
/// The values Balancer must refuse for each kind of field, sized by the api's limits, each a
/// <see cref="Breakage"/> that knows the field it breaks; and the valid values near them, which it must take.
/// </summary>
public sealed class HostileValues(ApiOptions limits)
{
    /// <summary>Characters an id may not hold: the slash, white space and control characters, ASCII or not.</summary>
    public static readonly char[] Forbidden =
    [
        '/', ' ', '\t', '\n', '\v', '\f', '\r', '\0', '\u0001', '\u001b', '\u001f', '\u007f', '\u0080', '\u0085',
        '\u009f', '\u00a0', '\u1680', '\u2000', '\u2007', '\u200a', '\u2028', '\u2029', '\u202f', '\u205f',
        '\u3000',
    ];

    /// <summary>What ids are made of here: printable ASCII but the slash, and letters of other scripts.</summary>
    public static readonly char[] IdChars =
    [
        .. Enumerable.Range('!', '~' - '!' + 1).Select(c => (char)c).Where(c => c != '/'),
        'é', 'ß', 'ü', 'ø', 'Ж', 'λ', '東', '京', 'ー', '\u00ad', '\u200b',
    ];

    public ApiOptions Limits { get; } = limits;

    /// <summary>A valid id of 1 to <paramref name="maxLength"/> characters, exactly the limit now and then.</summary>
    public static Gen<string> ValidId(int maxLength) => Chars(
        Gen.Frequency(
            (6, Gen.Choose(1, Math.Min(12, maxLength))),
            (2, Gen.Choose(1, maxLength)),
            (1, Gen.Constant(maxLength))),
        IdChars);

    /// <summary>
    /// Strings of the lengths given, drawn from <paramref name="alphabet"/> by a seeded <see cref="System.Random"/>: as
    /// repeatable as FsCheck's own draws, and quick for strings of thousands of characters.
    /// </summary>
    public static Gen<string> Chars(Gen<int> lengths, char[] alphabet) =>
        from length in lengths
        from seed in Gen.Choose(0, int.MaxValue)
        select string.Create(length, new System.Random(seed), (text, random) =>
        {
            for (var i = 0; i < text.Length; i++)
            {
                text[i] = alphabet[random.Next(alphabet.Length)];
            }
        });

    /// <summary>
    /// An id field broken: empty unless the field is optional, longer than the limit, holding a forbidden
    /// character, or, given <paramref name="unknown"/>, well formed but naming nothing the tenant has.
    /// </summary>
    public Gen<Breakage> Id(string field, IReadOnlyList<string>? unknown = null, bool optional = false)
    {
        var max = Limits.MaxIdLength;
        var harms = new List<Gen<Breakage>>
        {
            Oversized(field, max, IdChars),
            ValidId(max - 1)
                .SelectMany(id => Gen.Zip(Gen.Elements(Forbidden), Gen.Choose(0, id.Length)),
                    (id, bad) => id.Insert(bad.Item2, bad.Item1.ToString()))
                .Select(id => new Breakage(field, "forbidden character", id, "/")),
        };
        if (!optional)
        {
            harms.Add(Gen.Constant(new Breakage(field, "missing", "", "")));
        }

        if (unknown is { Count: > 0 })
        {
            harms.Add(Gen.Elements(unknown.ToArray()).Select(id => new Breakage(field, "unknown", id, unknown[0])));
        }

        return Gen.OneOf(harms);
    }

    /// <summary>An event id: missing or longer than its limit; any character is allowed in it.</summary>
    public Gen<Breakage> EventId() => Gen.OneOf(
        Gen.Constant(new Breakage("event_id", "missing", "", "")),
        Oversized("event_id", Limits.MaxEventIdLength, IdChars));

    /// <summary>Free text longer than <paramref name="maxLength"/>, control characters and all.</summary>
    public static Gen<Breakage> Text(string field, int maxLength) =>
        Oversized(field, maxLength, [.. IdChars, ' ', '\n', '\t', '\0', '/']);

    /// <summary>An integer outside <paramref name="min"/> to <paramref name="max"/>: next to them or far.</summary>
    public static Gen<Breakage> Int(string field, int min, int max)
    {
        var harms = new List<Gen<Breakage>>();
        if (min > int.MinValue)
        {
            harms.Add(Gen.OneOf(Gen.Constant(min - 1), Gen.Choose(int.MinValue, min - 1), Gen.Constant(int.MinValue))
                .Select(v => new Breakage(field, "below", v, min - 1)));
        }

        if (max < int.MaxValue)
        {
            harms.Add(Gen.OneOf(Gen.Constant(max + 1), Gen.Choose(max + 1, int.MaxValue), Gen.Constant(int.MaxValue))
                .Select(v => new Breakage(field, "above", v, max + 1)));
        }

        return Gen.OneOf(harms);
    }

    /// <summary>A 64-bit integer outside <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static Gen<Breakage> Long(string field, long min, long max) => Gen.OneOf(
        Gen.OneOf(Gen.Constant(min - 1), Choose64.Choose64(long.MinValue, min - 1), Gen.Constant(long.MinValue))
            .Select(v => new Breakage(field, "below", v, min - 1)),
        Gen.OneOf(Gen.Constant(max + 1), Choose64.Choose64(max + 1, long.MaxValue), Gen.Constant(long.MaxValue))
            .Select(v => new Breakage(field, "above", v, max + 1)));

    /// <summary>An amount that is none: not a number, infinite, negative or past the largest taken.</summary>
    public static Gen<Breakage> Amount(string field) => Gen.OneOf(
        Gen.Elements(double.NaN, double.PositiveInfinity, double.NegativeInfinity)
            .Select(v => new Breakage(field, "not finite", v, double.NaN)),
        Gen.OneOf(
                Gen.Elements(-double.Epsilon, -0.01, -1.0, -double.MaxValue),
                Gen.Choose(1, int.MaxValue).Select(v => -v / 100.0))
            .Select(v => new Breakage(field, "negative", v, -1.0)),
        Gen.OneOf(
                Gen.Elements(Math.BitIncrement(1e15), 1e16, 1e300, double.MaxValue),
                Gen.Choose(1, int.MaxValue).Select(v => 1e15 + v))
            .Select(v => new Breakage(field, "too large", v, 1e16)));

    /// <summary>
    /// An enum value the field does not take: any integer past <paramref name="maxDefined"/>, a negative one, or
    /// the unspecified zero.
    /// </summary>
    public static Gen<Breakage> Enum(string field, int maxDefined) => Gen.OneOf(
        Gen.Constant(new Breakage(field, "unspecified", 0, 0)),
        Gen.OneOf(Gen.Constant(maxDefined + 1), Gen.Constant(99), Gen.Choose(maxDefined + 1, int.MaxValue))
            .Select(v => new Breakage(field, "undefined", v, maxDefined + 1)),
        Gen.OneOf(Gen.Constant(-1), Gen.Choose(int.MinValue, -1))
            .Select(v => new Breakage(field, "undefined", v, maxDefined + 1)));

    /// <summary>
    /// When an event happened, refused: missing, negative, older than the maximum age (a millisecond or decades),
    /// or further ahead than the allowed skew (a millisecond, centuries, past what a date holds).
    /// </summary>
    public Gen<Breakage> OccurredAt()
    {
        const string field = "occurred_at_ms";
        var age = (long)Limits.MaxEventAge.TotalMilliseconds;
        var skew = (long)Limits.MaxClockSkew.TotalMilliseconds;
        const long year = 365L * 24 * 3600 * 1000;
        var tooOld = new FromNow(-(age + 1));
        var ahead = new FromNow(skew + 1);
        return Gen.OneOf(
            Gen.Constant(new Breakage(field, "missing", 0L, 0L)),
            Gen.OneOf(Gen.Constant(-1L), Choose64.Choose64(long.MinValue, -1), Gen.Constant(long.MinValue))
                .Select(v => new Breakage(field, "negative", v, -1L)),
            Gen.OneOf(
                    Gen.Constant<object>(tooOld),
                    Choose64.Choose64(age + 1, 30 * year).Select(ms => (object)new FromNow(-ms)),
                    Gen.Constant<object>(1L))
                .Select(v => new Breakage(field, "too old", v, tooOld)),
            Gen.OneOf(
                    Gen.Constant<object>(ahead),
                    Choose64.Choose64(skew + 1, 1000 * year).Select(ms => (object)new FromNow(ms)),
                    Gen.Constant<object>(DateTimeOffset.MaxValue.ToUnixTimeMilliseconds() + 1),
                    Gen.Constant<object>(long.MaxValue))
                .Select(v => new Breakage(field, "ahead", v, ahead)));
    }

    /// <summary>No kind set, or only a kind the schema does not know.</summary>
    public static Gen<Breakage> Kind() => Gen.OneOf(
        Gen.Constant(new Breakage("kind", "missing", null, null)),
        Gen.OneOf(Gen.Choose(3, 9), Gen.Choose(18, 2000), Gen.Constant(536_870_911))
            .Select(n => new Breakage("kind", "unknown kind", new UnknownField(n), new UnknownField(18))));

    private static Gen<Breakage> Oversized(string field, int maxLength, char[] chars) =>
        Chars(
                Gen.Frequency(
                    (4, Gen.Choose(maxLength + 1, maxLength + 3)),
                    (2, Gen.Choose(maxLength + 1, maxLength * 4)),
                    (1, Gen.Constant(Math.Min(maxLength * 40, maxLength + 16_000)))),
                chars)
            .Select(text => new Breakage(field, "too long", text, new string('x', maxLength + 1)));
}
