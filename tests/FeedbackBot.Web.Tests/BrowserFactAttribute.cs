using FeedbackBot.Testing;

namespace FeedbackBot.Web.Tests;

/// <summary>
/// A test that drives Debian's Chromium through Microsoft.Playwright (and runs redis-server): skipped, saying why,
/// when <c>/usr/bin/chromium</c> is missing (<c>./test.sh</c> installs it when run as root) or Redis is.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public const string Chromium = "/usr/bin/chromium";

    public BrowserFactAttribute()
    {
        if (!File.Exists(Chromium))
        {
            Skip = $"{Chromium} is missing: install it with `apt-get install -y chromium` (./test.sh does when run as root).";
        }
        else if (LocalRedis.MissingReason is { } missing)
        {
            Skip = missing;
        }
    }
}
