<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl_NL">
<context>
    <name>Admin</name>
    <message>
        <location filename="../../clerk_app/admin/models.py" line="25"/>
        <source>Admin</source>
        <translation>Beheerder</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/models.py" line="26"/>
        <source>Supervisor</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/models.py" line="27"/>
        <source>Clerk</source>
        <translation>Medewerker</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/models.py" line="30"/>
        <source>Read</source>
        <translation>Lezen</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/models.py" line="31"/>
        <source>Catalogue</source>
        <translation>Catalogus</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/models.py" line="32"/>
        <source>Recordings</source>
        <translation>Opnamen</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/models.py" line="33"/>
        <source>Full access</source>
        <translation>Volledige toegang</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/models.py" line="36"/>
        <source>Active</source>
        <translation>Actief</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/models.py" line="37"/>
        <source>Expiring</source>
        <translation>Verloopt</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/models.py" line="38"/>
        <source>Expired</source>
        <translation>Verlopen</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/models.py" line="39"/>
        <source>Revoked</source>
        <translation>Ingetrokken</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/models.py" line="42"/>
        <source>Organisation created</source>
        <translation>Organisatie aangemaakt</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/models.py" line="43"/>
        <source>Logged in</source>
        <translation>Ingelogd</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/models.py" line="44"/>
        <source>Log-in failed</source>
        <translation>Inloggen mislukt</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/models.py" line="45"/>
        <source>Logged out</source>
        <translation>Uitgelogd</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/models.py" line="46"/>
        <source>User created</source>
        <translation>Gebruiker aangemaakt</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/models.py" line="47"/>
        <source>Role changed</source>
        <translation>Rol gewijzigd</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/models.py" line="48"/>
        <source>User deactivated</source>
        <translation>Gebruiker gedeactiveerd</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/models.py" line="49"/>
        <source>User reactivated</source>
        <translation>Gebruiker weer geactiveerd</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/models.py" line="50"/>
        <source>Password changed</source>
        <translation>Wachtwoord gewijzigd</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/models.py" line="51"/>
        <source>Password reset requested</source>
        <translation>Wachtwoordherstel aangevraagd</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/models.py" line="52"/>
        <source>Password reset</source>
        <translation>Wachtwoord hersteld</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/models.py" line="53"/>
        <source>Password chosen</source>
        <translation>Wachtwoord gekozen</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/models.py" line="54"/>
        <source>Leak reported</source>
        <translation>Lek gemeld</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/models.py" line="55"/>
        <source>API key created</source>
        <translation>API-sleutel aangemaakt</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/models.py" line="56"/>
        <source>API key rotated</source>
        <translation>API-sleutel vervangen</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/models.py" line="57"/>
        <source>API key revoked</source>
        <translation>API-sleutel ingetrokken</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/models.py" line="58"/>
        <source>API key used</source>
        <translation>API-sleutel gebruikt</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/models.py" line="59"/>
        <source>Queue created</source>
        <translation>Wachtrij aangemaakt</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/models.py" line="60"/>
        <source>Queue changed</source>
        <translation>Wachtrij gewijzigd</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/models.py" line="61"/>
        <source>Queue deleted</source>
        <translation>Wachtrij verwijderd</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/models.py" line="62"/>
        <source>Widget created</source>
        <translation>Widget aangemaakt</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/models.py" line="63"/>
        <source>Widget changed</source>
        <translation>Widget gewijzigd</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/models.py" line="64"/>
        <source>Widget key replaced</source>
        <translation>Widgetsleutel vervangen</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/models.py" line="65"/>
        <source>Widget deleted</source>
        <translation>Widget verwijderd</translation>
    </message>
