<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About videoclerk</source>
        <translation>Over videoclerk</translation>
    </message>
    <message>
        <source>videoclerk %1 – video calls with your website&apos;s visitors.</source>
        <translation>videoclerk %1 – videogesprekken met de bezoekers van je website.</translation>
    </message>
    <message>
        <source>No log file: the log folder could not be made.</source>
        <translation>Geen logbestand: de logmap kon niet worden gemaakt.</translation>
    </message>
    <message>
        <source>Open the log folder</source>
        <translation>Logmap openen</translation>
    </message>
    <message>
        <source>None (the system-wide file would be %1)</source>
        <translation>Geen (het systeembrede bestand zou %1 zijn)</translation>
    </message>
    <message>
        <source>Nothing</source>
        <translation>Niets</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Versie</translation>
    </message>
    <message>
        <source>Built with</source>
        <translation>Gebouwd met</translation>
    </message>
    <message>
        <source>Logs</source>
        <translation>Logbestanden</translation>
    </message>
    <message>
        <source>Config files</source>
        <translation>Configuratiebestanden</translation>
    </message>
    <message>
        <source>Locked by your administrator</source>
        <translation>Vergrendeld door je beheerder</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <source>Dismiss</source>
        <translation>Sluiten</translation>
    </message>
</context>
<context>
    <name>CallView</name>
    <message>
        <source>Mute</source>
        <translation>Microfoon uit</translation>
    </message>
    <message>
        <source>Camera off</source>
        <translation>Camera uit</translation>
    </message>
    <message>
        <source>Hang up</source>
        <translation>Ophangen</translation>
    </message>
    <message>
        <source>Mute your microphone (Ctrl+M)</source>
        <translation>Zet je microfoon uit (Ctrl+M)</translation>
    </message>
    <message>
        <source>Switch your camera off (Ctrl+E)</source>
        <translation>Zet je camera uit (Ctrl+E)</translation>
    </message>
    <message>
        <source>End the call for both sides</source>
        <translation>Beëindig het gesprek voor beide kanten</translation>
    </message>
    <message>
        <source>Mute or unmute your microphone in a call</source>
        <translation>Je microfoon uit- of weer aanzetten in een gesprek</translation>
    </message>
    <message>
        <source>Switch your camera off or on in a call</source>
        <translation>Je camera uit- of weer aanzetten in een gesprek</translation>
    </message>
    <message>
        <source>Recording</source>
        <translation>Opname</translation>
    </message>
    <message>
        <source>This call is being recorded</source>
        <translation>Dit gesprek wordt opgenomen</translation>
    </message>
    <message>
        <source>Connection quality</source>
        <translation>Verbindingskwaliteit</translation>
    </message>
    <message>
        <source>Round trip</source>
        <translation>Rondreistijd</translation>
    </message>
    <message>
        <source>Packet loss</source>
        <translation>Pakketverlies</translation>
    </message>
    <message>
        <source>Incoming</source>
        <translation>Inkomend</translation>
    </message>
    <message>
        <source>Media</source>
        <translation>Media</translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation>Luidspreker</translation>
    </message>
    <message>
        <source>You are sending a test pattern, not your camera.</source>
        <translation>Je verstuurt een testbeeld, niet je camera.</translation>
    </message>
    <message>
        <source>Connecting to the visitor…</source>
        <translation>Verbinden met de bezoeker…</translation>
    </message>
    <message>
        <source>Your camera</source>
        <translation>Jouw camera</translation>
    </message>
    <message>
        <source>Call reference &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>Gesprekskenmerk &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Unmute</source>
        <translation>Microfoon aan</translation>
    </message>
    <message>
        <source>Camera on</source>
        <translation>Camera aan</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 kbit/s</source>
        <translation>%1 kbit/s</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>starten</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>verbinden</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>verbonden</translation>
    </message>
    <message>
        <source>failed – trying again</source>
        <translation>mislukt – opnieuw proberen</translation>
    </message>
    <message>
        <source>no relay – the TURN server is unreachable or refused access</source>
        <translation>geen relay – de TURN-server is onbereikbaar of weigert de toegang</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>gesloten</translation>
    </message>
    <message>
        <source>System default output</source>
        <translation>Standaarduitvoer van het systeem</translation>
    </message>
    <message>
        <source>no speaker found</source>
        <translation>geen luidspreker gevonden</translation>
    </message>
    <message>
        <source>the speaker failed</source>
        <translation>de luidspreker werkt niet</translation>
    </message>
    <message>
        <source>The visitor&apos;s connection dropped. Waiting for them to come back…</source>
        <translation>De verbinding van de bezoeker is weggevallen. Even wachten tot die terug is…</translation>
    </message>
</context>
<context>
    <name>CallsPage</name>
    <message>
        <source>No camera found: visitors will see a test pattern instead of you. Connect a camera, then choose it in Settings.</source>
        <translation>Geen camera gevonden: bezoekers zien een testbeeld in plaats van jou. Sluit een camera aan en kies die bij Instellingen.</translation>
    </message>
    <message>
        <source>No camera chosen: visitors will see a test pattern instead of you. Choose your camera in Settings.</source>
        <translation>Geen camera gekozen: bezoekers zien een testbeeld in plaats van jou. Kies je camera bij Instellingen.</translation>
    </message>
    <message>
        <source>Your camera (%1) is not connected: calls cannot start until you connect it or choose another camera in Settings.</source>
        <translation>Je camera (%1) is niet aangesloten: gesprekken kunnen niet beginnen tot je hem aansluit of bij Instellingen een andere camera kiest.</translation>
    </message>
    <message>
        <source>No microphone chosen: visitors will hear a test tone instead of you. Choose your microphone in Settings.</source>
        <translation>Geen microfoon gekozen: bezoekers horen een testtoon in plaats van jou. Kies je microfoon bij Instellingen.</translation>
    </message>
    <message>
        <source>Your microphone (%1) is not connected: calls cannot start until you connect it or choose another microphone in Settings.</source>
        <translation>Je microfoon (%1) is niet aangesloten: gesprekken kunnen niet beginnen tot je hem aansluit of bij Instellingen een andere microfoon kiest.</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Instellingen…</translation>
    </message>
    <message>
        <source>The server has not confirmed the hang-up yet. The media has stopped; click Hang up again once the connection is back.</source>
        <translation>De server heeft het ophangen nog niet bevestigd. Beeld en geluid zijn gestopt; klik nog eens op Ophangen zodra de verbinding terug is.</translation>
    </message>
    <message>
        <source>The visitor did not answer. You can take the next visitor.</source>
        <translation>De bezoeker nam niet op. Je kunt de volgende bezoeker aannemen.</translation>
    </message>
</context>
<context>
    <name>ClerkApp</name>
    <message>
        <source>Your last session has ended. Log in again.</source>
        <translation>Je vorige sessie is beëindigd. Log opnieuw in.</translation>
    </message>
    <message>
        <source>You are logged out.</source>
        <translation>Je bent uitgelogd.</translation>
    </message>
