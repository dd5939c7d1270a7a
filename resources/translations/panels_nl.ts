<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl_NL">
<context>
    <name>AccountTab</name>
    <message>
        <source>Accoun&amp;t</source>
        <translation>Accoun&amp;t</translation>
    </message>
    <message>
        <source>Closing the account ends it at once, for everyone: nobody can log in any more, every API key stops working, calls in progress end and the widgets no longer accept visitors. It cannot be undone.

What happens to the data: users, keys, the catalogue, offers, calls, recordings, widgets and the audit trail are erased within 60 days; support messages after 3 years; the organisation&apos;s details and its admins&apos; names and e-mail addresses after 7 years; invoices when the bookkeeping period ends.</source>
        <translation>Het account sluiten beëindigt het meteen, voor iedereen: niemand kan nog inloggen, geen enkele API-sleutel werkt nog, lopende gesprekken stoppen en de widgets nemen geen bezoekers meer aan. Dit kan niet ongedaan worden gemaakt.

Wat er met de gegevens gebeurt: gebruikers, sleutels, de catalogus, offertes, gesprekken, opnamen, widgets en het auditlogboek worden binnen 60 dagen gewist; supportberichten na 3 jaar; de gegevens van de organisatie en de namen en e-mailadressen van haar beheerders na 7 jaar; facturen zodra de bewaartermijn van de boekhouding afloopt.</translation>
    </message>
    <message>
        <source>Clo&amp;se account…</source>
        <translation>Account slu&amp;iten…</translation>
    </message>
    <message>
        <source>The account is closed; you are logged out. Its data are erased from {date}.</source>
        <translation>Het account is gesloten; je bent uitgelogd. De gegevens worden gewist vanaf {date}.</translation>
    </message>
</context>
<context>
    <name>Admin</name>
    <message>
        <source>Admin</source>
        <translation>Beheerder</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>Medewerker</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Lezen</translation>
    </message>
    <message>
        <source>Catalogue</source>
        <translation>Catalogus</translation>
    </message>
    <message>
        <source>Recordings</source>
        <translation>Opnamen</translation>
    </message>
    <message>
        <source>Full access</source>
        <translation>Volledige toegang</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Actief</translation>
    </message>
    <message>
        <source>Expiring</source>
        <translation>Verloopt</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Verlopen</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>Ingetrokken</translation>
    </message>
    <message>
        <source>Organisation created</source>
        <translation>Organisatie aangemaakt</translation>
    </message>
    <message>
        <source>Logged in</source>
        <translation>Ingelogd</translation>
    </message>
    <message>
        <source>Log-in failed</source>
        <translation>Inloggen mislukt</translation>
    </message>
    <message>
        <source>Logged out</source>
        <translation>Uitgelogd</translation>
    </message>
    <message>
        <source>User created</source>
        <translation>Gebruiker aangemaakt</translation>
    </message>
    <message>
        <source>Role changed</source>
        <translation>Rol gewijzigd</translation>
    </message>
    <message>
        <source>User deactivated</source>
        <translation>Gebruiker gedeactiveerd</translation>
    </message>
    <message>
        <source>User reactivated</source>
        <translation>Gebruiker weer geactiveerd</translation>
    </message>
    <message>
        <source>Log-in locks lifted</source>
        <translation>Inlogblokkades opgeheven</translation>
    </message>
    <message>
        <source>Password changed</source>
        <translation>Wachtwoord gewijzigd</translation>
    </message>
    <message>
        <source>Password reset requested</source>
        <translation>Wachtwoordherstel aangevraagd</translation>
    </message>
    <message>
        <source>Password reset</source>
        <translation>Wachtwoord hersteld</translation>
    </message>
    <message>
        <source>Password chosen</source>
        <translation>Wachtwoord gekozen</translation>
    </message>
    <message>
        <source>Leak reported</source>
        <translation>Lek gemeld</translation>
    </message>
    <message>
        <source>API key created</source>
        <translation>API-sleutel aangemaakt</translation>
    </message>
    <message>
        <source>API key rotated</source>
        <translation>API-sleutel vervangen</translation>
    </message>
    <message>
        <source>API key revoked</source>
        <translation>API-sleutel ingetrokken</translation>
    </message>
    <message>
        <source>API key used</source>
        <translation>API-sleutel gebruikt</translation>
    </message>
    <message>
        <source>Queue created</source>
        <translation>Wachtrij aangemaakt</translation>
    </message>
    <message>
        <source>Queue changed</source>
        <translation>Wachtrij gewijzigd</translation>
    </message>
    <message>
        <source>Queue deleted</source>
        <translation>Wachtrij verwijderd</translation>
    </message>
    <message>
        <source>Widget created</source>
        <translation>Widget aangemaakt</translation>
    </message>
    <message>
        <source>Widget changed</source>
        <translation>Widget gewijzigd</translation>
    </message>
    <message>
        <source>Widget key replaced</source>
        <translation>Widgetsleutel vervangen</translation>
    </message>
    <message>
        <source>Widget deleted</source>
        <translation>Widget verwijderd</translation>
    </message>
    <message>
        <source>Product created</source>
        <translation>Product aangemaakt</translation>
    </message>
    <message>
        <source>Product changed</source>
        <translation>Product gewijzigd</translation>
    </message>
    <message>
        <source>Product deleted</source>
        <translation>Product verwijderd</translation>
    </message>
    <message>
        <source>Products imported</source>
        <translation>Producten geïmporteerd</translation>
    </message>
    <message>
        <source>Product image set</source>
        <translation>Productafbeelding ingesteld</translation>
    </message>
    <message>
        <source>Bundle created</source>
        <translation>Bundel aangemaakt</translation>
    </message>
    <message>
        <source>Bundle changed</source>
        <translation>Bundel gewijzigd</translation>
    </message>
    <message>
        <source>Bundle deleted</source>
        <translation>Bundel verwijderd</translation>
    </message>
    <message>
        <source>Catalogue settings changed</source>
        <translation>Catalogusinstellingen gewijzigd</translation>
    </message>
    <message>
        <source>Offer settings changed</source>
        <translation>Offerte-instellingen gewijzigd</translation>
    </message>
    <message>
        <source>Offer approved</source>
        <translation>Offerte goedgekeurd</translation>
    </message>
    <message>
        <source>Offer refused</source>
        <translation>Offerte afgewezen</translation>
    </message>
    <message>
        <source>Recording played or saved</source>
        <translation>Opname afgespeeld of opgeslagen</translation>
    </message>
    <message>
        <source>Recording deleted</source>
        <translation>Opname verwijderd</translation>
    </message>
    <message>
        <source>Legal hold set</source>
        <translation>Juridische blokkade ingesteld</translation>
    </message>
    <message>
        <source>Legal hold lifted</source>
        <translation>Juridische blokkade opgeheven</translation>
    </message>
    <message>
        <source>Recording settings changed</source>
        <translation>Opname-instellingen gewijzigd</translation>
    </message>
    <message>
        <source>Webhook endpoint changed</source>
        <translation>Webhook-endpoint gewijzigd</translation>
    </message>
    <message>
        <source>Webhook secret created</source>
        <translation>Webhookgeheim aangemaakt</translation>
    </message>
    <message>
        <source>Webhook secret rotated</source>
        <translation>Webhookgeheim vervangen</translation>
    </message>
    <message>
        <source>Webhook delivery sent again</source>
        <translation>Webhookaflevering opnieuw verstuurd</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Awaiting approval</source>
        <translation>Wacht op goedkeuring</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Afgewezen</translation>
    </message>
    <message>
        <source>Declined</source>
        <translation>Geweigerd door bezoeker</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Geaccepteerd</translation>
    </message>
    <message>
        <source>Waiting to be sent</source>
        <translation>Wacht op verzending</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Wordt verstuurd</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Afgeleverd</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Mislukt</translation>
    </message>
    <message>
        <source>Offer accepted</source>
        <translation>Offerte geaccepteerd</translation>
    </message>
    <message>
        <source>Test event</source>
        <translation>Testgebeurtenis</translation>
    </message>
    <message>
        <source>Organisation details corrected</source>
        <translation>Organisatiegegevens gecorrigeerd</translation>
    </message>
    <message>
        <source>User details corrected</source>
        <translation>Gebruikersgegevens gecorrigeerd</translation>
    </message>
    <message>
        <source>Data exported</source>
        <translation>Gegevens geëxporteerd</translation>
    </message>
    <message>
        <source>Erasure requested</source>
        <translation>Verwijdering gevraagd</translation>
    </message>
    <message>
        <source>Erased on request</source>
        <translation>Op verzoek verwijderd</translation>
    </message>
    <message>
        <source>Restrictions changed</source>
        <translation>Beperkingen gewijzigd</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Gebruiker</translation>
    </message>
    <message>
        <source>Recording</source>
        <translation>Opname</translation>
    </message>
    <message>
        <source>Call&apos;s data</source>
        <translation>Gegevens van een gesprek</translation>
    </message>
    <message>
        <source>audit trail</source>
        <translation>auditlogboek</translation>
    </message>
    <message>
        <source>offers</source>
        <translation>offertes</translation>
    </message>
    <message>
        <source>call record</source>
        <translation>gespreksgegevens</translation>
    </message>
    <message>
        <source>recordings</source>
        <translation>opnamen</translation>
    </message>
    <message>
        <source>billing and tax</source>
        <translation>facturering en belasting</translation>
    </message>
    <message>
        <source>audit</source>
        <translation>audit</translation>
    </message>
    <message>
        <source>names nobody</source>
        <translation>noemt niemand</translation>
    </message>
    <message>
        <source>deleted on their own schedule</source>
        <translation>volgens hun eigen termijn verwijderd</translation>
    </message>
</context>
<context>
    <name>AdminForms</name>
    <message>
        <source>Fill in {what}.</source>
        <translation>Vul {what} in.</translation>
    </message>
