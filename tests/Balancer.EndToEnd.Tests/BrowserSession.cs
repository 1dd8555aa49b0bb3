using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace Balancer.EndToEnd.Tests;

/// <summary>
/// A headless Chromium for one test, driven through the system's chromedriver. Both paths are given
/// explicitly so that Selenium never looks for, or downloads, a browser or driver of its own.
/// </summary>
public sealed class BrowserSession : IDisposable
{
    public const string BrowserPath = "/usr/bin/chromium";
    public const string DriverDirectory = "/usr/bin";
    public const string DriverName = "chromedriver";

    /// <summary>How long any one wait for the page may take.</summary>
    public static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(15);

    private readonly ChromeDriverService _service;
    private readonly string _profile;

    private BrowserSession(ChromeDriverService service, ChromeDriver driver, string profile)
    {
        _service = service;
        Driver = driver;
        _profile = profile;
    }

    public ChromeDriver Driver { get; }

    /// <summary>Starts the browser; fails the test, never skips it, when Chromium or its driver is missing.</summary>
    public static BrowserSession Start()
    {
        var driverPath = Path.Combine(DriverDirectory, DriverName);
        if (!File.Exists(BrowserPath) || !File.Exists(driverPath))
        {
            Assert.Fail(
                $"The live page tests need Debian's Chromium at {BrowserPath} and its driver at {driverPath}; " +
                $"found browser: {File.Exists(BrowserPath)}, driver: {File.Exists(driverPath)}. " +
                "Install them with: apt-get install chromium chromium-driver");
        }

        var profile = Directory.CreateTempSubdirectory("balancer-chromium-").FullName;
        var service = ChromeDriverService.CreateDefaultService(DriverDirectory, DriverName);
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        var options = new ChromeOptions { BinaryLocation = BrowserPath };
        options.AddArguments(
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--no-proxy-server", "--window-size=1280,900", $"--user-data-dir={profile}");
        // Keeps the page's console, so a test can show what the script complained about.
        options.SetLoggingPreference(LogType.Browser, LogLevel.All);
        try
        {
            var driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(30));
            driver.Manage().Timeouts().PageLoad = WaitLimit;
            return new BrowserSession(service, driver, profile);
        }
        catch
        {
            service.Dispose();
            TryDelete(profile);
            throw;
        }
    }

    public void Open(string url) => Driver.Navigate().GoToUrl(url);

    /// <summary>
    /// Runs <paramref name="script"/> in every page opened from now on, before the page's own scripts.
    /// </summary>
    public void RunBeforeEveryPage(string script) => Driver.ExecuteCdpCommand(
        "Page.addScriptToEvaluateOnNewDocument", new Dictionary<string, object?> { ["source"] = script });

    /// <summary>The element, once it is on the page.</summary>
    public IWebElement WaitFor(By by)
    {
        IWebElement? found = null;
        WaitUntil(() => (found = Driver.FindElements(by).FirstOrDefault()) is not null, () => $"{by} to appear");
        return found!;
    }

    /// <summary>Waits for the element's text to be exactly <paramref name="expected"/>.</summary>
    public void WaitForText(By by, string expected)
    {
        string? seen = null;
        WaitUntil(
            () => (seen = Driver.FindElements(by).FirstOrDefault()?.Text) == expected,
            () => $"{by} to read \"{expected}\", last read {(seen is null ? "(no element)" : $"\"{seen}\"")}");
    }

    /// <summary>The element's text now, or null when it is not on the page.</summary>
    public string? TextOf(By by) => Driver.FindElements(by).FirstOrDefault()?.Text;

    public void SaveScreenshot(string path) => Driver.GetScreenshot().SaveAsFile(path);

    /// <summary>What the page wrote to its console at level SEVERE (script errors, failed loads).</summary>
    public IReadOnlyList<string> ConsoleErrors() =>
        [.. Driver.Manage().Logs.GetLog(LogType.Browser).Where(e => e.Level == LogLevel.Severe).Select(e => e.Message)];

    public void Dispose()
    {
        try
        {
            Driver.Quit();
        }
        finally
        {
            Driver.Dispose();
            _service.Dispose();
            TryDelete(_profile);
        }
    }

    /// <summary>Waits for <paramref name="condition"/>; on a timeout, fails saying what it waited for.</summary>
    public void WaitUntil(Func<bool> condition, Func<string> waitingFor)
    {
        var wait = new WebDriverWait(Driver, WaitLimit) { PollingInterval = TimeSpan.FromMilliseconds(50) };
        wait.IgnoreExceptionTypes(typeof(StaleElementReferenceException));
        try
        {
            wait.Until(_ => condition());
        }
        catch (WebDriverTimeoutException)
        {
            Assert.Fail(
                $"Waited {WaitLimit.TotalSeconds:F0} s for {waitingFor()}. Connection status: " +
                $"\"{TextOf(By.Id("status"))}\". Console errors: [{string.Join("; ", ConsoleErrors())}]");
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still be letting go of its profile; a leftover temp folder is harmless.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