</context>
<context>
    <name>AdminErrors</name>
    <message>
        <location filename="../../clerk_app/admin/common.py" line="50"/>
        <source>Something went wrong in the app ({kind}). Try again.</source>
        <translation>Er ging iets mis in de app ({kind}). Probeer het opnieuw.</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/common.py" line="53"/>
        <source>Your session has ended. Log in again.</source>
        <translation>Je sessie is beëindigd. Log opnieuw in.</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/common.py" line="55"/>
        <source>You are not allowed to do this. Only an admin of the organisation can manage users, keys, widgets and the audit trail.</source>
        <translation>Je mag dit niet doen. Alleen een beheerder van de organisatie beheert gebruikers, sleutels, widgets en het auditlogboek.</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/common.py" line="62"/>
        <source>Cannot reach the server. Check the network and try again.</source>
        <translation>De server is niet bereikbaar. Controleer het netwerk en probeer het opnieuw.</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/common.py" line="65"/>
        <source>The server did not answer in time. Try again.</source>
        <translation>De server antwoordde niet op tijd. Probeer het opnieuw.</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/common.py" line="66"/>
        <source>An organisation needs at least one active admin. Make someone else admin first.</source>
        <translation>Een organisatie heeft minstens één actieve beheerder nodig. Maak eerst iemand anders beheerder.</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/common.py" line="70"/>
        <source>A user with this e-mail address already exists.</source>
        <translation>Er bestaat al een gebruiker met dit e-mailadres.</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/common.py" line="73"/>
        <source>The password is too weak: {reason}</source>
        <translation>Het wachtwoord is te zwak: {reason}</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/common.py" line="76"/>
        <source>This key is revoked or expired; create a new one instead.</source>
        <translation>Deze sleutel is ingetrokken of verlopen; maak in plaats daarvan een nieuwe.</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/common.py" line="79"/>
        <source>It no longer exists. Refresh the list.</source>
        <translation>Dit bestaat niet meer. Vernieuw de lijst.</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/common.py" line="80"/>
        <source>The logo may be at most 100 kB.</source>
        <translation>Het logo mag hoogstens 100 kB zijn.</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/common.py" line="81"/>
        <source>The logo must be a PNG, JPEG or SVG image.</source>
        <translation>Het logo moet een PNG-, JPEG- of SVG-afbeelding zijn.</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/common.py" line="82"/>
        <source>The logo file cannot be read.</source>
        <translation>Het logobestand kan niet worden gelezen.</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/common.py" line="83"/>
        <source>Cannot read the opening hours “{part}”. Write them like 09:00-12:00, 13:00-17:30.</source>
        <translation>De openingstijden “{part}” zijn niet te lezen. Schrijf ze als 09:00-12:00, 13:00-17:30.</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/common.py" line="87"/>
        <source>Too many requests. Wait a moment and try again.</source>
        <translation>Te veel verzoeken. Wacht even en probeer het opnieuw.</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/common.py" line="95"/>
        <source>Some fields are not valid. The server said: {message}</source>
        <translation>Sommige velden zijn niet geldig. De server meldde: {message}</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/common.py" line="98"/>
        <source>The server refused: {message}</source>
        <translation>De server weigerde: {message}</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/common.py" line="264"/>
        <source>Fill in {what}.</source>
        <translation>Vul {what} in.</translation>
    </message>
</context>
<context>
    <name>AdminPanel</name>
    <message>
        <location filename="../../clerk_app/admin/view.py" line="592"/>
        <source>API key “{name}”</source>
        <translation>API-sleutel “{name}”</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/view.py" line="595"/>
        <source>Widget “{name}”</source>
        <translation>Widget “{name}”</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/view.py" line="599"/>
        <source>Queue “{name}”</source>
        <translation>Wachtrij “{name}”</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/view.py" line="624"/>
        <source>Users</source>
        <translation>Gebruikers</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/view.py" line="625"/>
        <source>API keys</source>
        <translation>API-sleutels</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/view.py" line="626"/>
        <source>Widgets</source>
        <translation>Widgets</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/view.py" line="627"/>
        <source>Audit</source>
        <translation>Audit</translation>
    </message>
</context>
<context>
    <name>ApiKeysModel</name>
    <message>
        <location filename="../../clerk_app/admin/models.py" line="162"/>
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/models.py" line="163"/>
        <source>Key</source>
        <translation>Sleutel</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/models.py" line="164"/>
        <source>Scopes</source>
        <translation>Rechten</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/models.py" line="165"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/models.py" line="166"/>
        <source>Last used</source>
        <translation>Laatst gebruikt</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/models.py" line="167"/>
        <source>Last IP</source>
        <translation>Laatste IP</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/models.py" line="180"/>
        <source>{status} (until {time})</source>
        <translation>{status} (tot {time})</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/models.py" line="185"/>
        <source>never</source>
        <translation>nooit</translation>
    </message>
</context>
<context>
    <name>ApiKeysTab</name>
    <message>
        <location filename="../../clerk_app/admin/view.py" line="165"/>
        <source>New key…</source>
        <translation>Nieuwe sleutel…</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/view.py" line="166"/>
        <source>Rotate…</source>
        <translation>Vervangen…</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/view.py" line="167"/>
        <source>Revoke…</source>
        <translation>Intrekken…</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/view.py" line="168"/>
        <source>API keys</source>
        <translation>API-sleutels</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/view.py" line="182"/>
        <source>Your new API key</source>
        <translation>Je nieuwe API-sleutel</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/view.py" line="194"/>
        <source>The replacement key</source>
        <translation>De vervangende sleutel</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/view.py" line="207"/>
        <source>Revoke API key</source>
        <translation>API-sleutel intrekken</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/view.py" line="209"/>
        <source>Revoke “{name}” ({prefix}…)? It stops working on its next request. This cannot be undone.</source>
        <translation>“{name}” ({prefix}…) intrekken? De sleutel werkt vanaf het volgende verzoek niet meer. Dit kan niet ongedaan worden gemaakt.</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/view.py" line="212"/>
        <source>Revoke</source>
        <translation>Intrekken</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/view.py" line="219"/>
        <source>“{name}” is revoked.</source>
        <translation>“{name}” is ingetrokken.</translation>
    </message>
