// Hands a file made on the device to the browser's download (no network: a blob: URL of this page).
export function saveFile(parts: BlobPart[], fileName: string, mime: string): void {
  const url = URL.createObjectURL(new Blob(parts, { type: mime }));
  const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
  link.click();
  // The download has started reading the blob; keep it a while for slow tablets.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
