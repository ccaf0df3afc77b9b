// The four TNE 13 training themes and their sub-themes (shared/spec/domain.md); ids are a contract.

export interface TrainingTheme {
  id: string;
  label: string;
  subThemes: ReadonlyArray<{ id: string; label: string }>;
}

export const TRAINING_THEMES: readonly TrainingTheme[] = [
  {
    id: 'sciences-numerique',
    label: 'Comprendre les sciences du numérique',
    subThemes: [
      { id: 'robotique-programmation', label: 'Robotique et programmation' },
      { id: 'enjeux-donnees', label: 'Enjeux des données' },
    ],
  },
  {
    id: 'enseigner-numerique',
    label: 'Enseigner avec le numérique',
    subThemes: [
      { id: 'savoirs-fondamentaux', label: 'Savoirs fondamentaux' },
      { id: 'usages-materiels', label: 'Usages pédagogiques des matériels' },
      { id: 'besoins-particuliers', label: 'Élèves à besoins éducatifs particuliers' },
      { id: 'differenciation-remediation', label: 'Différenciation et remédiation' },
    ],
  },
  {
    id: 'citoyen-numerique',
    label: 'Devenir un citoyen numérique',
    subThemes: [
      { id: 'education-medias', label: 'Éducation aux médias' },
      { id: 'interactivite-collaboration', label: 'Interactivité et collaboration entre élèves' },
      { id: 'coeducation', label: 'Coéducation école-famille' },
    ],
  },
  {
    id: 'transformer-pedagogie',
    label: 'Transformer sa pédagogie avec le numérique',
    subThemes: [
      { id: 'pedagogies-inversees', label: 'Pédagogies inversées' },
      { id: 'collaboration-equipe', label: 'Collaboration en équipe' },
      { id: 'hybridation', label: 'Hybridation' },
    ],
  },
];

export const TRAINING_NEED_IDS: readonly string[] = TRAINING_THEMES.flatMap((theme) => [
  theme.id,
  ...theme.subThemes.map((sub) => sub.id),
]);