</context>
<context>
    <name>ApprovalsBox</name>
    <message>
        <location filename="../../clerk_app/supervisor/approvals.py" line="181"/>
        <location filename="../../clerk_app/supervisor/approvals.py" line="205"/>
        <source>Offers waiting for approval: %1</source>
        <translation>Offertes die op goedkeuring wachten: %1</translation>
    </message>
    <message>
        <location filename="../../clerk_app/supervisor/approvals.py" line="183"/>
        <source>&amp;Note to the clerk:</source>
        <translation>&amp;Notitie voor de medewerker:</translation>
    </message>
    <message>
        <location filename="../../clerk_app/supervisor/approvals.py" line="184"/>
        <source>optional</source>
        <translation>optioneel</translation>
    </message>
    <message>
        <location filename="../../clerk_app/supervisor/approvals.py" line="185"/>
        <source>&amp;Approve</source>
        <translation>&amp;Goedkeuren</translation>
    </message>
    <message>
        <location filename="../../clerk_app/supervisor/approvals.py" line="186"/>
        <source>Re&amp;fuse</source>
        <translation>&amp;Weigeren</translation>
    </message>
    <message>
        <location filename="../../clerk_app/supervisor/approvals.py" line="187"/>
        <source>Offers waiting for approval</source>
        <translation>Offertes die op goedkeuring wachten</translation>
    </message>
    <message>
        <location filename="../../clerk_app/supervisor/approvals.py" line="245"/>
        <source>Approved: %1&apos;s offer</source>
        <translation>Goedgekeurd: de offerte van %1</translation>
    </message>
    <message>
        <location filename="../../clerk_app/supervisor/approvals.py" line="246"/>
        <source>Refused: %1&apos;s offer</source>
        <translation>Geweigerd: de offerte van %1</translation>
    </message>
    <message>
        <location filename="../../clerk_app/supervisor/approvals.py" line="258"/>
        <source>This request is no longer open: someone else decided, or the clerk changed the offer.</source>
        <translation>Dit verzoek staat niet meer open: iemand anders heeft al beslist, of de medewerker heeft de offerte gewijzigd.</translation>
    </message>
    <message>
        <location filename="../../clerk_app/supervisor/approvals.py" line="264"/>
        <source>The decision could not be sent. Try again.</source>
        <translation>De beslissing kon niet worden verstuurd. Probeer het opnieuw.</translation>
    </message>
</context>
<context>
    <name>ApprovalsModel</name>
    <message>
        <location filename="../../clerk_app/supervisor/approvals.py" line="69"/>
        <source>Clerk</source>
        <translation>Medewerker</translation>
    </message>
    <message>
        <location filename="../../clerk_app/supervisor/approvals.py" line="70"/>
        <source>Call</source>
        <translation>Gesprek</translation>
    </message>
    <message>
        <location filename="../../clerk_app/supervisor/approvals.py" line="71"/>
        <source>List price</source>
        <translation>Catalogusprijs</translation>
    </message>
    <message>
        <location filename="../../clerk_app/supervisor/approvals.py" line="72"/>
        <source>Offered</source>
        <translation>Aangeboden</translation>
    </message>
    <message>
        <location filename="../../clerk_app/supervisor/approvals.py" line="73"/>
        <source>Discount</source>
        <translation>Korting</translation>
    </message>
    <message>
        <location filename="../../clerk_app/supervisor/approvals.py" line="74"/>
        <source>Clerk&apos;s limit</source>
        <translation>Limiet medewerker</translation>
    </message>
    <message>
        <location filename="../../clerk_app/supervisor/approvals.py" line="119"/>
        <source>(discount %1)</source>
        <translation>(korting %1)</translation>
    </message>
</context>
<context>
    <name>AuditModel</name>
    <message>
        <location filename="../../clerk_app/admin/models.py" line="308"/>
        <source>Time</source>
        <translation>Tijd</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/models.py" line="309"/>
        <source>Event</source>
        <translation>Gebeurtenis</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/models.py" line="310"/>
        <source>By</source>
        <translation>Door</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/models.py" line="311"/>
        <source>IP address</source>
        <translation>IP-adres</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/models.py" line="312"/>
        <source>Concerning</source>
        <translation>Betreft</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/models.py" line="313"/>
        <source>Details</source>
        <translation>Details</translation>
    </message>
