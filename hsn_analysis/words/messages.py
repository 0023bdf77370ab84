"""Every Swedish message about something that went wrong: problems in the input data (file or
sheet, Excel row, column, value) and in the mail configuration, and why a sending failed.

The words shown on pages (statuses, periods, report, index and mail texts) are in `labels`.
"""

from hsn_analysis.words.signals_text import KOLADA_ID_HINT

# --- loading: messages about input data ---
MSG_NO_CSV_FILE = "Filen saknas: hittade ingen {name}.csv i mappen {folder}."
MSG_NO_SETTINGS_FILE = (
    "Filen saknas: hittade ingen installningar.toml i mappen {folder}. Den ska innehålla "
    'minst namn och ar, t.ex. namn = "Hälso- och sjukvårdsnämnden" och ar = 2025.'
)
MSG_NO_SHEET = "Bladet {name} saknas i arbetsboken. Blad som finns: {found}."
MSG_SAME_NAME = (
    "Flera {what} motsvarar {name}: {files}. Ta bort eller byt namn på den som inte ska användas."
)
MSG_NOT_DATASET = (
    "Kan inte läsa {name} som indata. Ange en mapp med CSV-filer (mal.csv, delmal.csv, "
    "indikatorer.csv, utfall.csv, bedomningar.csv och installningar.toml) eller en "
    "Excel-arbetsbok (.xlsx) med blad med samma namn."
)
MSG_OLD_XLS = "Det gamla Excel-formatet .xls kan inte läsas. Spara arbetsboken som .xlsx."
MSG_UNREADABLE = "Filen går inte att läsa ({reason})."
MSG_NOT_WORKBOOK = (
    "Filen går inte att öppna som Excel-arbetsbok (.xlsx); den verkar vara skadad eller av "
    "en annan sort. Spara den från Excel som Excel-arbetsbok (.xlsx)."
)
MSG_BAD_SHEET = "Bladet går inte att läsa; arbetsboken verkar vara skadad."
MSG_NUL = (
    "Filen innehåller NUL-tecken och är ingen CSV-textfil. "
    "Spara den från Excel som 'CSV UTF-8 (kommaavgränsad)'."
)
MSG_ENCODING = (
    "Filen går inte att läsa som text: tecknet på byte {offset} är varken UTF-8 eller "
    "Windows-1252. Spara den från Excel som 'CSV UTF-8 (kommaavgränsad)'."
)
MSG_CSV_ERROR = (
    'Raden går inte att läsa som CSV, troligen för att ett värde börjar med citattecken (") '
    "som aldrig avslutas. Kontrollera citattecknen."
)
MSG_EMPTY = "{what} är tom. Första raden ska vara kolumnrubriker, t.ex. {example}."
MSG_EXTRA_VALUES = (
    "Raden har {n} värden men det finns bara {width} kolumnrubriker. Kontrollera "
    "avgränsaren: ett tal med decimalkomma måste stå inom citattecken när avgränsaren är "
    "komma (eller använd semikolon som avgränsare)."
)
MSG_NO_HEADER = "Kolumn nr {n} har ingen rubrik, så dess värden används inte."
MSG_TOML_SYNTAX = (
    "Felaktig TOML på rad {line}{column}. Skriv en inställning per rad som nyckel = värde "
    'med text inom citattecken och decimalpunkt, t.ex. namn = "Hälso- och sjukvårdsnämnden", '
    "ar = 2025, gul_fran = 85.5."
)
MSG_SETTINGS_ROWS = (
    "Inställningarna ska stå på en enda rad under rubrikraden; rad {first} används redan."
)