</context>
<context>
    <name>ApiKeysModel</name>
    <message>
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Sleutel</translation>
    </message>
    <message>
        <source>Scopes</source>
        <translation>Rechten</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Last used</source>
        <translation>Laatst gebruikt</translation>
    </message>
    <message>
        <source>Last IP</source>
        <translation>Laatste IP</translation>
    </message>
    <message>
        <source>{status} (until {time})</source>
        <translation>{status} (tot {time})</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nooit</translation>
    </message>
</context>
<context>
    <name>ApiKeysTab</name>
    <message>
        <source>API &amp;keys</source>
        <translation>API-&amp;sleutels</translation>
    </message>
    <message>
        <source>&amp;New key…</source>
        <translation>&amp;Nieuwe sleutel…</translation>
    </message>
    <message>
        <source>R&amp;otate…</source>
        <translation>&amp;Vervangen…</translation>
    </message>
    <message>
        <source>Re&amp;voke…</source>
        <translation>&amp;Intrekken…</translation>
    </message>
    <message>
        <source>API keys</source>
        <translation>API-sleutels</translation>
    </message>
    <message>
        <source>API key “{name}”</source>
        <translation>API-sleutel “{name}”</translation>
    </message>
    <message>
        <source>Your new API key</source>
        <translation>Je nieuwe API-sleutel</translation>
    </message>
    <message>
        <source>“{name}” is made.</source>
        <translation>“{name}” is aangemaakt.</translation>
    </message>
    <message>
        <source>The replacement key</source>
        <translation>De vervangende sleutel</translation>
    </message>
    <message>
        <source>“{name}” is replaced.</source>
        <translation>“{name}” is vervangen.</translation>
    </message>
    <message>
        <source>“{name}”, scopes: {scopes}</source>
        <translation>“{name}”, rechten: {scopes}</translation>
    </message>
    <message>
        <source>Copy this key now and keep it somewhere safe. You will not see it again: the server keeps only a fingerprint of it.</source>
        <translation>Kopieer deze sleutel nu en bewaar hem op een veilige plek. Je krijgt hem niet meer te zien: de server bewaart alleen een vingerafdruk ervan.</translation>
    </message>
    <message>
        <source>Revoke API key</source>
        <translation>API-sleutel intrekken</translation>
    </message>
    <message>
        <source>Revoke “{name}” ({prefix}…)? It stops working on its next request. This cannot be undone.</source>
        <translation>“{name}” ({prefix}…) intrekken? De sleutel werkt vanaf het volgende verzoek niet meer. Dit kan niet ongedaan worden gemaakt.</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>Intrekken</translation>
    </message>
    <message>
        <source>“{name}” is revoked.</source>
        <translation>“{name}” is ingetrokken.</translation>
    </message>
</context>
<context>
    <name>ApprovalsBox</name>
    <message>
        <source>Offers waiting for approval: %1</source>
        <translation>Offertes die op goedkeuring wachten: %1</translation>
    </message>
    <message>
        <source>&amp;Note to the clerk:</source>
        <translation>&amp;Notitie voor de medewerker:</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>optioneel</translation>
    </message>
    <message>
        <source>&amp;Approve</source>
        <translation>&amp;Goedkeuren</translation>
    </message>
    <message>
        <source>Re&amp;fuse</source>
        <translation>&amp;Weigeren</translation>
    </message>
    <message>
        <source>Offers waiting for approval</source>
        <translation>Offertes die op goedkeuring wachten</translation>
    </message>
    <message>
        <source>Approved: %1&apos;s offer</source>
        <translation>Goedgekeurd: de offerte van %1</translation>
    </message>
    <message>
        <source>Refused: %1&apos;s offer</source>
        <translation>Geweigerd: de offerte van %1</translation>
    </message>
    <message>
        <source>This request is no longer open: someone else decided, or the clerk changed the offer.</source>
        <translation>Dit verzoek staat niet meer open: iemand anders heeft al beslist, of de medewerker heeft de offerte gewijzigd.</translation>
    </message>
    <message>
        <source>The decision could not be sent. Try again.</source>
        <translation>De beslissing kon niet worden verstuurd. Probeer het opnieuw.</translation>
    </message>
</context>
<context>
    <name>ApprovalsModel</name>
    <message>
        <source>Clerk</source>
        <translation>Medewerker</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Gesprek</translation>
    </message>
    <message>
        <source>List price</source>
        <translation>Catalogusprijs</translation>
    </message>
    <message>
        <source>Offered</source>
        <translation>Aangeboden</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>Korting</translation>
    </message>
    <message>
        <source>Clerk&apos;s limit</source>
        <translation>Limiet medewerker</translation>
    </message>
    <message>
        <source>(discount %1)</source>
        <translation>(korting %1)</translation>
    </message>
</context>
<context>
    <name>AttemptsModel</name>
    <message>
        <source>Time</source>
        <translation>Tijd</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Resultaat</translation>
    </message>
    <message>
        <source>Answer or error</source>
        <translation>Antwoord of fout</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Duur</translation>
    </message>
    <message>
        <source>Answer&apos;s first words</source>
        <translation>Begin van het antwoord</translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation>Gelukt</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Mislukt</translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation>HTTP %1</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
</context>
<context>
    <name>AuditDetails</name>
    <message>
        <source>Role: {before} → {after}.</source>
        <translation>Rol: {before} → {after}.</translation>
    </message>
    <message>
        <source>The customer supplied the secret.</source>
        <translation>De klant heeft het geheim zelf aangeleverd.</translation>
    </message>
    <message>
        <source>The server made the secret.</source>
        <translation>De server heeft het geheim gemaakt.</translation>
    </message>
    <message>
        <source>The account is now locked.</source>
        <translation>Het account is nu geblokkeerd.</translation>
    </message>
    <message>
        <source>The account is not locked.</source>
        <translation>Het account is niet geblokkeerd.</translation>
    </message>
    <message>
        <source>Replaced by {key}.</source>
        <translation>Vervangen door {key}.</translation>
    </message>
    <message>
        <source>Role: {role}.</source>
        <translation>Rol: {role}.</translation>
    </message>
    <message>
        <source>Changed: {fields}.</source>
        <translation>Gewijzigd: {fields}.</translation>
    </message>
    <message>
        <source>SKU {sku}.</source>
        <translation>Artikelnummer {sku}.</translation>
    </message>
    <message>
        <source>Prices now include VAT.</source>
        <translation>Prijzen zijn nu inclusief btw.</translation>
    </message>
    <message>
        <source>Prices now exclude VAT.</source>
        <translation>Prijzen zijn nu exclusief btw.</translation>
    </message>
    <message>
        <source>{name}: {value}.</source>
        <translation>{name}: {value}.</translation>
    </message>
    <message>
        <source>%n created.</source>
        <translation>%n aangemaakt.</translation>
    </message>
    <message>
        <source>%n updated.</source>
        <translation>%n bijgewerkt.</translation>
    </message>
    <message>
        <source>%n unchanged.</source>
        <translation>%n ongewijzigd.</translation>
    </message>
    <message>
        <source>%n with errors.</source>
        <translation>%n met fouten.</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nee</translation>
    </message>
</context>
<context>
    <name>AuditModel</name>
    <message>
        <source>Time</source>
        <translation>Tijd</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Gebeurtenis</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Door</translation>
    </message>
    <message>
        <source>IP address</source>
        <translation>IP-adres</translation>
    </message>
    <message>
        <source>Concerning</source>
        <translation>Betreft</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
</context>
<context>
    <name>AuditTab</name>
    <message>
        <source>any</source>
        <translation>alle</translation>
    </message>
    <message>
        <source>&amp;Audit</source>
        <translation>&amp;Audit</translation>
    </message>
    <message>
        <source>&amp;Event</source>
        <translation>&amp;Gebeurtenis</translation>
    </message>
    <message>
        <source>U&amp;ser</source>
        <translation>Ge&amp;bruiker</translation>
    </message>
    <message>
        <source>&amp;IP address</source>
        <translation>&amp;IP-adres</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>&amp;Van</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>&amp;Tot</translation>
    </message>
    <message>
        <source>A&amp;pply filters</source>
        <translation>Filters &amp;toepassen</translation>
    </message>
    <message>
        <source>&amp;Clear</source>
        <translation>&amp;Wissen</translation>
    </message>
    <message>
        <source>Load &amp;more</source>
        <translation>&amp;Meer laden</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation>Auditlogboek</translation>
    </message>
    <message>
        <source>Any event</source>
        <translation>Elke gebeurtenis</translation>
    </message>
    <message>
        <source>Anyone</source>
        <translation>Iedereen</translation>
    </message>
    <message numerus="yes">
        <source>%n entries shown; older ones: Load more</source>
        <translation>
            <numerusform>%n vermelding getoond; oudere: Meer laden</numerusform>
            <numerusform>%n vermeldingen getoond; oudere: Meer laden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entries</source>
        <translation>
            <numerusform>%n vermelding</numerusform>
            <numerusform>%n vermeldingen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Catalogue</name>
    <message>
        <source>Created</source>
        <translation>Aangemaakt</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Bijgewerkt</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>Ongewijzigd</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fout</translation>
    </message>
    <message>
        <source>The file lacks the columns: {what}</source>
        <translation>Het bestand mist de kolommen: {what}</translation>
    </message>
    <message>
        <source>price_minor must be a whole number of cents, not “{what}”</source>
        <translation>price_minor moet een heel aantal centen zijn, niet “{what}”</translation>
    </message>
    <message>
        <source>active must be true or false, not “{what}”</source>
        <translation>active moet true of false zijn, niet “{what}”</translation>
    </message>
    <message>
        <source>options is not valid JSON: {what}</source>
        <translation>options is geen geldige JSON: {what}</translation>
    </message>