</context>
<context>
    <name>ConfigError</name>
    <message>
        <source>The config file %1 does not exist.</source>
        <translation>Het configuratiebestand %1 bestaat niet.</translation>
    </message>
    <message>
        <source>The config file %1 cannot be read: %3.</source>
        <translation>Het configuratiebestand %1 kan niet worden gelezen: %3.</translation>
    </message>
    <message>
        <source>The config file %1 is not valid TOML: %3. Check the quotes and the = signs.</source>
        <translation>Het configuratiebestand %1 is geen geldige TOML: %3. Controleer de aanhalingstekens en de =-tekens.</translation>
    </message>
    <message>
        <source>The config file %1 has an unknown key “%2”. Known keys: server, ca_file, proxy, language, theme and locked.</source>
        <translation>Het configuratiebestand %1 heeft een onbekende sleutel “%2”. Bekende sleutels: server, ca_file, proxy, language, theme en locked.</translation>
    </message>
    <message>
        <source>In the config file %1, “%2” must be text in double quotes, not %3.</source>
        <translation>In het configuratiebestand %1 moet “%2” tekst tussen dubbele aanhalingstekens zijn, niet %3.</translation>
    </message>
    <message>
        <source>In the config file %1, “locked” must be a list of setting names, like locked = [&quot;server&quot;, &quot;proxy&quot;].</source>
        <translation>In het configuratiebestand %1 moet “locked” een lijst met namen van instellingen zijn, zoals locked = [&quot;server&quot;, &quot;proxy&quot;].</translation>
    </message>
    <message>
        <source>In the config file %1, “locked” names “%3”, which is no setting. Settings that can be locked: server, ca_file, proxy, language and theme.</source>
        <translation>In het configuratiebestand %1 noemt “locked” “%3”, maar dat is geen instelling. Instellingen die vergrendeld kunnen worden: server, ca_file, proxy, language en theme.</translation>
    </message>
    <message>
        <source>In the config file %1, “%2” must be one of %3, not “%4”.</source>
        <translation>In het configuratiebestand %1 moet “%2” een van %3 zijn, niet “%4”.</translation>
    </message>
    <message>
        <source>In the config file %1, “%2” is not a server address like https://video.example.com: “%3”.</source>
        <translation>In het configuratiebestand %1 is “%2” geen serveradres zoals https://video.example.com: “%3”.</translation>
    </message>
    <message>
        <source>In the config file %1, “%2” is not a proxy address like http://proxy.example:3128: “%3”.</source>
        <translation>In het configuratiebestand %1 is “%2” geen proxyadres zoals http://proxy.example:3128: “%3”.</translation>
    </message>
    <message>
        <source>In the config file %1, the CA file “%3” (%2) does not exist.</source>
        <translation>In het configuratiebestand %1 bestaat het CA-bestand “%3” (%2) niet.</translation>
    </message>
    <message>
        <source>In the config file %1, the CA file “%3” (%2) cannot be read: %4.</source>
        <translation>In het configuratiebestand %1 kan het CA-bestand “%3” (%2) niet worden gelezen: %4.</translation>
    </message>
    <message>
        <source>In the config file %1, the CA file “%3” (%2) holds no certificate in PEM format (-----BEGIN CERTIFICATE-----).</source>
        <translation>In het configuratiebestand %1 bevat het CA-bestand “%3” (%2) geen certificaat in PEM-formaat (-----BEGIN CERTIFICATE-----).</translation>
    </message>
    <message>
        <source>The config file %1 sets “%2”, but the system-wide config file %3 locks it. Remove “%2” from %1.</source>
        <translation>Het configuratiebestand %1 stelt “%2” in, maar het systeembrede configuratiebestand %3 vergrendelt die. Haal “%2” uit %1.</translation>
    </message>
    <message>
        <source>The config file %1 locks the server address but sets none. Add a line like server = &quot;https://video.example.com&quot;.</source>
        <translation>Het configuratiebestand %1 vergrendelt het serveradres maar stelt er geen in. Voeg een regel toe zoals server = &quot;https://video.example.com&quot;.</translation>
    </message>
    <message>
        <source>--server %3 is not allowed: the config file %1 locks the server address to %4. Start videoclerk without --server.</source>
        <translation>--server %3 is niet toegestaan: het configuratiebestand %1 vergrendelt het serveradres op %4. Start videoclerk zonder --server.</translation>
    </message>
    <message>
        <source>videoclerk cannot start</source>
        <translation>videoclerk kan niet starten</translation>
    </message>
    <message>
        <source>Ask whoever installed videoclerk on this computer to correct the config file.</source>
        <translation>Vraag wie videoclerk op deze computer heeft geïnstalleerd om het configuratiebestand te verbeteren.</translation>
    </message>
</context>
<context>
    <name>ConsentBadgeDelegate</name>
    <message>
        <source>Recording</source>
        <translation>Opname</translation>
    </message>
    <message>
        <source>Transcription</source>
        <translation>Transcriptie</translation>
    </message>