# --- validation: messages about input data ---
MSG_PATH_MISSING = (
    "Hittar inte {path}. Ange en mapp med CSV-filer eller en Excel-arbetsbok (.xlsx)."
)
MSG_MISSING_COLUMN = "Kolumnen {column} saknas. Kolumner som finns: {found}."
MSG_SAME_COLUMN = "Kolumnen betyder samma sak som {other} ({column}). Ta bort den ena."
MSG_UNKNOWN_COLUMN = "Kolumnen används inte. Kolumner som används i {table}: {known}."
MSG_EMPTY_CELL = "Värde saknas. Kolumnen {column} måste fyllas i på varje rad."
MSG_DUPLICATE_ID = "{column} finns redan på rad {first}. Varje {column} får bara finnas en gång."
MSG_UNKNOWN_ID = "Okänt {column}: finns inte i {target}. Giltiga är t.ex. {sample}."
MSG_NO_IDS = "Okänt {column}: {target} har inga rader."
MSG_NOT_NUMBER = (
    "Inte ett tal. Skriv bara siffror, t.ex. 12,5 eller 1 234 (decimalkomma eller "
    "decimalpunkt; ett %-tecken efter talet går bra)."
)
MSG_PERCENT_RANGE = "gul_fran är procent av målvärdet och måste vara mellan 0 och 100, t.ex. 90."
MSG_TARGET_TYPE = "Okänd måltyp. Giltiga värden: minst, högst, öka, minska, ingen."
MSG_FREQUENCY = "Okänd frekvens. Giltiga värden: tertial, helår."
MSG_STATUS = (
    "Okänd status. Giltiga värden: uppnås (grön), delvis (gul), uppnås ej (röd); även "
    "kommer att uppnås, kommer delvis att uppnås och kommer inte att uppnås."
)
MSG_DATE = "Inte ett datum. Skriv datum som ÅÅÅÅ-MM-DD, t.ex. 2025-09-26."
MSG_NO_TARGET = (
    "Indikatorn har måltyp {kind} men inget målvärde: fyll i malvarde här eller i utfall. "
    "Använd måltyp ingen för en indikator som följs utan målvärde."
)
MSG_TWO_OUTCOMES = (
    "Indikatorn {id} har redan ett utfall för {period} på rad {first}. Det får bara finnas "
    "ett utfall per indikator och period (2025 och 2025-T3 är samma period)."
)
MSG_TWO_ASSESSMENTS = (
    "Delmålet {id} har redan en bedömning för {period} på rad {first}. Det får bara finnas "
    "en bedömning per delmål och period (2025 och 2025-T3 är samma period)."
)
MSG_FULL_YEAR_EARLY = (
    "Indikatorn {id} har frekvens helår och redovisas bara för helåret. Skriv perioden som "
    "{year} eller {year}-T3, eller ändra indikatorns frekvens till tertial."
)
MSG_FUTURE = "Perioden {period} har inte börjat än (den börjar {start}). Kontrollera året."
MSG_NOT_ASSESSED = (
    "Delmålet {id} har ingen bedömning för {period} och redovisas som ej bedömt, fast "
    "andra delmål är bedömda för perioden."
)
MSG_NO_OUTCOME = (
    "Indikatorn {id} har inget utfall för {period} (utfall saknas), fast andra "
    "indikatorer har utfall för perioden."
)

# --- cells: messages about input data ---
MSG_SETTING_MISSING = "Inställningen {key} saknas. {hint}"
MSG_SETTING_TWICE = "Inställningen {key} står flera gånger ({first}). Ta bort den ena."
MSG_SETTING_UNKNOWN = (
    "Inställningen används inte. Kända inställningar: namn, ar, gul_fran, malstatus_regel, "
    "exempeldata."
)
MSG_SETTING_NOT_SINGLE = "Inställningen ska vara ett enda värde, inte en lista eller tabell."
SETTING_HINTS = {
    "namn": "Ange nämndens namn, t.ex. Hälso- och sjukvårdsnämnden.",
    "ar": "Ange planåret med fyra siffror, t.ex. 2025.",
    "gul_fran": "Ange ett tal mellan 0 och 100 (procent av målvärdet), t.ex. 90.",
    "malstatus_regel": "Giltiga värden: majoritet, sämsta.",
    "exempeldata": "Giltiga värden: true/false, sant/falskt, ja/nej, 1/0.",
    "kolada_id": KOLADA_ID_HINT,
}
MSG_SETTING_INVALID = "Ogiltigt värde. {hint}"

