using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Balancer.Hosting;

namespace Balancer.Cluster.Tests;

/// <summary>
/// <c>Balancer:Tls</c> checked at start-up, each problem naming its option, and the check of a remote
/// certificate, on certificates of a CA made for the test.
/// </summary>
public sealed class TlsOptionsTests : IDisposable
{
    private readonly CertificateAuthority _ca = new("balancer-ca");

    private readonly CertificateAuthority _other = new("other-ca");

    [Fact]
    public void Validate_Disabled_ValidWhateverElseIsSet()
    {
        var options = new TlsOptions { CertificatePath = "/nowhere/balancer.pfx", AllowedThumbprints = ["AB"] };

        Assert.Empty(new TlsOptions().Validate());
        Assert.Empty(options.Validate());
    }

    [Fact]
    public void Validate_EnabledWithNothingElse_NamesTheCertificateAndTheTrust()
    {
        Assert.Equal(
            [
                "Balancer:Tls:CertificatePath (or CertificatePemPath and KeyPemPath) must be set when " +
                    "Balancer:Tls:Enabled is true.",
                "Balancer:Tls:TrustedCertificatePath or AllowedThumbprints must be set when Balancer:Tls:Enabled " +
                    "is true: only the certificates they name are accepted from the other side.",
            ],
            new TlsOptions { Enabled = true }.Validate());
    }

    [Fact]
    public void Validate_BothKindsMissingFilesAndABadThumbprint_NameEachOption()
    {
        var options = new TlsOptions
        {
            Enabled = true,
            CertificatePath = "/nowhere/balancer.pfx",
            CertificatePemPath = "/nowhere/balancer.crt",
            TrustedCertificatePath = "/nowhere/ca.pem",
            AllowedThumbprints = ["AB:CD"],
        };

        Assert.Equal(
            [
                "Balancer:Tls:CertificatePath and CertificatePemPath exclude each other: set a PKCS#12 file or a " +
                    "PEM pair, not both.",
                "Balancer:Tls:CertificatePath names no file: '/nowhere/balancer.pfx'.",
                "Balancer:Tls:CertificatePemPath names no file: '/nowhere/balancer.crt'.",
                "Balancer:Tls:TrustedCertificatePath names no file: '/nowhere/ca.pem'.",
                "Balancer:Tls:AllowedThumbprints:0 must be a SHA-256 thumbprint, 64 hexadecimal digits; " +
                    "it is 'AB:CD'.",
            ],
            options.Validate());
    }

    [Fact]
    public void Validate_KeyWithoutItsPemCertificate_NamesCertificatePemPath()
    {
        using var certificate = _ca.Create("api");
        var (_, key) = _ca.WritePem("api", certificate);
        var thumbprint = Colons(certificate).ToLowerInvariant();
        var options = new TlsOptions { Enabled = true, KeyPemPath = key, AllowedThumbprints = [thumbprint] };

        Assert.Equal(["Balancer:Tls:CertificatePemPath must be set with KeyPemPath."], options.Validate());
    }

    [Fact]
    public void Read_WrongPassword_NamesTheFileAndThePassword()
    {
        var path = _ca.Issue("silo-1");
        var options = Options(path, _ca);
        options.CertificatePassword = "not-the-password";

        var (credentials, problems) = TlsCredentials.Read(options, silo: true);

        Assert.Null(credentials);
        Assert.Equal(
            [
                $"Balancer:Tls:CertificatePath: '{path}' could not be opened with CertificatePassword: a wrong " +
                    "password, or not a PKCS#12 file.",
            ],
            problems);
    }

    [Fact]
    public void Read_ExpiredClientOnlyCertificateForASilo_NamesBothProblems()
    {
        using var certificate = _ca.Create("old", notAfter: DateTimeOffset.UtcNow.AddMinutes(-1), clientOnly: true);
        var options = Options(_ca.WritePkcs12("old", certificate), _ca);

        var (_, problems) = TlsCredentials.Read(options, silo: true);

        Assert.Equal(
            [
                $"Balancer:Tls:CertificatePath: the certificate 'CN=old' is {Validity(certificate)}, not now.",
                "Balancer:Tls:CertificatePath: the certificate 'CN=old' must allow server and client " +
                    "authentication (extended key usages 1.3.6.1.5.5.7.3.1 and 1.3.6.1.5.5.7.3.2): a silo " +
                    "accepts connections and opens them.",
            ],
            problems);
    }

    [Fact]
    public void Read_ClientOnlyCertificateForAClient_Accepted()
    {
        using var certificate = _ca.Create("api", clientOnly: true);

        var (credentials, problems) = TlsCredentials.Read(Options(_ca.WritePkcs12("api", certificate), _ca), false);

        Assert.Empty(problems);
        Assert.Equal(("CN=api", true), (credentials!.Certificate.Subject, credentials.Certificate.HasPrivateKey));
    }

