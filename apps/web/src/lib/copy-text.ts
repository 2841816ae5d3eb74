/**
 * Puts text on the clipboard: the async Clipboard API where the page may use it (a secure context, permission
 * granted), else the old hidden-textarea copy command (plain http on a LAN address, older browsers). Resolves
 * whether it worked, so the page can say "copied" or tell the user to select the text instead.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Refused (no permission, not focused): try the fallback below.
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  const focused = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  document.body.append(area);
  area.select();
  let copied: boolean;
  try {
    copied = document.execCommand('copy');
  } catch {
    copied = false;
  }
  area.remove();
  // Selecting the textarea took focus: give it back, so a keyboard user stays where they were.
  focused?.focus({ preventScroll: true });
  return copied;
}