</context>
<context>
    <name>CatalogueTab</name>
    <message>
        <source>&amp;Catalogue</source>
        <translation>&amp;Catalogus</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;Zoeken</translation>
    </message>
    <message>
        <source>SKU, name or option</source>
        <translation>Artikelnummer, naam of optie</translation>
    </message>
    <message>
        <source>&amp;New product…</source>
        <translation>&amp;Nieuw product…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bewerken…</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Verwijderen…</translation>
    </message>
    <message>
        <source>&amp;Import CSV…</source>
        <translation>CSV &amp;importeren…</translation>
    </message>
    <message>
        <source>E&amp;xport CSV…</source>
        <translation>CSV e&amp;xporteren…</translation>
    </message>
    <message>
        <source>Load &amp;more</source>
        <translation>&amp;Meer laden</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>Producten</translation>
    </message>
    <message>
        <source>Product “{name}” ({sku})</source>
        <translation>Product “{name}” ({sku})</translation>
    </message>
    <message numerus="yes">
        <source>%n products shown; more: Load more</source>
        <translation>
            <numerusform>%n product getoond; meer: Meer laden</numerusform>
            <numerusform>%n producten getoond; meer: Meer laden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n products</source>
        <translation>
            <numerusform>%n product</numerusform>
            <numerusform>%n producten</numerusform>
        </translation>
    </message>
    <message>
        <source>Product {sku} is saved.</source>
        <translation>Product {sku} is opgeslagen.</translation>
    </message>
    <message>
        <source>Delete product</source>
        <translation>Product verwijderen</translation>
    </message>
    <message>
        <source>Delete {sku} “{name}”? This cannot be undone.</source>
        <translation>{sku} “{name}” verwijderen? Dit kan niet ongedaan worden gemaakt.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Verwijderen</translation>
    </message>
    <message>
        <source>Product {sku} is deleted.</source>
        <translation>Product {sku} is verwijderd.</translation>
    </message>
    <message>
        <source>Export the catalogue</source>
        <translation>De catalogus exporteren</translation>
    </message>
    <message>
        <source>Import products</source>
        <translation>Producten importeren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-bestanden (*.csv)</translation>
    </message>
    <message>
        <source>{file}: {created} created, {updated} updated, {errors} with errors.</source>
        <translation>{file}: {created} aangemaakt, {updated} bijgewerkt, {errors} met fouten.</translation>
    </message>
    <message>
        <source>Cannot read {file}.</source>
        <translation>{file} kan niet worden gelezen.</translation>
    </message>
    <message numerus="yes">
        <source>%n products written to {file}.</source>
        <translation>
            <numerusform>%n product naar {file} geschreven.</numerusform>
            <numerusform>%n producten naar {file} geschreven.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ClerksModel</name>
    <message>
        <source>Clerk</source>
        <translation>Medewerker</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Time in state</source>
        <translation>Tijd in status</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>Beschikbaar</translation>
    </message>
    <message>
        <source>In a call</source>
        <translation>In gesprek</translation>
    </message>
    <message>
        <source>Wrapping up</source>
        <translation>Bezig met afronden</translation>
    </message>
    <message>
        <source>Away</source>
        <translation>Afwezig</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
</context>
<context>
    <name>CloseAccountDialog</name>
    <message>
        <source>Close account</source>
        <translation>Account sluiten</translation>
    </message>
    <message>
        <source>This closes the account of {organisation} for everyone, at once and for good. Nobody can log in any more, every API key stops, calls in progress end and the widgets turn visitors away. It cannot be undone.</source>
        <translation>Hiermee sluit je het account van {organisation} voor iedereen, meteen en voorgoed. Niemand kan nog inloggen, elke API-sleutel stopt, lopende gesprekken eindigen en de widgets sturen bezoekers weg. Dit kan niet ongedaan worden gemaakt.</translation>
    </message>
    <message>
        <source>Your &amp;password</source>
        <translation>Je &amp;wachtwoord</translation>
    </message>
    <message>
        <source>Close the account</source>
        <translation>Het account sluiten</translation>
    </message>
    <message>
        <source>your password</source>
        <translation>je wachtwoord</translation>
    </message>
</context>
<context>
    <name>DataRequestsTab</name>
    <message>
        <source>&amp;Data requests</source>
        <translation>Gegevens&amp;verzoeken</translation>
    </message>
    <message>
        <source>E&amp;xport data…</source>
        <translation>Gegevens e&amp;xporteren…</translation>
    </message>
    <message>
        <source>&amp;Correct organisation details…</source>
        <translation>Organisatiegegevens &amp;corrigeren…</translation>
    </message>
    <message>
        <source>Restrict processing for the whole organisation</source>
        <translation>Verwerking beperken voor de hele organisatie</translation>
    </message>
    <message>
        <source>No &amp;marketing</source>
        <translation>Geen &amp;marketing</translation>
    </message>
    <message>
        <source>No &amp;automated decisions</source>
        <translation>Geen &amp;geautomatiseerde besluiten</translation>
    </message>
    <message>
        <source>No use of recordings to &amp;improve the service</source>
        <translation>Opnamen niet gebruiken om de dienst te &amp;verbeteren</translation>
    </message>
    <message>
        <source>&amp;Save restrictions</source>
        <translation>Beperkingen op&amp;slaan</translation>
    </message>
    <message>
        <source>Erasure requests: each is done at once where possible, and always within 30 days; a legal hold postpones it.</source>
        <translation>Verzoeken om verwijdering: elk wordt meteen uitgevoerd waar dat kan, en altijd binnen 30 dagen; een juridische blokkade stelt het uit.</translation>
    </message>
    <message>
        <source>Erase a &amp;visitor&apos;s call…</source>
        <translation>Gesprek van een &amp;bezoeker verwijderen…</translation>
    </message>
    <message>
        <source>Erase a &amp;user…</source>
        <translation>Gebr&amp;uiker verwijderen…</translation>
    </message>
    <message>
        <source>Erasure requests</source>
        <translation>Verzoeken om verwijdering</translation>
    </message>
    <message>
        <source>Erasure of %1</source>
        <translation>Verwijdering van %1</translation>
    </message>
    <message>
        <source>%1 · organisation number %2 · VAT %3 · %4, %5 %6, %7</source>
        <translation>%1 · KvK-nummer %2 · btw %3 · %4, %5 %6, %7</translation>
    </message>
    <message>
        <source>The organisation&apos;s details are corrected.</source>
        <translation>De organisatiegegevens zijn gecorrigeerd.</translation>
    </message>
    <message>
        <source>The organisation&apos;s restrictions are saved.</source>
        <translation>De beperkingen van de organisatie zijn opgeslagen.</translation>
    </message>
    <message>
        <source>Export the organisation&apos;s data</source>
        <translation>Gegevens van de organisatie exporteren</translation>
    </message>
    <message>
        <source>The organisation&apos;s data (%1) is saved as %2.</source>
        <translation>De gegevens van de organisatie (%1) zijn opgeslagen als %2.</translation>
    </message>
    <message>
        <source>The export was not saved: %1</source>
        <translation>De export is niet opgeslagen: %1</translation>
    </message>
    <message>
        <source>Exporting… %1</source>
        <translation>Exporteren… %1</translation>
    </message>
    <message>
        <source>Erased.</source>
        <translation>Verwijderd.</translation>
    </message>
    <message>
        <source>Kept: %1.</source>
        <translation>Bewaard: %1.</translation>
    </message>
    <message>
        <source>A legal hold keeps it (%1); it is erased once the hold is lifted.</source>
        <translation>Een juridische blokkade houdt het vast (%1); het wordt verwijderd zodra de blokkade is opgeheven.</translation>
    </message>
    <message>
        <source>It is erased once the call has ended, by %1 at the latest.</source>
        <translation>Het wordt verwijderd zodra het gesprek is afgelopen, uiterlijk op %1.</translation>
    </message>
</context>
<context>
    <name>DeliveriesModel</name>
    <message>
        <source>Created</source>
        <translation>Aangemaakt</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Gebeurtenis</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Pogingen</translation>
    </message>
    <message>
        <source>Next attempt</source>
        <translation>Volgende poging</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Afgeleverd</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>ID</translation>
    </message>
</context>
<context>
    <name>EndpointDialog</name>
    <message>
        <source>Webhook endpoint</source>
        <translation>Webhook-endpoint</translation>
    </message>
    <message>
        <source>Send events to this address</source>
        <translation>Gebeurtenissen naar dit adres sturen</translation>
    </message>
    <message>
        <source>&amp;URL</source>
        <translation>&amp;URL</translation>
    </message>
    <message>
        <source>&amp;Enabled</source>
        <translation>&amp;Ingeschakeld</translation>
    </message>
    <message>
        <source>E&amp;vents</source>
        <translation>&amp;Gebeurtenissen</translation>
    </message>
</context>
<context>
    <name>EraseCallDialog</name>
    <message>
        <source>Erase a visitor&apos;s call</source>
        <translation>Gesprek van een bezoeker verwijderen</translation>
    </message>
    <message>
        <source>A visitor who wants their recording deleted quotes the reference the video call showed at its end. This erases the call&apos;s recordings, the visitor&apos;s consent answers and the wrap-up note, at once (a call still going on: once it has ended). The call record stays: it names nobody.</source>
        <translation>Een bezoeker die een opname verwijderd wil hebben, noemt de referentie die het videogesprek aan het eind liet zien. Dit verwijdert meteen de opnamen van het gesprek, de toestemmingsantwoorden van de bezoeker en de afrondingsnotitie (een gesprek dat nog loopt: zodra het is afgelopen). De gespreksgegevens blijven: die noemen niemand.</translation>
    </message>
    <message>
        <source>Call &amp;reference</source>
        <translation>Gespreks&amp;referentie</translation>
    </message>
    <message>
        <source>&amp;Erase</source>
        <translation>&amp;Verwijderen</translation>
    </message>
    <message>
        <source>the call reference</source>
        <translation>de gespreksreferentie</translation>
    </message>
