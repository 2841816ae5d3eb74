/** Hands a blob to the browser as a file download (the same path Playwright's download event sees). */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoke later: Chromium reads the blob after the click handler has returned.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
