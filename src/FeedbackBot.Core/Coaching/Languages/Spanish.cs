namespace FeedbackBot.Core.Coaching.Languages;

/// <summary>
/// Spanish rules as data, written for the Spanish of work chat (tú, as most teams write to each other; usted
/// forms are listed where they differ). Same shape as <see cref="English"/>: each entry should be explainable
/// to someone who asks why the coach said what it said. Words are listed with and without accents where people
/// often drop them in chat ("reunion", "demostracion").
/// </summary>
public static class Spanish
{
    public static CoachLanguage Language { get; } = new()
    {
        Code = "es",
        Name = "Español",
        Alphabet = [('a', 'z'), ('A', 'Z'), ('\u00C0', '\u024F')],
        CommonWords =
        [
            "el", "la", "los", "las", "que", "de", "del", "y", "por", "para", "con", "una", "un", "fue", "muy", "tu", "tus",
            "te", "se", "lo", "al", "como", "pero", "más", "gracias", "bien", "hecho", "trabajo", "ayer", "cuando",
            "porque", "equipo", "reunión", "hiciste", "nos", "le", "mi", "su", "sin", "esta", "este", "eso", "también",
            "podrías", "ha", "hemos", "cliente", "muchas", "buen", "buena", "sobre", "todo", "qué",
        ],
        DistinctiveLetters = "ñáéíóú¿¡",
        TimePhrases =
        [
            "lunes", "martes", "miércoles", "miercoles", "jueves", "viernes", "sábado", "sabado", "domingo",
            "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "setiembre", "octubre",
            "noviembre", "diciembre", "ayer", "anoche", "anteayer", "esta mañana", "esta manana", "esta tarde",
            "esta noche", "fin de semana", "finde", "madrugada", "hoy por la mañana", "ayer por la tarde", "la semana pasada",
        ],
        DeicticTimePhrases = ["hoy", "esta semana", "este mes"],
        SituationPhrases =
        [
            "demo", "demostración", "demostracion", "reunión", "reunion", "daily", "stand up", "standup", "retro",
            "retrospectiva", "llamada", "videollamada", "webinar", "seminario", "caída", "caida", "incidencia", "incidente",
            "lanzamiento", "versión", "version", "presentación", "presentacion", "charla", "kickoff", "planificación",
            "planificacion", "taller", "entrevista", "sprint", "migración", "migracion", "despliegue", "deploy",
            "guardia", "formación", "formacion", "auditoría", "auditoria", "pipeline", "build", "hotfix", "parche",
            "revisión de código", "revision de codigo", "code review", "pull request", "pr", "informe", "reporte",
            "correo", "email", "mail", "diapositiva", "diapositivas", "presentación", "documento", "doc", "ticket",
            "commit", "dashboard", "tablero", "checklist", "script", "propuesta", "hoja de cálculo", "hoja de calculo",
            "excel", "canal", "wiki", "página", "pagina", "errata", "factura", "producción", "produccion",
            "funcionalidad", "estimación", "estimacion", "resumen", "contrato", "presupuesto", "previsión", "prototipo",
            "maqueta", "diagrama", "notas de la versión", "fallo", "inventario", "cierre",
            "traspaso", "escalado", "readme", "consulta", "hoja de ruta", "roadmap", "comité", "comite", "junta",
            // Events and the everyday artefacts of any team (coach v4).
            "evento", "fiesta", "cena", "congreso", "campaña", "newsletter", "encuesta", "plantilla", "formulario", "repo",
        ],
        PlacePhrases =
        [
            "en la oficina", "en el despacho", "en las oficinas", "en casa del cliente", "en el cliente",
            "en la sala", "por teléfono", "por telefono", "en el escenario", "en el stand", "en la recepción",
            "en el almacén", "en el pasillo", "en la cocina",
        ],
        CapitalisedNonNames = ["ok", "vale", "nunca", "siempre", "no", "sí", "si", "por", "favor", "qué", "que", "todo", "nadie", "otra", "vez", "dios"],
        Greetings = ["gracias", "hola", "querido", "querida", "felicidades", "enhorabuena", "bravo", "buenas"],
        Determiners =
        [
            "el", "la", "los", "las", "un", "una", "tu", "tus", "su", "sus", "nuestro", "nuestra", "nuestros", "nuestras",
            "ese", "esa", "este", "esta", "aquel", "aquella", "mi", "mis", "del", "al",
        ],
        PastForms =
        [
            "dijiste", "escribiste", "pusiste", "trajiste", "diste", "fuiste", "viste", "supiste", "resolviste",
            "dijo", "escribió", "puso", "trajo", "dio", "resolvió", "dicho", "escrito", "puesto",
            "resuelto", "abierto", "visto", "vuelto", "cubierto", "propuesto", "rehecho", "condujiste", "condujo",
        ],
        PastSuffixes = ["aste", "iste", "ó", "aron", "ieron"],
        PastExceptions =
        [
            "existe", "insiste", "triste", "consiste", "resiste", "chiste", "persiste", "asiste", "subsiste", "también",
            "contraste", "después", "además", "quizás", "jamás", "detrás", "atrás", "según", "nació", "algodón", "pasó",
        ],
        GeneralVerbs =
        [
            "hiciste", "hizo", "hecho", "fue", "fuiste", "fueron", "estuvo", "estuviste", "tuvo", "tuviste", "pareció", "gustó", "encantó", "quisiste",
            "sido", "estado", "tenido", "intentaste", "intentó", "pensé", "creí", "sentí", "esperaba",
        ],
        // Not "he": what I have done is not an observation of theirs ("he aprendido un montón").
        PerfectAuxiliaries = ["has", "ha", "hemos", "han", "habéis", "habías", "había", "habían"],
        ParticipleSuffixes = ["ado", "ada", "ido", "ida", "ados", "idos"],
        // Spanish drops the subject: "..., y renovaron el contrato" is a result with no "ellos".
        // v8: and the writer's side in the plural ("estuvimos una semana sin", "hoy detectamos", "conseguimos").
        SubjectlessResultSuffixes = ["aron", "ieron", "ó", "amos", "imos", "ábamos"],
        // v9: "y logística no llega", "no pudimos": what did not happen, after "no" in a later clause.
        NegatedResultSuffixes = ["a", "an", "e", "en", "ó", "aron", "ieron", "ían", "aban", "ía", "aba", "amos", "imos"],
        ResultSubjects =
        [
            "ellos", "ellas", "nosotros", "ella", "él", "el equipo", "todo el equipo", "todos", "nadie", "el cliente",
            "la clienta", "los clientes", "nuestros clientes", "los usuarios", "los nuevos", "la gente", "soporte",
            "el equipo de soporte", "ventas", "finanzas", "la dirección", "los revisores", "el candidato", "la candidata",
            "tres equipos", "dos equipos", "otros equipos", "yo", "eso", "esto", "muchos", "muchas", "la mitad", "la guardia", "todos",
            "el director", "la directora", "los meseros", "las mesas", "me", "nos",
            // v10: some of the people just named ("y algunos se lo toman a mal").
            "algunos", "algunas",
        ],
        ResultVerbs =
        [
            "pudo", "pudimos", "pudieron", "pudiste", "pude", "puede", "podemos", "pueden", "ya no", "no tuvo que", "acaban", "acabaron",
            "tardan", "ya", "recuperamos", "perdimos", "ahorraron", "ahorraste", "acaba", "acabó", "acabamos",
            "no tuvimos que", "no tuvieron que", "por fin", "ahora",
            // v7: a state lasting after the action, as English "still" and "by now" (v3) and Spanish "ya".
            "todavía", "aún", "hasta hoy", "a estas alturas",
        ],
        ClauseLinks = ["y", "e", "luego"],
        ChangeWords =
        [
            "en vez de", "en lugar de", "frente a", "menos de", "antes de lo previsto", "antes", "más rápido",
            "mas rapido", "por ciento", "la mitad", "redujo", "reducido", "bajó", "duplicó", "ahorró", "ahorramos", "bajaste", "por debajo de",
            "esperarte", "esperar", "esperando",
            // v5: a quantity lost, or compared with the plan.
            "desde hace", "perdió", "perdieron", "perdí", "perdiste", "de lo previsto", "que lo previsto", "de lo esperado", "el doble",
        ],
        NumberWords =
        [
            "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez", "once", "doce", "quince",
            "veinte", "treinta", "cincuenta", "cien", "mitad", "un día", "una semana", "una hora", "un mes", "una tarde",
            "una mañana", "cero", "segundos", "minutos", "horas", "días", "semanas", "media mañana", "medio día",
            // v6: a whole span of time is a quantity ("perdimos toda la tarde").
            "toda la tarde", "toda la mañana", "todo el día", "toda la semana",
        ],
        ImpactPhrases =
        [
            "porque", "ya que", "puesto que", "gracias a", "por eso", "el resultado es", "el resultado fue", "en un tercio", "en una cuarta parte", "en dos tercios", "así que", "asi que", "de modo que", "de forma que",
            "para que", ", lo que", ", lo cual", "lo que hizo", "lo que permitió", "lo que significó",
            // v11: the receiver's part named as the cause, like "gracias a" (German "wegen deiner").
            "por culpa de tu", "por culpa de tus", "por culpa tuya", "por culpa de su", "por culpa de sus", "debido a tu", "debido a tus",
            "como resultado", "como consecuencia", "por lo que", "ayudó", "ayuda a", "nos ayudó", "ahorró", "nos ahorró",
            "evitó", "permitió", "nos permitió", "desbloqueó", "bloqueó", "retrasó", "retrasa", "confundió",
            "confusión", "causó", "provocó", "hizo que", "significó", "impacto", "diferencia", "tuvimos que",
            "tuve que", "tuvo que", "tuvieron que", "más fácil", "mas facil", "más difícil", "mas dificil", "riesgo",
            "en riesgo", "ganamos", "nos agradeció", "agradeció", "inspiró", "se dio cuenta", "se sintió", "me sentí",
            "nos sentimos", "se sintieron", "se quedó callada", "se quedó callado", "dejó de", "dejaron de", "costó",
            "nos costó", "desde entonces", "sin tener que", ", así", "así el", "así la", "así los", "así todos",
            // v6: the impersonal of "tuvimos que" (what it forced); a multiplied quantity in every person, like "doubled".
            // v7: what the work became, a change of state ("se convirtió en la herramienta").
            "se convirtió en", "se ha convertido en", "convirtió un", "convirtió una", "pasó a ser",
            "hubo que", "duplicamos", "duplicaron", "duplicaste", "triplicamos", "triplicaron", "triplicó", "triplicaste",
            // A first time, a change since the action, what would have happened without it.
            "por primera vez", "desde que", "desde tu", "desde su", "habría", "habríamos", "habrían", "hubiera", "hubiéramos",
            "me ahorraron", "nos ahorraron", "me ayudó", "me ha ayudado", "nos ha ayudado", "ha ayudado", "nos ha dejado",
            "me han preguntado", "se quedó parado", "se quedó parada", "tardan más", "con su explicación", "con tu cambio",
            ", con lo que",
            // v4: the present of the causative ("hace que"), "se notó" (it showed), "nos deja" (what it leaves us
            // with), a first time said with a possessive ("su primer despliegue"), "la razón".
            "hace que", "hacen que", "hará que", "se notó", "se nota en", "nos deja", "nos dejó", "su primer", "su primera",
            "sus primeros", "sus primeras", "la razón",
            // v5: what would happen without it (a counterfactual consequence).
            "sin eso", "sin esto", "sin ello", "de lo contrario",
        ],
        ImpactExceptions =
        [
            ", así que bien", "así que nada", "habría sido", "habría gustado", "me habría gustado",
            // v9: "se nota en todo/cada ..." shows the trait everywhere, it names no effect ("eso se nota en cómo trabaja
            // el equipo" still does).
            "se nota en todo", "se nota en cada",
        ],
        SuggestionPhrases =
        [
            "la próxima vez", "la proxima vez", "próxima vez", "podrías", "podrias", "puedes", "podríamos", "podemos",
            "te sugiero", "sugiero", "sugerencia", "te propongo", "propongo", "qué tal si", "que tal si", "y si",
            "prueba a", "intenta", "intentemos", "considera", "por favor", "sería genial si", "seria genial si",
            "me encantaría que", "ayudaría", "ayudaria", "en adelante", "a partir de ahora", "en el futuro", "de ahora en adelante",
            "en lugar de eso", "quizá podrías", "tal vez podrías", "vale la pena", "te recomiendo", "recomiendo",
            "asegúrate de", "asegurate de", "acuérdate de", "recuerda", "deberías", "deberias", "deberíamos", "hagamos",
            "te pediría", "te pido", "le pediría", "porfa", "porfis", "podría", "podrían", "la próxima", "para la próxima", "a ver si",
            "¿qué te parece", "qué te parece", "que te parece",
            // v4: "te agradecería que" is "it would help if"; "cuando puedas" only frames a request; "el próximo",
            // "la siguiente" are "la próxima" in other genders and words.
            "te agradecería", "le agradecería", "les agradecería", "os agradecería", "cuando puedas", "cuando pueda",
            "cuando puedan", "en el próximo", "para el próximo", "para la siguiente", "para el siguiente", "a partir de ya",
            // v5: "la próxima" in the plural; a proposal announced as one.
            "las próximas", "los próximos", "para las próximas", "para los próximos", "propuesta:",
            // v5: a counterfactual evaluation that proposes the alternative.
            "no sería mejor", "sería mejor", "no convendría", "convendría",
            // v8: the same evaluation of an easier or good alternative ("estaría bueno que me avises"); a request
            // put to anyone on the team ("¿Alguien puede liberarla?").
            "no sería más fácil", "sería más fácil", "estaría bueno que", "estaría bien que", "sería bueno que",
            "alguien puede", "puede alguien", "alguien podría", "podría alguien",
            // v10: a polite request asked as whether it can be done.
            "sería posible", "seria posible", "es posible que", "habría forma de",
            // v10: "te pido" said to "usted" and to several people.
            "le pido", "les pido", "os pido",
        ],
        SuggestionExceptions =
        [
            "podrías haber", "podrias haber", "deberías haber", "deberias haber", "podríamos haber", "deberíamos haber",
            "y si no", "por favor no me", "podría haber", "podrían haber", "podría ser", "la próxima semana", "la próxima reunión",
            // v5: a question about what the receiver remembers or knows asks for nothing.
            "acordás", "acuerdas", "recordás", "recuerdas", "sabes", "sabés",
            // v5: a question about what the receiver thinks asks for an opinion, not an action.
            "crees", "creés", "piensas", "pensás",
            // v10: asking to talk names no step (it announces the feedback).
            // v10: an apology, not a request ("le pido disculpas").
            "le pido disculpas", "les pido disculpas", "os pido disculpas",
            "podemos hablar", "podemos charlar", "tenés un rato para charlar", "tienes un rato para charlar",
            "tenés un rato para hablar", "tienes un rato para hablar", "tiene un rato para hablar",
        ],
        ProblemPhrases =
        [
            "tarde", "se te pasó", "olvidaste", "faltaba", "faltaban", "falta", "error", "errores", "fallo", "roto",
            "rompiste", "rompió", "no", "nunca", "demasiado", "interrumpiste", "interrumpió", "difícil de", "confuso",
            "problema", "debajo de", "duro", "mejorar", "en lugar de", "debería", "falló", "se cayó", "desastre",
            "peor", "retraso", "sin avisar", "mal", "equivocado", "equivocada", "incompleto", "incompleta",
            // v4: complaints and duplicates are problems in any domain.
            "queja", "quejas", "reclamado", "reclamación", "reclamaron", "duplicado", "duplicados", "duplicada", "duplicadas",
            // v5: someone left without the information they needed.
            "ni idea", "sin saber",
        ],
        ProblemExceptions = ["no tuve que", "no tuvimos que", "no hizo falta", "no tuvo que"],
        ZeroQuantities = ["cero", "ni un solo", "ni una sola", "ni un", "ni una"],
        WithoutWords = ["sin"],
        AnyWords = ["nadie", "solo", "sola", "ningún", "ninguna"],
        RangeFrom = ["de", "desde"],
        RangeTo = ["a", "hasta"],
        Comparatives = ["más", "menos", "mejor"],
        ConditionWords = ["cuando", "si"],
        AgoWords = ["hace"],
        StaleUnits = ["mes", "meses", "año", "años", "trimestre", "trimestres"],
        DeadlineWords = ["hasta"],
        CopulaWords = ["eres", "fuiste", "estás", "estabas", "estuviste", "sois", "erais"],
        DelightVerbs = ["encantó", "encanta", "encantado", "gustó", "encantará"],
        ExperienceSuffixes = ["ar", "er", "ir", "arte", "erte", "irte", "arnos", "ernos", "irnos"],
        VaguePraisePhrases =
        [
            "buen trabajo", "gran trabajo", "excelente trabajo", "bien hecho", "muy bien", "genial", "increíble",
            "increible", "eres un crack", "eres una crack", "crack", "sigue así", "sigue asi", "enhorabuena",
            "felicidades", "gracias por todo", "eres el mejor", "eres la mejor", "qué orgullo", "buen esfuerzo",
            "gracias", "muchas gracias", "fenomenal", "estupendo", "bravo",
        ],
        AbsolutePhrases = ["siempre", "nunca", "cada vez", "constantemente", "todo el rato", "todo el tiempo", "jamás", "cada una de las veces"],
        PersonalAbsolutePhrases =
        [
            "siempre llegas", "nunca escuchas", "tú siempre", "tu siempre", "tú nunca", "tu nunca", "siempre estás",
            "nunca estás", "siempre haces", "nunca haces", "cada vez que tú", "otra vez tú", "sigues sin",
        ],
        PersonWords = ["tú", "tu", "eres", "estás", "estas", "te", "usted", "él", "ella", "ellos", "ellas", "siendo", "pareces", "fuiste", "estuviste", "sois", "contigo"],
        CharacterLabels =
        [
            "vago", "vaga", "descuidado", "descuidada", "chapucero", "chapucera", "incompetente", "inútil", "inutil",
            "estúpido", "estúpida", "tonto", "tonta", "despistado", "despistada", "maleducado", "maleducada",
            "arrogante", "egoísta", "egoista", "difícil", "poco profesional", "terrible", "horrible", "pesado", "pesada",
            "irresponsable", "informal", "tóxico", "tóxica", "desorganizado", "desorganizada", "mandón", "mandona",
            "agresivo", "agresiva", "inmaduro", "inmadura", "patético", "patética", "negativo", "negativa", "negado", "negada",
            "soberbio", "soberbia", "vaga", "inepto", "inepta", "prepotente", "sabelotodo",
        ],
        InsultPhrases =
        [
            "idiota", "imbécil", "imbecil", "payaso", "basura", "porquería", "porqueria", "mierda", "un desastre de persona",
            "me decepcionas", "me has decepcionado", "te da igual", "no te importa", "qué te pasa", "que te pasa",
            "vergüenza", "verguenza", "no das una", "un caso perdido", "un desastre de", "eres un desastre", "es un desastre",
        ],
        AngerPhrases =
        [
            "ridículo", "ridiculo", "inaceptable", "absurdo", "indignante", "vergonzoso", "una locura", "en qué estabas pensando",
            "en que estabas pensando", "por dios", "qué demonios", "que demonios", "estoy harto", "estoy harta",
            "cuántas veces", "cuantas veces", "no me lo puedo creer", "no puedo creer", "es el colmo", "el colmo", "chapuza",
            "vaya chapuza", "una vergüenza",
        ],
        SarcasmPhrases =
        [
            "sí claro", "si claro", "ya claro", "qué bien que", "que bien que", "qué maravilla", "que maravilla", "genial otra vez",
            "muy bonito", "gracias por nada", "menuda sorpresa", "qué sorpresa", "que sorpresa",
            "gracias por dignarte", "por fin te dignas", "gracias por por fin", "todo un detalle", "qué detalle",
            "aplausos", "bravo por romper", "buen trabajo rompiendo", "cómo no", "como no",
            // Delight at one's own loss: "Nada como esperarte 40 minutos".
            "nada como esperar", "nada como esperarte", "me encantó esperar", "me encantó enterarme",
        ],
        HedgePhrases =
        [
            "solo", "sólo", "un poco", "un poquito", "quizá", "quizás", "tal vez", "a lo mejor", "igual", "supongo",
            "posiblemente", "algo", "no estoy seguro", "no estoy segura", "perdón", "perdona", "lo siento", "creo que",
        ],
        MinimiserPhrases =
        [
            "no es para tanto", "no pasa nada", "seguramente sea cosa mía", "será cosa mía", "puedes ignorar", "ignora esto",
            "puede que me equivoque", "igual me equivoco", "es solo una idea", "no es importante",
        ],
        StalePhrases =
        [
            "el trimestre pasado", "el último trimestre", "hace meses", "hace unos meses", "el año pasado", "hace tiempo",
            "hace un tiempo", "allá por", "hace semanas", "hace unas semanas", "el mes pasado", "hace mucho", "hace siglos",
            "a principios de año", "el verano pasado", "el invierno pasado", "la primavera pasada", "el otoño pasado",
            "el semestre pasado",
            // "de" + "el" is "del": "la campaña del año pasado", "el cierre del trimestre pasado".
            "del año pasado", "del trimestre pasado", "del mes pasado", "del verano pasado", "del semestre pasado",
        ],
        // "del año pasado" dates the event too ("la campaña de Navidad del año pasado").
        StaleExceptions = ["como el año pasado", "que el año pasado"],
        ImperativeVerbs =
        [
            "revisa", "revise", "revisad", "pide", "pida", "pedid", "avisa", "avise", "manda", "mande", "envía", "envia",
            "envíe", "sube", "suba", "pon", "ponle", "ponles", "ponga", "haz", "haga", "di", "dile", "diga", "usa", "usad",
            "añade", "añada", "quita", "cambia", "cambie", "deja", "deje", "vuelve", "vuelva", "llama", "llame", "habla",
            "hable", "comparte", "escribe", "pongan", "escriba", "apunta", "mueve", "cierra", "reparte", "repartid", "manden", "envíen",
            "pregunta", "confirma", "confirme", "asigna", "incluye", "incluya", "prepara", "prepare", "ten", "tenga",
            "acuérdate", "fíjate", "dale", "hazlo", "mándalo", "mándame", "procura", "procure", "evita", "evite", "explica",
            "explique", "corrige", "corrija", "actualiza", "actualice", "comprueba", "compruebe", "verifica", "verifique",
            "espera", "espere", "piensa", "mira", "respeta", "agrupa", "organiza", "organice", "avísame", "avísanos",
        ],
        ImperativeSuffixes = ["dlos", "dlas", "dlo", "dla", "dle", "dles"],
        ImperativeEnclitics = ["la", "las", "le", "les", "lo", "los", "nos", "me"],
        ImperativeSofteners = ["porfa", "porfis", "mejor", "también", "luego", "entonces"],
        ProposalOpeners = ["quizás", "quizá", "quizas"],
        HindsightMarkers = ["haber"],
        ComparisonWords = ["como", "que"],
        DegreeWords = ["tan", "tanto", "tanta", "tantos", "tantas"],
        DegreeConsequence = ["que"],
        HabitWords = ["cada", "todos", "todas", "cualquier"],
        FrequencyWords = ["a menudo", "normalmente", "habitualmente", "siempre", "suele", "sueles", "soléis", "veces", "menudo", "tiendes", "tiende"],
        IndefiniteArticles = ["un", "una"],
        ThanksWords = ["gracias", "agradezco", "enhorabuena", "felicidades"],
        ContrastWords = ["pero", "aunque", "sin embargo", "eso sí", "solo que"],
        MonthNames =
        [
            "enero", "febrero", "marzo", "abril", "mayo|primavera", "junio", "julio", "agosto|verano", "septiembre|setiembre", "octubre",
            "noviembre", "diciembre",
        ],
        PastMonthPrepositions = ["en", "desde"],
        Acronyms =
        [
            "API", "CEO", "CTO", "RRHH", "QA", "UI", "UX", "PR", "SQL", "AWS", "CI", "CD", "OKR", "KPI", "JSON", "HTML",
            "HTTP", "URL", "SLA", "MVP", "ROI", "CSS", "SDK", "RGPD", "GDPR", "SSO", "CRM", "ERP", "IA", "TI", "PDF", "NPS",
            "EEUU", "UE",
        ],
        // Coach v5 (grammar of the rules in CoachLanguage.cs).
        PraiseWords = ["útil", "genial", "precioso", "preciosos", "preciosa", "preciosas", "maravilla", "buenísimo", "buenísima", "excelente", "perfecto", "perfecta", "impecable", "fantástico", "fantástica", "brillante", "estupendo", "estupenda", "encanta", "encantó", "gusta", "gustó", "agradezco", "agradecido", "agradecida", "crack", "increíble", "bueno", "buena", "buen", "orgullo", "orgulloso", "orgullosa", "detallazo", "lujo", "top", "bonito", "bonita", "chévere", "padrísimo", "bravo", "bien", "encantado", "encantada", "encantados", "encantadas", "contento", "contenta", "contentos", "contentas", "feliz", "felices", "útiles", "excelentes", "perfectos", "perfectas", "geniales", "buenos", "buenas", "increíbles", "impecables", "agradecidos"],
        ReceiverWords = ["tú", "tu", "tus", "te", "ti", "contigo", "usted", "ustedes", "vos", "os", "vosotros", "vuestro", "vuestra", "eres", "estás", "has", "fuiste", "estuviste", "sois", "habéis"],
        ReceiverSuffixes = ["aste", "iste", "asteis", "isteis"],
        QuestionVerbSuffixes = ["as", "es", "ás", "és", "ís", "amos", "emos", "imos", "rías", "ríamos"],
        ObjectClitics = ["lo", "la", "los", "las", "le", "les", "me", "nos", "te", "se", "os"],
        RarityPhrases = ["por fin", "por una vez", "al fin"],
        NearMissWords = ["casi"],
        ThenWords = ["entonces"],
        // v6: "así" before who was affected or a negation, as "so" (v3 listed only "así el", "así la", ...).
        ConsequenceWords = ["así"],
        ProportionWords = ["de"],
        NegationWords = ["no", "nunca"],
        SelfSubjects = ["yo", "nosotros", "nosotras"],
        TeamSubjects = ["nosotros", "nosotras"],
        Obligations = ["necesitamos", "tenemos", "debemos", "deberíamos", "tendríamos"],
        // v9: "nos" is always a clitic before its verb: what the work did to the writer's side ("nos salvó").
        WriterObjects = ["nos"],
        PronounSubjects = ["me", "nos", "eso", "esto"],
        RepetitionWords = ["también", "nuevo"],
        LearnPhrases = ["enterarme", "enterarnos", "enterarse"],
        ExclamationPhrases = ["ah", "oh", "vaya", "anda", "uy", "ay", "guau", "wow", "mira", "ah mira", "hala", "olé"],
        MockAgreementPhrases = ["claro", "sí claro", "si claro", "ya claro", "cómo no", "como no", "claro que sí"],
        AgainPhrases = ["otra vez", "otro", "otra", "de nuevo", "una vez más", "una vez mas", "otro más", "otra más"],
        Messages = new()
        {
            NoSituation = "no hay una situación concreta (no se nombra un momento, un lugar, un evento ni un trabajo)",
            AnchorFound = "Mencionas \"{0}\".",
            VagueFound = "\"{0}\" es cálido, pero por sí solo es general.",
            ForExample = "Por ejemplo",
            ScareQuotes = "una palabra entre comillas junto a un agradecimiento",
            OnlyVaguePraise = "solo elogio general",
            EmptyPart = "el campo {0} está vacío",
            NoImpact = "no se dice el efecto ni el motivo (no hay \"porque\", \"así que\", \"lo que permitió\" ni nada parecido)",
            NoSuggestion = "no hay una propuesta de qué hacer a partir de ahora",
            PraiseNeedsNoStep = "un elogio no necesita un siguiente paso",
            NothingUnkind = "no hay etiquetas, enfado ni sarcasmo",
            NothingStale = "nada indica que el hecho sea antiguo",
            EventDaysAgo = "el hecho fue hace {0} días",
            EventInFuture = "la fecha del hecho está en el futuro",
            Shouting = "mayúsculas",
            Exclamations = "signos de exclamación repetidos",
            NothingToReviewEvidence = "no hay nada que revisar",

            SpecificTip = "Di en qué momento fue, para que sepa exactamente qué repetir o cambiar.",
            SpecificExamplePraise = "En la demo del martes le explicaste al cliente el flujo de facturación paso a paso.",
            SpecificExampleConstructive = "En la daily de ayer interrumpiste dos veces a María mientras explicaba el fallo.",
            WhyTip = "Añade qué diferencia marcó, para que vea por qué importa.",
            WhyExamplePraise = "..., lo que le dio al cliente la confianza para renovar el contrato.",
            WhyExampleConstructive = "..., así que dejó de contar su parte.",
            ActionableTip = "Propón un paso concreto que pueda probar.",
            ActionableExample = "La próxima vez, ¿podrías dejarla terminar y luego hacer tus preguntas?",
            KindTip = "Léelo como lo leería quien lo recibe. Describe qué pasó y qué cambió, y deja fuera las palabras sobre cómo es la persona.",
            KindExample = "Al informe del viernes le faltaban los totales, así que finanzas tuvo que rehacer la previsión.",
            TimelyTip = "Esto pasó hace tiempo. El feedback funciona mejor a los pocos días; si aún merece la pena, di por qué ahora, o elige un ejemplo reciente.",
            StaleTip = "Esto menciona algo antiguo. El feedback funciona mejor a los pocos días, así que un ejemplo reciente será más fácil de aplicar.",
            TimelyExample = "En la revisión de esta semana, ...",

            LabelTip = "Describe lo que hizo en lugar de cómo es. Lo que hacemos se puede cambiar; una palabra sobre cómo es alguien suele ponerle a la defensiva. Por ejemplo: 'Al informe del viernes le faltaban los totales.'",
            AngerTip = "Se nota que estás molesto. Es comprensible; quizá ayude esperar a que se enfríe y escribir en minúsculas y con puntuación tranquila, para que se oiga el mensaje y no el tono.",
            SarcasmTip = "Por escrito, el sarcasmo puede sonar a desprecio. Di directamente lo que quieres decir, por ejemplo: 'El despliegue del viernes falló; ¿podríamos añadir una prueba rápida antes de desplegar?'",
            AbsoluteTip = "Palabras como 'siempre' y 'nunca' invitan a discutir las excepciones. Prueba con uno o dos momentos recientes: 'En las dos últimas dailies, ...'",
            VaguePraiseTip = "Un elogio así sienta bien, y con detalle vale más: di qué hizo y qué cambió, para que sepa qué repetir.",
            HedgingTip = "Suavizarlo tanto puede esconder lo que quieres decir. Ser claro también es amable: di con sencillez lo único que te gustaría cambiar.",
            ConciseTip = "Es largo ({0} palabras). ¿Podrías dejarlo en uno o dos momentos, los que más importan? Situación, impacto y una propuesta en tres frases suele bastar.",
            LongSentenceTip = "Una frase tiene {0} palabras. Si la partes, se entenderá mejor.",
            TruncatedTip = "Solo he revisado los primeros {0} caracteres. Para algo tan largo, quizá mejor dividirlo o hablarlo en persona.",
            OtherLanguageTip = "De momento solo sé acompañar en inglés, español y alemán, así que puede que se me escapen cosas.",
            EmptyTip = "Aún no hay nada que revisar. Un buen comienzo es el momento: 'En la daily de hoy, ...'",
            NotTextTip = "Esto no parece texto, así que no hay nada que revisar.",
            InternalErrorTip = "No he podido revisar este borrador. Tu mensaje no cambia; puedes enviarlo igualmente.",
        },
    };
}