</context>
<context>
    <name>AuditTab</name>
    <message>
        <location filename="../../clerk_app/admin/view.py" line="410"/>
        <source>Event</source>
        <translation>Gebeurtenis</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/view.py" line="411"/>
        <source>User</source>
        <translation>Gebruiker</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/view.py" line="412"/>
        <source>IP address</source>
        <translation>IP-adres</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/view.py" line="413"/>
        <source>From</source>
        <translation>Vanaf</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/view.py" line="414"/>
        <source>To</source>
        <translation>Tot en met</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/view.py" line="415"/>
        <source>any</source>
        <translation>alle</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/view.py" line="416"/>
        <source>Apply filters</source>
        <translation>Filters toepassen</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/view.py" line="417"/>
        <source>Clear</source>
        <translation>Wissen</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/view.py" line="418"/>
        <source>Load more</source>
        <translation>Meer laden</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/view.py" line="419"/>
        <source>Audit trail</source>
        <translation>Auditlogboek</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/view.py" line="428"/>
        <source>Any event</source>
        <translation>Elke gebeurtenis</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/view.py" line="438"/>
        <source>Anyone</source>
        <translation>Iedereen</translation>
    </message>
    <message numerus="yes">
        <location filename="../../clerk_app/admin/view.py" line="526"/>
        <source>%n entries shown; older ones: Load more</source>
        <translation>
            <numerusform>%n vermelding getoond; oudere: Meer laden</numerusform>
            <numerusform>%n vermeldingen getoond; oudere: Meer laden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../clerk_app/admin/view.py" line="528"/>
        <source>%n entries</source>
        <translation>
            <numerusform>%n vermelding</numerusform>
            <numerusform>%n vermeldingen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ClerksModel</name>
    <message>
        <location filename="../../clerk_app/supervisor/models.py" line="162"/>
        <source>Clerk</source>
        <translation>Medewerker</translation>
    </message>
    <message>
        <location filename="../../clerk_app/supervisor/models.py" line="162"/>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../clerk_app/supervisor/models.py" line="162"/>
        <source>Time in state</source>
        <translation>Tijd in status</translation>
    </message>
    <message>
        <location filename="../../clerk_app/supervisor/models.py" line="166"/>
        <source>Available</source>
        <translation>Beschikbaar</translation>
    </message>
    <message>
        <location filename="../../clerk_app/supervisor/models.py" line="167"/>
        <source>In a call</source>
        <translation>In gesprek</translation>
    </message>
    <message>
        <location filename="../../clerk_app/supervisor/models.py" line="168"/>
        <source>Wrapping up</source>
        <translation>Bezig met afronden</translation>
    </message>
    <message>
        <location filename="../../clerk_app/supervisor/models.py" line="169"/>
        <source>Away</source>
        <translation>Afwezig</translation>
    </message>
    <message>
        <location filename="../../clerk_app/supervisor/models.py" line="170"/>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
</context>
<context>
    <name>ErrorBanner</name>
    <message>
        <location filename="../../clerk_app/admin/common.py" line="186"/>
        <source>Dismiss</source>
        <translation>Sluiten</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/common.py" line="187"/>
        <source>Dismiss the error</source>
        <translation>De foutmelding sluiten</translation>
    </message>
</context>
<context>
    <name>LocalTextEdit</name>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="311"/>
        <source>English</source>
        <translation>Engels</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="313"/>
        <source>Dutch</source>
        <translation>Nederlands</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="335"/>
        <source>Write {what} in both English and Dutch.</source>
        <translation>Schrijf {what} in het Engels én in het Nederlands.</translation>
    </message>
</context>
<context>
    <name>NewKeyDialog</name>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="128"/>
        <source>New API key</source>
        <translation>Nieuwe API-sleutel</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="130"/>
        <source>What uses it, e.g. shop backend</source>
        <translation>Waar hij voor is, bv. webwinkel-backend</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="141"/>
        <source>Live</source>
        <translation>Productie</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="142"/>
        <source>Test</source>
        <translation>Test</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="144"/>
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="145"/>
        <source>Scopes</source>
        <translation>Rechten</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="146"/>
        <source>Environment</source>
        <translation>Omgeving</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="149"/>
        <source>the name</source>
        <translation>de naam</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="152"/>
        <source>Choose at least one scope.</source>
        <translation>Kies minstens één recht.</translation>
    </message>
