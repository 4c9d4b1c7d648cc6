/** A file the server made for the browser to save (hqReports.export, hqReports.annex). */
export interface ExportedFile {
  fileName: string;
  mediaType: string;
  base64: string;
}

export function fileBytes(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(text.length));
  for (let i = 0; i < text.length; i += 1) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/**
 * Saves it as the browser saves a download: a Blob behind an <a download>, clicked once. The object URL
 * is let go a moment later, once the browser has started reading it.
 */
export function saveFile(file: ExportedFile): void {
  const url = URL.createObjectURL(new Blob([fileBytes(file.base64)], { type: file.mediaType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}