</context>
<context>
    <name>ConsentPanel</name>
    <message>
        <source>Visitor&apos;s consent</source>
        <translation>Toestemming van de bezoeker</translation>
    </message>
    <message>
        <source>Recording</source>
        <translation>Opname</translation>
    </message>
    <message>
        <source>Transcription</source>
        <translation>Transcriptie</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>onbekend</translation>
    </message>
    <message>
        <source>Waiting for the visitor&apos;s choice…</source>
        <translation>Wachten op de keuze van de bezoeker…</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nee</translation>
    </message>
    <message>
        <source>chosen at %1, consent text version %2</source>
        <translation>gekozen om %1, versie %2 van de toestemmingstekst</translation>
    </message>
    <message>
        <source>Changed during the call:</source>
        <translation>Gewijzigd tijdens het gesprek:</translation>
    </message>
    <message>
        <source>Recording now</source>
        <translation>Opname loopt</translation>
    </message>
    <message>
        <source>Not recording</source>
        <translation>Geen opname</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>The server&apos;s security certificate could not be verified, so the app did not connect. Check the server address, or ask your administrator for the certificate authority file (ca_file in the config file).</source>
        <translation>Het beveiligingscertificaat van de server kon niet worden gecontroleerd, dus de app heeft geen verbinding gemaakt. Controleer het serveradres, of vraag je beheerder om het bestand van de certificaatautoriteit (ca_file in het configuratiebestand).</translation>
    </message>
    <message>
        <source>The server did not answer in time. Check your network and try again.</source>
        <translation>De server antwoordde niet op tijd. Controleer je netwerk en probeer het opnieuw.</translation>
    </message>
    <message>
        <source>Not connected to the server right now; the app is reconnecting. Try again in a moment.</source>
        <translation>Op dit moment is er geen verbinding met de server; de app maakt opnieuw verbinding. Probeer het zo nog eens.</translation>
    </message>
    <message>
        <source>The server cannot be reached. Check the server address and your network connection, then try again.</source>
        <translation>De server is niet bereikbaar. Controleer het serveradres en je netwerkverbinding en probeer het daarna opnieuw.</translation>
    </message>
    <message>
        <source>A camera or microphone could not be opened: %1. Pick another one in Settings.</source>
        <translation>Een camera of microfoon kon niet worden geopend: %1. Kies een andere bij Instellingen.</translation>
    </message>
    <message>
        <source>Something unexpected went wrong: %1</source>
        <translation>Er ging iets onverwachts mis: %1</translation>
    </message>
    <message>
        <source>The e-mail address or password is wrong.</source>
        <translation>Het e-mailadres of wachtwoord klopt niet.</translation>
    </message>
    <message>
        <source>Too many failed log-ins: this account is locked for %1. Wait, or reset your password with “Forgot password”.</source>
        <translation>Te veel mislukte inlogpogingen: dit account is %1 geblokkeerd. Wacht, of stel een nieuw wachtwoord in met „Wachtwoord vergeten”.</translation>
    </message>
    <message>
        <source>Too many failed log-ins: this account is locked for a while. Wait, or reset your password with “Forgot password”.</source>
        <translation>Te veel mislukte inlogpogingen: dit account is een tijdje geblokkeerd. Wacht, of stel een nieuw wachtwoord in met „Wachtwoord vergeten”.</translation>
    </message>
    <message>
        <source>Accept the privacy policy (version %1): read it, tick the box, and log in again.</source>
        <translation>Accepteer het privacybeleid (versie %1): lees het, vink het vakje aan en log opnieuw in.</translation>
    </message>
    <message>
        <source>The privacy policy has changed (version %1). Read it, tick the box to accept it, and log in again.</source>
        <translation>Het privacybeleid is gewijzigd (versie %1). Lees het, vink het vakje aan om het te accepteren en log opnieuw in.</translation>
    </message>
    <message>
        <source>Your session has ended. Log in again.</source>
        <translation>Je sessie is beëindigd. Log opnieuw in.</translation>
    </message>
    <message>
        <source>Your organisation&apos;s account is closed: nobody can log in to it any more.</source>
        <translation>Het account van je organisatie is gesloten: niemand kan er nog op inloggen.</translation>
    </message>
    <message>
        <source>This password is too easy to guess: %1</source>
        <translation>Dit wachtwoord is te makkelijk te raden: %1</translation>
    </message>
    <message>
        <source>An account with this e-mail address exists already.</source>
        <translation>Er bestaat al een account met dit e-mailadres.</translation>
    </message>
    <message>
        <source>This server does not take new organisations. Ask its operator to create yours.</source>
        <translation>Deze server neemt geen nieuwe organisaties aan. Vraag de beheerder van de server om de jouwe aan te maken.</translation>
    </message>
    <message>
        <source>You are not allowed to do this: your role does not allow it.</source>
        <translation>Je mag dit niet doen: je rol staat het niet toe.</translation>
    </message>
    <message>
        <source>The password is wrong.</source>
        <translation>Het wachtwoord is onjuist.</translation>
    </message>
    <message>
        <source>An organisation needs at least one active admin. Make someone else admin first.</source>
        <translation>Een organisatie heeft minstens één actieve beheerder nodig. Maak eerst iemand anders beheerder.</translation>
    </message>
    <message>
        <source>This key is revoked or expired; create a new one instead.</source>
        <translation>Deze sleutel is ingetrokken of verlopen; maak in plaats daarvan een nieuwe.</translation>
    </message>
    <message>
        <source>It no longer exists. Refresh the list.</source>
        <translation>Het bestaat niet meer. Vernieuw de lijst.</translation>
    </message>
    <message>
        <source>Widgets still offer this queue. Take it out of those widgets first.</source>
        <translation>Widgets bieden deze wachtrij nog aan. Haal hem eerst uit die widgets.</translation>
    </message>
    <message>
        <source>Bundles contain this product. Take it out of those bundles first.</source>
        <translation>Bundels bevatten dit product. Haal het eerst uit die bundels.</translation>
    </message>
    <message>
        <source>Another product already has this SKU.</source>
        <translation>Een ander product heeft dit artikelnummer al.</translation>
    </message>
    <message>
        <source>The logo may be at most 100 kB.</source>
        <translation>Het logo mag hoogstens 100 kB zijn.</translation>
    </message>
    <message>
        <source>The logo must be a PNG, JPEG or SVG image.</source>
        <translation>Het logo moet een PNG-, JPEG- of SVG-afbeelding zijn.</translation>
    </message>
    <message>
        <source>The logo file cannot be read.</source>
        <translation>Het logobestand kan niet worden gelezen.</translation>
    </message>
    <message>
        <source>Cannot read the opening hours “%1”. Write them like 09:00-12:00, 13:00-17:30.</source>
        <translation>De openingstijden “%1” zijn niet te lezen. Schrijf ze als 09:00-12:00, 13:00-17:30.</translation>
    </message>
    <message>
        <source>The account holder is below the minimum age in this country.</source>
        <translation>De accounthouder is jonger dan de minimumleeftijd in dit land.</translation>
    </message>
    <message>
        <source>This code is wrong or has expired. Ask for a new one.</source>
        <translation>Deze code klopt niet of is verlopen. Vraag een nieuwe aan.</translation>
    </message>
    <message>
        <source>Some fields are not valid: %1.</source>
        <translation>Sommige velden zijn niet geldig: %1.</translation>
    </message>
    <message>
        <source>Some fields are not valid. The server said: %1</source>
        <translation>Sommige velden zijn niet geldig. De server zei: %1</translation>
    </message>
    <message>
        <source>This address answers, but it is not a videoclerk server. Check the address.</source>
        <translation>Dit adres antwoordt, maar het is geen videoclerk-server. Controleer het adres.</translation>
    </message>
    <message>
        <source>Too many requests. Wait a minute and try again.</source>
        <translation>Te veel verzoeken. Wacht een minuut en probeer het opnieuw.</translation>
    </message>
    <message>
        <source>The file could not be written (%1). Choose another place.</source>
        <translation>Het bestand kon niet worden geschreven (%1). Kies een andere plek.</translation>
    </message>
    <message>
        <source>The server will not send events to this address. Use an https:// address of a public host, without a user name, password or #fragment.</source>
        <translation>De server stuurt geen gebeurtenissen naar dit adres. Gebruik een https://-adres van een openbare host, zonder gebruikersnaam, wachtwoord of #fragment.</translation>
    </message>
    <message>
        <source>An endpoint needs a URL and a signing secret before it can be enabled. Save the URL and create a signing secret first.</source>
        <translation>Een endpoint heeft een URL en een ondertekengeheim nodig voordat het kan worden ingeschakeld. Sla eerst de URL op en maak een ondertekengeheim.</translation>
    </message>
    <message>
        <source>Enable the webhook endpoint before sending a test event.</source>
        <translation>Schakel het webhook-endpoint in voordat je een testgebeurtenis stuurt.</translation>
    </message>
    <message>
        <source>This delivery is still being sent. Redeliver it once it has been delivered or has failed.</source>
        <translation>Deze aflevering wordt nog verstuurd. Lever haar opnieuw af zodra ze is afgeleverd of mislukt.</translation>
    </message>
    <message>
        <source>Only a signed-in user can do this, not an API key.</source>
        <translation>Alleen een aangemelde gebruiker kan dit, geen API-sleutel.</translation>
    </message>
    <message>
        <source>This offer is accepted or expired; it cannot change.</source>
        <translation>Deze offerte is geaccepteerd of verlopen; ze kan niet meer veranderen.</translation>
    </message>
    <message>
        <source>This recording is on legal hold. Lift the hold before deleting it.</source>
        <translation>Deze opname heeft een juridische blokkade. Hef de blokkade op voordat u haar verwijdert.</translation>
    </message>
    <message>
        <source>Recordings cannot be kept that long here; the operator&apos;s maximum is lower.</source>
        <translation>Zo lang kunnen opnamen hier niet bewaard worden; het maximum van de beheerder is lager.</translation>
    </message>
    <message>
        <source>Give a reason of 3 to 500 characters.</source>
        <translation>Geef een reden van 3 tot 500 tekens.</translation>
    </message>
    <message>
        <source>This recording is too large to play in the app. Save it to a file instead.</source>
        <translation>Deze opname is te groot om in de app af te spelen. Sla haar op als bestand.</translation>
    </message>
    <message>
        <source>The recording did not arrive completely. Check your network and try again.</source>
        <translation>De opname is niet volledig binnengekomen. Controleer uw netwerk en probeer het opnieuw.</translation>
    </message>
    <message>
        <source>Give your current password to change your e-mail address.</source>
        <translation>Geef je huidige wachtwoord om je e-mailadres te wijzigen.</translation>
    </message>
    <message>
        <source>The current password is wrong.</source>
        <translation>Het huidige wachtwoord klopt niet.</translation>
    </message>
    <message>
        <source>An export of this data is being made already. Wait for it.</source>
        <translation>Er wordt al een export van deze gegevens gemaakt. Wacht daarop.</translation>
    </message>
    <message>
        <source>The server is making other exports right now. Try again in a minute.</source>
        <translation>De server maakt nu andere exports. Probeer het over een minuut opnieuw.</translation>
    </message>
    <message>
        <source>The export did not arrive completely. Check your network and try again.</source>
        <translation>De export is niet volledig aangekomen. Controleer je netwerk en probeer het opnieuw.</translation>
    </message>
    <message>
        <source>You cannot erase your own account. Ask another admin.</source>
        <translation>Je kunt je eigen account niet verwijderen. Vraag het een andere beheerder.</translation>
    </message>
    <message>
        <source>No call of your organisation has this reference. Check it with the visitor (like K7M-4QX).</source>
        <translation>Geen gesprek van je organisatie heeft deze referentie. Controleer hem met de bezoeker (zoals K7M-4QX).</translation>
    </message>
    <message>
        <source>Nobody is waiting right now.</source>
        <translation>Er wacht op dit moment niemand.</translation>
    </message>
    <message>
        <source>Another clerk has just taken this visitor. Take the next one.</source>
        <translation>Een andere medewerker heeft deze bezoeker net aangenomen. Neem de volgende.</translation>
    </message>
    <message>
        <source>Set yourself available before taking a call.</source>
        <translation>Zet jezelf op beschikbaar voordat je een gesprek aanneemt.</translation>
    </message>
    <message>
        <source>This visitor is no longer waiting.</source>
        <translation>Deze bezoeker wacht niet meer.</translation>
    </message>
    <message>
        <source>This visitor&apos;s connection has dropped; they are reconnecting. Take another.</source>
        <translation>De verbinding van deze bezoeker is weggevallen; die maakt opnieuw verbinding. Neem een andere aan.</translation>
    </message>
    <message>
        <source>The server has not answered yet. The call opens here as soon as it does.</source>
        <translation>De server heeft nog niet geantwoord. Het gesprek opent hier zodra dat gebeurt.</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <source>ZIP archives (*.zip)</source>
        <translation>ZIP-archieven (*.zip)</translation>
    </message>