</context>
<context>
    <name>EraseUserDialog</name>
    <message>
        <source>Erase a user</source>
        <translation>Gebruiker verwijderen</translation>
    </message>
    <message>
        <source>The user&apos;s name, e-mail address and password are erased at once and they are logged out for good. What names them by id stays where billing, tax or audit need it (offers, the audit trail). This cannot be undone.</source>
        <translation>De naam, het e-mailadres en het wachtwoord van de gebruiker worden meteen verwijderd en de gebruiker wordt voorgoed uitgelogd. Wat hen alleen met een id noemt, blijft waar facturering, belasting of audit het nodig hebben (offertes, het auditlogboek). Dit kan niet ongedaan worden gemaakt.</translation>
    </message>
    <message>
        <source>&amp;User</source>
        <translation>&amp;Gebruiker</translation>
    </message>
    <message>
        <source>&amp;Erase</source>
        <translation>&amp;Verwijderen</translation>
    </message>
    <message>
        <source>the user</source>
        <translation>de gebruiker</translation>
    </message>
</context>
<context>
    <name>ErasureRequestsModel</name>
    <message>
        <source>Requested</source>
        <translation>Gevraagd</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Wat</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Onderdeel</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Uiterlijk</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Stand</translation>
    </message>
    <message>
        <source>Kept</source>
        <translation>Bewaard</translation>
    </message>
    <message>
        <source>Erased %1</source>
        <translation>Verwijderd %1</translation>
    </message>
    <message>
        <source>Waiting on a legal hold: %1</source>
        <translation>Wacht op een juridische blokkade: %1</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Nog te doen</translation>
    </message>
</context>
<context>
    <name>ErrorBanner</name>
    <message>
        <source>Dismiss</source>
        <translation>Sluiten</translation>
    </message>
    <message>
        <source>Dismiss the error</source>
        <translation>De foutmelding sluiten</translation>
    </message>
</context>
<context>
    <name>HoldDialog</name>
    <message>
        <source>Put on legal hold</source>
        <translation>Juridische blokkade instellen</translation>
    </message>
    <message>
        <source>While on legal hold, the recording is neither deleted by retention nor by anyone. Say why (for example, the case number).</source>
        <translation>Met een juridische blokkade wordt de opname niet verwijderd, niet na de bewaartermijn en door niemand. Geef de reden (bijvoorbeeld het zaaknummer).</translation>
    </message>
    <message>
        <source>Lift legal hold</source>
        <translation>Juridische blokkade opheffen</translation>
    </message>
    <message>
        <source>Without the hold, retention deletes the recording when it is due. Say why the hold ends. It was set because: %1</source>
        <translation>Zonder blokkade wordt de opname na de bewaartermijn verwijderd. Geef de reden waarom de blokkade eindigt. Ze werd ingesteld omdat: %1</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>&amp;Reden</translation>
    </message>
    <message>
        <source>&amp;Hold</source>
        <translation>&amp;Blokkeren</translation>
    </message>
    <message>
        <source>&amp;Lift hold</source>
        <translation>&amp;Opheffen</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import {file}</source>
        <translation>{file} importeren</translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation>Het bestand wordt gelezen…</translation>
    </message>
    <message>
        <source>Import report</source>
        <translation>Importverslag</translation>
    </message>
    <message>
        <source>Sent {done} of {total} rows…</source>
        <translation>{done} van {total} regels verstuurd…</translation>
    </message>
    <message>
        <source>{created} created, {updated} updated, {unchanged} unchanged, {errors} with errors.</source>
        <translation>{created} aangemaakt, {updated} bijgewerkt, {unchanged} ongewijzigd, {errors} met fouten.</translation>
    </message>
</context>
<context>
    <name>ImportReportModel</name>
    <message>
        <source>Line</source>
        <translation>Regel</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>Artikelnummer</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Resultaat</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Melding</translation>
    </message>
</context>
<context>
    <name>LocalTextEdit</name>
    <message>
        <source>English</source>
        <translation>Engels</translation>
    </message>
    <message>
        <source>Dutch</source>
        <translation>Nederlands</translation>
    </message>
    <message>
        <source>Write {what} in both English and Dutch.</source>
        <translation>Schrijf {what} in het Engels én in het Nederlands.</translation>
    </message>
</context>
<context>
    <name>NewKeyDialog</name>
    <message>
        <source>New API key</source>
        <translation>Nieuwe API-sleutel</translation>
    </message>
    <message>
        <source>What uses it, e.g. shop backend</source>
        <translation>Waar hij voor is, bv. webwinkel-backend</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>Productie</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Test</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Naam</translation>
    </message>
    <message>
        <source>&amp;Scopes</source>
        <translation>&amp;Rechten</translation>
    </message>
    <message>
        <source>En&amp;vironment</source>
        <translation>Om&amp;geving</translation>
    </message>
    <message>
        <source>the name</source>
        <translation>de naam</translation>
    </message>
    <message>
        <source>Choose at least one scope.</source>
        <translation>Kies minstens één recht.</translation>
    </message>
</context>
<context>
    <name>NewUserDialog</name>
    <message>
        <source>New user</source>
        <translation>Nieuwe gebruiker</translation>
    </message>
    <message>
        <source>Leave empty to send an invitation by e-mail</source>
        <translation>Laat leeg om een uitnodiging per e-mail te sturen</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Naam</translation>
    </message>
    <message>
        <source>&amp;E-mail</source>
        <translation>&amp;E-mail</translation>
    </message>
    <message>
        <source>&amp;Role</source>
        <translation>&amp;Rol</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>&amp;Wachtwoord</translation>
    </message>
    <message>
        <source>Without a password the new user gets an e-mail with a code to choose one. The user accepts the privacy policy at the first log-in.</source>
        <translation>Zonder wachtwoord krijgt de nieuwe gebruiker een e-mail met een code om er een te kiezen. Bij de eerste keer inloggen aanvaardt de gebruiker het privacybeleid.</translation>
    </message>
    <message>
        <source>the name</source>
        <translation>de naam</translation>
    </message>
    <message>
        <source>the e-mail address</source>
        <translation>het e-mailadres</translation>
    </message>
</context>
<context>
    <name>NewWidgetKeyDialog</name>
    <message>
        <source>New widget key</source>
        <translation>Nieuwe widgetsleutel</translation>
    </message>
    <message>
        <source>“{name}” has a new key: {key}. The old key stopped working, so pages with the old snippet show no widget until you replace it with this one.</source>
        <translation>“{name}” heeft een nieuwe sleutel: {key}. De oude sleutel werkt niet meer, dus pagina’s met het oude fragment tonen geen widget tot je het door dit fragment vervangt.</translation>
    </message>
</context>
<context>
    <name>OfferDialog</name>
    <message>
        <source>&amp;Revision</source>
        <translation>&amp;Versie</translation>
    </message>
    <message>
        <source>Lines of the offer</source>
        <translation>Regels van de offerte</translation>
    </message>
    <message>
        <source>Offer {reference}, revision {revision}</source>
        <translation>Offerte {reference}, versie {revision}</translation>
    </message>
    <message>
        <source>Status: {status}</source>
        <translation>Status: {status}</translation>
    </message>
    <message>
        <source>Clerk: {name}</source>
        <translation>Medewerker: {name}</translation>
    </message>
    <message>
        <source>Saved: {time}</source>
        <translation>Opgeslagen: {time}</translation>
    </message>
    <message>
        <source>Valid until: {day}</source>
        <translation>Geldig tot en met: {day}</translation>
    </message>
    <message>
        <source>Accepted: {time}</source>
        <translation>Geaccepteerd: {time}</translation>
    </message>
    <message>
        <source>Note: {note}</source>
        <translation>Opmerking: {note}</translation>
    </message>
    <message>
        <source>List price</source>
        <translation>Catalogusprijs</translation>
    </message>
    <message>
        <source>Discount ({percent} %)</source>
        <translation>Korting ({percent} %)</translation>
    </message>
    <message>
        <source>Net</source>
        <translation>Netto</translation>
    </message>
    <message>
        <source>VAT {rate} %</source>
        <translation>Btw {rate} %</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Totaal</translation>
    </message>
</context>
<context>
    <name>OfferLinesModel</name>
    <message>
        <source>SKU</source>
        <translation>Artikelnummer</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Aantal</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>Stukprijs</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>Korting</translation>
    </message>
    <message>
        <source>VAT rate</source>
        <translation>Btw-tarief</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Totaal</translation>
    </message>
</context>
<context>
    <name>OfferSettingsDialog</name>
    <message>
        <source>Offer settings</source>
        <translation>Offerte-instellingen</translation>
    </message>
    <message>
        <source>C&amp;lerk</source>
        <translation>&amp;Medewerker</translation>
    </message>
    <message>
        <source>Supe&amp;rvisor</source>
        <translation>&amp;Supervisor</translation>
    </message>
    <message>
        <source>A&amp;dmin</source>
        <translation>&amp;Beheerder</translation>
    </message>
    <message>
        <source>Discount limit of the role {role}</source>
        <translation>Kortingsgrens van de rol {role}</translation>
    </message>
    <message>
        <source> days</source>
        <translation> dagen</translation>
    </message>
    <message>
        <source>After a visitor accepts, this link takes them to your shop; {reference} is replaced by the offer&apos;s reference. Leave it empty for no checkout button.</source>
        <translation>Na het accepteren brengt deze link de bezoeker naar je winkel; {reference} wordt vervangen door de referentie van de offerte. Laat het leeg voor geen afrekenknop.</translation>
    </message>
    <message>
        <source>Highest discount without approval</source>
        <translation>Hoogste korting zonder goedkeuring</translation>
    </message>
    <message>
        <source>&amp;Validity</source>
        <translation>&amp;Geldigheid</translation>
    </message>
    <message>
        <source>&amp;Time zone</source>
        <translation>&amp;Tijdzone</translation>
    </message>
    <message>
        <source>Check&amp;out link</source>
        <translation>&amp;Afreklink</translation>
    </message>
