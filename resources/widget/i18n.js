// The panel's words in English and Dutch. `{name}` marks a value filled in at run time.

export const LANGUAGES = ['en', 'nl'];

export const STRINGS = {
  en: {
    title: 'Video call',
    otherLanguage: 'Nederlands',
    minimise: 'Minimise',
    consentHeading: 'Before we start',
    noPersonalData: 'We never ask for your name, phone number or e-mail address.',
    privacyNotice: 'Read our privacy notice',
    newTab: '(opens in a new tab)',
    consentIntro: 'Please answer both questions. You can change your answers during the call.',
    yes: 'Yes',
    no: 'No',
    consentMissing: 'Please answer both questions to continue.',
    continue: 'Continue',
    back: 'Back',
    queueHeading: 'What can we help you with?',
    queueLegend: 'Topic',
    queueMissing: 'Choose a topic to continue.',
    previewHeading: 'Check your camera and microphone',
    ownVideo: 'Your camera',
    cameraIsOff: 'Your camera is off.',
    camera: 'Camera',
    microphone: 'Microphone',
    joinCameraOff: 'Join with my camera off',
    startingDevices: 'Starting your camera and microphone…',
    devicesDenied:
      'Your browser blocked the camera and microphone. Allow them with the icon in the address bar and try again, or call without them: you will still see and hear us.',
    noCamera: 'We found no camera. You can call with sound only.',
    noDevices:
      'We found no camera or microphone. You can still call: you will see and hear us, but we cannot see or hear you.',
    tryAgain: 'Try again',
    call: 'Call',
    connecting: 'Connecting…',
    waitingHeading: 'You are in the queue',
    positionNext: 'You are next in the queue.',
    position: 'You are number {position} in the queue.',
    waitShort: 'Estimated wait: less than a minute.',
    waitMinutes: 'Estimated wait: about {minutes} minutes.',
    waitOneMinute: 'Estimated wait: about 1 minute.',
    leave: 'Leave the queue',
    privacyChoices: 'Your privacy choices',
    consentSaved: 'Your choice is saved.',
    queueFull: 'The queue is full right now. Please try again in a few minutes.',
    rateLimited: 'Too many attempts in a short time. Please wait a moment and try again.',
    reconnecting: 'Connection lost. Reconnecting…',
    reconnected: 'Connected again.',
    connectionGone: 'We could not reconnect in time, so your place in the queue was lost.',
    joinAgain: 'Join the queue again',
    inCallHeading: 'In a call',
    inCallWith: 'In a call with {name}',
    clerkVideo: 'Video of the person you are talking to',
    connectingCall: 'Connecting the call…',
    peerLost: 'The other side lost their connection. Please wait a moment…',
    peerBack: 'The other side is back.',
    mute: 'Mute',
    cameraOff: 'Camera off',
    hangUp: 'Hang up',
    endedHeading: 'The call has ended',
    leftHeading: 'You left the queue',
    endedHangup: 'The call was ended.',
    endedPeerLost: 'We lost the connection to the person you were talking to.',
    endedFailed: 'The call could not be continued.',
    endedUnanswered: 'The call could not be connected. You can wait again, at the front of the queue.',
    reference: 'Your call reference is {reference}. Mention it if you contact us about this call later.',
    rejoin: 'Wait again, at the front of the queue',
    startOver: 'Start again',
    closedHeading: 'We are closed',
    opensAt: 'We open again on {when}.',
    closedNoTime: 'Video calls are not available at the moment.',
    errorHeading: 'Something went wrong',
    errorLoad: 'The video call could not be loaded. Check your internet connection and try again.',
    errorRefused: 'This video call cannot be started from this page.',
    errorGeneric: 'Something went wrong. Please try again.',
  },
  nl: {
    title: 'Videobellen',
    otherLanguage: 'English',
    minimise: 'Minimaliseren',
    consentHeading: 'Voordat we beginnen',
    noPersonalData: 'We vragen nooit om je naam, telefoonnummer of e-mailadres.',
    privacyNotice: 'Lees onze privacyverklaring',
    newTab: '(opent in een nieuw tabblad)',
    consentIntro: 'Beantwoord beide vragen. Je kunt je antwoorden tijdens het gesprek wijzigen.',
    yes: 'Ja',
    no: 'Nee',
    consentMissing: 'Beantwoord beide vragen om verder te gaan.',
    continue: 'Verder',
    back: 'Terug',
    queueHeading: 'Waarmee kunnen we je helpen?',
    queueLegend: 'Onderwerp',
    queueMissing: 'Kies een onderwerp om verder te gaan.',
    previewHeading: 'Controleer je camera en microfoon',
    ownVideo: 'Jouw camera',
    cameraIsOff: 'Je camera staat uit.',
    camera: 'Camera',
    microphone: 'Microfoon',
    joinCameraOff: 'Deelnemen met mijn camera uit',
    startingDevices: 'Je camera en microfoon worden gestart…',
    devicesDenied:
      'Je browser heeft de camera en microfoon geblokkeerd. Sta ze toe via het pictogram in de adresbalk en probeer het opnieuw, of bel zonder: je ziet en hoort ons dan wel.',
    noCamera: 'We hebben geen camera gevonden. Je kunt bellen met alleen geluid.',
    noDevices:
      'We hebben geen camera of microfoon gevonden. Je kunt toch bellen: je ziet en hoort ons, maar wij zien en horen jou niet.',
    tryAgain: 'Opnieuw proberen',
    call: 'Bellen',
    connecting: 'Verbinden…',
    waitingHeading: 'Je staat in de wachtrij',
    positionNext: 'Jij bent de volgende in de wachtrij.',
    position: 'Je bent nummer {position} in de wachtrij.',
    waitShort: 'Geschatte wachttijd: minder dan een minuut.',
    waitMinutes: 'Geschatte wachttijd: ongeveer {minutes} minuten.',
    waitOneMinute: 'Geschatte wachttijd: ongeveer 1 minuut.',
    leave: 'Wachtrij verlaten',
    privacyChoices: 'Je privacykeuzes',
    consentSaved: 'Je keuze is opgeslagen.',
    queueFull: 'De wachtrij is nu vol. Probeer het over een paar minuten opnieuw.',
    rateLimited: 'Te veel pogingen in korte tijd. Wacht even en probeer het opnieuw.',
    reconnecting: 'Verbinding verbroken. Opnieuw verbinden…',
    reconnected: 'Weer verbonden.',
    connectionGone: 'We konden niet op tijd opnieuw verbinden; je plaats in de wachtrij is vervallen.',
    joinAgain: 'Opnieuw in de wachtrij',
    inCallHeading: 'In gesprek',
    inCallWith: 'In gesprek met {name}',
    clerkVideo: 'Video van degene met wie je praat',
    connectingCall: 'Het gesprek wordt verbonden…',
    peerLost: 'De andere kant is de verbinding kwijt. Even geduld…',
    peerBack: 'De andere kant is er weer.',
    mute: 'Microfoon uit',
    cameraOff: 'Camera uit',
    hangUp: 'Ophangen',
    endedHeading: 'Het gesprek is beëindigd',
    leftHeading: 'Je hebt de wachtrij verlaten',
    endedHangup: 'Het gesprek is beëindigd.',
    endedPeerLost: 'De verbinding met degene met wie je sprak is verbroken.',
    endedFailed: 'Het gesprek kon niet verder.',
    endedUnanswered: 'Het gesprek kwam niet tot stand. Je kunt opnieuw wachten, vooraan in de wachtrij.',
    reference: 'Je gespreksreferentie is {reference}. Noem deze als je later contact met ons opneemt over dit gesprek.',
    rejoin: 'Opnieuw wachten, vooraan in de wachtrij',
    startOver: 'Opnieuw beginnen',
    closedHeading: 'We zijn gesloten',
    opensAt: 'We zijn weer open op {when}.',
    closedNoTime: 'Videobellen is op dit moment niet beschikbaar.',
    errorHeading: 'Er ging iets mis',
    errorLoad: 'Videobellen kon niet worden geladen. Controleer je internetverbinding en probeer het opnieuw.',
    errorRefused: 'Videobellen kan niet vanaf deze pagina worden gestart.',
    errorGeneric: 'Er ging iets mis. Probeer het opnieuw.',
  },
};

/** The browser's preferred language if we speak it, else English. */
export function browserLanguage() {
  for (const tag of navigator.languages || [navigator.language || 'en']) {
    const base = tag.toLowerCase().split('-')[0];
    if (LANGUAGES.includes(base)) return base;
  }
  return 'en';
}

/** `STRINGS[lang][key]` with `{name}` placeholders filled in. */
export function t(lang, key, values = {}) {
  const text = STRINGS[lang][key] ?? STRINGS.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ''));
}

/** A locale for dates and times: the visitor's own (region and clock style) in the panel's language. */
export function timeLocale(lang) {
  return (navigator.languages || []).find((tag) => tag.toLowerCase().startsWith(lang)) || lang;
}

/** When the widget opens next, as the visitor reads times: weekday and time, or the full date. */
export function formatOpening(lang, iso, now = new Date()) {
  const when = new Date(iso);
  const soon = when - now < 6 * 24 * 3600 * 1000;
  const options = soon
    ? { weekday: 'long', hour: 'numeric', minute: '2-digit' }
    : { dateStyle: 'full', timeStyle: 'short' };
  return new Intl.DateTimeFormat(timeLocale(lang), options).format(when);
}