</context>
<context>
    <name>ForgotPasswordDialog</name>
    <message>
        <source>Forgot password</source>
        <translation>Wachtwoord vergeten</translation>
    </message>
    <message>
        <source>Enter the e-mail address of your account. If it exists, the server sends you a code to choose a new password.</source>
        <translation>Vul het e-mailadres van je account in. Als het bestaat, stuurt de server je een code waarmee je een nieuw wachtwoord kiest.</translation>
    </message>
    <message>
        <source>name@company.example</source>
        <translation>naam@bedrijf.example</translation>
    </message>
    <message>
        <source>Send code</source>
        <translation>Code versturen</translation>
    </message>
    <message>
        <source>I have a code already</source>
        <translation>Ik heb al een code</translation>
    </message>
    <message>
        <source>&amp;E-mail</source>
        <translation>&amp;E-mail</translation>
    </message>
    <message>
        <source>the code from the e-mail</source>
        <translation>de code uit de e-mail</translation>
    </message>
    <message>
        <source>Use a long phrase of unrelated words; at least 8 characters.</source>
        <translation>Gebruik een lange zin van losse woorden; minstens 8 tekens.</translation>
    </message>
    <message>
        <source>&amp;Code</source>
        <translation>&amp;Code</translation>
    </message>
    <message>
        <source>&amp;New password</source>
        <translation>&amp;Nieuw wachtwoord</translation>
    </message>
    <message>
        <source>&amp;Repeat it</source>
        <translation>&amp;Herhaal het</translation>
    </message>
    <message>
        <source>Change password</source>
        <translation>Wachtwoord wijzigen</translation>
    </message>
    <message>
        <source>Enter your e-mail address.</source>
        <translation>Vul je e-mailadres in.</translation>
    </message>
    <message>
        <source>If an account uses %1, a code is on its way. It is valid for a limited time. Paste it here and choose a new password.</source>
        <translation>Als er een account is met %1, is er een code onderweg. Die is een beperkte tijd geldig. Plak hem hier en kies een nieuw wachtwoord.</translation>
    </message>
    <message>
        <source>Paste the code from the e-mail.</source>
        <translation>Plak de code uit de e-mail.</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>De twee wachtwoorden verschillen.</translation>
    </message>
</context>
<context>
    <name>Locks</name>
    <message>
        <source>server address</source>
        <translation>serveradres</translation>
    </message>
    <message>
        <source>CA file</source>
        <translation>CA-bestand</translation>
    </message>
    <message>
        <source>proxy</source>
        <translation>proxy</translation>
    </message>
    <message>
        <source>language</source>
        <translation>taal</translation>
    </message>
    <message>
        <source>theme</source>
        <translation>thema</translation>
    </message>
    <message>
        <source>Your administrator set this in %1; it cannot be changed in the app.</source>
        <translation>Je beheerder heeft dit ingesteld in %1; het kan in de app niet worden gewijzigd.</translation>
    </message>
    <message>
        <source>Locked by your administrator</source>
        <translation>Vergrendeld door je beheerder</translation>
    </message>
</context>
<context>
    <name>LoginWindow</name>
    <message>
        <source>videoclerk – Log in</source>
        <translation>videoclerk – Inloggen</translation>
    </message>
    <message>
        <source>videoclerk</source>
        <translation>videoclerk</translation>
    </message>
    <message>
        <source>Log in to take video calls from your website&apos;s visitors.</source>
        <translation>Log in om videogesprekken met de bezoekers van je website aan te nemen.</translation>
    </message>
    <message>
        <source>https://video.example.com</source>
        <translation>https://video.example.com</translation>
    </message>
    <message>
        <source>name@company.example</source>
        <translation>naam@bedrijf.example</translation>
    </message>
    <message>
        <source>&amp;Server address</source>
        <translation>&amp;Serveradres</translation>
    </message>
    <message>
        <source>&amp;E-mail</source>
        <translation>&amp;E-mail</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>&amp;Wachtwoord</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>Inloggen</translation>
    </message>
    <message>
        <source>Forgot password…</source>
        <translation>Wachtwoord vergeten…</translation>
    </message>
    <message>
        <source>Create an organisation…</source>
        <translation>Organisatie aanmaken…</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Instellingen…</translation>
    </message>
    <message>
        <source>About videoclerk…</source>
        <translation>Over videoclerk…</translation>
    </message>
    <message>
        <source>Your session is kept in the system keyring.</source>
        <translation>Je sessie wordt bewaard in de beveiligde wachtwoordopslag van het systeem.</translation>
    </message>
    <message>
        <source>No system keyring is available: your session is kept in memory only, so you log in again after a restart.</source>
        <translation>Er is geen beveiligde wachtwoordopslag van het systeem beschikbaar: je sessie wordt alleen in het geheugen bewaard, dus na een herstart log je opnieuw in.</translation>
    </message>
    <message>
        <source>Fill in the server address, your e-mail and your password.</source>
        <translation>Vul het serveradres, je e-mailadres en je wachtwoord in.</translation>
    </message>
    <message>
        <source>“%1” is not a server address.</source>
        <translation>„%1” is geen serveradres.</translation>
    </message>
    <message>
        <source>Logging in…</source>
        <translation>Inloggen…</translation>
    </message>
    <message>
        <source>Reset password…</source>
        <translation>Nieuw wachtwoord…</translation>
    </message>
    <message>
        <source>Technical detail: %1</source>
        <translation>Technisch detail: %1</translation>
    </message>
    <message>
        <source>The privacy policy has changed since you last logged in. Read the new version (%1) and accept it to continue.</source>
        <translation>Het privacybeleid is gewijzigd sinds je voor het laatst inlogde. Lees de nieuwe versie (%1) en accepteer die om verder te gaan.</translation>
    </message>
    <message>
        <source>Before your first log-in, read the privacy policy (version %1) and accept it.</source>
        <translation>Lees voor je eerste keer inloggen het privacybeleid (versie %1) en accepteer het.</translation>
    </message>
    <message>
        <source>Read the privacy policy</source>
        <translation>Lees het privacybeleid</translation>
    </message>
    <message>
        <source>I have read and accept the privacy policy, version %1</source>
        <translation>Ik heb het privacybeleid, versie %1, gelezen en ga ermee akkoord</translation>
    </message>
    <message>
        <source>You may try to log in again now.</source>
        <translation>Je kunt nu opnieuw proberen in te loggen.</translation>
    </message>
    <message>
        <source>Too many failed log-ins: this account is locked for %1. Wait, or reset your password with “Forgot password”.</source>
        <translation>Te veel mislukte inlogpogingen: dit account is %1 geblokkeerd. Wacht, of stel een nieuw wachtwoord in met „Wachtwoord vergeten”.</translation>
    </message>
    <message>
        <source>Enter the server address first, for example https://video.example.com.</source>
        <translation>Vul eerst het serveradres in, bijvoorbeeld https://video.example.com.</translation>
    </message>
    <message>
        <source>Your password is changed. Log in with the new one.</source>
        <translation>Je wachtwoord is gewijzigd. Log in met het nieuwe.</translation>
    </message>
    <message>
        <source>Your organisation is ready. Log in with the password you chose.</source>
        <translation>Je organisatie staat klaar. Log in met het wachtwoord dat je hebt gekozen.</translation>
    </message>
