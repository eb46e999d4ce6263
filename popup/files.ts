/** Bytes in and out of the editor: stored data URLs back to files, and files saved as plain downloads. */

/** A stored data URL of a picture back as bytes; null for anything else. */
export function blobOfDataUrl(value: unknown): Blob | null {
  const match = typeof value === 'string' ? /^data:(image\/[a-z]+);base64,([A-Za-z0-9+/]*={0,2})$/.exec(value) : null;
  if (!match) return null;
  const binary = atob(match[2]!);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type: match[1] });
}

/** Saves `blob` as a download named `name`, from the editor's page: no `downloads` permission. */
export function saveFile(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  // Firefox follows a download link's click only while the link is in the document.
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own copy once started.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