# --- mail_config: the recipient file (mottagare.toml); every message names the file and key ---
MAIL_CFG_NO_FILE = (
    "{file}: filen finns inte. Ange mottagarfilen med --config, t.ex. mottagare.toml."
)
MAIL_CFG_UNREADABLE = "{file}: filen går inte att läsa ({reason})."
MAIL_CFG_NOT_UTF8 = "{file}: filen är inte sparad som UTF-8 (byte {offset}). Spara den som UTF-8."
MAIL_CFG_TOML = (
    "{file}: felaktig TOML ({detail}). Skriv en inställning per rad som nyckel = värde med "
    'text inom citattecken, t.ex. avsandare = "hsn-uppfoljning@region.se".'
)
MAIL_CFG_MISSING = "{file}: nyckeln {key} saknas: {hint}"
MAIL_CFG_VALUE = "{file}: nyckeln {key} har värdet {value}: {hint}"
MAIL_CFG_UNKNOWN = "{file}: nyckeln {key} är okänd och används inte. {hint}"
MAIL_CFG_UNKNOWN_KNOWN = "Kända nycklar {where}: {known}."
MAIL_CFG_UNKNOWN_TOP = "överst i filen"
MAIL_CFG_UNKNOWN_SMTP = "under [smtp]"
MAIL_CFG_DID_YOU_MEAN = "Menade du {name}? "
MAIL_CFG_BELONGS_IN_SMTP = "Den hör till tabellen [smtp]: flytta raden under [smtp]. "
MAIL_CFG_BELONGS_ON_TOP = (
    "Den hör inte till [smtp]: allt som står efter raden [smtp] hamnar där, så flytta raden "
    "upp före [smtp]. "
)
MAIL_CFG_PASSWORD_KEY = (
    "{file}: nyckeln {key}: lösenordet får inte stå i filen. Ta bort raden och lägg lösenordet "
    "i miljövariabeln {variable} (en annan variabel anges med smtp.losenord_variabel)."
)
MAIL_CFG_NO_PASSWORD = (
    "{file}: nyckeln smtp.anvandare har värdet {user}, men miljövariabeln {variable} med "
    "lösenordet saknas eller är tom. Sätt {variable} innan utskicket, eller ta bort "
    "smtp.anvandare om servern tar emot post utan inloggning."
)
MAIL_CFG_DUPLICATE = (
    "{file}: nyckeln mottagare har adressen {address} två gånger (post {first} och {second}). "
    "Ta bort den ena."
)
MAIL_HINT_SENDER = (
    'ange avsändarens adress, t.ex. avsandare = "HSN uppföljning <hsn-uppfoljning@region.se>".'
)
MAIL_HINT_RECIPIENTS = (
    'ange en lista med minst en adress, t.ex. mottagare = ["Anna Andersson '
    '<anna.andersson@region.se>", "sekreterare@region.se"].'
)
MAIL_HINT_SMTP = "lägg till tabellen [smtp] med minst server och sakerhet."
MAIL_HINT_TABLE = "ange tabellen som [smtp] på en egen rad, följd av dess nycklar."
MAIL_HINT_SERVER = 'ange e-postserverns namn, t.ex. server = "smtp.region.se".'
MAIL_HINT_SERVER_PORT = "ange bara serverns namn; porten anges för sig, t.ex. port = {port}."
MAIL_HINT_SERVER_SCHEME = 'ange bara serverns namn utan "{scheme}", t.ex. smtp.region.se.'
MAIL_HINT_SECURITY = (
    'ange sakerhet = "starttls" (vanligast, port 587), "ssl" (port 465) eller "ingen" (bara '
    "för en server i det egna nätet); fråga IT vilket servern använder."
)
MAIL_HINT_TEXT = "ange en text inom citattecken."
MAIL_HINT_ONE_LINE = "texten får inte innehålla radbrytningar eller andra styrtecken."
MAIL_HINT_PORT = "ange ett heltal 1–65535."
MAIL_HINT_TIMEOUT = "ange ett positivt antal sekunder, t.ex. 30."
MAIL_HINT_VARIABLE = (
    "ange namnet på en miljövariabel: versaler A–Z, siffror och _, t.ex. HSN_SMTP_LOSENORD."
)
MAIL_HINT_USER = (
    "ange användarnamnet som text, eller ta bort raden om servern inte kräver inloggning."
)
MAIL_HINT_CA_MISSING = "filen finns inte. Ange sökvägen till regionens CA-certifikat (PEM)."
MAIL_HINT_CA_BAD = "filen går inte att läsa som CA-certifikat i PEM-format ({reason})."
MAIL_HINT_SUBJECT_EMPTY = "ämnesraden får inte vara tom."
MAIL_HINT_SUBJECT_FIELD = (
    "okänt fält {{{name}}}. Fält som går att använda: {{period}} (Tertial 2 2025), "
    "{{kod}} (2025-T2), {{namnd}} och {{ar}}."
)
MAIL_HINT_SUBJECT_BRACES = (
    "klamrarna stämmer inte ({reason}). Skriv {{{{ eller }}}} för en klammer som ska synas."
)
MAIL_HINT_ADDRESS = (
    "det är ingen e-postadress. Skriv namn@domän.se, gärna med namn före: "
    "Anna Andersson <anna.andersson@region.se>."
)
MAIL_HINT_ADDRESS_MANY = (
    'ange en adress per post, var och en inom egna citattecken: ["a@region.se", "b@region.se"].'
)
MAIL_HINT_ADDRESS_LOCAL = "adressen saknar namnet före @."
MAIL_HINT_ADDRESS_DOMAIN = "adressen saknar en domän med punkt efter @, t.ex. @region.se."
MAIL_HINT_ADDRESS_ASCII = (
    "delen före @ har tecken utanför a–z ({chars}); en sådan adress kräver SMTPUTF8, som "
    "e-postservern inte förutsätts ha. Använd adressens form utan å, ä och ö."
)
MAIL_HINT_ADDRESS_IDNA = "domänen går inte att skriva om till ASCII (IDNA)."
MAIL_HINT_RECIPIENT_LIST = (
    'ange mottagarna som en lista, t.ex. mottagare = ["anna.andersson@region.se"].'
)
MAIL_HINT_RECIPIENTS_EMPTY = "listan är tom; ange minst en mottagare."

