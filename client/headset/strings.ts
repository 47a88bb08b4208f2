// Patient-facing texts. The start screen names no substance: a headset may be seen by others.
export const headsetStrings = {
  en: {
    translation: {
      welcome: 'Welcome',
      pairingCode: 'Enter this code on the practitioner’s screen',
      connecting: 'Connecting…',
      waitingClinician: 'Your practitioner will start in a moment.',
      enterVr: 'Enter VR',
      desktopHint: 'Drag to look around',
      paused: 'Paused',
      pause: 'Pause',
      pausedHint: 'Take a slow breath. Your practitioner will continue with you.',
      linkLost: 'Connection lost: paused until your practitioner resumes.',
      ended: 'The session has ended. Thank you.',
      rating: {
        question: 'How strong is your urge right now?',
        anchors: '0 = none     100 = extreme',
        anchors10: '0 = none     10 = extreme',
        confirm: 'Confirm',
        choose: 'Point and pull the trigger on the line',
      },
    },
  },
  fr: {
    translation: {
      welcome: 'Bienvenue',
      pairingCode: 'Saisissez ce code sur l’écran du praticien',
      connecting: 'Connexion…',
      waitingClinician: 'Votre praticien va commencer dans un instant.',
      enterVr: 'Entrer en VR',
      desktopHint: 'Faites glisser pour regarder autour',
      paused: 'Pause',
      pause: 'Faire une pause',
      pausedHint: 'Respirez lentement. Votre praticien va reprendre avec vous.',
      linkLost: 'Connexion perdue : en pause jusqu’à la reprise par votre praticien.',
      ended: 'La séance est terminée. Merci.',
      rating: {
        question: 'Quelle est la force de votre envie en ce moment ?',
        anchors: '0 = aucune     100 = extrême',
        anchors10: '0 = aucune     10 = extrême',
        confirm: 'Valider',
        choose: 'Visez la ligne et appuyez sur la gâchette',
      },
    },
  },
};
