using FeedbackBot.Core.Coaching;
using FeedbackBot.Core.Coaching.Languages;
using FeedbackBot.Core.Feedback;
using Microsoft.Extensions.Time.Testing;

namespace FeedbackBot.Core.Tests.Coaching;

/// <summary>
/// Each named feature of <c>specific</c> and <c>why</c> on its own, in each language, with the words it quotes as
/// evidence; and the look-alikes it must not take (a name said in greeting, a German noun, an infinitive).
/// </summary>
public sealed class CoachFeatureTests
{
    private static readonly FakeTimeProvider Time = new(Agreement.Now);

    private static CoachReport Review(string text, string language, FeedbackKind kind = FeedbackKind.Praise) =>
        new FeedbackCoach(Time, CoachLanguages.Find(language)).Review(CoachDraft.FromText(text, kind));

    [Theory]
    [InlineData("en", "Thanks for the help on Tuesday.", "time: \"Tuesday\"")]
    [InlineData("es", "Gracias por la ayuda del martes.", "time: \"martes\"")]
    [InlineData("de", "Danke für die Hilfe am Dienstag.", "time: \"Dienstag\"")]
    [InlineData("en", "Thanks for the notes from the retro.", "occasion: \"retro\"")]
    [InlineData("es", "Gracias por las notas de la reunión.", "occasion: \"reunión\"")]
    [InlineData("de", "Danke für die Notizen aus dem Kundentermin.", "occasion: \"Kundentermin\"")]
    [InlineData("de", "Danke für die Notizen aus der Sprintplanung.", "occasion: \"Sprintplanung\"")]
    [InlineData("en", "You kept calm on the phone.", "place: \"on the phone\"")]
    [InlineData("es", "Mantuviste la calma en la oficina.", "place: \"en la oficina\"")]
    [InlineData("de", "Du bist im Büro ruhig geblieben.", "place: \"im Büro\"")]
    [InlineData("en", "The new README.md is so much clearer.", "artefact: \"README.md\"")]
    [InlineData("en", "Thanks for closing PAY-123 so quickly.", "artefact: \"PAY-123\"")]
    [InlineData("en", "Your post in #deploys was clear.", "artefact: \"#deploys\"")]
    [InlineData("en", "Thanks for helping @sam.", "artefact: \"@sam\"")]
    [InlineData("en", "Your FeedbackCoach refactor reads well.", "artefact: \"FeedbackCoach\"")]
    [InlineData("en", "You handled the Acme account really well.", "artefact: \"Acme\"")]
    [InlineData("en", "The Q3 pricing sheet is spot on.", "artefact: \"Q3\"")]
    [InlineData("es", "Tu análisis de la cuenta de Acme fue muy claro.", "artefact: \"Acme\"")]
    [InlineData("de", "Dein Kommentar in #release war hilfreich.", "artefact: \"#release\"")]
    [InlineData("en", "Your note called it a \"temporary fix\", which was honest.", "quote: \"temporary fix\"")]
    [InlineData("de", "Der Titel „Erste Schritte“ passt genau.", "quote: \"Erste Schritte\"")]
    [InlineData("en", "You rewrote the billing job.", "action: \"rewrote the billing\"")]
    [InlineData("es", "Arreglaste el fallo del carrito.", "action: \"Arreglaste el fallo\"")]
    [InlineData("de", "Du hast den Bericht geschrieben.", "action: \"den Bericht geschrieben\"")]
    public void Review_FindsTheAnchor_AndQuotesIt(string language, string text, string evidence)
    {
        var report = Review(text, language);

        Assert.Equal(Verdict.Met, report.Specific.Verdict);
        Assert.Contains(evidence, report.Specific.Evidence);
    }

    [Theory]
    [InlineData("en", "Great job, Sam!")]
    [InlineData("en", "Thanks Maria for everything.")]
    [InlineData("en", "You worked really hard.")]
    [InlineData("en", "You did a great job.")]
    [InlineData("en", "Thanks for the detailed feedback.")]
    [InlineData("es", "¡Gracias por todo, Marta!")]
    [InlineData("es", "Hiciste un gran trabajo.")]
    [InlineData("de", "Gute Arbeit, Team!")]
    [InlineData("de", "Es ist eine Freude, mit dir zu arbeiten.")]
    [InlineData("de", "Du hast das toll gemacht.")]
    [InlineData("en", "Your energy in every meeting lifts the team.")]
    [InlineData("es", "Eres el mejor compañero en cada sprint.")]
    [InlineData("de", "In jedem Meeting bist du gut vorbereitet.")]
    [InlineData("de", "Am Telefon redest du oft zu schnell.")]
    public void Review_LookAlikes_AreNotASituation(string language, string text)
    {
        Assert.Equal(Verdict.Missing, Review(text, language).Specific.Verdict);
    }