</context>
<context>
    <name>OffersModel</name>
    <message>
        <source>Created</source>
        <translation>Aangemaakt</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>Medewerker</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Referentie</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>Regels</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>Korting</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Totaal</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>Geldig tot en met</translation>
    </message>
</context>
<context>
    <name>OffersTab</name>
    <message>
        <source>&amp;Offers</source>
        <translation>&amp;Offertes</translation>
    </message>
    <message>
        <source>Offer &amp;settings…</source>
        <translation>Offerte-&amp;instellingen…</translation>
    </message>
    <message>
        <source>&amp;Details…</source>
        <translation>D&amp;etails…</translation>
    </message>
    <message>
        <source>E&amp;xport CSV…</source>
        <translation>CSV e&amp;xporteren…</translation>
    </message>
    <message>
        <source>C&amp;lerk</source>
        <translation>Medewer&amp;ker</translation>
    </message>
    <message>
        <source>S&amp;tatus</source>
        <translation>Stat&amp;us</translation>
    </message>
    <message>
        <source>Currenc&amp;y</source>
        <translation>Va&amp;luta</translation>
    </message>
    <message>
        <source>Total &amp;between</source>
        <translation>&amp;Bedrag tussen</translation>
    </message>
    <message>
        <source>and</source>
        <translation>en</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>Va&amp;naf</translation>
    </message>
    <message>
        <source>Unt&amp;il</source>
        <translation>&amp;Tot en met</translation>
    </message>
    <message>
        <source>any</source>
        <translation>alle</translation>
    </message>
    <message>
        <source>Lowest total</source>
        <translation>Laagste totaal</translation>
    </message>
    <message>
        <source>Highest total</source>
        <translation>Hoogste totaal</translation>
    </message>
    <message>
        <source>A&amp;pply filters</source>
        <translation>Filters toe&amp;passen</translation>
    </message>
    <message>
        <source>Cl&amp;ear</source>
        <translation>Leeg&amp;maken</translation>
    </message>
    <message>
        <source>Load &amp;more</source>
        <translation>Meer la&amp;den</translation>
    </message>
    <message>
        <source>Offers</source>
        <translation>Offertes</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Elke status</translation>
    </message>
    <message>
        <source>Any currency</source>
        <translation>Elke valuta</translation>
    </message>
    <message>
        <source>Anyone</source>
        <translation>Iedereen</translation>
    </message>
    <message>
        <source>“{text}” is not an amount.</source>
        <translation>“{text}” is geen bedrag.</translation>
    </message>
    <message numerus="yes">
        <source>%n offers shown; older ones: Load more</source>
        <translation>
            <numerusform>%n offerte getoond; oudere: Meer laden</numerusform>
            <numerusform>%n offertes getoond; oudere: Meer laden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n offers</source>
        <translation>
            <numerusform>%n offerte</numerusform>
            <numerusform>%n offertes</numerusform>
        </translation>
    </message>
    <message>
        <source>The offer settings are saved.</source>
        <translation>De offerte-instellingen zijn opgeslagen.</translation>
    </message>
    <message>
        <source>Export offers</source>
        <translation>Offertes exporteren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-bestanden (*.csv)</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Bezig met exporteren…</translation>
    </message>
    <message>
        <source>Exporting… %1 kB</source>
        <translation>Bezig met exporteren… %1 kB</translation>
    </message>
    <message numerus="yes">
        <source>%n offers exported to %1.</source>
        <translation>
            <numerusform>%n offerte geëxporteerd naar %1.</numerusform>
            <numerusform>%n offertes geëxporteerd naar %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>The export failed: %1</source>
        <translation>Het exporteren is mislukt: %1</translation>
    </message>
</context>
<context>
    <name>OrganisationDialog</name>
    <message>
        <source>Organisation details</source>
        <translation>Organisatiegegevens</translation>
    </message>
    <message>
        <source>Company &amp;name</source>
        <translation>Bedrijfs&amp;naam</translation>
    </message>
    <message>
        <source>Organisation &amp;number</source>
        <translation>KvK-&amp;nummer</translation>
    </message>
    <message>
        <source>&amp;VAT number</source>
        <translation>&amp;Btw-nummer</translation>
    </message>
    <message>
        <source>&amp;Street</source>
        <translation>&amp;Straat</translation>
    </message>
    <message>
        <source>&amp;Postal code</source>
        <translation>&amp;Postcode</translation>
    </message>
    <message>
        <source>&amp;City</source>
        <translation>P&amp;laats</translation>
    </message>
    <message>
        <source>C&amp;ountry (two letters)</source>
        <translation>&amp;Land (twee letters)</translation>
    </message>
    <message>
        <source>the company name</source>
        <translation>de bedrijfsnaam</translation>
    </message>
    <message>
        <source>the organisation number</source>
        <translation>het KvK-nummer</translation>
    </message>
    <message>
        <source>the VAT number</source>
        <translation>het btw-nummer</translation>
    </message>
    <message>
        <source>the street</source>
        <translation>de straat</translation>
    </message>
    <message>
        <source>the postal code</source>
        <translation>de postcode</translation>
    </message>
    <message>
        <source>the city</source>
        <translation>de plaats</translation>
    </message>
    <message>
        <source>the country</source>
        <translation>het land</translation>
    </message>
</context>
<context>
    <name>PlayerDialog</name>
    <message>
        <source>Recording of %1</source>
        <translation>Opname van %1</translation>
    </message>
    <message>
        <source>P&amp;osition</source>
        <translation>P&amp;ositie</translation>
    </message>
    <message>
        <source>Position in the recording</source>
        <translation>Positie in de opname</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pauze</translation>
    </message>
    <message>
        <source>&amp;Play</source>
        <translation>&amp;Afspelen</translation>
    </message>
    <message>
        <source>The app cannot play this recording (%1). Save it to a file instead.</source>
        <translation>De app kan deze opname niet afspelen (%1). Sla haar op als bestand.</translation>
    </message>
</context>
<context>
    <name>PrivacyTab</name>
    <message>
        <source>&amp;Privacy</source>
        <translation>&amp;Privacy</translation>
    </message>
    <message>
        <source>Where your data is stored</source>
        <translation>Waar je gegevens worden opgeslagen</translation>
    </message>
    <message>
        <source>Sub-processors</source>
        <translation>Subverwerkers</translation>
    </message>
    <message>
        <source>This server uses no sub-processors: nothing leaves it except what your organisation configures (webhooks).</source>
        <translation>Deze server gebruikt geen subverwerkers: er verlaat niets de server behalve wat je organisatie instelt (webhooks).</translation>
    </message>
    <message>
        <source>Offer suggestions</source>
        <translation>Offertesuggesties</translation>
    </message>
    <message>
        <source>Suggest items and discounts to clerks from our answered offers</source>
        <translation>Medewerkers artikelen en kortingen voorstellen op basis van onze beantwoorde offertes</translation>
    </message>
    <message>
        <source>The operator of this server has not stated where it stores data.</source>
        <translation>De beheerder van deze server heeft niet vermeld waar de gegevens worden opgeslagen.</translation>
    </message>
    <message>
        <source>Your organisation restricted automated decisions: no suggestions are made. Lift the restriction to switch them on.</source>
        <translation>Je organisatie heeft geautomatiseerde besluiten beperkt: er worden geen suggesties gedaan. Hef de beperking op om ze aan te zetten.</translation>
    </message>
    <message>
        <source>Off unless you switch it on. Suggestions are counts over your organisation&apos;s own accepted and declined offers, shown to the clerk to apply or ignore; they decide nothing about a visitor and use nothing about one.</source>
        <translation>Uit tenzij je het aanzet. Suggesties zijn tellingen over de eigen geaccepteerde en afgewezen offertes van je organisatie, die de medewerker kan toepassen of negeren; ze beslissen niets over een bezoeker en gebruiken niets over een bezoeker.</translation>
    </message>
    <message>
        <source>Offer suggestions are on.</source>
        <translation>Offertesuggesties staan aan.</translation>
    </message>
    <message>
        <source>Offer suggestions are off.</source>
        <translation>Offertesuggesties staan uit.</translation>
    </message>
</context>
<context>
    <name>ProductDialog</name>
    <message>
        <source>Edit product</source>
        <translation>Product bewerken</translation>
    </message>
    <message>
        <source>New product</source>
        <translation>Nieuw product</translation>
    </message>
    <message>
        <source>&amp;Offered to customers</source>
        <translation>&amp;Aangeboden aan klanten</translation>
    </message>
    <message>
        <source>&amp;SKU</source>
        <translation>&amp;Artikelnummer</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Naam</translation>
    </message>
    <message>
        <source>&amp;Description</source>
        <translation>&amp;Beschrijving</translation>
    </message>
    <message>
        <source>&amp;Price</source>
        <translation>&amp;Prijs</translation>
    </message>
    <message>
        <source>C&amp;urrency</source>
        <translation>&amp;Valuta</translation>
    </message>
    <message>
        <source>&amp;VAT rate (%)</source>
        <translation>B&amp;tw-tarief (%)</translation>
    </message>
    <message>
        <source>&amp;Option groups (JSON)</source>
        <translation>&amp;Optiegroepen (JSON)</translation>
    </message>
    <message>
        <source>Write the price as an amount, like 12.50.</source>
        <translation>Schrijf de prijs als bedrag, zoals 12,50.</translation>
    </message>
    <message>
        <source>The option groups are not valid JSON of the API&apos;s shape.</source>
        <translation>De optiegroepen zijn geen geldige JSON in de vorm van de API.</translation>
    </message>
    <message>
        <source>the name</source>
        <translation>de naam</translation>
    </message>
    <message>
        <source>Write the name in English and Dutch.</source>
        <translation>Schrijf de naam in het Engels en het Nederlands.</translation>
    </message>
    <message>
        <source>the description</source>
        <translation>de beschrijving</translation>
    </message>