# --- mail_send: why a sending failed (logged as "steget utskick misslyckades: …" and kept in the
# mail log). {server} is host:port.
MAIL_LOG_CONNECTING = "Ansluter till %s (%s) för utskick av %s till %d mottagare."
MAIL_LOG_DELIVERED = "Rapporten %s levererad till %d mottagare via %s."
MAIL_LOG_PLAIN_LOGIN = "Loggar in som %s på %s utan kryptering (sakerhet = ingen)."
MAIL_LOG_NOT_RECORDED = "Utskicket kunde inte antecknas i %s: %s"
MAIL_LOG_BROKEN = "Utskicksloggen %s gick inte att läsa och har flyttats till %s."
MAIL_FAIL_REFUSED_SOME = (
    "servern {server} nekade {refused}; övriga mottagare fick rapporten: {delivered}. "
    "De nekade adresserna har inte fått något."
)
MAIL_FAIL_REFUSED_ALL = "servern {server} nekade alla mottagare: {refused}. Inget skickades."
MAIL_FAIL_SENDER = (
    "servern {server} nekade avsändaren {sender} ({reply}). Inget skickades. Kontrollera "
    "avsandare: servern tar kanske bara emot en viss avsändaradress."
)
MAIL_FAIL_DATA = "servern {server} tog inte emot meddelandet ({reply}). Inget skickades."
MAIL_FAIL_AUTH = (
    "servern {server} godtog inte inloggningen som {user} ({reply}). Inget skickades. "
    "Kontrollera smtp.anvandare och lösenordet i miljövariabeln {variable}."
)
MAIL_FAIL_NO_AUTH = (
    "servern {server} erbjuder ingen inloggning (AUTH){plain}. Inget skickades. Ta bort "
    "smtp.anvandare om servern tar emot post utan inloggning."
)
MAIL_FAIL_NO_AUTH_PLAIN = ' utan kryptering; prova sakerhet = "starttls"'
MAIL_FAIL_CONNECTION_REFUSED = (
    "servern {server} tar inte emot anslutningar. Inget skickades. Kontrollera smtp.server "
    "och smtp.port, och att servern är igång."
)
MAIL_FAIL_TIMEOUT = (
    "inget svar inom {seconds} s från {server}. Inget skickades. Kontrollera smtp.server och "
    "smtp.port (ssl hör oftast till port 465, starttls till 587); en brandvägg kan också "
    "stoppa anslutningen."
)
MAIL_FAIL_UNKNOWN_HOST = (
    "servern {host} finns inte: namnet går inte att slå upp ({reason}). Inget skickades. "
    "Kontrollera smtp.server."
)
MAIL_FAIL_NO_STARTTLS = (
    "servern {server} erbjuder inte STARTTLS, så anslutningen kan inte krypteras. Inget "
    'skickades. Prova sakerhet = "ssl" (oftast port 465) eller fråga IT; "ingen" passar '
    "bara för en server i det egna nätet."
)
MAIL_FAIL_CERTIFICATE = (
    "servern {server} har ett certifikat som inte går att lita på ({reason}). Inget skickades. "
    "Använder regionen en egen certifikatutfärdare, ange dess certifikat med smtp.ca_fil."
)
MAIL_FAIL_TLS = (
    "krypteringen mot {server} misslyckades ({reason}). Inget skickades. Kontrollera "
    "sakerhet och port: ssl hör oftast till port 465 och starttls till 587."
)
MAIL_FAIL_DISCONNECTED = (
    "servern {server} stängde anslutningen oväntat ({reason}). Inget skickades."
)
MAIL_FAIL_SMTP = "servern {server} svarade med ett fel ({reply}). Inget skickades."
MAIL_FAIL_NETWORK = "anslutningen till {server} misslyckades ({reason}). Inget skickades."