    [Theory]
    [InlineData("en", "In the demo you answered calmly, so the client stayed.", "reason: \", so\"")]
    [InlineData("es", "En la demo respondiste con calma, así que el cliente se quedó.", "reason: \"así que\"")]
    [InlineData("de", "In der Demo hast du ruhig geantwortet, sodass der Kunde geblieben ist.", "reason: \"sodass\"")]
    [InlineData("en", "You handled the Acme escalation calmly, and they renewed.", "result: \"they renewed\"")]
    [InlineData("es", "Llevaste la escalada de Acme con calma, y renovaron el contrato.", "result: \"renovaron\"")]
    [InlineData("de", "Du hast die Eskalation ruhig übernommen, und sie haben verlängert.", "result: \"sie haben verlängert\"")]
    [InlineData("en", "The README is clearer: I set the project up in ten minutes instead of an afternoon.", "number: \"ten minutes instead of\"")]
    [InlineData("en", "You fixed the pipeline on Monday and we shipped a day early.", "number: \"a day early\"")]
    [InlineData("es", "Con el README nuevo lo monté en diez minutos en lugar de una tarde.", "number: \"diez minutos en lugar de\"")]
    [InlineData("de", "Mit der neuen README war das Projekt in zehn Minuten statt an einem Nachmittag eingerichtet.", "number: \"zehn Minuten statt\"")]
    [InlineData("en", "The new alerts went live on Monday, and on-call slept through the night for the first time this month.", "reason: \"for the first time\"")]
    [InlineData("en", "Your checklist for the release was so clear that nobody asked a question.", "reason: \"so clear that\"")]
    [InlineData("es", "Tu guía del lunes era tan clara que nadie preguntó nada.", "reason: \"tan clara que\"")]
    [InlineData("de", "Deine Anleitung vom Montag war so klar, dass niemand nachgefragt hat.", "reason: \"so klar, dass\"")]
    [InlineData("en", "You caught the bug in review yesterday; that query would have taken down checkout.", "reason: \"would have\"")]
    [InlineData("es", "Detectaste el fallo ayer en la revisión; nos habría costado un día entero.", "reason: \"habría\"")]
    [InlineData("de", "Du hast den Fehler gestern im Review gefunden, sonst hätten wir einen Tag verloren.", "reason: \"sonst hätten\"")]
    [InlineData("en", "You rewrote the onboarding doc on Tuesday, and two new hires finished setup alone.", "result: \"two new hires finished\"")]
    [InlineData("en", "You moved the standup on Monday. Support didn't miss a single handover.", "result: \"Support didn't\"")]
    [InlineData("de", "Danke für die Übergabe am Freitag. So konnte ich am Wochenende abschalten.", "result: \"konnte ich\"")]
    [InlineData("es", "Gracias por cubrirme la guardia del sábado. Pude ir a la boda de mi prima.", "result: \"Pude\"")]
    [InlineData("en", "Since Tuesday's fix, refunds post in seconds instead of overnight.", "number: \"seconds instead of\"")]
    public void Review_FindsTheEffect_AndQuotesIt(string language, string text, string evidence)
    {
        var report = Review(text, language);

        Assert.Equal(Verdict.Met, report.Why.Verdict);
        Assert.Contains(evidence, report.Why.Evidence);
    }

    [Theory]
    [InlineData("en", "The sprint demo went over time by 25 minutes.")]
    [InlineData("en", "You rewrote the billing job and shipped it.")]
    [InlineData("es", "La demo del sprint se alargó veinticinco minutos.")]
    [InlineData("de", "Die Sprint-Demo hat 25 Minuten überzogen.")]
    [InlineData("en", "I think maybe the demo could have gone a little smoother.")]
    [InlineData("de", "Echt jetzt, wer hat sich denn diesen Release-Plan ausgedacht?")]
    public void Review_NoEffect_WhyIsMissing(string language, string text)
    {
        Assert.Equal(Verdict.Missing, Review(text, language, FeedbackKind.Constructive).Why.Verdict);
    }

    [Theory]
    [InlineData("en", "Thanks so much for the 'quick' review that took a week.")]
    [InlineData("es", "Gracias por la revisión 'rápida' que tardó una semana.")]
    [InlineData("de", "Danke für das 'schnelle' Review, das eine Woche gedauert hat.")]
    public void Review_ScareQuotesNextToThanks_ReadAsSarcasm(string language, string text)
    {
        var report = Review(text, language, FeedbackKind.Constructive);

        Assert.Equal(Verdict.Missing, report.Kind.Verdict);
        Assert.Contains("sarcasm", report.Tips.Select(t => t.Code));
    }