</context>
<context>
    <name>NewUserDialog</name>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="71"/>
        <source>New user</source>
        <translation>Nieuwe gebruiker</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="80"/>
        <source>Leave empty to send an invitation by e-mail</source>
        <translation>Laat leeg om een uitnodiging per e-mail te sturen</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="81"/>
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="82"/>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="83"/>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="84"/>
        <source>Password</source>
        <translation>Wachtwoord</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="87"/>
        <source>Without a password the new user gets an e-mail with a code to choose one. The user accepts the privacy policy at the first log-in.</source>
        <translation>Zonder wachtwoord krijgt de nieuwe gebruiker een e-mail met een code om er een te kiezen. Bij de eerste keer inloggen aanvaardt de gebruiker het privacybeleid.</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="97"/>
        <source>the name</source>
        <translation>de naam</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="98"/>
        <source>the e-mail address</source>
        <translation>het e-mailadres</translation>
    </message>
</context>
<context>
    <name>QueueDialog</name>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="252"/>
        <source>Edit queue</source>
        <translation>Wachtrij bewerken</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="252"/>
        <source>New queue</source>
        <translation>Nieuwe wachtrij</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="257"/>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="266"/>
        <source>Name (English)</source>
        <translation>Naam (Engels)</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="267"/>
        <source>Name (Dutch)</source>
        <translation>Naam (Nederlands)</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="268"/>
        <source>Answer within</source>
        <translation>Opnemen binnen</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="269"/>
        <source>…for at least</source>
        <translation>…voor minstens</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="270"/>
        <source>Most visitors waiting</source>
        <translation>Hoogstens wachtende bezoekers</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="274"/>
        <source>the English name</source>
        <translation>de Engelse naam</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="275"/>
        <source>the Dutch name</source>
        <translation>de Nederlandse naam</translation>
    </message>
</context>
<context>
    <name>QueueFiguresModel</name>
    <message>
        <location filename="../../clerk_app/supervisor/models.py" line="63"/>
        <source>Queue</source>
        <translation>Wachtrij</translation>
    </message>
    <message>
        <location filename="../../clerk_app/supervisor/models.py" line="64"/>
        <source>Waiting</source>
        <translation>Wachtend</translation>
    </message>
    <message>
        <location filename="../../clerk_app/supervisor/models.py" line="65"/>
        <source>Longest wait</source>
        <translation>Langste wachttijd</translation>
    </message>
    <message>
        <location filename="../../clerk_app/supervisor/models.py" line="66"/>
        <source>Answered</source>
        <translation>Opgenomen</translation>
    </message>
    <message>
        <location filename="../../clerk_app/supervisor/models.py" line="67"/>
        <source>Abandoned</source>
        <translation>Afgehaakt</translation>
    </message>
    <message>
        <location filename="../../clerk_app/supervisor/models.py" line="68"/>
        <source>Service level</source>
        <translation>Serviceniveau</translation>
    </message>
    <message>
        <location filename="../../clerk_app/supervisor/models.py" line="109"/>
        <source>{within} of {offered} calls answered within {target} s (abandoned calls count as missed)</source>
        <translation>{within} van {offered} gesprekken opgenomen binnen {target} s (afgehaakte gesprekken tellen als gemist)</translation>
    </message>
    <message>
        <location filename="../../clerk_app/supervisor/models.py" line="121"/>
        <source>no calls yet</source>
        <translation>nog geen gesprekken</translation>
    </message>
    <message>
        <location filename="../../clerk_app/supervisor/models.py" line="122"/>
        <source>{percent}% within {target} s</source>
        <translation>{percent}% binnen {target} s</translation>
    </message>
</context>
<context>
    <name>QueuesModel</name>
    <message>
        <location filename="../../clerk_app/admin/models.py" line="212"/>
        <source>Name (English)</source>
        <translation>Naam (Engels)</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/models.py" line="212"/>
        <source>Name (Dutch)</source>
        <translation>Naam (Nederlands)</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/models.py" line="212"/>
        <source>Target</source>
        <translation>Doel</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/models.py" line="213"/>
        <source>Most waiting</source>
        <translation>Hoogstens wachtend</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/models.py" line="221"/>
        <source>{percent}% within {seconds} s</source>
        <translation>{percent}% binnen {seconds} s</translation>
    </message>
</context>
<context>
    <name>RecordTab</name>
    <message>
        <location filename="../../clerk_app/admin/common.py" line="379"/>
        <source>Refresh</source>
        <translation>Vernieuwen</translation>
    </message>
</context>
<context>
    <name>RoleDialog</name>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="111"/>
        <source>Change role</source>
        <translation>Rol wijzigen</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="116"/>
        <source>Role of {name} ({email})</source>
        <translation>Rol van {name} ({email})</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="118"/>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
