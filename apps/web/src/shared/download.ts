/**
 * Saving a file the API sent (a PDF, a CSV): the browser cannot follow a plain link to it because the
 * request needs the bearer token, so the page fetches it and hands the bytes to the browser as a download.
 */

/** The file name from `Content-Disposition: attachment; filename="…"`, or `fallback`. */
export function attachmentName(response: Response, fallback: string): string {
  const header = response.headers.get('content-disposition') ?? '';
  const match = /filename\*=UTF-8''([^;]+)|filename="?([^";]+)"?/i.exec(header);
  const name = match ? (match[1] ? decodeURIComponent(match[1]) : match[2]) : '';
  return name.trim() || fallback;
}

/** Gives `blob` to the browser as a download named `name`. */
export function saveFile(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken the bytes once click() returns; revoking later keeps slow browsers safe.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
