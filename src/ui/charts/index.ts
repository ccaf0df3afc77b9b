// Charts of the pilotage screens (pilotage.md, "Progress figures"), hand-written as small SVG Preact components rather
// than taken from a chart library: the app is built on Preact for its size, and a library such as Chart.js weighs
// 60 KB and more gzipped, several times these four charts and their styles together. Each chart is a <figure> with its
// caption and its data as a table ("Voir les données"); the drawing is aria-hidden, as the table carries every figure.
// Readable in black and white: every bar has its value written beside it, lines differ by their dashes, not colours.
export { ProgressBars, type ProgressRow } from './progress-bars';
export { BarChart, type AmountRow } from './bar-chart';
export { CumulativeChart, cumulativeSteps, type CumulativeStep } from './cumulative-chart';
export { PriorityBars } from './priority-bars';