</context>
<context>
    <name>RotateKeyDialog</name>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="165"/>
        <source>Rotate API key</source>
        <translation>API-sleutel vervangen</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="169"/>
        <source> hours</source>
        <translation> uur</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="172"/>
        <source>A new key replaces “{name}” ({prefix}…). The old key keeps working for the grace period, so your systems can switch over; then it stops.</source>
        <translation>Een nieuwe sleutel vervangt “{name}” ({prefix}…). De oude sleutel blijft tijdens de overgangstermijn werken, zodat je systemen kunnen overstappen; daarna stopt hij.</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="179"/>
        <source>Grace period</source>
        <translation>Overgangstermijn</translation>
    </message>
</context>
<context>
    <name>SecretDialog</name>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="194"/>
        <source>Copy this key now and keep it somewhere safe. You will not see it again: the server keeps only a fingerprint of it.</source>
        <translation>Kopieer deze sleutel nu en bewaar hem op een veilige plek. Je krijgt hem niet meer te zien: de server bewaart alleen een vingerafdruk ervan.</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="209"/>
        <source>Copy</source>
        <translation>Kopiëren</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="214"/>
        <source>“{name}”, scopes: {scopes}</source>
        <translation>“{name}”, rechten: {scopes}</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="235"/>
        <source>Copied to the clipboard.</source>
        <translation>Naar het klembord gekopieerd.</translation>
    </message>
</context>
<context>
    <name>SupervisorPanel</name>
    <message>
        <location filename="../../clerk_app/supervisor/view.py" line="249"/>
        <source>Queues today</source>
        <translation>Wachtrijen vandaag</translation>
    </message>
    <message>
        <location filename="../../clerk_app/supervisor/view.py" line="250"/>
        <source>Clerks</source>
        <translation>Medewerkers</translation>
    </message>
    <message>
        <location filename="../../clerk_app/supervisor/view.py" line="251"/>
        <source>Waiting visitors, last hour</source>
        <translation>Wachtende bezoekers, afgelopen uur</translation>
    </message>
    <message>
        <location filename="../../clerk_app/supervisor/view.py" line="252"/>
        <source>Queue figures</source>
        <translation>Cijfers per wachtrij</translation>
    </message>
    <message>
        <location filename="../../clerk_app/supervisor/view.py" line="253"/>
        <source>Clerk states</source>
        <translation>Status van de medewerkers</translation>
    </message>
    <message>
        <location filename="../../clerk_app/supervisor/view.py" line="265"/>
        <source>Connection lost; reconnecting… The figures shown may be out of date.</source>
        <translation>Verbinding verbroken; opnieuw verbinden… De getoonde cijfers kunnen verouderd zijn.</translation>
    </message>
    <message>
        <location filename="../../clerk_app/supervisor/view.py" line="267"/>
        <source>Not connected. The figures shown are out of date.</source>
        <translation>Niet verbonden. De getoonde cijfers zijn verouderd.</translation>
    </message>
    <message>
        <location filename="../../clerk_app/supervisor/view.py" line="269"/>
        <source>Waiting for the first figures from the server…</source>
        <translation>Wachten op de eerste cijfers van de server…</translation>
    </message>
    <message>
        <location filename="../../clerk_app/supervisor/view.py" line="271"/>
        <source>Live</source>
        <translation>Live</translation>
    </message>
    <message>
        <location filename="../../clerk_app/supervisor/view.py" line="285"/>
        <source>{percent}% answered within target</source>
        <translation>{percent}% opgenomen binnen het doel</translation>
    </message>
    <message>
        <location filename="../../clerk_app/supervisor/view.py" line="287"/>
        <source>no calls yet</source>
        <translation>nog geen gesprekken</translation>
    </message>
    <message>
        <location filename="../../clerk_app/supervisor/view.py" line="291"/>
        <source>Waiting now: {waiting} (longest {longest}) · answered today: {answered} · abandoned: {abandoned} · {level}</source>
        <translation>Nu wachtend: {waiting} (langst {longest}) · vandaag opgenomen: {answered} · afgehaakt: {abandoned} · {level}</translation>
    </message>
</context>
<context>
    <name>UsersModel</name>
    <message>
        <location filename="../../clerk_app/admin/models.py" line="124"/>
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/models.py" line="124"/>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/models.py" line="124"/>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/models.py" line="124"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/models.py" line="133"/>
        <source>Active</source>
        <translation>Actief</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/models.py" line="133"/>
        <source>Deactivated</source>
        <translation>Gedeactiveerd</translation>
    </message>
