/**
 * The start of a long text cut at a word, with an ellipsis: what a dense table shows of a message whose whole text
 * is one click away. Text no longer than `max` comes back as it is.
 */
export function shortText(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.lastIndexOf(' ', max - 1);
  return `${flat.slice(0, cut > max / 2 ? cut : max - 1).replace(/[\s,;:(]+$/, '')}…`;
}