</context>
<context>
    <name>MailChoiceBox</name>
    <message>
        <source>E-mail from videoclerk</source>
        <translation>E-mail van videoclerk</translation>
    </message>
    <message>
        <source>News and offers by e-mail</source>
        <translation>Nieuws en aanbiedingen per e-mail</translation>
    </message>
    <message>
        <source>Off unless you switch it on; every such mail has a link that ends it with one click. Service notices (maintenance, security, policy changes) always reach you.</source>
        <translation>Uit tenzij je het aanzet; elke zulke e-mail bevat een link die het met één klik beëindigt. Servicemeldingen (onderhoud, beveiliging, beleidswijzigingen) ontvang je altijd.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Opslaan…</translation>
    </message>
    <message>
        <source>Saved: you get news and offers by e-mail.</source>
        <translation>Opgeslagen: je ontvangt nieuws en aanbiedingen per e-mail.</translation>
    </message>
    <message>
        <source>Saved: you get no news or offers by e-mail.</source>
        <translation>Opgeslagen: je ontvangt geen nieuws of aanbiedingen per e-mail.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>videoclerk – %1</source>
        <translation>videoclerk – %1</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>Gesprekken</translation>
    </message>
    <message>
        <source>The supervisor view is not part of this installation.</source>
        <translation>Het supervisorscherm hoort niet bij deze installatie.</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <source>The offers list is not part of this installation.</source>
        <translation>De lijst met offertes hoort niet bij deze installatie.</translation>
    </message>
    <message>
        <source>Offers</source>
        <translation>Offertes</translation>
    </message>
    <message>
        <source>The admin screens are not part of this installation.</source>
        <translation>De beheerschermen horen niet bij deze installatie.</translation>
    </message>
    <message>
        <source>Admin</source>
        <translation>Beheer</translation>
    </message>
    <message>
        <source>Reconnect</source>
        <translation>Opnieuw verbinden</translation>
    </message>
    <message>
        <source>clerk</source>
        <translation>medewerker</translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation>supervisor</translation>
    </message>
    <message>
        <source>admin</source>
        <translation>beheerder</translation>
    </message>
    <message>
        <source>%1 (%2) at %3</source>
        <translation>%1 (%2) op %3</translation>
    </message>
    <message>
        <source>&amp;videoclerk</source>
        <translation>&amp;videoclerk</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Instellingen…</translation>
    </message>
    <message>
        <source>&amp;Log out</source>
        <translation>&amp;Uitloggen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Afsluiten</translation>
    </message>
    <message>
        <source>My &amp;data and privacy…</source>
        <translation>Mijn &amp;gegevens en privacy…</translation>
    </message>
    <message>
        <source>&amp;Export my data…</source>
        <translation>Mijn gegevens &amp;exporteren…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Sneltoetsen</translation>
    </message>
    <message>
        <source>&amp;About videoclerk</source>
        <translation>&amp;Over videoclerk</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Verbonden</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbinden…</translation>
    </message>
    <message>
        <source>Connection lost – reconnecting… A call in progress is kept for %1 s.</source>
        <translation>Verbinding verbroken – opnieuw verbinden… Een lopend gesprek blijft %1 s bewaard.</translation>
    </message>
    <message>
        <source>Disconnected from the server. Check your network, then click Reconnect.</source>
        <translation>Geen verbinding met de server. Controleer je netwerk en klik daarna op Opnieuw verbinden.</translation>
    </message>
    <message>
        <source>A call is in progress</source>
        <translation>Er loopt een gesprek</translation>
    </message>
    <message>
        <source>Hang up and close videoclerk?</source>
        <translation>Ophangen en videoclerk sluiten?</translation>
    </message>
</context>
<context>
    <name>MyDataDialog</name>
    <message>
        <source>My data and privacy</source>
        <translation>Mijn gegevens en privacy</translation>
    </message>
    <message>
        <source>My details</source>
        <translation>Mijn gegevens</translation>
    </message>
    <message>
        <source>Only to change the e-mail address</source>
        <translation>Alleen om het e-mailadres te wijzigen</translation>
    </message>
    <message>
        <source>Save &amp;details</source>
        <translation>&amp;Gegevens opslaan</translation>
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
        <source>Current &amp;password</source>
        <translation>Huidig &amp;wachtwoord</translation>
    </message>
    <message>
        <source>What my account&apos;s data may not be used for</source>
        <translation>Waarvoor de gegevens van mijn account niet gebruikt mogen worden</translation>
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
        <source>Save &amp;choices</source>
        <translation>&amp;Keuzes opslaan</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exporteren</translation>
    </message>
    <message>
        <source>E&amp;xport my data…</source>
        <translation>Mijn gegevens e&amp;xporteren…</translation>
    </message>
    <message>
        <source>A ZIP of your account and the audit trail&apos;s entries about you, with a README that explains each file.</source>
        <translation>Een ZIP met je account en de regels uit het auditlogboek over jou, met een README die elk bestand uitlegt.</translation>
    </message>
    <message>
        <source>Your details are saved.</source>
        <translation>Je gegevens zijn opgeslagen.</translation>
    </message>
    <message>
        <source>Choices you cannot change here were made for the whole organisation.</source>
        <translation>Keuzes die je hier niet kunt wijzigen, zijn gemaakt voor de hele organisatie.</translation>
    </message>
    <message>
        <source>Your privacy choices are saved.</source>
        <translation>Je privacykeuzes zijn opgeslagen.</translation>
    </message>
    <message>
        <source>Export my data</source>
        <translation>Mijn gegevens exporteren</translation>
    </message>
    <message>
        <source>Your data (%1) is saved as %2.</source>
        <translation>Je gegevens (%1) zijn opgeslagen als %2.</translation>
    </message>
    <message>
        <source>Exporting… %1</source>
        <translation>Exporteren… %1</translation>
    </message>
</context>
<context>
    <name>OfferLinesModel</name>
    <message>
        <source>Product</source>
        <translation>Product</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>Opties</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>Aantal</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>Korting</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Totaal</translation>
    </message>