</context>
<context>
    <name>UsersTab</name>
    <message>
        <location filename="../../clerk_app/admin/view.py" line="85"/>
        <source>New user…</source>
        <translation>Nieuwe gebruiker…</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/view.py" line="86"/>
        <source>Change role…</source>
        <translation>Rol wijzigen…</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/view.py" line="87"/>
        <source>Deactivate…</source>
        <translation>Deactiveren…</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/view.py" line="88"/>
        <source>Reactivate</source>
        <translation>Weer activeren</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/view.py" line="89"/>
        <source>Users</source>
        <translation>Gebruikers</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/view.py" line="103"/>
        <source>{name} can now log in as {role}.</source>
        <translation>{name} kan nu inloggen als {role}.</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/view.py" line="115"/>
        <source>{name} is now {role}.</source>
        <translation>{name} is nu {role}.</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/view.py" line="124"/>
        <source>Deactivate user</source>
        <translation>Gebruiker deactiveren</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/view.py" line="126"/>
        <source>Deactivate {name}? They are logged out at once and cannot log in until reactivated.</source>
        <translation>{name} deactiveren? Die wordt meteen uitgelogd en kan pas weer inloggen na heractivering.</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/view.py" line="129"/>
        <source>Deactivate</source>
        <translation>Deactiveren</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/view.py" line="147"/>
        <source>{name} is reactivated.</source>
        <translation>{name} is weer geactiveerd.</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/view.py" line="149"/>
        <source>{name} is deactivated.</source>
        <translation>{name} is gedeactiveerd.</translation>
    </message>
</context>
<context>
    <name>WaitingChart</name>
    <message>
        <location filename="../../clerk_app/supervisor/view.py" line="51"/>
        <source>Waiting visitors, last hour</source>
        <translation>Wachtende bezoekers, afgelopen uur</translation>
    </message>
    <message>
        <location filename="../../clerk_app/supervisor/view.py" line="52"/>
        <source>Waiting visitors over the last hour</source>
        <translation>Wachtende bezoekers in het afgelopen uur</translation>
    </message>
    <message>
        <location filename="../../clerk_app/supervisor/view.py" line="109"/>
        <source>−60 min</source>
        <translation>−60 min</translation>
    </message>
    <message>
        <location filename="../../clerk_app/supervisor/view.py" line="110"/>
        <source>−30 min</source>
        <translation>−30 min</translation>
    </message>
    <message>
        <location filename="../../clerk_app/supervisor/view.py" line="111"/>
        <source>now</source>
        <translation>nu</translation>
    </message>
    <message>
        <location filename="../../clerk_app/supervisor/view.py" line="125"/>
        <source>No figures yet</source>
        <translation>Nog geen cijfers</translation>
    </message>
