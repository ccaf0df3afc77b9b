// The images the photo tests and the benchmark feed the pipeline, drawn and encoded in Chromium, the same on every
// run (a seeded generator): what a tablet's camera or gallery gives, EXIF and GPS included (./exif.ts), and a file
// that is no image. Nothing is drawn on import: Node imports the colours.
import { buildExifApp1, spliceAfterSoi } from './exif';
import { mulberry32 } from '../../fixtures/departement/prng';

export type FixtureName = 'camera' | 'portrait' | 'png' | 'small' | 'text';
export type Rgb = [number, number, number];

/** The marker colours drawn in the stored corners of the fixtures: where they end up shows the orientation. */
export const RED: Rgb = [220, 20, 20];
export const BLUE: Rgb = [20, 40, 220];

// Tuned so that the camera fixture is a 12-megapixel JPEG as heavy as a camera's (about 4.3 MB at quality 0.92) and,
// like a detailed photograph, over the budget at quality 0.85 once resized (about 530 kB): the search has work to do.
const SHAPES = 150;
const LINES = 60;
/** The texture's grain, in px: coarse enough to survive the resize to 1,600 px. */
const BLOCK = 4;
/** Amplitudes of the texture and of the per-pixel noise, in levels of 255. */
const TEXTURE = 24;
const GRAIN = 16;

const random = mulberry32;

/**
 * A picture with what makes photographs hard to compress: gradients, sharp edges, text, fine texture and
 * sensor-like noise; a red square in the stored top-left corner and a blue one in the stored bottom-right.
 */
function drawPhotoLike(width: number, height: number, seed: number, noise = true): OffscreenCanvas {
  const canvas = new OffscreenCanvas(width, height);
  const g = canvas.getContext('2d', { willReadFrequently: true }) as OffscreenCanvasRenderingContext2D;
  const rnd = random(seed);
  const colour = (alpha = 1) => `rgba(${Math.floor(rnd() * 256)}, ${Math.floor(rnd() * 256)}, ${Math.floor(rnd() * 256)}, ${alpha})`;
  const sky = g.createLinearGradient(0, 0, width * 0.3, height);
  sky.addColorStop(0, '#6fa8dc');
  sky.addColorStop(0.55, '#f6e7c1');
  sky.addColorStop(1, '#6b4f2a');
  g.fillStyle = sky;
  g.fillRect(0, 0, width, height);
  const unit = Math.max(width, height) / 100;
  for (let i = 0; i < SHAPES; i += 1) {
    g.fillStyle = colour(0.5 + rnd() * 0.5);
    const [x, y, w, h] = [rnd() * width, rnd() * height, unit * (1 + rnd() * 12), unit * (1 + rnd() * 12)];
    if (i % 3 === 0) {
      g.beginPath();
      g.ellipse(x, y, w / 2, h / 2, rnd() * Math.PI, 0, 2 * Math.PI);
      g.fill();
    } else {
      g.fillRect(x, y, w, h);
    }
  }
  for (let i = 0; i < LINES; i += 1) {
    g.strokeStyle = colour();
    g.lineWidth = 1 + rnd() * unit * 0.4;
    g.beginPath();
    g.moveTo(rnd() * width, rnd() * height);
    g.lineTo(rnd() * width, rnd() * height);
    g.stroke();
  }
  g.fillStyle = '#111111';
  g.font = `${Math.round(unit * 3)}px sans-serif`;
  for (let i = 0; i < 12; i += 1) g.fillText('TNE 13 · VPI salle 4 · n° inventaire 0042-13', rnd() * width * 0.6, rnd() * height);
  if (noise) addNoise(g, width, height, rnd);
  const side = Math.round(Math.min(width, height) * 0.12);
  g.fillStyle = `rgb(${RED.join(',')})`;
  g.fillRect(0, 0, side, side);
  g.fillStyle = `rgb(${BLUE.join(',')})`;
  g.fillRect(width - side, height - side, side, side);
  return canvas;
}

/** Texture and per-pixel noise, a band of rows at a time to bound the memory. */
function addNoise(g: OffscreenCanvasRenderingContext2D, width: number, height: number, rnd: () => number) {
  const BAND = 240; // a multiple of BLOCK
  const blockCols = Math.ceil(width / BLOCK);
  for (let top = 0; top < height; top += BAND) {
    const rows = Math.min(BAND, height - top);
    const image = g.getImageData(0, top, width, rows);
    const px = image.data;
    const texture = new Float32Array(blockCols * Math.ceil(rows / BLOCK));
    for (let i = 0; i < texture.length; i += 1) texture[i] = (rnd() - 0.5) * TEXTURE;
    for (let y = 0; y < rows; y += 1) {
      for (let x = 0; x < width; x += 1) {
        const i = (y * width + x) * 4;
        const shift = (texture[Math.floor(y / BLOCK) * blockCols + Math.floor(x / BLOCK)] as number) + (rnd() - 0.5) * GRAIN;
        px[i] = (px[i] as number) + shift;
        px[i + 1] = (px[i + 1] as number) + shift + (rnd() - 0.5) * (GRAIN / 3);
        px[i + 2] = (px[i + 2] as number) + shift;
      }
    }
    g.putImageData(image, 0, top);
  }
}

async function jpegWithExif(canvas: OffscreenCanvas, quality: number, orientation: number): Promise<Blob> {
  const jpeg = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/jpeg', quality })).arrayBuffer());
  return new Blob([spliceAfterSoi(jpeg, buildExifApp1(orientation)) as Uint8Array<ArrayBuffer>], { type: 'image/jpeg' });
}

/** A 2000×1500 PNG, like a screenshot (no noise), with a transparent hole in the middle. */
async function pngWithHole(): Promise<Blob> {
  const canvas = drawPhotoLike(2000, 1500, 3, false);
  canvas.getContext('2d')?.clearRect(800, 600, 400, 300);
  return canvas.convertToBlob({ type: 'image/png' });
}

export const MAKE_FIXTURE: Record<FixtureName, () => Promise<Blob>> = {
  // A tablet's back camera held upright: the sensor stores 4000×3000, EXIF Orientation 6 says "turn it a quarter clockwise".
  camera: () => jpegWithExif(drawPhotoLike(4000, 3000, 1), 0.92, 6),
  // A portrait photo stored portrait (Orientation 1), from a gallery.
  portrait: () => jpegWithExif(drawPhotoLike(3000, 4000, 2), 0.9, 1),
  png: pngWithHole,
  // Already smaller than the limit: never enlarged.
  small: () => jpegWithExif(drawPhotoLike(800, 600, 4), 0.9, 1),
  // A file picked from the gallery that says it is a JPEG and is not.
  text: async () => new Blob(['Ceci est une liste de classes, pas une photo.'], { type: 'image/jpeg' }),
};