</context>
<context>
    <name>ProductsModel</name>
    <message>
        <source>SKU</source>
        <translation>Artikelnummer</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Prijs</translation>
    </message>
    <message>
        <source>VAT</source>
        <translation>Btw</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>Opties</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Actief</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>Inactief</translation>
    </message>
</context>
<context>
    <name>QueueDialog</name>
    <message>
        <source>Edit queue</source>
        <translation>Wachtrij bewerken</translation>
    </message>
    <message>
        <source>New queue</source>
        <translation>Nieuwe wachtrij</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Name (&amp;English)</source>
        <translation>Naam (&amp;Engels)</translation>
    </message>
    <message>
        <source>Name (&amp;Dutch)</source>
        <translation>Naam (&amp;Nederlands)</translation>
    </message>
    <message>
        <source>One name is enough: where the other language&apos;s is missing, it is shown.</source>
        <translation>Eén naam is genoeg: waar die in de andere taal ontbreekt, wordt deze getoond.</translation>
    </message>
    <message>
        <source>&amp;Answer within</source>
        <translation>&amp;Beantwoorden binnen</translation>
    </message>
    <message>
        <source>…for at &amp;least</source>
        <translation>…voor &amp;minstens</translation>
    </message>
    <message>
        <source>&amp;Most visitors waiting</source>
        <translation>&amp;Meeste wachtende bezoekers</translation>
    </message>
    <message>
        <source>Give the queue a name in English, in Dutch or in both.</source>
        <translation>Geef de wachtrij een naam in het Engels, in het Nederlands of in beide.</translation>
    </message>
</context>
<context>
    <name>QueueFiguresModel</name>
    <message>
        <source>Queue</source>
        <translation>Wachtrij</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Wachtend</translation>
    </message>
    <message>
        <source>Longest wait</source>
        <translation>Langste wachttijd</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>Opgenomen</translation>
    </message>
    <message>
        <source>Abandoned</source>
        <translation>Afgehaakt</translation>
    </message>
    <message>
        <source>Service level</source>
        <translation>Serviceniveau</translation>
    </message>
    <message>
        <source>{within} of {offered} calls answered within {target} s (abandoned calls count as missed)</source>
        <translation>{within} van {offered} gesprekken opgenomen binnen {target} s (afgehaakte gesprekken tellen als gemist)</translation>
    </message>
    <message>
        <source>no calls yet</source>
        <translation>nog geen gesprekken</translation>
    </message>
    <message>
        <source>{percent}% within {target} s</source>
        <translation>{percent}% binnen {target} s</translation>
    </message>
</context>
<context>
    <name>QueuesModel</name>
    <message>
        <source>Name (English)</source>
        <translation>Naam (Engels)</translation>
    </message>
    <message>
        <source>Name (Dutch)</source>
        <translation>Naam (Nederlands)</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Doel</translation>
    </message>
    <message>
        <source>Most waiting</source>
        <translation>Hoogstens wachtend</translation>
    </message>
    <message>
        <source>{percent}% within {seconds} s</source>
        <translation>{percent}% binnen {seconds} s</translation>
    </message>
</context>
<context>
    <name>RatingsLabel</name>
    <message>
        <source>no ratings</source>
        <translation>geen beoordelingen</translation>
    </message>
    <message numerus="yes">
        <source>%1 of 5 (ratings: %n)</source>
        <translation>
            <numerusform>%1 van 5 (beoordelingen: %n)</numerusform>
            <numerusform>%1 van 5 (beoordelingen: %n)</numerusform>
        </translation>
    </message>
    <message>
        <source>Visitors&apos; ratings could not be loaded.</source>
        <translation>De beoordelingen van bezoekers konden niet worden geladen.</translation>
    </message>
    <message>
        <source>Visitors&apos; ratings: loading…</source>
        <translation>Beoordelingen van bezoekers: laden…</translation>
    </message>
    <message>
        <source>Visitors&apos; rating today: %1 · last %2 days: %3</source>
        <translation>Beoordeling door bezoekers vandaag: %1 · afgelopen %2 dagen: %3</translation>
    </message>
</context>
<context>
    <name>RecordTab</name>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Vernieuwen</translation>
    </message>
</context>
<context>
    <name>RecordingSettingsDialog</name>
    <message>
        <source>Recording settings</source>
        <translation>Opname-instellingen</translation>
    </message>
    <message>
        <source> days</source>
        <translation> dagen</translation>
    </message>
    <message>
        <source>&amp;Keep recordings for</source>
        <translation>Opnamen &amp;bewaren gedurende</translation>
    </message>
    <message numerus="yes">
        <source>At most %n days here (the operator&apos;s limit). Recordings on legal hold are kept until the hold is lifted; a change applies to existing recordings too.</source>
        <translation>
            <numerusform>Hier hoogstens %n dag (de grens van de beheerder). Opnamen met een juridische blokkade blijven bewaard tot de blokkade is opgeheven; een wijziging geldt ook voor bestaande opnamen.</numerusform>
            <numerusform>Hier hoogstens %n dagen (de grens van de beheerder). Opnamen met een juridische blokkade blijven bewaard tot de blokkade is opgeheven; een wijziging geldt ook voor bestaande opnamen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Record the &amp;clerk&apos;s picture too</source>
        <translation>Ook het beeld van de &amp;medewerker opnemen</translation>
    </message>
    <message>
        <source>The visitor&apos;s picture and both voices are always recorded when the visitor consents. From the next call on.</source>
        <translation>Het beeld van de bezoeker en beide stemmen worden altijd opgenomen als de bezoeker toestemming geeft. Geldt vanaf het volgende gesprek.</translation>
    </message>
</context>
<context>
    <name>RecordingsModel</name>
    <message>
        <source>Recorded</source>
        <translation>Opgenomen</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Gesprek</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>Medewerker</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Duur</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Grootte</translation>
    </message>
    <message>
        <source>Deleted after</source>
        <translation>Verwijderd na</translation>
    </message>
    <message>
        <source>Legal hold</source>
        <translation>Juridische blokkade</translation>
    </message>
    <message>
        <source>uploading, %1 of %2</source>
        <translation>wordt geüpload, %1 van %2</translation>
    </message>
    <message>
        <source>on hold</source>
        <translation>geblokkeerd</translation>
    </message>
    <message>
        <source>Yes: %1</source>
        <translation>Ja: %1</translation>
    </message>
</context>
<context>
    <name>RecordingsTab</name>
    <message>
        <source>Recordin&amp;gs</source>
        <translation>Opname&amp;n</translation>
    </message>
    <message>
        <source>&amp;Play…</source>
        <translation>Afs&amp;pelen…</translation>
    </message>
    <message>
        <source>&amp;Save to file…</source>
        <translation>Opslaan als &amp;bestand…</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>Verwij&amp;deren…</translation>
    </message>
    <message>
        <source>Se&amp;ttings…</source>
        <translation>&amp;Instellingen…</translation>
    </message>
    <message>
        <source>Load &amp;more</source>
        <translation>&amp;Meer laden</translation>
    </message>
    <message>
        <source>Recordings</source>
        <translation>Opnamen</translation>
    </message>
    <message>
        <source>Recording of %1</source>
        <translation>Opname van %1</translation>
    </message>
    <message>
        <source>&amp;Lift legal hold…</source>
        <translation>&amp;Juridische blokkade opheffen…</translation>
    </message>
    <message>
        <source>&amp;Legal hold…</source>
        <translation>&amp;Juridische blokkade…</translation>
    </message>
    <message numerus="yes">
        <source>%n recordings shown; older ones: Load more</source>
        <translation>
            <numerusform>%n opname getoond; oudere: Meer laden</numerusform>
            <numerusform>%n opnamen getoond; oudere: Meer laden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n recordings</source>
        <translation>
            <numerusform>%n opname</numerusform>
            <numerusform>%n opnamen</numerusform>
        </translation>
    </message>
    <message>
        <source>Loading the recording… %1 of %2</source>
        <translation>De opname laden… %1 van %2</translation>
    </message>
    <message>
        <source>Save the recording</source>
        <translation>De opname opslaan</translation>
    </message>
    <message>
        <source>WebM videos (*.webm)</source>
        <translation>WebM-video&apos;s (*.webm)</translation>
    </message>
    <message>
        <source>Saving… %1 of %2</source>
        <translation>Opslaan… %1 van %2</translation>
    </message>
    <message>
        <source>The recording (%1) is saved as %2.</source>
        <translation>De opname (%1) is opgeslagen als %2.</translation>
    </message>
    <message>
        <source>The recording was not saved: %1</source>
        <translation>De opname is niet opgeslagen: %1</translation>
    </message>
    <message>
        <source>Delete recording</source>
        <translation>Opname verwijderen</translation>
    </message>
    <message>
        <source>Delete the recording of %1 for good? Its file and key are destroyed; it cannot be restored.</source>
        <translation>De opname van %1 definitief verwijderen? Het bestand en de sleutel worden vernietigd; de opname is niet terug te halen.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Verwijderen</translation>
    </message>
    <message>
        <source>The recording is deleted.</source>
        <translation>De opname is verwijderd.</translation>
    </message>
    <message>
        <source>The recording is on legal hold.</source>
        <translation>De opname heeft een juridische blokkade.</translation>
    </message>
    <message>
        <source>The legal hold is lifted.</source>
        <translation>De juridische blokkade is opgeheven.</translation>
    </message>
    <message numerus="yes">
        <source>Recordings are now kept %n days.</source>
        <translation>
            <numerusform>Opnamen worden nu %n dag bewaard.</numerusform>
            <numerusform>Opnamen worden nu %n dagen bewaard.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RoleDialog</name>
    <message>
        <source>Change role</source>
        <translation>Rol wijzigen</translation>
    </message>
    <message>
        <source>Role of {name} ({email})</source>
        <translation>Rol van {name} ({email})</translation>
    </message>
    <message>
        <source>&amp;Role</source>
        <translation>&amp;Rol</translation>
    </message>