</context>
<context>
    <name>WidgetEditor</name>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="354"/>
        <source>Edit widget</source>
        <translation>Widget bewerken</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="354"/>
        <source>New widget</source>
        <translation>Nieuwe widget</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="368"/>
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="380"/>
        <source>Queues offered</source>
        <translation>Aangeboden wachtrijen</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="385"/>
        <source>Allowed sites (one per line)</source>
        <translation>Toegestane sites (één per regel)</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="389"/>
        <source>Time zone</source>
        <translation>Tijdzone</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="392"/>
        <source>Opening hours (e.g. 09:00-12:00, 13:00-17:30; empty: closed)</source>
        <translation>Openingstijden (bv. 09:00-12:00, 13:00-17:30; leeg: gesloten)</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="396"/>
        <source>Monday</source>
        <translation>Maandag</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="397"/>
        <source>Tuesday</source>
        <translation>Dinsdag</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="398"/>
        <source>Wednesday</source>
        <translation>Woensdag</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="399"/>
        <source>Thursday</source>
        <translation>Donderdag</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="400"/>
        <source>Friday</source>
        <translation>Vrijdag</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="401"/>
        <source>Saturday</source>
        <translation>Zaterdag</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="402"/>
        <source>Sunday</source>
        <translation>Zondag</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="412"/>
        <source>Closed on, e.g. 2025-12-25, 2025-12-26</source>
        <translation>Gesloten op, bv. 2025-12-25, 2025-12-26</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="413"/>
        <source>Holidays</source>
        <translation>Feestdagen</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="417"/>
        <source>Privacy notice</source>
        <translation>Privacyverklaring</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="420"/>
        <source>Greeting</source>
        <translation>Begroeting</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="424"/>
        <source>Choose…</source>
        <translation>Kiezen…</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="434"/>
        <source>Colour</source>
        <translation>Kleur</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="440"/>
        <source>Choose file…</source>
        <translation>Bestand kiezen…</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="442"/>
        <source>Remove</source>
        <translation>Verwijderen</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="449"/>
        <source>Logo (PNG, JPEG or SVG, at most 100 kB)</source>
        <translation>Logo (PNG, JPEG of SVG, hoogstens 100 kB)</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="458"/>
        <source>Consent question: recording</source>
        <translation>Toestemmingsvraag: opnemen</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="459"/>
        <source>Consent question: transcription</source>
        <translation>Toestemmingsvraag: uitschrijven</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="461"/>
        <source>Texts left empty get the standard wording.</source>
        <translation>Lege teksten krijgen de standaardformulering.</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="467"/>
        <source>Consent texts: version {version}. Changing them starts a new version; calls keep the version the visitor agreed to.</source>
        <translation>Toestemmingsteksten: versie {version}. Een wijziging start een nieuwe versie; gesprekken houden de versie waarmee de bezoeker instemde.</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="480"/>
        <source>Copy snippet</source>
        <translation>Codefragment kopiëren</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="485"/>
        <source>Paste this into every page that shows the widget:</source>
        <translation>Plak dit in elke pagina die de widget toont:</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="508"/>
        <source>(logo)</source>
        <translation>(logo)</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="508"/>
        <source>No logo</source>
        <translation>Geen logo</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="519"/>
        <source>Choose a logo</source>
        <translation>Kies een logo</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="520"/>
        <source>Images (*.png *.jpg *.jpeg *.svg)</source>
        <translation>Afbeeldingen (*.png *.jpg *.jpeg *.svg)</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="540"/>
        <source>Copied</source>
        <translation>Gekopieerd</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="554"/>
        <source>Choose at least one queue.</source>
        <translation>Kies minstens één wachtrij.</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="559"/>
        <source>Name at least one site that shows the widget.</source>
        <translation>Noem minstens één site die de widget toont.</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="568"/>
        <source>“{date}” is not a date like 2025-12-25.</source>
        <translation>“{date}” is geen datum zoals 2025-12-25.</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="571"/>
        <source>the name</source>
        <translation>de naam</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="575"/>
        <source>the time zone</source>
        <translation>de tijdzone</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="578"/>
        <source>the privacy notice</source>
        <translation>de privacyverklaring</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="582"/>
        <source>the greeting</source>
        <translation>de begroeting</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="583"/>
        <source>the recording question</source>
        <translation>de vraag over opnemen</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="585"/>
        <source>the transcription question</source>
        <translation>de vraag over uitschrijven</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/dialogs.py" line="594"/>
        <source>Write both consent questions.</source>
        <translation>Schrijf beide toestemmingsvragen.</translation>
    </message>
</context>
<context>
    <name>WidgetsModel</name>
    <message>
        <location filename="../../clerk_app/admin/models.py" line="260"/>
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/models.py" line="260"/>
        <source>Queues</source>
        <translation>Wachtrijen</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/models.py" line="260"/>
        <source>Allowed sites</source>
        <translation>Toegestane sites</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/models.py" line="260"/>
        <source>Changed</source>
        <translation>Gewijzigd</translation>
    </message>
</context>
<context>
    <name>WidgetsTab</name>
    <message>
        <location filename="../../clerk_app/admin/view.py" line="265"/>
        <location filename="../../clerk_app/admin/view.py" line="272"/>
        <source>Widgets</source>
        <translation>Widgets</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/view.py" line="266"/>
        <location filename="../../clerk_app/admin/view.py" line="273"/>
        <source>Queues</source>
        <translation>Wachtrijen</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/view.py" line="267"/>
        <source>New widget…</source>
        <translation>Nieuwe widget…</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/view.py" line="268"/>
        <source>Edit widget…</source>
        <translation>Widget bewerken…</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/view.py" line="269"/>
        <source>Copy embed snippet</source>
        <translation>Insluitcode kopiëren</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/view.py" line="270"/>
        <source>New queue…</source>
        <translation>Nieuwe wachtrij…</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/view.py" line="271"/>
        <source>Edit queue…</source>
        <translation>Wachtrij bewerken…</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/view.py" line="286"/>
        <source>Create a queue first.</source>
        <translation>Maak eerst een wachtrij aan.</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/view.py" line="310"/>
        <source>Widget “{name}” is saved. Its embed snippet is ready to copy.</source>
        <translation>Widget “{name}” is opgeslagen. De insluitcode staat klaar om te kopiëren.</translation>
    </message>
    <message>
        <location filename="../../clerk_app/admin/view.py" line="319"/>
        <source>The embed snippet is on the clipboard.</source>
        <translation>De insluitcode staat op het klembord.</translation>
    </message>
</context>
</TS>
