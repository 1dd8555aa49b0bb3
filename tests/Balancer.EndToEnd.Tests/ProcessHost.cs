using System.Diagnostics;
using System.Text;

namespace Balancer.EndToEnd.Tests;

/// <summary>
/// Runs one of Balancer's programs (the silo or the api) as a process of its own, from the output
/// folder its build left, and stops it with the test.
/// </summary>
public sealed class ProcessHost : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ProcessHost(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>What the process printed so far, for a failing test's message.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <param name="project">The project's folder from the repository root, e.g. "silo/Balancer.Silo".</param>
    public static ProcessHost Start(string project, params string[] args)
    {
        var name = Path.GetFileName(project);
        var dll = Path.Combine(RepositoryRoot(), project, "bin", BuildConfiguration(), "net10.0", name + ".dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"{dll} is missing; build the solution first.", dll);
        }

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return new ProcessHost(Process.Start(start) ?? throw new InvalidOperationException($"{name} did not start."));
    }

    /// <summary>Waits until <paramref name="url"/> answers 200, or fails with what the process printed.</summary>
    public async Task WaitHealthy(string url, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The process exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                if ((await http.GetAsync(url)).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{url} was not healthy within {timeout}:\n{Output}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Balancer.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Balancer.sln was not found above the test's folder.");
    }

    /// <summary>Debug or Release: the folder above the target framework's in this test's output path.</summary>
    private static string BuildConfiguration() =>
        new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
}
