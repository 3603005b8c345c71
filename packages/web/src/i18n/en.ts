import { chat } from './en/chat.js';
import { grownUpScreens } from './en/grown-ups.js';
import { kidScreens } from './en/kid-screens.js';

/**
 * English strings. Every key here must exist in zh-CN.ts too (the type and a test check it).
 * Kids' strings are short, friendly and concrete; grown-ups' strings are plain and neutral.
 */
export const en = {
  chat,
  kidScreens,
  app: {
    name: 'KidTalk',
    skipToContent: 'Skip to main content',
    loading: 'Loading…',
    offline: 'You are offline. We will try again when you are back.',
    errorGeneric: 'Something went wrong. Please try again.',
    errorNetwork: 'Cannot reach KidTalk. Check the connection and try again.',
    errorRateLimited: 'Too many tries. Please wait a little and try again.',
    notFound: 'This page does not exist.',
    backHome: 'Back to the start',
    back: 'Back',
  },
  language: {
    label: 'Language',
    en: 'English',
    'zh-CN': '简体中文',
  },
  landing: {
    title: 'Welcome to KidTalk',
    intro: 'Who is using this device?',
    kid: "I'm a kid",
    kidHint: 'Chat with the friends your grown-ups said yes to.',
    grownUp: "I'm a grown-up",
    grownUpHint: 'Chat, and look after your children’s accounts.',
  },
  kid: {
    nav: { label: 'Kids’ app', home: 'Home', chats: 'Chats', friends: 'Friends', me: 'Me' },
    signIn: {
      title: 'Hello! Let’s get started',
      intro: 'Ask your grown-up for a code, then type it here or scan it.',
      codeLabel: 'Code from your grown-up',
      codeHint: 'It has 10 letters and numbers.',
      submit: 'Start',
      scan: 'Scan the code with the camera',
      scanTitle: 'Point the camera at the code',
      scanStop: 'Stop the camera',
      scanHelp: 'Hold the code inside the box. It will be read by itself.',
      cameraDenied: 'We could not use the camera. You can type the code instead.',
      videoLabel: 'Camera picture for scanning the code',
      qrNotKidTalk: 'That code is not a KidTalk code. Ask your grown-up for a new one.',
      codeWrong: 'That code did not work. Ask your grown-up for a new one.',
      working: 'Getting ready…',
    },
    home: {
      title: 'Hi, {{name}}!',
      placeholder: 'Your chats and friends will be here soon.',
    },
    grownUpNeeded: {
      title: 'Grown-up needed',
      intro: 'Please give the device to your grown-up. They need to type the PIN.',
    },
  },
  grownUps: {
    nav: {
      label: 'Grown-ups’ app',
      home: 'Home',
      chats: 'Chats',
      children: 'My children',
      account: 'Account',
    },
    signIn: {
      title: 'Sign in',
      signUpTitle: 'Create an account',
      phoneLabel: 'Mobile phone number',
      phoneHint: 'We send a 6-digit code by SMS.',
      sendCode: 'Send code',
      codeLabel: 'Code from the SMS',
      codeSent: 'We sent a code to {{phone}}.',
      nameLabel: 'Your name',
      nameHint: 'Contacts see this name. You can change it later.',
      submit: 'Sign in',
      submitSignUp: 'Create account',
      changePhone: 'Use another number',
      resend: 'Send a new code',
      haveAccount: 'I already have an account',
      noAccount: 'I am new here',
      noAccountYet: 'No account uses this number yet. Choose “I am new here” to create one.',
      codeWrong: 'That code is wrong or has expired.',
      phoneWrong: 'That does not look like a mobile number.',
    },
    home: {
      title: 'Welcome, {{name}}',
      placeholder: 'Your chats and your children’s accounts will be here.',
      signOut: 'Sign out',
    },
  },
  grownUpScreens,
  ui: {
    yes: 'Yes',
    no: 'No',
    avatarOf: 'Picture of {{name}}',
    pin: {
      label: 'PIN',
      digit: 'Digit {{digit}}',
      delete: 'Delete the last digit',
      entered: '{{count}} of {{length}} digits entered',
      submit: 'OK',
    },
    qrCodeOf: 'QR code: {{text}}',
    required: 'required',
  },
} as const;

type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
/** The shape every language must fill, key for key. */
export type Messages = Widen<typeof en>;