</context>
<context>
    <name>OfferPanel</name>
    <message>
        <source>Offer</source>
        <translation>Offerte</translation>
    </message>
    <message>
        <source>Type a name or SKU, Enter adds (Ctrl+K)</source>
        <translation>Typ een naam of artikelnummer, Enter voegt toe (Ctrl+K)</translation>
    </message>
    <message>
        <source>&amp;Find product:</source>
        <translation>Product &amp;zoeken:</translation>
    </message>
    <message>
        <source>&amp;Lines:</source>
        <translation>&amp;Regels:</translation>
    </message>
    <message>
        <source>Selected line</source>
        <translation>Gekozen regel</translation>
    </message>
    <message>
        <source>&amp;Quantity:</source>
        <translation>&amp;Aantal:</translation>
    </message>
    <message>
        <source>Line &amp;discount:</source>
        <translation>Regel&amp;korting:</translation>
    </message>
    <message>
        <source>Shown to the visitor; no personal data</source>
        <translation>De bezoeker ziet dit; geen persoonsgegevens</translation>
    </message>
    <message>
        <source>Discount on the &amp;total:</source>
        <translation>Korting op het &amp;totaal:</translation>
    </message>
    <message>
        <source>N&amp;ote:</source>
        <translation>&amp;Opmerking:</translation>
    </message>
    <message>
        <source>&amp;Valid until:</source>
        <translation>&amp;Geldig tot:</translation>
    </message>
    <message>
        <source>Suggestions</source>
        <translation>Suggesties</translation>
    </message>
    <message>
        <source>&amp;Apply suggestion</source>
        <translation>Suggestie &amp;toepassen</translation>
    </message>
    <message>
        <source>From your organisation&apos;s answered offers, for you to apply or ignore. Nothing about the visitor is used.</source>
        <translation>Uit de beantwoorde offertes van je organisatie, om toe te passen of te negeren. Er wordt niets over de bezoeker gebruikt.</translation>
    </message>
    <message>
        <source>The visitor&apos;s message seems to contain an e-mail address or phone number. Do not copy it anywhere; it is not kept.</source>
        <translation>Het bericht van de bezoeker lijkt een e-mailadres of telefoonnummer te bevatten. Neem het nergens over; het wordt niet bewaard.</translation>
    </message>
    <message>
        <source>Search the catalogue for the offer</source>
        <translation>In de catalogus zoeken voor de offerte</translation>
    </message>
    <message>
        <source>Opening the offer…</source>
        <translation>Offerte openen…</translation>
    </message>
    <message>
        <source>too expensive</source>
        <translation>te duur</translation>
    </message>
    <message>
        <source>not what they need</source>
        <translation>niet wat ze zoeken</translation>
    </message>
    <message>
        <source>needs time to think</source>
        <translation>wil er nog over nadenken</translation>
    </message>
    <message>
        <source>buying elsewhere</source>
        <translation>koopt elders</translation>
    </message>
    <message>
        <source>another reason</source>
        <translation>een andere reden</translation>
    </message>
    <message>
        <source>Open – the visitor sees revision %1</source>
        <translation>Open – de bezoeker ziet versie %1</translation>
    </message>
    <message>
        <source>Waiting for a supervisor to approve the discount</source>
        <translation>Wacht tot een supervisor de korting goedkeurt</translation>
    </message>
    <message>
        <source>A supervisor refused the discount; change the offer</source>
        <translation>Een supervisor heeft de korting geweigerd; pas de offerte aan</translation>
    </message>
    <message>
        <source>Accepted – reference %1</source>
        <translation>Geaccepteerd – referentie %1</translation>
    </message>
    <message>
        <source>Declined by the visitor: %1</source>
        <translation>Afgewezen door de bezoeker: %1</translation>
    </message>
    <message>
        <source>Declined by the visitor</source>
        <translation>Afgewezen door de bezoeker</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Verlopen</translation>
    </message>
    <message>
        <source>List price</source>
        <translation>Catalogusprijs</translation>
    </message>
    <message>
        <source>Discount (%1 %)</source>
        <translation>Korting (%1 %)</translation>
    </message>
    <message>
        <source>Net</source>
        <translation>Netto</translation>
    </message>
    <message>
        <source>VAT %1 %</source>
        <translation>Btw %1 %</translation>
    </message>
    <message>
        <source>Total incl. VAT</source>
        <translation>Totaal incl. btw</translation>
    </message>
    <message>
        <source>saving…</source>
        <translation>opslaan…</translation>
    </message>
    <message>
        <source>saved</source>
        <translation>opgeslagen</translation>
    </message>
    <message>
        <source>The offer is closed and can no longer change.</source>
        <translation>De offerte is gesloten en kan niet meer veranderen.</translation>
    </message>
    <message>
        <source>All lines of an offer must be in one currency.</source>
        <translation>Alle regels van een offerte moeten in één valuta zijn.</translation>
    </message>
    <message>
        <source>The server did not accept this offer; check the fields.</source>
        <translation>De server heeft deze offerte niet aanvaard; controleer de velden.</translation>
    </message>
    <message>
        <source>The visitor accepted the offer.</source>
        <translation>De bezoeker heeft de offerte geaccepteerd.</translation>
    </message>
    <message>
        <source>The visitor declined the offer.</source>
        <translation>De bezoeker heeft de offerte afgewezen.</translation>
    </message>
    <message>
        <source>The visitor asks for a change.</source>
        <translation>De bezoeker vraagt om een wijziging.</translation>
    </message>
    <message>
        <source>Their message: %1</source>
        <translation>Hun bericht: %1</translation>
    </message>
</context>
<context>
    <name>PresenceSwitch</name>
    <message>
        <source>Available</source>
        <translation>Beschikbaar</translation>
    </message>
    <message>
        <source>Away</source>
        <translation>Afwezig</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <source>available – you get calls</source>
        <translation>beschikbaar – je krijgt gesprekken</translation>
    </message>
    <message>
        <source>away – no calls</source>
        <translation>afwezig – geen gesprekken</translation>
    </message>
    <message>
        <source>in a call</source>
        <translation>in gesprek</translation>
    </message>
    <message>
        <source>wrapping up the last call</source>
        <translation>laatste gesprek afronden</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>offline</translation>
    </message>
    <message>
        <source>offline – reconnecting</source>
        <translation>offline – opnieuw verbinden</translation>
    </message>
</context>
<context>
    <name>ProductResultsModel</name>
    <message>
        <source>Product</source>
        <translation>Product</translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <source>Nobody is waiting. New visitors appear here at once.</source>
        <translation>Er wacht niemand. Nieuwe bezoekers verschijnen hier meteen.</translation>
    </message>
    <message>
        <source>Take next (%1)</source>
        <translation>Volgende aannemen (%1)</translation>
    </message>
    <message>
        <source>Answer the visitor who has waited longest (%1)</source>
        <translation>Neem de bezoeker aan die het langst wacht (%1)</translation>
    </message>
    <message>
        <source>Take selected</source>
        <translation>Gekozen aannemen</translation>
    </message>
    <message>
        <source>Answer the visitor selected in the list (or double-click a row)</source>
        <translation>Neem de bezoeker aan die in de lijst is gekozen (of dubbelklik op een regel)</translation>
    </message>
    <message>
        <source>Take the next visitor</source>
        <translation>De volgende bezoeker aannemen</translation>
    </message>
    <message>
        <source>1 visitor waiting</source>
        <translation>1 bezoeker wacht</translation>
    </message>
    <message>
        <source>%1 visitors waiting</source>
        <translation>%1 bezoekers wachten</translation>
    </message>
