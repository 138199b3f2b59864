using System.ComponentModel.DataAnnotations;
using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace FeedbackBot.Host.Observability;

/// <summary>
/// Section <c>ForwardedHeaders</c>: <c>KnownProxies</c> (addresses) and <c>KnownNetworks</c> (CIDR ranges), each a
/// list or one comma-separated string. Only these peers' <c>X-Forwarded-For</c>/<c>X-Forwarded-Proto</c> are
/// believed; with neither set, no forwarded header is honoured and the TCP peer is the client.
/// </summary>
public sealed class ProxyOptions : IValidatableObject
{
    public const string SectionName = "ForwardedHeaders";

    /// <summary>Addresses of the reverse proxies in front of this host, e.g. <c>127.0.0.1</c>.</summary>
    public IReadOnlyList<string> KnownProxies { get; set; } = [];

    /// <summary>Ranges the reverse proxies live in, e.g. <c>10.0.0.0/8</c>.</summary>
    public IReadOnlyList<string> KnownNetworks { get; set; } = [];

    /// <summary>Reads the section; a single string may hold several comma-separated values.</summary>
    public static void Bind(ProxyOptions options, IConfiguration configuration)
    {
        var section = configuration.GetSection(SectionName);
        options.KnownProxies = Values(section.GetSection(nameof(KnownProxies)));
        options.KnownNetworks = Values(section.GetSection(nameof(KnownNetworks)));
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        KnownProxies.Where(p => !IPAddress.TryParse(p, out _))
            .Select(p => new ValidationResult($"{SectionName}:{nameof(KnownProxies)}: '{p}' is not an IP address."))
            .Concat(KnownNetworks.Where(n => !System.Net.IPNetwork.TryParse(n, out _))
                .Select(n => new ValidationResult($"{SectionName}:{nameof(KnownNetworks)}: '{n}' is not a CIDR range (e.g. 10.0.0.0/8).")));

    /// <summary>The middleware's options, or null when no proxy is trusted.</summary>
    internal ForwardedHeadersOptions? ToMiddlewareOptions()
    {
        if (KnownProxies.Count == 0 && KnownNetworks.Count == 0)
        {
            return null;
        }

        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
        // ASP.NET Core trusts loopback by default; behind a proxy on the same machine that would believe anyone who
        // reaches the proxy. Only what is configured counts.
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in KnownProxies)
        {
            options.KnownProxies.Add(IPAddress.Parse(proxy));
        }

        foreach (var network in KnownNetworks)
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        }

        return options;
    }

    private static string[] Values(IConfigurationSection section)
    {
        var items = section.Value is { } single ? [single] : section.GetChildren().Select(c => c.Value ?? "");
        return items.SelectMany(i => i.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
    }
}