    [Fact]
    public void Read_PemPair_LoadsTheCertificateWithItsKey()
    {
        using var certificate = _ca.Create("silo-1");
        var (pem, key) = _ca.WritePem("silo-1", certificate);
        var options = new TlsOptions
        {
            Enabled = true, CertificatePemPath = pem, KeyPemPath = key, TrustedCertificatePath = _ca.CertificatePath,
        };

        var (credentials, problems) = TlsCredentials.Read(options, silo: true);

        Assert.Empty(problems);
        Assert.Equal(certificate.Thumbprint, credentials!.Certificate.Thumbprint);
        Assert.True(credentials.Certificate.HasPrivateKey);
    }

    [Fact]
    public void Read_PemKeyOfAnotherCertificate_NamesBothFiles()
    {
        using var certificate = _ca.Create("silo-1");
        using var stranger = _ca.Create("silo-2");
        var (pem, _) = _ca.WritePem("silo-1", certificate);
        var (_, key) = _ca.WritePem("silo-2", stranger);
        var options = new TlsOptions
        {
            Enabled = true, CertificatePemPath = pem, KeyPemPath = key, TrustedCertificatePath = _ca.CertificatePath,
        };

        var (_, problems) = TlsCredentials.Read(options, silo: true);

        Assert.Equal(
            [
                $"Balancer:Tls:CertificatePemPath: '{pem}' and KeyPemPath '{key}' are not a PEM certificate and " +
                    "its private key.",
            ],
            problems);
    }

    [Fact]
    public void Read_TrustedFileNotACertificate_NamesTrustedCertificatePath()
    {
        var trusted = Path.Combine(_ca.Folder, "garbage.pem");
        File.WriteAllText(trusted, "not a certificate");
        var options = Options(_ca.Issue("silo-1"), _ca);
        options.TrustedCertificatePath = trusted;

        var (_, problems) = TlsCredentials.Read(options, silo: true);

        Assert.Equal([$"Balancer:Tls:TrustedCertificatePath: '{trusted}' holds no certificate, PEM or DER."], problems);
    }

    [Fact]
    public void Check_TrustedCa_AcceptsItsCertificatesAndRefusesOthers()
    {
        var check = Credentials(Options(_ca.Issue("silo-1"), _ca)).Check;
        using var sibling = _ca.Create("silo-2");
        using var stranger = _other.Create("rogue");
        using var expired = _ca.Create("late", notAfter: DateTimeOffset.UtcNow.AddMinutes(-1));

        Assert.Null(check.Refusal(sibling));
        Assert.Equal(
            "it is not issued by a certificate of Balancer:Tls:TrustedCertificatePath (PartialChain)",
            check.Refusal(stranger));
        Assert.Equal(
            "it is not issued by a certificate of Balancer:Tls:TrustedCertificatePath (NotTimeValid)",
            check.Refusal(expired));
        Assert.Equal("issued by 'CN=balancer-ca'", check.Rule);
    }

    [Fact]
    public void Check_Thumbprints_AcceptOnlyThoseListed()
    {
        using var pinned = _ca.Create("silo-1");
        using var sibling = _ca.Create("silo-2");
        using var stranger = _other.Create("elsewhere");
        var withCa = Options(_ca.Issue("api"), _ca);
        withCa.AllowedThumbprints = [Colons(pinned).ToLowerInvariant()];
        var alone = Options(_ca.Issue("api"), _ca);
        alone.TrustedCertificatePath = null;
        alone.AllowedThumbprints = [Colons(stranger)];

        var both = Credentials(withCa).Check;
        var pins = Credentials(alone).Check;

        Assert.Equal((null, "its SHA-256 thumbprint is not one of Balancer:Tls:AllowedThumbprints"),
            (both.Refusal(pinned), both.Refusal(sibling)));
        Assert.Equal((null, "its SHA-256 thumbprint is not one of Balancer:Tls:AllowedThumbprints"),
            (pins.Refusal(stranger), pins.Refusal(pinned)));
        Assert.Equal("issued by 'CN=balancer-ca' and one of 1 thumbprints", both.Rule);
        Assert.Equal("one of 1 thumbprints", pins.Rule);
    }

    public void Dispose()
    {
        _ca.Dispose();
        _other.Dispose();
    }

    private static TlsOptions Options(string certificatePath, CertificateAuthority trusted) => new()
    {
        Enabled = true,
        CertificatePath = certificatePath,
        CertificatePassword = CertificateAuthority.Password,
        TrustedCertificatePath = trusted.CertificatePath,
    };

    private static TlsCredentials Credentials(TlsOptions options)
    {
        Assert.Empty(options.Validate());
        var (credentials, problems) = TlsCredentials.Read(options, silo: true);
        Assert.Empty(problems);
        return credentials!;
    }

    /// <summary>The SHA-256 thumbprint as OpenSSL prints it: pairs of digits between colons.</summary>
    private static string Colons(X509Certificate2 certificate) =>
        string.Join(':', certificate.GetCertHashString(HashAlgorithmName.SHA256).Chunk(2).Select(p => new string(p)));

    private static string Validity(X509Certificate2 certificate) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"valid from {certificate.NotBefore.ToUniversalTime():u} to {certificate.NotAfter.ToUniversalTime():u}");
}
