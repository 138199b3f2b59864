using System.IO.Compression;
using System.Text;
using System.Text.Json;
using FeedbackBot.Core;
using FeedbackBot.Core.DataRights;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace FeedbackBot.Slack.DataRights;

/// <summary>
/// <c>GET /export/{token}</c>: the one-time export link. 404 for a token that was never issued or was used
/// already, 410 for an expired one; otherwise a zip with <c>feedback-export.json</c> and <c>feedback-export.md</c>,
/// never cached. The token is the only secret: the URL carries no person id and no feedback text, and nothing of
/// the export is logged.
/// </summary>
public static class ExportEndpoints
{
    public static IEndpointRouteBuilder MapExportLinks(this IEndpointRouteBuilder app)
    {
        app.MapGet(ExportLinks.PathPrefix + "{token}", DownloadAsync);
        return app;
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    internal static async Task<Results<FileContentHttpResult, NotFound<string>, ProblemHttpResult>> DownloadAsync(
        string token, [FromServices] ExportLinks links, [FromServices] ExportPersonalData export, HttpContext http, CancellationToken ct)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers["Referrer-Policy"] = "no-referrer";
        var (status, person) = await links.RedeemAsync(token, ct);
        switch (status)
        {
            case OneTimeLinkStatus.Expired:
                return TypedResults.Problem("This export link has expired. Run /feedback export again for a new one.", statusCode: StatusCodes.Status410Gone);
            case not OneTimeLinkStatus.Valid:
                return TypedResults.NotFound("This export link is not valid (each link works once). Run /feedback export again for a new one.");
        }

        var json = await export.BuildAsync(person!, ct);
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            await WriteAsync(archive, "feedback-export.json", json.ToJsonString(Indented), ct);
            await WriteAsync(archive, "feedback-export.md", ExportMarkdown.Render(json), ct);
        }

        return TypedResults.File(zip.ToArray(), "application/zip", "feedback-export.zip");
    }

    private static async Task WriteAsync(ZipArchive archive, string name, string text, CancellationToken ct)
    {
        await using var entry = await archive.CreateEntry(name, CompressionLevel.Optimal).OpenAsync(ct);
        await entry.WriteAsync(Encoding.UTF8.GetBytes(text), ct);
    }
}
