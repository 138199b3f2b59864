namespace FeedbackBot.Web.Pages;

/// <summary>The antiforgery field a form carries (ASP.NET Core antiforgery: name and request token).</summary>
public sealed record FormToken(string FieldName, string Value);