MAIL_SUBJECT_BRACE_REASON = "en { eller } saknar sin motsvarighet"
MAIL_HINT_SUBJECT_FORMAT = (
    "skriv fälten utan formatkod och omvandling (utan : och !), t.ex. {period}; fält som går "
    "att använda är {period}, {kod}, {namnd} och {ar}."
)
MAIL_CFG_PASSWORD_NOT_ASCII = (
    "{file}: lösenordet i miljövariabeln {variable} har tecken utanför ASCII (t.ex. å, ä eller "
    "ö). Sådana tecken kan inte skickas vid inloggningen; använd ett lösenord med bara a–z, "
    "A–Z, siffror och vanliga skiljetecken."
)
MAIL_HINT_USER_ASCII = "användarnamnet får bara ha tecken inom ASCII (inte å, ä eller ö)."

# --- mail configuration: a value that may be a password is never shown (issue 12) ---
MAIL_CFG_VARIABLE_HIDDEN = (
    "{file}: nyckeln {key} ska vara namnet på en miljövariabel, men värdet ser inte ut som ett "
    "sådant namn (värdet visas inte, eftersom det kan vara lösenordet självt): {hint}"
)

# --- The document's particulars in installningar (issue 15) -----------------------------------
SETTING_HINTS.update(
    {
        "diarienummer": "Ange ärendets diarienummer som text, t.ex. HSN 2025/0123.",
        "dokumentdatum": "Ange ett datum som 2025-09-22 (i en arbetsbok går en datumcell också).",
        "version": "Ange dokumentets version som text, t.ex. 1.0.",
        "beslutsinstans": "Ange vem som tar ställning till rapporten, t.ex. "
        "Hälso- och sjukvårdsnämnden.",
    }
)
MSG_SETTING_UNKNOWN = (
    "Inställningen används inte. Kända inställningar: " + ", ".join(SETTING_HINTS) + "."
)

# --- mail_config: which files are attached (issue 15) -----------------------------------------
MAIL_HINT_ATTACHMENT = 'giltiga värden: "html", "pdf" eller "båda" (standard: "båda").'

# --- The written analysis on bedomningar (issue 15) ---------------------------------------------
MSG_FORECAST = (
    "Okänd helårsprognos. Ange en status som i kolumnen status: grön/uppnås, gul/delvis "
    "eller röd/uppnås ej (eller lämna tomt)."
)
MSG_TWO_GOAL_COMMENTS = (
    "Målet {id} har redan en kommentar för {period} på rad {first}. Ett mål har en kommentar "
    "per period."
)
MSG_TWO_ANALYSES = (
    "Rubriken {id} finns redan för {period} på rad {first}. Ge varje avsnitt av analysen en "
    "egen rubrik."
)
