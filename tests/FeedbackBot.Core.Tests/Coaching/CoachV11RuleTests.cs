using FeedbackBot.Core.Coaching;
using FeedbackBot.Core.Feedback;
using static FeedbackBot.Core.Tests.Coaching.RuleReview;

namespace FeedbackBot.Core.Tests.Coaching;

/// <summary>
/// Coach v11's rules (docs/coach.md, "Coach v11"), each in every language where its form exists, on drafts written for
/// these tests (not taken from a labelled set), with the look-alikes each rule must leave alone.
/// </summary>
public sealed class CoachV11RuleTests
{
    [Theory]
    // A German second main clause after "und", its verb second: after an adverb, or with a thing as its subject.
    [InlineData("de", "Du hast am Montag die Preisliste ohne Freigabe hochgeladen, und kurz war der Shop für alle Händler leer.", "war der Shop")]
    [InlineData("de", "Im Rundschreiben vom Dienstag steht die alte Hotline und die Mitglieder rufen bei der Zentrale an.", "die Mitglieder rufen")]
    // ... and a count of things after the inverted verb.
    [InlineData("de", "Der Kühlraum in Halle 3 ist am Wochenende ausgefallen, und dabei sind zwei Paletten Salat kaputtgegangen.", "zwei Paletten")]
    // The receiver's part named as the cause: "wegen deiner", "por culpa de tu".
    [InlineData("de", "Die Abrechnung für Oktober ging wegen deiner fehlenden Stundenzettel erst am Zehnten raus.", "wegen deiner")]
    [InlineData("es", "La entrega del martes se retrasó por culpa de tu cambio de último minuto en el diseño.", "por culpa de tu")]
    public void Review_V11Effect_IsMet(string language, string text, string evidence)
    {
        var why = Review(text, language).Why;
        Assert.True(why.Verdict == Verdict.Met, Evidence(why));
        Assert.Contains(why.Evidence, e => e.Contains(evidence, StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    // "und" joining two nouns, or a relative clause after it, is no second main clause.
    [InlineData("de", "Danke für die Agenda und die Raumbuchung für den Workshop am Donnerstag.")]
    [InlineData("de", "Du hast die Folien für Freitag und die Notizen, die wir brauchen, schon geschickt.")]
    // A question after "und" asks; it states no effect.
    [InlineData("de", "Hast du die Liste geprüft, und war der Export vom Montag vollständig?")]
    // The writer in the dative after "sein": a judgement or a doubt, nobody affected.
    [InlineData("de", "Was genau du in der Retro gesagt hast, ist mir ehrlich gesagt nicht klar.")]
    [InlineData("de", "Hm, bin mir nicht sicher, ob die Gliederung so funktioniert.")]
    [InlineData("de", "Deine Mail an den Lieferanten war mir etwas zu knapp.")]
    // "wegen" about a matter, not the receiver's part.
    [InlineData("de", "Hast du kurz Zeit wegen der Sache mit dem Lieferanten?")]
    public void Review_V11LookAlike_NamesNoEffect(string language, string text)
    {
        var why = Review(text, language).Why;
        Assert.True(why.Verdict == Verdict.Missing, Evidence(why));
    }

    [Fact]
    public void Review_WriterAffectedAfterAVerb_StillCounts()
    {
        // The judgement rule takes "mir" only right after a form of "sein"; what the work did to the writer stays an effect.
        var why = Review("Dein Skript für die Inventur hat mir am Samstag drei Stunden gespart.", "de").Why;
        Assert.True(why.Verdict == Verdict.Met, Evidence(why));
    }
}
