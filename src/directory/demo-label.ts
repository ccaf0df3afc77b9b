// How the demonstration directory is named on screen, apart from its forty schools so that a badge costs no more.
export const DEMO_DIRECTORY_LABEL = 'données de démonstration';