</context>
<context>
    <name>RotateKeyDialog</name>
    <message>
        <source>Rotate API key</source>
        <translation>API-sleutel vervangen</translation>
    </message>
    <message>
        <source> hours</source>
        <translation> uur</translation>
    </message>
    <message>
        <source>A new key replaces “{name}” ({prefix}…). The old key keeps working for the grace period, so your systems can switch over; then it stops.</source>
        <translation>Een nieuwe sleutel vervangt “{name}” ({prefix}…). De oude sleutel blijft tijdens de overgangstermijn werken, zodat je systemen kunnen overstappen; daarna stopt hij.</translation>
    </message>
    <message>
        <source>&amp;Grace period</source>
        <translation>&amp;Overgangstermijn</translation>
    </message>
</context>
<context>
    <name>SecretDialog</name>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopiëren</translation>
    </message>
    <message>
        <source>Copied to the clipboard.</source>
        <translation>Naar het klembord gekopieerd.</translation>
    </message>
</context>
<context>
    <name>SnippetBox</name>
    <message>
        <source>Paste this into every page that shows the widget:</source>
        <translation>Plak dit in elke pagina die de widget toont:</translation>
    </message>
    <message>
        <source>Cop&amp;y snippet</source>
        <translation>Fragment &amp;kopiëren</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Gekopieerd</translation>
    </message>
</context>
<context>
    <name>SubprocessorsModel</name>
    <message>
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>Doel</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Locatie</translation>
    </message>
    <message>
        <source>Safeguards</source>
        <translation>Waarborgen</translation>
    </message>
    <message>
        <source>Outside the EEA: %1</source>
        <translation>Buiten de EER: %1</translation>
    </message>
    <message>
        <source>Within the EEA</source>
        <translation>Binnen de EER</translation>
    </message>
</context>
<context>
    <name>SupervisorPanel</name>
    <message>
        <source>Queues today</source>
        <translation>Wachtrijen vandaag</translation>
    </message>
    <message>
        <source>Clerks</source>
        <translation>Medewerkers</translation>
    </message>
    <message>
        <source>Waiting visitors, last hour</source>
        <translation>Wachtende bezoekers, afgelopen uur</translation>
    </message>
    <message>
        <source>Queue figures</source>
        <translation>Cijfers per wachtrij</translation>
    </message>
    <message>
        <source>Clerk states</source>
        <translation>Status van de medewerkers</translation>
    </message>
    <message>
        <source>Connection lost; reconnecting… The figures shown may be out of date.</source>
        <translation>Verbinding verbroken; opnieuw verbinden… De getoonde cijfers kunnen verouderd zijn.</translation>
    </message>
    <message>
        <source>Not connected. The figures shown are out of date.</source>
        <translation>Niet verbonden. De getoonde cijfers zijn verouderd.</translation>
    </message>
    <message>
        <source>Waiting for the first figures from the server…</source>
        <translation>Wachten op de eerste cijfers van de server…</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>Live</translation>
    </message>
    <message>
        <source>{percent}% answered within target</source>
        <translation>{percent}% opgenomen binnen het doel</translation>
    </message>
    <message>
        <source>no calls yet</source>
        <translation>nog geen gesprekken</translation>
    </message>
    <message>
        <source>Waiting now: {waiting} (longest {longest}) · answered today: {answered} · abandoned: {abandoned} · {level}</source>
        <translation>Nu wachtend: {waiting} (langst {longest}) · vandaag opgenomen: {answered} · afgehaakt: {abandoned} · {level}</translation>
    </message>
</context>
<context>
    <name>UsersModel</name>
    <message>
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Actief</translation>
    </message>
    <message>
        <source>Deactivated</source>
        <translation>Gedeactiveerd</translation>
    </message>
</context>
<context>
    <name>UsersTab</name>
    <message>
        <source>&amp;Users</source>
        <translation>&amp;Gebruikers</translation>
    </message>
    <message>
        <source>&amp;New user…</source>
        <translation>&amp;Nieuwe gebruiker…</translation>
    </message>
    <message>
        <source>Change r&amp;ole…</source>
        <translation>R&amp;ol wijzigen…</translation>
    </message>
    <message>
        <source>&amp;Deactivate…</source>
        <translation>&amp;Deactiveren…</translation>
    </message>
    <message>
        <source>Re&amp;activate</source>
        <translation>&amp;Heractiveren</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Gebruikers</translation>
    </message>
    <message>
        <source>{name} can now log in as {role}.</source>
        <translation>{name} kan nu inloggen als {role}.</translation>
    </message>
    <message>
        <source>{name} is now {role}.</source>
        <translation>{name} is nu {role}.</translation>
    </message>
    <message>
        <source>Deactivate user</source>
        <translation>Gebruiker deactiveren</translation>
    </message>
    <message>
        <source>Deactivate {name}? They are logged out at once and cannot log in until reactivated.</source>
        <translation>{name} deactiveren? Die wordt meteen uitgelogd en kan pas weer inloggen na heractivering.</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>Deactiveren</translation>
    </message>
    <message>
        <source>{name} is reactivated.</source>
        <translation>{name} is weer geactiveerd.</translation>
    </message>
    <message>
        <source>{name} is deactivated.</source>
        <translation>{name} is gedeactiveerd.</translation>
    </message>
</context>
<context>
    <name>WaitingChart</name>
    <message>
        <source>Waiting visitors, last hour</source>
        <translation>Wachtende bezoekers, afgelopen uur</translation>
    </message>
    <message>
        <source>Waiting visitors over the last hour</source>
        <translation>Wachtende bezoekers in het afgelopen uur</translation>
    </message>
    <message>
        <source>−60 min</source>
        <translation>−60 min</translation>
    </message>
    <message>
        <source>−30 min</source>
        <translation>−30 min</translation>
    </message>
    <message>
        <source>now</source>
        <translation>nu</translation>
    </message>
    <message>
        <source>No figures yet</source>
        <translation>Nog geen cijfers</translation>
    </message>
</context>
<context>
    <name>WebhooksTab</name>
    <message>
        <source>Web&amp;hooks</source>
        <translation>Web&amp;hooks</translation>
    </message>
    <message>
        <source>&amp;Edit endpoint…</source>
        <translation>Endpoint &amp;bewerken…</translation>
    </message>
    <message>
        <source>Send &amp;test event</source>
        <translation>&amp;Testgebeurtenis sturen</translation>
    </message>
    <message>
        <source>Re&amp;deliver</source>
        <translation>O&amp;pnieuw afleveren</translation>
    </message>
    <message>
        <source>Load &amp;more</source>
        <translation>Meer la&amp;den</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>Endpoint</translation>
    </message>
    <message>
        <source>URL:</source>
        <translation>URL:</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>Toestand:</translation>
    </message>
    <message>
        <source>Signing secret:</source>
        <translation>Ondertekengeheim:</translation>
    </message>
    <message>
        <source>&amp;Attempts of the selected delivery</source>
        <translation>Pogi&amp;ngen van de gekozen aflevering</translation>
    </message>
    <message>
        <source>Webhook deliveries</source>
        <translation>Webhookafleveringen</translation>
    </message>
    <message>
        <source>Attempts of the selected delivery</source>
        <translation>Pogingen van de gekozen aflevering</translation>
    </message>
    <message>
        <source>Create signing &amp;secret…</source>
        <translation>Ondertekengeheim &amp;maken…</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>nog geen</translation>
    </message>
    <message>
        <source>none</source>
        <translation>geen</translation>
    </message>
    <message>
        <source>enabled</source>
        <translation>ingeschakeld</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>uitgeschakeld</translation>
    </message>
    <message>
        <source>{state}; events: {events}</source>
        <translation>{state}; gebeurtenissen: {events}</translation>
    </message>
    <message>
        <source>made {time}</source>
        <translation>gemaakt {time}</translation>
    </message>
    <message>
        <source>Rotate signing &amp;secret…</source>
        <translation>Ondertekengeheim ve&amp;rvangen…</translation>
    </message>
    <message>
        <source>none yet: create one before enabling</source>
        <translation>nog geen: maak er een voordat je inschakelt</translation>
    </message>
    <message>
        <source>The webhook endpoint is saved.</source>
        <translation>Het webhook-endpoint is opgeslagen.</translation>
    </message>
    <message>
        <source>Rotate signing secret</source>
        <translation>Ondertekengeheim vervangen</translation>
    </message>
    <message>
        <source>Make a new signing secret? Events are signed with the new secret at once and the old one stops working: switch your receiver over straight away.</source>
        <translation>Een nieuw ondertekengeheim maken? Gebeurtenissen worden meteen met het nieuwe geheim ondertekend en het oude werkt niet meer: zet je ontvanger direct om.</translation>
    </message>
    <message>
        <source>Rotate secret</source>
        <translation>Geheim vervangen</translation>
    </message>
    <message>
        <source>Webhook signing secret</source>
        <translation>Ondertekengeheim van de webhook</translation>
    </message>
    <message>
        <source>Your receiver checks each event&apos;s signature with this secret.</source>
        <translation>Je ontvanger controleert met dit geheim de handtekening van elke gebeurtenis.</translation>
    </message>
    <message>
        <source>Copy this secret now and put it in your receiver. It will not be shown again: if you lose it, make a new one.</source>
        <translation>Kopieer dit geheim nu en zet het in je ontvanger. Het wordt niet meer getoond: ben je het kwijt, maak dan een nieuw.</translation>
    </message>
    <message>
        <source>A new signing secret is made.</source>
        <translation>Er is een nieuw ondertekengeheim gemaakt.</translation>
    </message>
    <message>
        <source>A test event is on its way; Refresh shows its attempts.</source>
        <translation>Er is een testgebeurtenis onderweg; Vernieuwen toont de pogingen.</translation>
    </message>
    <message>
        <source>The delivery is sent again; Refresh shows its attempts.</source>
        <translation>De aflevering wordt opnieuw verstuurd; Vernieuwen toont de pogingen.</translation>
    </message>
