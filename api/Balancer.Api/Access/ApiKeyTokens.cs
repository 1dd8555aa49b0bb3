using System.Security.Cryptography;
using System.Text;

namespace Balancer.Api.Access;

/// <summary>
/// The form of an API key: <c>bal_</c>, a key id of 24 hex digits, <c>_</c>, and a secret of 32 random bytes in
/// unpadded base64url. The id finds the key; only the SHA-256 of the secret is stored. A secret of 256 random bits
/// needs no slow hash: nobody can guess it from its hash faster than by guessing it.
/// </summary>
public static class ApiKeyTokens
{
    public const string Prefix = "bal_";

    private const int IdBytes = 12;
    private const int SecretBytes = 32;
    private const int IdChars = IdBytes * 2;
    private const int SecretChars = (SecretBytes * 4 + 2) / 3;
    private const int TokenChars = 4 + IdChars + 1 + SecretChars;

    /// <summary>A new key: its id, the whole key to hand out once, and the hash to keep.</summary>
    public static (string KeyId, string Token, byte[] SecretHash) Create()
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(IdBytes));
        var secret = System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes));
        return (id, $"{Prefix}{id}_{secret}", Hash(secret));
    }

    /// <summary>Splits a presented key into its id and secret; false for anything not of the form.</summary>
    public static bool TryParse(string token, out string keyId, out string secret)
    {
        keyId = secret = "";
        if (token.Length != TokenChars || !token.StartsWith(Prefix, StringComparison.Ordinal) ||
            token[Prefix.Length + IdChars] != '_')
        {
            return false;
        }

        var id = token.AsSpan(Prefix.Length, IdChars);
        if (id.ContainsAnyExcept("0123456789abcdef"))
        {
            return false;
        }

        keyId = id.ToString();
        secret = token[(Prefix.Length + IdChars + 1)..];
        return true;
    }

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    /// <summary>
    /// Whether <paramref name="presented"/> is <paramref name="expected"/>, in time independent of both.
    /// </summary>
    public static bool SameSecret(string presented, string expected) =>
        CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