</context>
<context>
    <name>QueueTableModel</name>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Wachtrij</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Wacht</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>Toestemming</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Camera</translation>
    </message>
    <message>
        <source>Waiting since %1</source>
        <translation>Wacht sinds %1</translation>
    </message>
    <message>
        <source>Camera on</source>
        <translation>Camera aan</translation>
    </message>
    <message>
        <source>No camera</source>
        <translation>Geen camera</translation>
    </message>
    <message>
        <source>recording: yes</source>
        <translation>opname: ja</translation>
    </message>
    <message>
        <source>recording: no</source>
        <translation>opname: nee</translation>
    </message>
    <message>
        <source>transcription: yes</source>
        <translation>transcriptie: ja</translation>
    </message>
    <message>
        <source>transcription: no</source>
        <translation>transcriptie: nee</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Instellingen</translation>
    </message>
    <message>
        <source>A new language applies when you next log in or out, or start videoclerk again.</source>
        <translation>Een nieuwe taal geldt zodra je weer in- of uitlogt of videoclerk opnieuw start.</translation>
    </message>
    <message>
        <source>Test pattern (built in)</source>
        <translation>Testbeeld (ingebouwd)</translation>
    </message>
    <message>
        <source>Test tone (built in)</source>
        <translation>Testtoon (ingebouwd)</translation>
    </message>
    <message>
        <source>System default microphone</source>
        <translation>Standaardmicrofoon van het systeem</translation>
    </message>
    <message>
        <source>System default output</source>
        <translation>Standaarduitvoer van het systeem</translation>
    </message>
    <message>
        <source>Camera and sound</source>
        <translation>Camera en geluid</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Camera</translation>
    </message>
    <message>
        <source>Microphone</source>
        <translation>Microfoon</translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation>Luidspreker</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Zoals het systeem</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Licht</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Donker</translation>
    </message>
    <message>
        <source>Language and appearance</source>
        <translation>Taal en uiterlijk</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Taal</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Thema</translation>
    </message>
    <message>
        <source>Default: %1</source>
        <translation>Standaard: %1</translation>
    </message>
    <message>
        <source>Play a sound</source>
        <translation>Een geluid afspelen</translation>
    </message>
    <message>
        <source>Show a notification</source>
        <translation>Een melding tonen</translation>
    </message>
    <message>
        <source>When a visitor starts waiting while you are available</source>
        <translation>Als er een bezoeker gaat wachten terwijl je beschikbaar bent</translation>
    </message>
    <message>
        <source>None: connect directly</source>
        <translation>Geen: rechtstreeks verbinden</translation>
    </message>
    <message>
        <source>None: the system&apos;s certificate authorities</source>
        <translation>Geen: de certificaatautoriteiten van het systeem</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Kiezen…</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Netwerk</translation>
    </message>
    <message>
        <source>HTTP proxy</source>
        <translation>HTTP-proxy</translation>
    </message>
    <message>
        <source>CA file</source>
        <translation>CA-bestand</translation>
    </message>
    <message>
        <source>The proxy carries the app&apos;s connection to the server. The CA file is for a server whose certificate a private certificate authority signed. Both apply from the next log-in.</source>
        <translation>De proxy draagt de verbinding van de app met de server. Het CA-bestand is voor een server waarvan een eigen certificaatautoriteit het certificaat heeft ondertekend. Beide gelden vanaf de volgende keer inloggen.</translation>
    </message>
    <message>
        <source>Recordings waiting for upload</source>
        <translation>Opnamen die wachten op upload</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Map</translation>
    </message>
    <message>
        <source>Warn above</source>
        <translation>Waarschuwen boven</translation>
    </message>
    <message>
        <source>A new folder applies from the next log-in. Recordings still waiting in the old folder are uploaded only from there: change it when none are waiting.</source>
        <translation>Een nieuwe map geldt vanaf de volgende keer inloggen. Opnamen die nog in de oude map wachten, worden alleen van daaruit geüpload: wijzig de map als er geen opnamen wachten.</translation>
    </message>
    <message>
        <source>Folder for recordings waiting for upload</source>
        <translation>Map voor opnamen die wachten op upload</translation>
    </message>
    <message>
        <source>CA file (PEM)</source>
        <translation>CA-bestand (PEM)</translation>
    </message>
    <message>
        <source>“%1” is not a proxy address like http://proxy.example:3128.</source>
        <translation>“%1” is geen proxyadres zoals http://proxy.example:3128.</translation>
    </message>
    <message>
        <source>The CA file %1 does not exist.</source>
        <translation>Het CA-bestand %1 bestaat niet.</translation>
    </message>
    <message>
        <source>The CA file %1 cannot be read: %2.</source>
        <translation>Het CA-bestand %1 kan niet worden gelezen: %2.</translation>
    </message>
    <message>
        <source>The CA file %1 holds no certificate in PEM format (-----BEGIN CERTIFICATE-----).</source>
        <translation>Het CA-bestand %1 bevat geen certificaat in PEM-formaat (-----BEGIN CERTIFICATE-----).</translation>
    </message>
    <message>
        <source>No camera found: visitors will see the test pattern. Connect a camera and it appears here.</source>
        <translation>Geen camera gevonden: bezoekers zien het testbeeld. Sluit een camera aan en hij verschijnt hier.</translation>
    </message>
    <message>
        <source>No speaker found</source>
        <translation>Geen luidspreker gevonden</translation>
    </message>
    <message>
        <source>No speaker found: this computer has no sound output, so you will not hear the visitor. Connect a speaker or headset and it appears here.</source>
        <translation>Geen luidspreker gevonden: deze computer heeft geen geluidsuitvoer, dus je hoort de bezoeker niet. Sluit een luidspreker of headset aan; die verschijnt dan hier.</translation>
    </message>
    <message>
        <source>%1 (not connected)</source>
        <translation>%1 (niet aangesloten)</translation>
    </message>
    <message>
        <source>Opening the camera…</source>
        <translation>Camera openen…</translation>
    </message>
    <message>
        <source>No picture</source>
        <translation>Geen beeld</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Sneltoetsen</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Toetsen</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Actie</translation>
    </message>
</context>
<context>
    <name>SignUpDialog</name>
    <message>
        <source>Create an organisation</source>
        <translation>Organisatie aanmaken</translation>
    </message>
    <message>
        <source>–</source>
        <translation>–</translation>
    </message>
    <message>
        <source> years</source>
        <translation> jaar</translation>
    </message>
    <message>
        <source>You, the account holder</source>
        <translation>Jij, de accounthouder</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Volledige naam</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Wachtwoord</translation>
    </message>
    <message>
        <source>Repeat password</source>
        <translation>Herhaal het wachtwoord</translation>
    </message>
    <message>
        <source>Your age</source>
        <translation>Je leeftijd</translation>
    </message>
    <message>
        <source>Your age is checked against the legal minimum (16 in the EEA and Switzerland, 13 elsewhere) and not stored.</source>
        <translation>Je leeftijd wordt vergeleken met de wettelijke minimumleeftijd (16 in de EER en Zwitserland, elders 13) en niet bewaard.</translation>
    </message>
    <message>
        <source>Your organisation</source>
        <translation>Je organisatie</translation>
    </message>
    <message>
        <source>Company name</source>
        <translation>Bedrijfsnaam</translation>
    </message>
    <message>
        <source>Registration number</source>
        <translation>KvK-nummer</translation>
    </message>
    <message>
        <source>VAT number</source>
        <translation>btw-nummer</translation>
    </message>
    <message>
        <source>Street and number</source>
        <translation>Straat en huisnummer</translation>
    </message>
    <message>
        <source>Postal code</source>
        <translation>Postcode</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Plaats</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Land</translation>
    </message>
    <message>
        <source>I have read the privacy policy and accept it.</source>
        <translation>Ik heb het privacybeleid gelezen en ga ermee akkoord.</translation>
    </message>
    <message>
        <source>These are your organisation&apos;s API keys for server-to-server use. They are shown only now: copy them to a safe place. You can make new ones later.</source>
        <translation>Dit zijn de API-sleutels van je organisatie voor gebruik tussen servers. Ze worden alleen nu getoond: kopieer ze naar een veilige plek. Je kunt later nieuwe maken.</translation>
    </message>
    <message>
        <source>Create organisation</source>
        <translation>Organisatie aanmaken</translation>
    </message>
    <message>
        <source>Go to log-in</source>
        <translation>Naar inloggen</translation>
    </message>
    <message>
        <source>full name</source>
        <translation>volledige naam</translation>
    </message>
    <message>
        <source>e-mail</source>
        <translation>e-mail</translation>
    </message>
    <message>
        <source>password</source>
        <translation>wachtwoord</translation>
    </message>
    <message>
        <source>company name</source>
        <translation>bedrijfsnaam</translation>
    </message>
    <message>
        <source>registration number</source>
        <translation>KvK-nummer</translation>
    </message>
    <message>
        <source>street</source>
        <translation>straat</translation>
    </message>
    <message>
        <source>postal code</source>
        <translation>postcode</translation>
    </message>
    <message>
        <source>city</source>
        <translation>plaats</translation>
    </message>
    <message>
        <source>country</source>
        <translation>land</translation>
    </message>
    <message>
        <source>your age</source>
        <translation>je leeftijd</translation>
    </message>
    <message>
        <source>Please fill in: %1.</source>
        <translation>Vul nog in: %1.</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>De twee wachtwoorden verschillen.</translation>
    </message>
    <message>
        <source>Read and accept the privacy policy to create an organisation.</source>
        <translation>Lees het privacybeleid en ga ermee akkoord om een organisatie aan te maken.</translation>
    </message>
    <message>
        <source>Creating your organisation…</source>
        <translation>Je organisatie wordt aangemaakt…</translation>
    </message>
    <message>
        <source>I have read the privacy policy, version %1, and accept it.</source>
        <translation>Ik heb het privacybeleid, versie %1, gelezen en ga ermee akkoord.</translation>
    </message>
    <message>
        <source>The server asks you to accept its current privacy policy, version %1. Tick the box to accept this version, then create the organisation again.</source>
        <translation>De server vraagt je akkoord met het huidige privacybeleid, versie %1. Vink het vakje aan om met deze versie akkoord te gaan en maak de organisatie daarna opnieuw aan.</translation>
    </message>
    <message>
        <source>Read the privacy policy</source>
        <translation>Lees het privacybeleid</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; is ready. You are its administrator and can log in as %2.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; staat klaar. Jij bent de beheerder en kunt inloggen als %2.</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopiëren</translation>
    </message>