</context>
<context>
    <name>WidgetEditor</name>
    <message>
        <source>Edit widget</source>
        <translation>Widget bewerken</translation>
    </message>
    <message>
        <source>New widget</source>
        <translation>Nieuwe widget</translation>
    </message>
    <message>
        <source>Opening hours (e.g. 09:00-12:00, 13:00-17:30; empty: closed)</source>
        <translation>Openingstijden (bv. 09:00-12:00, 13:00-17:30; leeg: gesloten)</translation>
    </message>
    <message>
        <source>Monday</source>
        <translation>Maandag</translation>
    </message>
    <message>
        <source>Tuesday</source>
        <translation>Dinsdag</translation>
    </message>
    <message>
        <source>Wednesday</source>
        <translation>Woensdag</translation>
    </message>
    <message>
        <source>Thursday</source>
        <translation>Donderdag</translation>
    </message>
    <message>
        <source>Friday</source>
        <translation>Vrijdag</translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation>Zaterdag</translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation>Zondag</translation>
    </message>
    <message>
        <source>Closed on, e.g. 2025-12-25, 2025-12-26</source>
        <translation>Gesloten op, bv. 2025-12-25, 2025-12-26</translation>
    </message>
    <message>
        <source>Logo (PNG, JPEG or SVG, at most 100 kB)</source>
        <translation>Logo (PNG, JPEG of SVG, hoogstens 100 kB)</translation>
    </message>
    <message>
        <source>Texts left empty get the standard wording.</source>
        <translation>Lege teksten krijgen de standaardformulering.</translation>
    </message>
    <message>
        <source>Consent texts: version {version}. Changing them starts a new version; calls keep the version the visitor agreed to.</source>
        <translation>Toestemmingsteksten: versie {version}. Een wijziging start een nieuwe versie; gesprekken houden de versie waarmee de bezoeker instemde.</translation>
    </message>
    <message>
        <source>(logo)</source>
        <translation>(logo)</translation>
    </message>
    <message>
        <source>No logo</source>
        <translation>Geen logo</translation>
    </message>
    <message>
        <source>Choose a logo</source>
        <translation>Kies een logo</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.svg)</source>
        <translation>Afbeeldingen (*.png *.jpg *.jpeg *.svg)</translation>
    </message>
    <message>
        <source>Choose at least one queue.</source>
        <translation>Kies minstens één wachtrij.</translation>
    </message>
    <message>
        <source>Name at least one site that shows the widget.</source>
        <translation>Noem minstens één site die de widget toont.</translation>
    </message>
    <message>
        <source>“{date}” is not a date like 2025-12-25.</source>
        <translation>“{date}” is geen datum zoals 2025-12-25.</translation>
    </message>
    <message>
        <source>the name</source>
        <translation>de naam</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Naam</translation>
    </message>
    <message>
        <source>&amp;Queues offered</source>
        <translation>Aangeboden &amp;wachtrijen</translation>
    </message>
    <message>
        <source>Allowed &amp;sites (one per line)</source>
        <translation>Toegestane &amp;sites (één per regel)</translation>
    </message>
    <message>
        <source>&amp;Time zone</source>
        <translation>&amp;Tijdzone</translation>
    </message>
    <message>
        <source>&amp;Holidays</source>
        <translation>&amp;Feestdagen</translation>
    </message>
    <message>
        <source>&amp;Privacy notice</source>
        <translation>&amp;Privacyverklaring</translation>
    </message>
    <message>
        <source>&amp;Greeting</source>
        <translation>&amp;Begroeting</translation>
    </message>
    <message>
        <source>C&amp;hoose…</source>
        <translation>K&amp;iezen…</translation>
    </message>
    <message>
        <source>&amp;Colour</source>
        <translation>&amp;Kleur</translation>
    </message>
    <message>
        <source>Choose &amp;file…</source>
        <translation>&amp;Bestand kiezen…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Verwijderen</translation>
    </message>
    <message>
        <source>Off: calls are never recorded, visitors are not asked</source>
        <translation>Uit: gesprekken worden nooit opgenomen, bezoekers krijgen geen vraag</translation>
    </message>
    <message>
        <source>Offered: each visitor decides</source>
        <translation>Aangeboden: elke bezoeker beslist zelf</translation>
    </message>
    <message>
        <source>Required: announced before the call; declining means not calling</source>
        <translation>Verplicht: aangekondigd vóór het gesprek; wie weigert, belt niet</translation>
    </message>
    <message>
        <source>Recording mo&amp;de</source>
        <translation>Opnamemo&amp;dus</translation>
    </message>
    <message>
        <source>Consent question: rec&amp;ording</source>
        <translation>Toestemmingsvraag: &amp;opname</translation>
    </message>
    <message>
        <source>Consent question: tr&amp;anscription</source>
        <translation>Toestemmingsvraag: &amp;transcriptie</translation>
    </message>
    <message>
        <source>the privacy notice</source>
        <translation>de privacyverklaring</translation>
    </message>
    <message>
        <source>the greeting</source>
        <translation>de begroeting</translation>
    </message>
    <message>
        <source>the recording question</source>
        <translation>de vraag over opnemen</translation>
    </message>
    <message>
        <source>the transcription question</source>
        <translation>de vraag over uitschrijven</translation>
    </message>
    <message>
        <source>Write both consent questions.</source>
        <translation>Schrijf beide toestemmingsvragen.</translation>
    </message>
</context>
<context>
    <name>WidgetsModel</name>
    <message>
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <source>Queues</source>
        <translation>Wachtrijen</translation>
    </message>
    <message>
        <source>Allowed sites</source>
        <translation>Toegestane sites</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>Gewijzigd</translation>
    </message>
</context>
<context>
    <name>WidgetsTab</name>
    <message>
        <source>Widgets</source>
        <translation>Widgets</translation>
    </message>
    <message>
        <source>Queues</source>
        <translation>Wachtrijen</translation>
    </message>
    <message>
        <source>&amp;Widgets</source>
        <translation>&amp;Widgets</translation>
    </message>
    <message>
        <source>&amp;New widget…</source>
        <translation>&amp;Nieuwe widget…</translation>
    </message>
    <message>
        <source>&amp;Edit widget…</source>
        <translation>Widget &amp;bewerken…</translation>
    </message>
    <message>
        <source>&amp;Copy embed snippet</source>
        <translation>Insluitfragment &amp;kopiëren</translation>
    </message>
    <message>
        <source>Replace &amp;key…</source>
        <translation>&amp;Sleutel vervangen…</translation>
    </message>
    <message>
        <source>&amp;Delete widget…</source>
        <translation>Widget &amp;verwijderen…</translation>
    </message>
    <message>
        <source>New &amp;queue…</source>
        <translation>Nieuwe &amp;wachtrij…</translation>
    </message>
    <message>
        <source>Edit q&amp;ueue…</source>
        <translation>W&amp;achtrij bewerken…</translation>
    </message>
    <message>
        <source>Delete queue…</source>
        <translation>Wachtrij verwijderen…</translation>
    </message>
    <message>
        <source>Widget “{name}”</source>
        <translation>Widget “{name}”</translation>
    </message>
    <message>
        <source>Queue “{name}”</source>
        <translation>Wachtrij “{name}”</translation>
    </message>
    <message>
        <source>Create a queue first.</source>
        <translation>Maak eerst een wachtrij aan.</translation>
    </message>
    <message>
        <source>Widget “{name}” is saved. Its embed snippet is ready to copy.</source>
        <translation>Widget “{name}” is opgeslagen. De insluitcode staat klaar om te kopiëren.</translation>
    </message>
    <message>
        <source>The embed snippet is on the clipboard.</source>
        <translation>De insluitcode staat op het klembord.</translation>
    </message>
    <message>
        <source>Replace widget key</source>
        <translation>Widgetsleutel vervangen</translation>
    </message>
    <message>
        <source>Give “{name}” a new key? The old key stops working at once: pages with the old snippet show no widget until you paste in the new one.</source>
        <translation>“{name}” een nieuwe sleutel geven? De oude sleutel werkt meteen niet meer: pagina’s met het oude fragment tonen geen widget tot je het nieuwe erin plakt.</translation>
    </message>
    <message>
        <source>Replace key</source>
        <translation>Sleutel vervangen</translation>
    </message>
    <message>
        <source>“{name}” has a new key; put its new snippet on your pages.</source>
        <translation>“{name}” heeft een nieuwe sleutel; zet het nieuwe fragment op je pagina’s.</translation>
    </message>
    <message>
        <source>Delete widget</source>
        <translation>Widget verwijderen</translation>
    </message>
    <message>
        <source>Delete “{name}”? Pages with its snippet show no widget any more. This cannot be undone.</source>
        <translation>“{name}” verwijderen? Pagina’s met het fragment tonen geen widget meer. Dit kan niet ongedaan worden gemaakt.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Verwijderen</translation>
    </message>
    <message>
        <source>Widget “{name}” is deleted.</source>
        <translation>Widget “{name}” is verwijderd.</translation>
    </message>
    <message>
        <source>Queue “{name}” is saved.</source>
        <translation>Wachtrij “{name}” is opgeslagen.</translation>
    </message>
    <message>
        <source>Delete queue</source>
        <translation>Wachtrij verwijderen</translation>
    </message>
    <message>
        <source>Delete the queue “{name}”? Only a queue no widget offers can be deleted. This cannot be undone.</source>
        <translation>De wachtrij “{name}” verwijderen? Alleen een wachtrij die geen widget aanbiedt kan worden verwijderd. Dit kan niet ongedaan worden gemaakt.</translation>
    </message>
    <message>
        <source>Queue “{name}” is deleted.</source>
        <translation>Wachtrij “{name}” is verwijderd.</translation>
    </message>
</context>
</TS>