    [Theory]
    [InlineData("en", "The deploy on Friday skipped the smoke test. Add it to the checklist.", "Add")]
    [InlineData("en", "The customer got the canned reply twice. When the template doesn't fit, add one personal line.", "add")]
    [InlineData("en", "Staging alerts woke me at 2am. Maybe route them to the daytime channel.", "route")]
    [InlineData("es", "El informe de ayer no tenía totales. Revisa las cifras antes de enviarlo.", "Revisa")]
    [InlineData("es", "Las fotos del evento no tienen nombre. Muévelas a la carpeta del equipo.", "Muévelas")]
    [InlineData("es", "Los tres están en el mismo turno. Repartidlos en turnos distintos.", "Repartidlos")]
    [InlineData("es", "En la cotización de ayer faltó el flete. ¿Podría mandar hoy una versión corregida?", "podría")]
    [InlineData("de", "Der Bericht gestern hatte keine Summen. Schick ihn vorher an die Buchhaltung.", "Schick")]
    [InlineData("de", "Im Dienstplan fehlen zwei Nachtdienste. Könnten Sie das bis Mittwoch klären?", "könnten sie")]
    [InlineData("de", "Die Folien waren zu voll. Wie wär's, wenn du nur drei zeigst?", "wie wär's")]
    public void Review_ClauseOpensWithARequest_IsANextStep(string language, string text, string evidence)
    {
        var report = Review(text, language, FeedbackKind.Constructive);

        Assert.Equal(Verdict.Met, report.Actionable.Verdict);
        Assert.Contains(evidence, report.Actionable.Evidence);
    }

    [Theory]
    [InlineData("es", "Eres un desastre, tío.")]
    [InlineData("es", "El que hizo el cuadrante es un inútil.")]
    [InlineData("de", "Du bist so ein Besserwisser.")]
    [InlineData("de", "Du bist echt unfähig.")]
    [InlineData("en", "PLEASE FIX THIS NOW.")]
    public void Review_LabelsAndShouting_AreUnkind(string language, string text)
    {
        Assert.Equal(Verdict.Missing, Review(text, language, FeedbackKind.Constructive).Kind.Verdict);
    }

    [Theory]
    [InlineData("en", "The incident timeline is in CET while the alerts are in UTC. Could you switch it to UTC?")]
    [InlineData("es", "La reunión fue un desastre. ¿Podemos preparar el orden del día antes?")]
    [InlineData("de", "Du hast diese Woche 51 Tickets gelöst. Wahnsinn!")]
    public void Review_AcronymsAndAdmiration_AreKind(string language, string text)
    {
        Assert.Equal(Verdict.Met, Review(text, language).Kind.Verdict);
    }

    [Theory]
    [InlineData("en", "Great talk at the offsite in January.", Verdict.Missing)]
    [InlineData("en", "Thanks for booking the venue for January.", Verdict.Met)]
    [InlineData("es", "Gracias por organizar la mudanza en enero.", Verdict.Missing)]
    [InlineData("de", "Danke für die Planung im März.", Verdict.Met)]
    [InlineData("de", "Wir waren um 14 Uhr fertig statt wie letztes Jahr um 20 Uhr.", Verdict.Met)]
    public void Review_MonthThatDatesTheEvent_IsStaleFromTwoMonthsBack(string language, string text, Verdict expected)
    {
        // Today is 18 March 2026 (Agreement.Now).
        Assert.Equal(expected, Review(text, language).Timely.Verdict);
    }

    [Fact]
    public void Review_ProblemWordInThanks_StaysPraise()
    {
        var coach = new FeedbackCoach(Time, English.Language);

        var thanks = coach.Review(CoachDraft.FromText("Thanks for jumping on the VPN issue this morning."));
        var turned = coach.Review(CoachDraft.FromText("Thanks for the deck, but the numbers were wrong."));

        Assert.Equal(Verdict.NotApplicable, thanks.Actionable.Verdict);
        Assert.Equal(Verdict.Missing, turned.Actionable.Verdict);
    }

    [Fact]
    public void Review_WhyMissing_TipQuotesTheMomentItFound()
    {
        var report = Review("Great job on Tuesday's demo.", "en");

        var why = Assert.Single(report.Tips, t => t.Code == CoachCriteria.Why);
        Assert.StartsWith("You named \"Tuesday\".", why.Message);
        Assert.Contains(English.Language.Messages.WhyTip, why.Message);
    }

    [Fact]
    public void Review_VaguePraise_TipQuotesThePraise()
    {
        var report = Review("¡Buen trabajo!", "es");

        var specific = Assert.Single(report.Tips, t => t.Code == CoachCriteria.Specific);
        Assert.StartsWith("\"buen trabajo\" es cálido", specific.Message);
        Assert.Contains("Por ejemplo", specific.Message);
    }

    [Fact]
    public void Review_ManyNumbers_EvidenceStaysShort()
    {
        var text = string.Join(' ', Enumerable.Range(1, 2_000).Select(i => $"item {i} done,"));

        var report = Review(text, "en");

        Assert.InRange(report.Specific.Evidence.Count, 1, 6);
    }
}
