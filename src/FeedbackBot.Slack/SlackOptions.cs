using System.ComponentModel.DataAnnotations;

namespace FeedbackBot.Slack;

/// <summary>
/// Slack settings, bound from the <c>Slack</c> configuration section. Slack is on when a way in is set —
/// <see cref="SigningSecret"/> (HTTP request URLs) or <see cref="AppToken"/> (Socket Mode) — together with a way to
/// get tokens: <see cref="BotToken"/> (one workspace) or <see cref="ClientId"/> and <see cref="ClientSecret"/> (any
/// number of workspaces, installed with "Add to Slack" at <c>/slack/install</c>); see <see cref="IsConfigured"/>
/// and <see cref="IsOAuthConfigured"/>.
/// </summary>
public sealed class SlackOptions
{
    public const string SectionName = "Slack";

    /// <summary>The app's signing secret (Basic Information → App Credentials); verifies every inbound request.</summary>
    public string? SigningSecret { get; set; }

    /// <summary>
    /// The bot token (<c>xoxb-…</c>) of the single workspace this install serves: the shortcut for one workspace.
    /// Ignored when <see cref="IsOAuthConfigured"/>: then every workspace uses the token its own install stored,
    /// so a workspace that uninstalled can never be answered with another workspace's token.
    /// </summary>
    public string? BotToken { get; set; }

    /// <summary>The app's Client ID (Basic Information → App Credentials), for "Add to Slack" (OAuth v2).</summary>
    public string? ClientId { get; set; }

    /// <summary>The app's Client Secret; sent only to <c>oauth.v2.access</c>, as HTTP Basic credentials.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Where "Add to Slack" sends the browser; tests point it at a loopback fake.</summary>
    [Required]
    public string OAuthAuthorizeUrl { get; set; } = "https://slack.com/oauth/v2/authorize";

    /// <summary>
    /// The app-level token (<c>xapp-…</c>, with <c>connections:write</c>). When set, the bot takes Slack's traffic
    /// over a Socket Mode WebSocket instead of public request URLs, and needs no signing secret: for trying the bot
    /// on a laptop. Slack recommends HTTP for production and keeps Socket Mode apps out of its Marketplace.
    /// </summary>
    [RegularExpression(@"^(xapp-\S+)?$", ErrorMessage = "Slack:AppToken must be an app-level token starting with xapp-.")]
    public string? AppToken { get; set; }

    /// <summary>Base URL of the Web API; tests point it at a loopback fake. Must end with a slash.</summary>
    [Required]
    public string ApiBaseUrl { get; set; } = "https://slack.com/api/";

    /// <summary>
    /// The only place <c>response_url</c> follow-ups may go: Slack issues them under <c>https://hooks.slack.com/</c>.
    /// A response_url arrives in the payload, so a crafted one could point anywhere; anything not under this base
    /// is dropped. Tests point it at the loopback fake. Must end with a slash.
    /// </summary>
    [Required]
    public string ResponseUrlBase { get; set; } = "https://hooks.slack.com/";

    /// <summary>
    /// The reaction emoji (name without colons, e.g. <c>speech_balloon</c>) that offers feedback on a message: on
    /// your own message a request, on someone else's a give. Skin-tone variants count.
    /// </summary>
    [Required]
    [RegularExpression(@"^:?[^:\s]{1,100}:?$")]
    public string RequestEmoji { get; set; } = "speech_balloon";

    /// <summary>True when a way in and a way to get tokens are set; otherwise the Slack adapter stays off.</summary>
    public bool IsConfigured => HasWayIn && (!string.IsNullOrWhiteSpace(BotToken) || HasClientCredentials);

    /// <summary>True when Slack is on with OAuth: workspaces install the app themselves and tokens live in storage.</summary>
    public bool IsOAuthConfigured => HasWayIn && HasClientCredentials;

    /// <summary>True when <see cref="AppToken"/> is set: Slack's traffic comes over Socket Mode.</summary>
    public bool UsesSocketMode => !string.IsNullOrWhiteSpace(AppToken);

    private bool HasWayIn => !string.IsNullOrWhiteSpace(SigningSecret) || UsesSocketMode;

    private bool HasClientCredentials => !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(ClientSecret);
}

/// <summary>
/// Deadlines the adapter keeps. Defaults in code (not configuration): they follow from Slack's 3-second rule,
/// and tests shorten them.
/// </summary>
public sealed class SlackTimings
{
    /// <summary>
    /// How long a request may wait for quick work (a give, a validation) before answering anyway. Slack's limit
    /// is 3 s end to end; 2 s leaves room for the network and the reply itself.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:00:10")]
    public TimeSpan AckBudget { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// When the dispatcher answers Slack for a handler whose ack is still running (a cold host, a starved thread
    /// pool), measured like <see cref="AckBudget"/> from the request's arrival and later than it, so a give or request
    /// reaches its own honest "saving…" first. The work is not dropped: its answer follows by response_url or DM.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:00:10")]
    public TimeSpan AnswerBy { get; set; } = TimeSpan.FromSeconds(2.5);

    /// <summary>trigger_id dies 3 s after Slack issued it, so a later <c>views.open</c> is pointless.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:00:10")]
    public TimeSpan ViewsOpenTimeout { get; set; } = TimeSpan.FromSeconds(2.5);

    /// <summary>First backoff step for 5xx and network failures of the Web API.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Retries after the first attempt (429, 5xx, network).</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>Longest Retry-After the client will sleep for; beyond it the call fails as transient.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a users.info answer is reused.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan ProfileCacheTtl { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long one Web API attempt may take. A chat.postMessage that runs out of it is reported as "maybe sent"
    /// (Slack may still apply it) and is not resent; reads and idempotent writes are retried.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:05:00")]
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// The clock the client's waits run on (backoff, Retry-After, <see cref="CallTimeout"/>). Separate from the
    /// app's <see cref="TimeProvider"/>, which tests freeze to plan digests: a frozen clock here would hang every
    /// retry. Client tests swap in a fake to check Retry-After without sleeping.
    /// </summary>
    [Required]
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>
    /// Page size of the conversations.history read that checks whether a delivery arrived. Slack caps it at 15
    /// for new commercially distributed non-Marketplace apps; the reader pages with a cursor either way.
    /// </summary>
    [Range(1, 1000)]
    public int HistoryPageSize { get; set; } = 100;
}
