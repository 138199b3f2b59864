namespace FeedbackBot.Core.DataRights;

/// <summary>
/// The sentences of export and delete-my-data that every platform says the same way (plain text: no markup, and
/// nothing in them a platform must escape). Each adapter adds its own command names and formatting around them.
/// </summary>
public static class DataRightsText
{
    public const string ExportReadyTitle = "Your FeedbackBot data is ready";

    public const string NoPublicAddress =
        "Export links aren't set up on this FeedbackBot (its public address, Web:PublicBaseUrl, is missing). Ask your admin.";

    public const string DeleteQuestion = "Delete your FeedbackBot data?";

    public const string WhatDeleteRemoves =
        "This deletes the feedback you received, your ratings, your settings, your weekly-digest, reminder and year-in-feedback "
        + "schedules, your commitments and themes, and the requests you made. Feedback you gave stays with the people you gave it to, "
        + "but without your name. It cannot be undone.";

    public const string DeleteIncomplete = "I couldn't delete everything just now. Please try again: it finishes what is left.";

    /// <summary>What the export link is and what the download holds.</summary>
    public static string ExportContents(int minutes) =>
        $"The link works once, for {minutes} minutes, and only you got it. It downloads a zip with your data as JSON and as Markdown: "
        + "what you received (anonymous givers stay anonymous), gave, asked and answered, your settings, schedules and ratings.";

    /// <summary>The outcome of a finished delete.</summary>
    public static string Deleted(long total) =>
        $"Done. Your data is deleted ({total} stored entries removed or anonymised). "
        + "Feedback you gave stays with its recipients, without your name. If you use FeedbackBot again, it starts from scratch.";
}