</context>
<context>
    <name>SuggestionsModel</name>
    <message>
        <source>Suggestion</source>
        <translation>Suggestie</translation>
    </message>
    <message>
        <source>Discount of %1 % on the total (the usual one in %2 accepted offers)</source>
        <translation>Korting van %1 % op het totaal (de gebruikelijke in %2 geaccepteerde offertes)</translation>
    </message>
    <message>
        <source>Add %1 (accepted together in %2 of %3 offers)</source>
        <translation>%1 toevoegen (samen geaccepteerd in %2 van %3 offertes)</translation>
    </message>
</context>
<context>
    <name>UploadsButton</name>
    <message numerus="yes">
        <source>Recordings waiting: %n (more than the limit)</source>
        <translation>
            <numerusform>Wachtende opname: %n (meer dan de grens)</numerusform>
            <numerusform>Wachtende opnamen: %n (meer dan de grens)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Recordings waiting: %n</source>
        <translation>
            <numerusform>Wachtende opname: %n</numerusform>
            <numerusform>Wachtende opnamen: %n</numerusform>
        </translation>
    </message>
    <message>
        <source>Show the recordings waiting for upload</source>
        <translation>De opnamen tonen die wachten op upload</translation>
    </message>
    <message>
        <source>Recordings waiting for upload</source>
        <translation>Opnamen die wachten op upload</translation>
    </message>
</context>
<context>
    <name>UploadsPanel</name>
    <message>
        <source>Recordings waiting for upload</source>
        <translation>Opnamen die wachten op upload</translation>
    </message>
    <message>
        <source>No recordings are waiting.</source>
        <translation>Er wachten geen opnamen.</translation>
    </message>
    <message>
        <source>Uploading</source>
        <translation>Bezig met uploaden</translation>
    </message>
    <message numerus="yes">
        <source>The server cannot be reached; retrying in %n s</source>
        <translation>
            <numerusform>De server is niet bereikbaar; nieuwe poging over %n s</numerusform>
            <numerusform>De server is niet bereikbaar; nieuwe poging over %n s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The server did not take it; retrying in %n s</source>
        <translation>
            <numerusform>De server nam de opname niet aan; nieuwe poging over %n s</numerusform>
            <numerusform>De server nam de opname niet aan; nieuwe poging over %n s</numerusform>
        </translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Wacht</translation>
    </message>
    <message>
        <source>Failed: the server has the recording but did not confirm it. It stays on this computer; tell your administrator.</source>
        <translation>Mislukt: de server heeft de opname maar heeft die niet bevestigd. Ze blijft op deze computer; meld het aan je beheerder.</translation>
    </message>
    <message>
        <source>Failed: the recording is larger than the server accepts. Ask your administrator to raise the limit.</source>
        <translation>Mislukt: de opname is groter dan de server aanneemt. Vraag je beheerder de grens te verhogen.</translation>
    </message>
    <message>
        <source>Failed: the server refuses this recording ({code}). It stays on this computer; tell your administrator.</source>
        <translation>Mislukt: de server weigert deze opname ({code}). Ze blijft op deze computer; meld het aan je beheerder.</translation>
    </message>
    <message>
        <source>Recordings waiting for upload take {size} on this computer, more than {limit}. Check the connection to the server.</source>
        <translation>Opnamen die wachten op upload nemen {size} in op deze computer, meer dan {limit}. Controleer de verbinding met de server.</translation>
    </message>
</context>
<context>
    <name>VisitorAlert</name>
    <message>
        <source>A visitor is waiting</source>
        <translation>Er wacht een bezoeker</translation>
    </message>
    <message>
        <source>Take the call in videoclerk (Ctrl+N).</source>
        <translation>Neem het gesprek aan in videoclerk (Ctrl+N).</translation>
    </message>
</context>
<context>
    <name>WrapUpPanel</name>
    <message>
        <source>Question answered</source>
        <translation>Vraag beantwoord</translation>
    </message>
    <message>
        <source>Offer made</source>
        <translation>Aanbod gedaan</translation>
    </message>
    <message>
        <source>Needs a follow-up</source>
        <translation>Vraagt om opvolging</translation>
    </message>
    <message>
        <source>Not interested</source>
        <translation>Geen interesse</translation>
    </message>
    <message>
        <source>Technical problem</source>
        <translation>Technisch probleem</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Anders</translation>
    </message>
    <message>
        <source>What was the call about? What is the next step?</source>
        <translation>Waar ging het gesprek over? Wat is de volgende stap?</translation>
    </message>
    <message>
        <source>Do not type personal data in the note: no names, e-mail addresses, phone numbers, addresses or account numbers. The visitor is anonymous; refer to the call reference instead.</source>
        <translation>Typ geen persoonsgegevens in de notitie: geen namen, e-mailadressen, telefoonnummers, adressen of rekeningnummers. De bezoeker is anoniem; verwijs in plaats daarvan naar het gesprekskenmerk.</translation>
    </message>
    <message>
        <source>Finish wrap-up and become available</source>
        <translation>Afronden en weer beschikbaar worden</translation>
    </message>
    <message>
        <source>Ctrl+Return</source>
        <translation>Ctrl+Return</translation>
    </message>
    <message>
        <source>Finish the wrap-up and become available</source>
        <translation>De afronding afsluiten en weer beschikbaar worden</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Uitkomst</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notitie</translation>
    </message>
    <message>
        <source>Wrap up call %1</source>
        <translation>Gesprek %1 afronden</translation>
    </message>
    <message>
        <source>You ended the call.</source>
        <translation>Jij hebt het gesprek beëindigd.</translation>
    </message>
    <message>
        <source>The visitor ended the call.</source>
        <translation>De bezoeker heeft het gesprek beëindigd.</translation>
    </message>
    <message>
        <source>The visitor&apos;s connection was lost.</source>
        <translation>De verbinding met de bezoeker is verbroken.</translation>
    </message>
    <message>
        <source>The call failed.</source>
        <translation>Het gesprek is mislukt.</translation>
    </message>
    <message>
        <source>The call has ended.</source>
        <translation>Het gesprek is afgelopen.</translation>
    </message>
    <message>
        <source>an e-mail address</source>
        <translation>een e-mailadres</translation>
    </message>
    <message>
        <source>a phone number</source>
        <translation>een telefoonnummer</translation>
    </message>
    <message>
        <source>a bank account number</source>
        <translation>een rekeningnummer</translation>
    </message>
    <message>
        <source>The note seems to contain %1. Remove it before you finish.</source>
        <translation>De notitie lijkt %1 te bevatten. Haal dat weg voordat je afrondt.</translation>
    </message>
    <message>
        <source>The note is too long: at most %1 characters.</source>
        <translation>De notitie is te lang: hoogstens %1 tekens.</translation>
    </message>
    <message>
        <source>Click again to save the note as it is.</source>
        <translation>Klik nog eens om de notitie toch zo te bewaren.</translation>
    </message>
</context>
</TS>
